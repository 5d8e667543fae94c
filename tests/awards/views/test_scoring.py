"""The judge's pages: the dashboard, the scorecard (blind or named), and the My ClassNet panel,
for every role."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.models import Assignment, Evidence, Score
from awards.services.scorecards import scorecard_save, scorecard_submit
from tests.awards.services.test_scorecards import (
    LEAD_NAME,
    LEAD_SCHOOL,
    PARTNER_SCHOOL,
    all_scores,
    scoring_setup,
    stored,
)
from tests.factories import (
    AssignmentFactory,
    CycleJudgeFactory,
    EditionFactory,
    JudgeFactory,
    StaffFactory,
    TeacherProfileFactory,
)

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("awards:judge_dashboard")


def scorecard_url(assignment) -> str:
    return reverse("awards:scorecard", args=[assignment.pk])


def form_data(rubric, values, action="save", **extra) -> dict:
    data = {"action": action, "comment_to_staff": "", "comment_to_entrant": ""} | extra
    for criterion, value in zip(rubric, values, strict=True):
        if value is not None:
            data[f"criterion_{criterion.pk}"] = str(value)
    return data


# --- the dashboard ---------------------------------------------------------------------------


def test_dashboard_sends_visitors_to_log_in(client):
    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["teacher", "other_teacher", "staff", "judge"])
def test_dashboard_is_403_with_an_explanation_for_people_not_judging(client, request, role):
    scoring_setup()  # a cycle with an active judge, who is someone else
    client.force_login(request.getfixturevalue(role))

    response = client.get(DASHBOARD)

    assert response.status_code == 403
    assert "You are not judging an awards cycle" in response.content.decode()


def test_dashboard_is_403_for_an_invited_judge_who_has_not_accepted(client, judge):
    assignment, _rubric = scoring_setup(judge=judge)
    assignment.judge.status = "invited"
    assignment.judge.save()
    client.force_login(judge)

    assert client.get(DASHBOARD).status_code == 403


def test_dashboard_lists_the_judges_own_assignments_with_progress(client, judge):
    assignment, rubric = scoring_setup(judge=judge)
    mine = AssignmentFactory(stage=assignment.stage, judge=assignment.judge)
    others = AssignmentFactory(stage=assignment.stage)  # another judge's
    scorecard_submit(assignment=assignment, by=judge, scores=all_scores(rubric))
    client.force_login(judge)

    response = client.get(DASHBOARD)

    body = response.content.decode()
    assert response.status_code == 200
    assert "1 of 2 submitted" in body
    assert scorecard_url(assignment) in body
    assert scorecard_url(mine) in body
    assert scorecard_url(others) not in body
    assert others.entry.collaboration.title not in body
    assert reverse("awards:judge_conflicts", args=[14]) in body
    assert "Deadline:" in body


def test_dashboard_of_a_judge_of_another_cycle_shows_only_theirs(client, judge):
    theirs, _rubric = scoring_setup(number=15, judge=judge)
    other, _rubric = scoring_setup(number=14)
    client.force_login(judge)

    body = client.get(DASHBOARD).content.decode()

    assert scorecard_url(theirs) in body
    assert scorecard_url(other) not in body


def test_dashboard_cycle_without_assignments_says_what_comes_next(client, judge):
    CycleJudgeFactory(user=judge, cycle__edition=EditionFactory(number=16))
    client.force_login(judge)

    response = client.get(DASHBOARD)

    assert response.status_code == 200
    assert "No entries are assigned to you in this cycle yet." in response.content.decode()


@pytest.mark.parametrize("count", [1, 50])
def test_dashboard_runs_a_fixed_number_of_queries(client, judge, count, django_assert_num_queries):
    assignment, _rubric = scoring_setup(judge=judge)
    for _ in range(count - 1):
        AssignmentFactory(stage=assignment.stage, judge=assignment.judge)
    client.force_login(judge)

    # 9: the cycle's stages are prefetched once (whether conflicts can still be declared).
    with django_assert_num_queries(9):
        response = client.get(DASHBOARD)

    [cycle] = response.context["cycles"]
    assert cycle.stages[0].total == count


# --- the scorecard: who may open it ------------------------------------------------------------


def test_scorecard_sends_visitors_to_log_in(client):
    assignment, _rubric = scoring_setup()

    response = client.get(scorecard_url(assignment))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["teacher", "other_teacher", "staff", "judge"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_scorecard_is_404_for_everyone_but_its_judge(client, request, role, method):
    assignment, rubric = scoring_setup()
    if role == "judge":  # a judge of the same cycle, with an assignment of their own
        AssignmentFactory(
            stage=assignment.stage,
            judge=CycleJudgeFactory(
                cycle=assignment.stage.cycle, user=request.getfixturevalue("judge")
            ),
        )
    client.force_login(request.getfixturevalue(role))

    response = getattr(client, method)(scorecard_url(assignment), form_data(rubric, [5, 5, 5]))

    assert response.status_code == 404
    assert stored(assignment) == {}


def test_scorecard_is_404_for_a_judge_of_another_cycle(client, judge):
    assignment, _rubric = scoring_setup(number=14)
    CycleJudgeFactory(user=judge, cycle__edition=EditionFactory(number=15))
    client.force_login(judge)

    assert client.get(scorecard_url(assignment)).status_code == 404


def test_scorecard_is_404_for_its_judge_once_removed(client, judge):
    assignment, _rubric = scoring_setup(judge=judge)
    assignment.judge.status = "removed"
    assignment.judge.save()
    client.force_login(judge)

    assert client.get(scorecard_url(assignment)).status_code == 404


# --- the scorecard: what it shows --------------------------------------------------------------


def test_blind_scorecard_hides_schools_teachers_and_the_lead(client, judge):
    assignment, _rubric = scoring_setup(blind=True, judge=judge)
    # Issue 12: the title finds the public page naming the schools; the summary and the
    # description name the towns. Blind judging shows "Entry N" and the statement only.
    collaboration = assignment.entry.collaboration
    collaboration.title = "Arctic and Monsoon Weather Diaries"
    collaboration.summary = "Students in Tampere and Dhaka keep weather diaries."
    collaboration.description = "Every day the classes in Rovaniemi and Osaka record rain."
    collaboration.save()
    client.force_login(judge)

    body = client.get(scorecard_url(assignment)).content.decode()

    assert f"Entry {assignment.entry.pk}" in body
    assert assignment.entry.statement in body
    for hidden in [LEAD_SCHOOL, PARTNER_SCHOOL, LEAD_NAME, "Sato Haruto"]:
        assert hidden not in body
    for hidden in ["Arctic and Monsoon", "Tampere", "Dhaka", "Rovaniemi", "Osaka"]:
        assert hidden not in body
    assert "Finland" in body
    assert "Japan" in body
    assert "Blind judging" in body


@pytest.mark.parametrize("blind", [True, False])
def test_dashboard_names_entries_by_number_in_blind_judging(client, judge, blind):
    assignment, _rubric = scoring_setup(blind=blind, judge=judge)
    collaboration = assignment.entry.collaboration
    collaboration.title = "Tampere and Dhaka Weather Diaries"
    collaboration.save()
    client.force_login(judge)

    body = client.get(DASHBOARD).content.decode()

    assert ("Tampere and Dhaka Weather Diaries" in body) is not blind
    assert (f"Entry {assignment.entry.pk}" in body) is blind


def test_named_scorecard_shows_the_schools(client, judge):
    assignment, _rubric = scoring_setup(blind=False, judge=judge)
    client.force_login(judge)

    body = client.get(scorecard_url(assignment)).content.decode()

    assert assignment.entry.collaboration.title in body
    assert assignment.entry.collaboration.summary in body

    assert LEAD_SCHOOL in body
    assert PARTNER_SCHOOL in body


def test_scorecard_shows_the_rubric_accessibly(client, judge):
    assignment, rubric = scoring_setup(judge=judge)
    Evidence.objects.create(entry=assignment.entry, title="Our film", url="https://video.example/1")
    client.force_login(judge)

    body = client.get(scorecard_url(assignment)).content.decode()

    assert body.count("<legend") == len(rubric) + 1  # a fieldset per criterion, and comments
    assert "How well the entry shows teamwork." in body
    assert "Exemplary" in body
    assert f'name="criterion_{rubric[0].pk}" id="id_criterion_{rubric[0].pk}_5" value="5"' in body
    assert "https://video.example/1" in body
    assert "shown to the entrant after the results are published, without your name" in (
        body.lower()
    )


def test_scorecard_never_shows_another_judges_scores_or_comments(client, judge):
    assignment, rubric = scoring_setup(judge=judge)
    colleague = AssignmentFactory(stage=assignment.stage, entry=assignment.entry)
    scorecard_submit(
        assignment=colleague,
        by=colleague.judge.user,
        scores=all_scores(rubric, 1),
        comment_to_staff="Colleague's private doubts",
        comment_to_entrant="Colleague's kind words",
    )
    client.force_login(judge)

    body = client.get(scorecard_url(assignment)).content.decode()

    assert "Colleague's private doubts" not in body
    assert "Colleague's kind words" not in body
    assert " checked" not in body


@pytest.mark.parametrize("criteria", [1, 3])
def test_scorecard_runs_a_fixed_number_of_queries(
    client, judge, criteria, django_assert_num_queries
):
    assignment, rubric = scoring_setup(judge=judge, criteria=criteria)
    scorecard_save(assignment=assignment, by=judge, scores=all_scores(rubric))
    for n in range(criteria):
        Evidence.objects.create(entry=assignment.entry, title=f"Link {n}", url="https://x.example")
    client.force_login(judge)

    with django_assert_num_queries(12):
        response = client.get(scorecard_url(assignment))

    assert len(response.context["rows"]) == criteria


# --- the scorecard: saving and submitting -----------------------------------------------------


def test_save_draft_with_a_criterion_missing(client, judge):
    assignment, rubric = scoring_setup(judge=judge)
    client.force_login(judge)

    response = client.post(
        scorecard_url(assignment),
        form_data(rubric, [5, None, 2], comment_to_staff="Check the video."),
        follow=True,
    )

    assert "Draft saved" in response.content.decode()
    assert stored(assignment) == {rubric[0].pk: 5, rubric[2].pk: 2}
    assignment.refresh_from_db()
    assert (assignment.status, assignment.comment_to_staff) == ("draft", "Check the video.")
    # The saved values come back checked.
    assert f'id="id_criterion_{rubric[0].pk}_5" value="5" checked' in response.content.decode()


def test_submit_with_a_criterion_missing_is_refused_and_keeps_the_input(client, judge):
    assignment, rubric = scoring_setup(judge=judge)
    client.force_login(judge)

    response = client.post(
        scorecard_url(assignment),
        form_data(rubric, [5, None, 2], action="submit", confirm_final="on"),
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "Score this criterion before you submit." in body
    assert "Still missing: Teamwork." in body
    assert f'id="id_criterion_{rubric[0].pk}_5" value="5" checked' in body
    assert stored(assignment) == {}
    assert Assignment.objects.get(pk=assignment.pk).status == "assigned"


def test_submit_without_the_confirmation_is_refused(client, judge):
    assignment, rubric = scoring_setup(judge=judge)
    client.force_login(judge)

    response = client.post(scorecard_url(assignment), form_data(rubric, [5, 4, 3], "submit"))

    assert "Tick the box to confirm" in response.content.decode()
    assert Assignment.objects.get(pk=assignment.pk).status == "assigned"


def test_a_value_off_the_scale_is_refused_with_a_message(client, judge):
    assignment, rubric = scoring_setup(judge=judge)
    client.force_login(judge)

    response = client.post(scorecard_url(assignment), form_data(rubric, [9, 4, 3]))

    assert "Choose a score from 1 to 5." in response.content.decode()
    assert stored(assignment) == {}


def test_submit_locks_the_scorecard_read_only(client, judge):
    assignment, rubric = scoring_setup(judge=judge)
    client.force_login(judge)

    response = client.post(
        scorecard_url(assignment),
        form_data(rubric, [5, 4, 3], "submit", confirm_final="on"),
        follow=True,
    )

    body = response.content.decode()
    assert "Your scores are submitted" in body
    assert "Submitted on" in body
    assert "Submit final scores" not in body
    assert stored(assignment) == {rubric[0].pk: 5, rubric[1].pk: 4, rubric[2].pk: 3}


def test_a_submitted_scorecard_leads_to_the_next_entry(client, judge):
    assignment, rubric = scoring_setup(judge=judge)
    following = AssignmentFactory(stage=assignment.stage, judge=assignment.judge)
    scorecard_submit(assignment=assignment, by=judge, scores=all_scores(rubric))
    client.force_login(judge)

    body = client.get(scorecard_url(assignment)).content.decode()

    assert "Score the next entry" in body
    assert scorecard_url(following) in body


def test_posting_after_submit_changes_nothing(client, judge):
    assignment, rubric = scoring_setup(judge=judge)
    scorecard_submit(assignment=assignment, by=judge, scores=all_scores(rubric, 4))
    client.force_login(judge)

    response = client.post(scorecard_url(assignment), form_data(rubric, [1, 1, 1]), follow=True)

    assert "Your scores for this entry are final." in response.content.decode()
    assert stored(assignment) == all_scores(rubric, 4)


def test_a_closed_stage_shows_the_scorecard_read_only(client, judge):
    assignment, rubric = scoring_setup(judge=judge, stage_status="closed")
    client.force_login(judge)

    page = client.get(scorecard_url(assignment)).content.decode()
    response = client.post(scorecard_url(assignment), form_data(rubric, [5, 5, 5]), follow=True)

    assert "Judging for this stage is closed" in page
    assert "Save draft" not in page
    assert "Judging for this stage is closed" in response.content.decode()
    assert stored(assignment) == {}


def test_a_withdrawn_entry_is_read_only_and_off_the_dashboard(client, judge):
    assignment, rubric = scoring_setup(judge=judge)
    kept = AssignmentFactory(stage=assignment.stage, judge=assignment.judge)
    assignment.entry.status = "withdrawn"
    assignment.entry.save()
    client.force_login(judge)

    page = client.get(scorecard_url(assignment)).content.decode()
    response = client.post(scorecard_url(assignment), form_data(rubric, [5, 5, 5]), follow=True)
    dashboard = client.get(DASHBOARD).content.decode()

    assert "This entry is no longer in the competition" in page
    assert "Save draft" not in page
    assert "there is nothing to score" in response.content.decode()
    assert stored(assignment) == {}
    assert scorecard_url(assignment) not in dashboard
    assert scorecard_url(kept) in dashboard


def test_a_conflicted_entry_is_read_only(client, judge):
    from awards.models import Conflict

    assignment, rubric = scoring_setup(judge=judge)
    Conflict.objects.create(judge=assignment.judge, entry=assignment.entry, source="declared")
    client.force_login(judge)

    page = client.get(scorecard_url(assignment)).content.decode()
    response = client.post(scorecard_url(assignment), form_data(rubric, [5, 5, 5]), follow=True)

    assert "You have a conflict of interest with this entry" in page
    assert "Submit final scores" not in page
    assert "conflict of interest" in response.content.decode()
    assert stored(assignment) == {}


def test_a_stage_closed_by_its_deadline_refuses_a_post(client, judge):
    assignment, rubric = scoring_setup(judge=judge)
    assignment.stage.closes_at = timezone.now() - datetime.timedelta(seconds=1)
    assignment.stage.save()
    client.force_login(judge)

    client.post(scorecard_url(assignment), form_data(rubric, [5, 5, 5]))

    assert not Score.objects.exists()


# --- My ClassNet --------------------------------------------------------------------------------


def panel(client, user) -> str:
    client.force_login(user)
    body = client.get(reverse("teachers:dashboard")).content.decode()
    start = body.find('data-testid="judging-panel"')
    if start == -1:
        return ""
    return body[start : body.index("</section>", start)]


def test_panel_tells_a_judge_what_to_score_and_by_when(client):
    judge = TeacherProfileFactory(user=JudgeFactory()).user
    assignment, _rubric = scoring_setup(judge=judge)
    for _ in range(4):
        AssignmentFactory(stage=assignment.stage, judge=assignment.judge)
    AssignmentFactory(stage=assignment.stage)  # another judge's

    html = panel(client, judge)

    assert "5 entries to score for the ClassNet Awards 2018" in html
    assert "Deadline:" in html
    assert DASHBOARD in html


def test_panel_thanks_a_judge_who_is_done(client):
    judge = TeacherProfileFactory(user=JudgeFactory()).user
    assignment, rubric = scoring_setup(judge=judge)
    scorecard_submit(assignment=assignment, by=judge, scores=all_scores(rubric))

    assert "You have submitted your scorecard" in panel(client, judge)


@pytest.mark.parametrize("role", ["teacher", "other_teacher"])
def test_no_panel_for_people_who_are_not_active_judges(client, request, role):
    scoring_setup()

    assert panel(client, request.getfixturevalue(role)) == ""


def test_no_panel_for_a_teacher_whose_judging_was_declined(client):
    judge = TeacherProfileFactory(user=JudgeFactory()).user
    assignment, _rubric = scoring_setup(judge=judge)
    assignment.judge.status = "declined"
    assignment.judge.save()

    assert panel(client, judge) == ""


def test_staff_never_see_a_judges_panel(client):
    scoring_setup()

    assert panel(client, StaffFactory()) == ""
