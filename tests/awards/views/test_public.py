"""Public Awards pages: the index, a cycle's page (results only once published, with the
figures) and the entrant's anonymised feedback."""

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.services.results import award_amend, awards_choose
from tests.awards.services.test_results import scored_stage
from tests.factories import (
    AwardCycleFactory,
    AwardLevelFactory,
    CriterionFactory,
    EditionFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db

INDEX_QUERIES = 3
CYCLE_QUERIES = 10


def _published_cycle(staff, entries=3, number=14):
    """A published cycle: entries scored 50, 90, 70…; Gold to the best, Merit to the next."""
    stage, entries_, judges, _criterion = scored_stage(
        [[5 + (i * 4) % 5] for i in range(entries)],
        stage=None if number == 14 else _stage_for(number),
        kind="final",
    )
    cycle = stage.cycle
    gold = AwardLevelFactory(cycle=cycle, name="Gold", rank=1, winners=entries)
    awards_choose(
        cycle=cycle,
        choices={entry.pk: gold.pk for entry in entries_},
        citations={entries_[0].pk: "Rivers that teach."},
        by=staff,
    )
    cycle.status = "published"
    cycle.published_by = staff
    cycle.save()
    return cycle, entries_, judges, stage


def _stage_for(number):
    from tests.factories import StageFactory

    return StageFactory(
        cycle=AwardCycleFactory(edition=EditionFactory(number=number)), kind="final"
    )


@pytest.mark.parametrize("who", [None, "teacher", "judge", "staff"])
def test_index_shows_published_winners_to_everyone(client, staff, who, request):
    cycle, entries, _judges, _stage = _published_cycle(staff)
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("awards:index"))
    body = response.content.decode()
    assert response.status_code == 200
    for entry in entries:
        assert entry.collaboration.title in body
    assert "Rivers that teach." in body
    assert str(cycle) in body


def test_index_hides_unpublished_winners(client, staff):
    cycle, entries, _judges, _stage = _published_cycle(staff)
    cycle.status = "judging"
    cycle.save()
    body = client.get(reverse("awards:index")).content.decode()
    assert entries[0].collaboration.title not in body
    assert "the judges are at work" in body


def test_index_empty_state(client):
    body = client.get(reverse("awards:index")).content.decode()
    assert "No award results are published yet" in body


def test_index_call_for_entries_button_for_teachers(client, teacher):
    cycle = AwardCycleFactory(status="open")
    enter = reverse("awards:entry_create", args=[cycle.edition.number])
    body = client.get(reverse("awards:index")).content.decode()
    assert "Sign in to enter" in body
    client.force_login(teacher)
    body = client.get(reverse("awards:index")).content.decode()
    assert f'href="{enter}"' in body
    assert "Enter a collaboration" in body


def test_index_hides_draft_cycles(client):
    cycle = AwardCycleFactory(status="draft", title="Secret cycle")
    assert str(cycle) not in client.get(reverse("awards:index")).content.decode()


@pytest.mark.parametrize("cycles", [1, 4])
def test_index_queries_pinned(client, staff, django_assert_num_queries, cycles):
    for number in range(14, 14 + cycles):
        _published_cycle(staff, entries=2, number=number)
    with django_assert_num_queries(INDEX_QUERIES):
        response = client.get(reverse("awards:index"))
    assert len(response.context["latest"]) + len(response.context["past"]) == cycles


def test_cycle_page_shows_winners_and_figures(client, staff):
    cycle, (a, _b, _c), _judges, _stage = _published_cycle(staff)
    partner = MembershipFactory(collaboration=a.collaboration, student_count=30)
    CriterionFactory(cycle=cycle, name="Teamwork", guidance="How the schools worked together.")
    response = client.get(reverse("awards:cycle", args=[14]))
    body = response.content.decode()
    assert a.collaboration.title in body
    assert partner.school.name in body
    assert partner.school.country.flag_url in body
    # 3 entries; schools: three leads' schools + the partner's = 4; teachers 4; students 3 x 60.
    figures = response.context["figures"]
    assert (figures.entries, figures.schools, figures.teachers, figures.students) == (3, 4, 4, 180)
    assert "3 entries from 4 schools in" in body
    assert "engaging 4 teachers and 180 students" in body
    assert "Teamwork" in body


@pytest.mark.parametrize("who", [None, "staff"])
def test_cycle_page_unpublished_shows_no_results_even_to_staff(client, staff, who):
    cycle, (a, _b, _c), _judges, _stage = _published_cycle(staff)
    cycle.status = "judging"
    cycle.save()
    if who:
        client.force_login(staff)
    body = client.get(reverse("awards:cycle", args=[14])).content.decode()
    assert a.collaboration.title not in body
    assert "Rivers that teach." not in body
    assert ("the results are not published" in body) == bool(who)


def test_cycle_page_draft_is_404_except_for_staff(client, teacher, staff):
    AwardCycleFactory(status="draft")
    url = reverse("awards:cycle", args=[14])
    assert client.get(url).status_code == 404
    client.force_login(teacher)
    assert client.get(url).status_code == 404
    client.force_login(staff)
    assert client.get(url).status_code == 200


def test_cycle_page_unknown_is_404(client):
    assert client.get(reverse("awards:cycle", args=[99])).status_code == 404


def test_cycle_page_shows_amendments(client, staff):
    cycle, (a, _b, _c), _judges, _stage = _published_cycle(staff)
    award_amend(
        cycle=cycle, entry=a, level=None, reason="Withdrawn: evidence not original.", by=staff
    )
    body = client.get(reverse("awards:cycle", args=[14])).content.decode()
    assert "Amended on" in body
    assert "Withdrawn: evidence not original." in body
    assert "Rivers that teach." not in body


@pytest.mark.parametrize("winners", [1, 10])
def test_cycle_page_queries_pinned(client, staff, django_assert_num_queries, winners):
    _published_cycle(staff, entries=winners)
    with django_assert_num_queries(CYCLE_QUERIES):
        response = client.get(reverse("awards:cycle", args=[14]))
    assert (
        sum(len(level["awards"]) for g in response.context["winners"] for level in g["levels"])
        == winners
    )


# --- Entrant feedback ----------------------------------------------------------------------


def _feedback_case(staff):
    cycle, (a, _b, _c), judges, stage = _published_cycle(staff)
    assignment = stage.assignments.get(entry=a)
    assignment.comment_to_entrant = "Wonderful student voices."
    assignment.comment_to_staff = "Staff only: borderline."
    assignment.save()
    return cycle, a, judges[0]


def test_feedback_for_the_submitter_is_anonymised(client, staff):
    _cycle, entry, judge = _feedback_case(staff)
    client.force_login(entry.submitted_by.user)
    response = client.get(reverse("awards:entry_feedback", args=[entry.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Judge 1" in body
    assert "Wonderful student voices." in body
    assert judge.user.full_name not in body
    assert judge.user.email not in body
    assert "Staff only: borderline." not in body
    assert "Congratulations" in body  # every entry won Gold here


def test_feedback_for_staff(client, staff):
    _cycle, entry, _judge = _feedback_case(staff)
    client.force_login(staff)
    assert client.get(reverse("awards:entry_feedback", args=[entry.pk])).status_code == 200


def test_feedback_anonymous_is_sent_to_log_in(client, staff):
    _cycle, entry, _judge = _feedback_case(staff)
    response = client.get(reverse("awards:entry_feedback", args=[entry.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["other_teacher", "judge", "own_judge"])
def test_feedback_of_others_is_404(client, staff, who, request):
    _cycle, entry, judge = _feedback_case(staff)
    user = judge.user if who == "own_judge" else request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(reverse("awards:entry_feedback", args=[entry.pk])).status_code == 404


def test_feedback_before_publication_is_404_even_for_the_submitter(client, staff):
    cycle, entry, _judge = _feedback_case(staff)
    cycle.status = "judging"
    cycle.save()
    client.force_login(entry.submitted_by.user)
    assert client.get(reverse("awards:entry_feedback", args=[entry.pk])).status_code == 404


def test_feedback_unknown_entry_is_404(client, teacher):
    client.force_login(teacher)
    assert client.get(reverse("awards:entry_feedback", args=[999999])).status_code == 404


def test_index_open_cycle_not_yet_accepting_says_when(client, teacher):
    opens = timezone.now() + timezone.timedelta(days=10)
    cycle = AwardCycleFactory(status="open", entries_open_at=opens)
    client.force_login(teacher)
    body = client.get(reverse("awards:index")).content.decode()
    assert f"Entries open on {opens:%-d %b %Y}" in body
    assert reverse("awards:entry_create", args=[cycle.edition.number]) not in body
