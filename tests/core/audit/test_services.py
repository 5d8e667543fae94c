"""The activity record: who did what to which record, and when."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType

from core.audit.models import AuditEntry
from core.audit.services import audit_record
from schools.models import School
from tests.factories import SchoolFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_audit_record_keeps_actor_action_target_and_note():
    staff, school = StaffFactory(), SchoolFactory()

    entry = audit_record(actor=staff, action="school.verified", target=school, note="Checked")

    assert list(AuditEntry.objects.all()) == [entry]
    assert (entry.actor, entry.action, entry.note) == (staff, "school.verified", "Checked")
    assert (entry.target_type, entry.target_id) == (
        ContentType.objects.get_for_model(School),
        school.pk,
    )
    assert entry.target == school
    assert entry.created_at is not None
    assert str(entry) == f"school.verified school #{school.pk}"


@pytest.mark.parametrize("actor", [None, AnonymousUser()])
def test_audit_record_without_a_signed_in_actor_is_the_system(actor):
    entry = audit_record(actor=actor, action="teacher.erased", target=SchoolFactory())

    assert entry.actor is None


def test_audit_entries_outlive_their_actor():
    staff = StaffFactory()
    entry = audit_record(actor=staff, action="school.verified", target=SchoolFactory())

    staff.delete()

    entry.refresh_from_db()
    assert entry.actor is None
