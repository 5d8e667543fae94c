"""Reading the activity record of one target."""

import pytest

from core.audit.selectors import audit_entries_for
from core.audit.services import audit_record
from tests.factories import SchoolFactory, StaffFactory, TeacherProfileFactory

pytestmark = pytest.mark.django_db


def test_audit_entries_for_one_target_newest_first(django_assert_num_queries):
    staff, school = StaffFactory(), SchoolFactory()
    older = audit_record(actor=staff, action="school.proposed", target=school)
    newer = audit_record(actor=staff, action="school.verified", target=school)
    audit_record(actor=staff, action="school.edited", target=SchoolFactory())
    # Another model whose row has the same id: not this school's history.
    profile = TeacherProfileFactory()
    profile.pk = school.pk
    audit_record(actor=staff, action="teacher.verified", target=profile)

    with django_assert_num_queries(1):
        entries = list(audit_entries_for(target=school))
        actors = [entry.actor for entry in entries]

    assert entries == [newer, older]
    assert actors == [staff, staff]


def test_audit_entries_for_is_limited():
    school = SchoolFactory()
    for _ in range(3):
        audit_record(actor=None, action="school.edited", target=school)

    assert len(audit_entries_for(target=school, limit=2)) == 2
