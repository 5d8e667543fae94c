"""Helpers for the tests of the collaboration services: a plan and a join request."""

import datetime

from collaborations.models import JoinRequest

from ...factories import LanguageFactory, SubjectFactory

TODAY = datetime.date(2030, 3, 1)


def plan(**changes) -> dict:
    data = {
        "title": "  Bees and cities ",
        "summary": "Classes count pollinators.",
        "description": "Every month both classes count bees.",
        "subjects": [SubjectFactory(name="Biology")],
        "languages": [LanguageFactory(code="en")],
        "theme_names": ["Climate", "urban nature"],
        "kind": "online",
        "student_age_min": 12,
        "student_age_max": 15,
        "ict_tools": "Padlet",
        "starts_on": TODAY,
        "ends_on": TODAY + datetime.timedelta(days=180),
        "partner_schools_wanted": 3,
        "wanted_region": "asia",
    }
    return data | changes


def ask(collaboration, teacher, **kwargs) -> JoinRequest:
    return JoinRequest.objects.create(
        collaboration=collaboration,
        teacher=teacher,
        school=teacher.school,
        student_count=kwargs.pop("student_count", 20),
        message="Hello",
        **kwargs,
    )
