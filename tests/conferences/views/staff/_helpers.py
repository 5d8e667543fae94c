"""Helpers of the tests of the staff pages for editions (conferences/views/staff.py)."""

import datetime

from django.urls import reverse

from tests.factories import CountryFactory

UTC = datetime.UTC
ROLES = ["anonymous", "teacher", "other_teacher", "judge", "staff"]
STATUS_BY_ROLE = {
    "anonymous": 302,
    "teacher": 403,
    "other_teacher": 403,
    "judge": 403,
    "staff": 200,
}


def _edition_post(**overrides):
    data = {
        "number": "18",
        "title": "Climate and Classrooms",
        "theme": "Climate",
        "format": "in_person",
        "city": "Tokyo",
        "country": str(CountryFactory(code="JP").pk),
        "venue": "UN University",
        "time_zone": "",
        "starts_on": "2030-11-25",
        "ends_on": "2030-11-29",
        "capacity": "100",
        "offer_hours": "72",
        "reminder_days": "7",
        "applications_open_at": "2030-03-01T09:00",
        "applications_close_at": "2030-06-30T17:00",
        "description": "Five days in Tokyo.",
        "quotas-TOTAL_FORMS": "2",
        "quotas-INITIAL_FORMS": "0",
        "quotas-MIN_NUM_FORMS": "0",
        "quotas-MAX_NUM_FORMS": "60",
        "quotas-0-country": "",
        "quotas-0-max_teachers": "",
        "quotas-1-country": "",
        "quotas-1-max_teachers": "",
        "targets-TOTAL_FORMS": "1",
        "targets-INITIAL_FORMS": "0",
        "targets-MIN_NUM_FORMS": "0",
        "targets-MAX_NUM_FORMS": "2",
        "targets-0-region": "",
        "targets-0-target": "",
    }
    return data | overrides


def _urls(edition, session):
    n = edition.number
    return [
        reverse("conferences_staff:editions"),
        reverse("conferences_staff:edition_create"),
        reverse("conferences_staff:edition", args=[n]),
        reverse("conferences_staff:edition_edit", args=[n]),
        reverse("conferences_staff:programme", args=[n]),
        reverse("conferences_staff:session_create", args=[n]),
        reverse("conferences_staff:session_edit", args=[n, session.pk]),
        reverse("conferences_staff:session_delete", args=[n, session.pk]),
    ]
