"""The figures other apps' selectors give the reports (conferences, collaborations, awards,
schools, teachers): each counts exactly what the reports say, and leaves out what they leave
out."""

import pytest
from django.utils import timezone

from awards.selectors.figures import (
    cycle_of_edition,
    scorecards_to_submit_count,
    submitted_entry_count,
)
from collaborations.selectors.figures import (
    public_collaboration_totals,
    public_collaborations_by_year,
)
from conferences.selectors.figures import (
    applications_to_decide_count,
    conference_teacher_count,
    earlier_edition_records,
    edition_for_report,
    editions_for_reports,
    held_editions,
)
from schools.models import Country
from schools.selectors import partner_countries, verified_schools
from teachers.selectors import verified_teachers

from ..factories import (
    AssignmentFactory,
    AwardCycleFactory,
    CollaborationFactory,
    CountryFactory,
    EditionFactory,
    EntryFactory,
    MembershipFactory,
    SchoolFactory,
    StageFactory,
    TeacherProfileFactory,
)
from ._exports import application

pytestmark = pytest.mark.django_db


def test_partner_countries_by_region_then_name_and_verified_schools_and_teachers():
    finland = CountryFactory(code="FI", name="Finland", region="europe")
    japan = CountryFactory(code="JP", name="Japan", region="asia")
    school = SchoolFactory(country=finland)
    SchoolFactory(country=japan, proposed=True)
    teacher = TeacherProfileFactory(school=school)
    TeacherProfileFactory(school=school, pending=True)

    countries = list(partner_countries())
    assert [(c.region, c.name) for c in countries] == sorted((c.region, c.name) for c in countries)
    assert {finland, japan} <= set(countries)
    assert len(countries) == Country.objects.count()  # every partner country, none left out
    assert list(verified_schools()) == [school]
    assert list(verified_teachers()) == [teacher]


def test_held_editions_oldest_first_and_the_editions_a_report_can_be_made_for():
    thirteen = EditionFactory(number=13, status="archived")
    fourteen = EditionFactory(number=14, status="held")
    fifteen = EditionFactory(number=15, status="published")
    EditionFactory(number=16, status="draft")

    assert list(held_editions()) == [thirteen, fourteen]
    assert list(editions_for_reports()) == [fourteen, fifteen, thirteen]
    assert edition_for_report(number=15) == fifteen
    assert edition_for_report(number=16) is None
    assert edition_for_report(number=99) is None


def test_conference_teachers_count_attended_or_approved_where_nobody_checked_in():
    checked_in = EditionFactory(number=13, status="held")
    not_checked_in = EditionFactory(number=14, status="held")
    to_come = EditionFactory(number=15, status="published")
    application(checked_in, name="Attended", status="attended")
    application(checked_in, name="Approved only", status="approved")
    application(not_checked_in, name="Approved", status="approved")
    application(not_checked_in, name="Rejected", status="rejected")
    application(to_come, name="Coming", status="approved")

    assert conference_teacher_count() == 2


def test_earlier_edition_records_and_applications_to_decide():
    EditionFactory(number=12, status="held")
    thirteen = EditionFactory(number=13, status="held")
    fourteen = EditionFactory(number=14, status="held")
    application(thirteen, name="Came", status="attended")
    application(fourteen, name="Waiting", status="submitted")
    application(fourteen, name="Reviewed", status="under_review")

    assert earlier_edition_records(edition=fourteen) == {
        "earlier": 2,
        "recorded": 1,
        "first": 13,
    }
    assert applications_to_decide_count() == 2


def test_public_collaboration_totals_and_years():
    asia = SchoolFactory(country=CountryFactory(code="JP", region="asia"))
    europe = SchoolFactory(country=CountryFactory(code="FI", region="europe"))
    both = CollaborationFactory(lead=TeacherProfileFactory(school=asia))  # 20 students
    MembershipFactory(collaboration=both, teacher=TeacherProfileFactory(school=europe))  # 25
    CollaborationFactory(lead=TeacherProfileFactory(school=europe))  # 20 students
    CollaborationFactory(status="draft")

    assert public_collaboration_totals() == {
        "collaborations": 2,
        "bi_regional": 1,
        "students": 65,
    }
    year = timezone.now().year
    assert list(public_collaborations_by_year()) == [
        {"created_year": year, "initiated_year": None, "n": 2}
    ]


def test_award_figures():
    edition = EditionFactory(number=14)
    cycle = AwardCycleFactory(edition=edition)
    EntryFactory(cycle=cycle)
    EntryFactory(cycle=cycle, status="draft")
    stage = StageFactory(cycle=cycle, status="open")
    AssignmentFactory(stage=stage)
    AssignmentFactory(stage=stage, status="submitted", submitted_at=timezone.now())

    assert cycle_of_edition(edition=edition) == cycle
    assert cycle_of_edition(edition=EditionFactory(number=15)) is None
    assert submitted_entry_count() == 3  # one, and the two the assignments entered
    assert scorecards_to_submit_count() == 1
