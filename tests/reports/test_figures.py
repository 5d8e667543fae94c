"""The edition report's figures are right: the 14th edition seeded exactly as ASEF's own sentence
says, with distractors that must not count, gives that sentence word for word."""

import datetime

import pytest

from awards.models import Award
from conferences.models import Application, CheckIn, Edition, Session, WorkshopSignup
from reports.figures import about, dates, edition_figures, number
from schools.models import Country
from tests.factories import (
    AwardCategoryFactory,
    AwardCycleFactory,
    AwardLevelFactory,
    CollaborationFactory,
    EditionFactory,
    EntryFactory,
    MembershipFactory,
    SchoolFactory,
    TeacherProfileFactory,
)

pytestmark = pytest.mark.django_db

REFERENCE = (
    "14 editions organised; the 14th ClassNet Conference, 27-30 November 2018, Helsinki: about "
    "100 teachers from 46 ASEM partner countries; 19 school collaborations organised by 57 "
    "schools from 26 countries contested for the ClassNet Awards, engaging 78 teachers and "
    "1,110 students; 22 project collaborations initiated by Asian and European schools for 2019."
)


def _apply(edition, teacher, status):
    return Application.objects.create(
        edition=edition,
        teacher=teacher,
        school=teacher.school,
        motivation="To meet partners.",
        status=status,
    )


def seed_fourteenth() -> dict:
    """Editions 1-16 and the 14th's data exactly as the reference sentence says, plus
    distractors (returns what the tests look at)."""
    countries = list(Country.objects.order_by("code"))
    assert len(countries) >= 46
    editions = {
        n: EditionFactory(
            number=n,
            title=f"Edition {n}",
            starts_on=datetime.date(2004 + n, 11, 27),
            ends_on=datetime.date(2004 + n, 11, 30),
            status="archived" if n < 10 else "held",
        )
        for n in range(1, 14)
    }
    fourteenth = EditionFactory(number=14, status="held", city="Helsinki")
    editions[14] = fourteenth
    editions[15] = EditionFactory(
        number=15,
        title="Edition 15",
        starts_on=datetime.date(2019, 11, 25),
        ends_on=datetime.date(2019, 11, 29),
        status="held",
    )
    editions[16] = EditionFactory(
        number=16,
        title="Edition 16",
        starts_on=datetime.date(2026, 11, 25),
        ends_on=datetime.date(2026, 11, 29),
        status="applications_open",
    )

    # 98 participants ("about 100") from 46 countries, 10 of them back from the 13th
    participants = [TeacherProfileFactory(user__country=countries[i % 46]) for i in range(98)]
    applications = [_apply(fourteenth, t, "attended") for t in participants]
    for teacher in participants[:10]:
        _apply(editions[13], teacher, "attended")
    # Distractors: approved but not attended; an unverified teacher rejected; the 15th's
    for teacher in [TeacherProfileFactory(user__country=countries[47]) for _ in range(4)]:
        _apply(fourteenth, teacher, "approved")
    _apply(fourteenth, TeacherProfileFactory(pending=True, user__country=countries[48]), "rejected")
    for teacher in participants[10:15]:
        _apply(editions[15], teacher, "attended")
    _apply(editions[15], TeacherProfileFactory(user__country=countries[49]), "attended")

    # Programme: a workshop with 3 sign-ups; check-ins on two days
    workshop = Session.objects.create(
        edition=fourteenth,
        kind="workshop",
        title="Planning a collaboration",
        starts_at=datetime.datetime(2018, 11, 28, 9, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2018, 11, 28, 11, tzinfo=datetime.UTC),
    )
    for application in applications[:3]:
        WorkshopSignup.objects.create(session=workshop, application=application)
    for application in applications[:5]:
        CheckIn.objects.create(application=application, day=datetime.date(2018, 11, 27))
    for application in applications[:2]:
        CheckIn.objects.create(application=application, day=datetime.date(2018, 11, 28))

    # 19 submitted entries: 57 schools (3 a collaboration) from 26 countries, 78 teachers
    # (21 more teachers join a second collaboration from a school already entered), 1,110 pupils
    cycle = AwardCycleFactory(edition=fourteenth, status="published")
    category = AwardCategoryFactory(cycle=cycle, name="Best collaboration")
    level = AwardLevelFactory(cycle=cycle, name="Winner", rank=1)
    schools = [SchoolFactory(country=countries[j % 26]) for j in range(57)]
    collaborations = []
    for i in range(19):
        lead = TeacherProfileFactory(school=schools[3 * i], user__country=schools[3 * i].country)
        collaboration = CollaborationFactory(lead=lead, status="completed")
        for school in schools[3 * i + 1 : 3 * i + 3]:
            MembershipFactory(
                collaboration=collaboration,
                school=school,
                teacher=TeacherProfileFactory(school=school, user__country=school.country),
            )
        collaborations.append((collaboration, lead))
    for k in range(21):
        collaboration = collaborations[k % 19][0]
        school = schools[(3 * (k % 19) + 3 + k // 19) % 57]  # a school of another collaboration
        MembershipFactory(
            collaboration=collaboration,
            school=school,
            teacher=TeacherProfileFactory(school=school, user__country=school.country),
        )
    entries = [
        EntryFactory(
            cycle=cycle,
            category=category,
            collaboration=collaboration,
            submitted_by=lead,
            student_count=66 if i == 18 else 58,
        )
        for i, (collaboration, lead) in enumerate(collaborations)
    ]
    Award.objects.create(cycle=cycle, entry=entries[0], level=level)
    # Distractors: withdrawn, draft and disqualified entries from countries not entered
    for status in ("withdrawn", "draft", "disqualified"):
        EntryFactory(
            cycle=cycle,
            category=category,
            status=status,
            student_count=500,
            submitted_by=TeacherProfileFactory(user__country=countries[45]),
        )
    EntryFactory(
        cycle=AwardCycleFactory(edition=editions[15]),
        student_count=300,
        submitted_by=TeacherProfileFactory(user__country=countries[44]),
    )

    # 22 public collaborations initiated at the 14th by schools of both regions; one with
    # schools of one region only counts as initiated but not in the sentence; a draft one and
    # the 15th's do not count at all
    host = participants[0]
    other_region = next(c for c in countries if c.region != host.school.country.region)
    partner = TeacherProfileFactory(school=SchoolFactory(country=other_region))
    for status in ["open"] * 12 + ["running"] * 6 + ["completed"] * 4:
        collaboration = CollaborationFactory(lead=host, status=status, initiated_at=fourteenth)
        MembershipFactory(collaboration=collaboration, teacher=partner)
    CollaborationFactory(lead=host, status="open", initiated_at=fourteenth)
    CollaborationFactory(lead=host, status="draft", initiated_at=fourteenth)
    CollaborationFactory(lead=host, status="open", initiated_at=editions[15])
    return {"edition": fourteenth, "entries": entries, "participants": participants}


def test_the_sentence_is_the_reference_word_for_word():
    seeded = seed_fourteenth()

    figures = edition_figures(seeded["edition"])

    assert figures.sentence() == REFERENCE
    assert (figures.participants, figures.participant_countries) == (98, 46)
    assert (figures.entries, figures.entry_schools, figures.entry_countries) == (19, 57, 26)
    assert (figures.entry_teachers, figures.entry_students) == (78, 1110)
    assert (figures.initiated, figures.initiated_bi_regional) == (23, 22)
    assert (figures.returning, figures.returning_share) == (10, "10%")

    tables = {table.name: table for table in figures.tables}
    by_country = tables["Participants by country"].rows
    assert len(by_country) == 46
    assert sum(row[2] for row in by_country) == 98
    assert sum(row[2] for row in tables["Participants by region"].rows) == 98
    assert tables["Participants by school kind"].rows == [["Secondary school", 98]]
    assert tables["Returning participants"].rows == [[98, 10, "10%"]]
    assert [row[3] for row in tables["Workshop sign-ups"].rows] == [3]
    assert tables["Check-ins per day"].rows == [["27 November 2018", 5], ["28 November 2018", 2]]
    [award] = tables["Award results"].rows
    assert award[:3] == ["Best collaboration", "Winner", seeded["entries"][0].collaboration.title]
    assert len(award[3].split("; ")) == 5  # its 3 schools + 2 joined from other collaborations


def test_the_figures_cost_a_fixed_number_of_queries(django_assert_num_queries):
    edition = EditionFactory(number=3)
    cycle = AwardCycleFactory(edition=edition)
    level = AwardLevelFactory(cycle=cycle)

    def participant_with_winning_entry():
        teacher = TeacherProfileFactory()
        _apply(edition, teacher, "attended")
        Award.objects.create(
            cycle=cycle, level=level, entry=EntryFactory(cycle=cycle, submitted_by=teacher)
        )

    participant_with_winning_entry()
    with django_assert_num_queries(14):
        edition_figures(edition)
    for _ in range(4):
        participant_with_winning_entry()
    with django_assert_num_queries(14):
        figures = edition_figures(edition)
    assert (figures.participants, figures.entries) == (5, 5)
    assert len(next(t for t in figures.tables if t.name == "Award results").rows) == 5


def _held_before(number: int) -> None:
    for n in range(1, number):
        EditionFactory(
            number=n,
            starts_on=datetime.date(2004 + n, 11, 27),
            ends_on=datetime.date(2004 + n, 11, 30),
            status="archived",
        )


def test_returning_participants_are_not_recorded_when_no_earlier_edition_has_records():
    _held_before(14)
    fourteenth = EditionFactory(number=14, status="held")
    for _ in range(3):
        _apply(fourteenth, TeacherProfileFactory(), "attended")

    figures = edition_figures(fourteenth)

    assert ("Returning participants", "Not recorded") in figures.key_figures()
    tables = {table.name: table for table in figures.tables}
    assert tables["Returning participants"].rows == [[3, "Not recorded", "Not recorded"]]


def test_returning_participants_count_from_the_first_edition_with_records():
    _held_before(14)
    fourteenth = EditionFactory(number=14, status="held")
    back = TeacherProfileFactory()
    _apply(Edition.objects.get(number=13), back, "attended")
    _apply(fourteenth, back, "attended")
    _apply(fourteenth, TeacherProfileFactory(), "attended")

    figures = edition_figures(fourteenth)

    assert ("Returning participants", "1 (50%) since the 13th") in figures.key_figures()
    tables = {table.name: table for table in figures.tables}
    assert tables["Returning participants"].rows == [[2, 1, "50%"]]


def test_returning_participants_of_the_first_edition_are_none():
    first = EditionFactory(number=1, status="held")
    _apply(first, TeacherProfileFactory(), "attended")

    figures = edition_figures(first)

    assert ("Returning participants", "0 (0%)") in figures.key_figures()


def test_an_edition_without_awards_says_so():
    edition = EditionFactory(
        number=2,
        starts_on=datetime.date(2006, 11, 30),
        ends_on=datetime.date(2006, 12, 2),
        city="Hanoi",
    )
    for _ in range(3):
        _apply(edition, TeacherProfileFactory(), "approved")

    figures = edition_figures(edition)

    assert figures.sentence() == (
        "1 editions organised; the 2nd ClassNet Conference, 30 November - 2 December 2006, "
        "Hanoi: about 3 teachers from 1 ASEM partner countries; no school collaborations "
        "contested for the ClassNet Awards; 0 project collaborations initiated by Asian and "
        "European schools for 2007."
    )
    [awards] = [t for t in figures.tables if t.name == "Award results"]
    assert awards.rows == []
    assert awards.empty == "There was no ClassNet Awards cycle at this edition."
    assert ("ClassNet Awards", "No award cycle at this edition") in figures.key_figures()


@pytest.mark.parametrize(
    ("value", "shown"), [(98, 100), (94, 90), (95, 100), (104, 100), (49, 49), (7, 7), (1234, 1230)]
)
def test_about_rounds_to_tens_from_fifty(value, shown):
    assert about(value) == shown


def test_dates_and_numbers():
    assert dates(datetime.date(2018, 11, 27), datetime.date(2018, 11, 30)) == "27-30 November 2018"
    assert (
        dates(datetime.date(2018, 11, 30), datetime.date(2018, 12, 2))
        == "30 November - 2 December 2018"
    )
    assert (
        dates(datetime.date(2018, 12, 30), datetime.date(2019, 1, 2))
        == "30 December 2018 - 2 January 2019"
    )
    assert number(1110) == "1,110"
    assert number(1234567) == "1,234,567"
    assert number(7) == "7"
