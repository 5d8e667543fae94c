"""The shared history card (templates/staff/_history.html): every time names its zone."""

import datetime
import zoneinfo

import pytest
from django.template.loader import render_to_string

from core.audit.models import AuditEntry
from core.audit.selectors import audit_history
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

MOMENT = datetime.datetime(2030, 3, 1, 2, 5, tzinfo=datetime.UTC)


@pytest.fixture
def history():
    staff = StaffFactory(full_name="Sam Staff")
    entry = AuditEntry.objects.create(actor=staff, action="thing.done", target=staff)
    AuditEntry.objects.filter(pk=entry.pk).update(created_at=MOMENT)
    return audit_history(target=staff, labels={"thing.done": "Done"})


def test_times_are_utc_and_say_so_by_default(history):
    html = render_to_string("staff/_history.html", {"history": history})

    assert ">1 Mar 2030, 02:05 UTC</time>" in html


def test_times_in_a_zone_given_are_on_its_clock_and_named(history):
    html = render_to_string(
        "staff/_history.html",
        {"history": history, "history_zone": zoneinfo.ZoneInfo("Asia/Bangkok")},
    )

    assert ">1 Mar 2030, 09:05 (Asia/Bangkok)</time>" in html
    assert 'datetime="2030-03-01T09:05:00+07:00"' in html
