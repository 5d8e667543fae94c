"""Staff results and publication pages: roles, the table, chair decisions, advancing, choosing,
publishing and amending; pinned queries at 1 and 50 entries."""

import pytest
from django.core import mail
from django.urls import reverse

from awards.models import Award, ChairDecision, Stage
from awards.services.results import awards_choose
from core.audit.models import AuditEntry
from tests.awards.services.test_results import score, scored_stage
from tests.factories import (
    AssignmentFactory,
    AwardLevelFactory,
    CycleJudgeFactory,
    StageFactory,
)

pytestmark = pytest.mark.django_db

RESULTS_QUERIES = 15
PUBLISH_QUERIES = 18


def results_url(stage, kind=None):
    return reverse("awards_staff:results", args=[stage.cycle.edition.number, kind or stage.kind])


def chair_url(stage):
    return reverse("awards_staff:results_chair", args=[stage.cycle.edition.number, stage.kind])


def advance_url(stage):
    return reverse("awards_staff:results_advance", args=[stage.cycle.edition.number, stage.kind])


def publish_url(cycle, action=""):
    """The publish page, or the URL of one of its actions (winners, confirm, amend)."""
    name = f"awards_staff:publish_{action}" if action else "awards_staff:publish"
    return reverse(name, args=[cycle.edition.number])


@pytest.fixture
def stage():
    stage, _entries, _judges, _criterion = scored_stage([[8, 6], [4, 5], [4, 5]])
    return stage


@pytest.fixture
def closed_stage():
    stage, _entries, _judges, _criterion = scored_stage(
        [[8, 6], [4, 5], [4, 5]], stage=StageFactory(kind="shortlist", status="closed")
    )
    return stage


def test_results_anonymous_is_sent_to_log_in(client, stage):
    response = client.get(results_url(stage))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["teacher", "other_teacher", "judge", "chair_of_this_cycle"])
def test_results_forbidden_to_everyone_but_staff(client, stage, who, request):
    if who == "chair_of_this_cycle":
        user = CycleJudgeFactory(cycle=stage.cycle, is_chair=True).user
    else:
        user = request.getfixturevalue(who)  # the judge fixture judges no cycle here
    client.force_login(user)
    assert client.get(results_url(stage)).status_code == 403
    response = client.post(advance_url(stage), {"count": 1})
    assert response.status_code == 403
    assert not Stage.objects.filter(kind="final").exists()
    assert client.get(publish_url(stage.cycle)).status_code == 403


def test_results_unknown_stage_or_cycle_is_404(client, staff, stage):
    client.force_login(staff)
    assert client.get(results_url(stage, "final")).status_code == 404  # no final yet
    assert client.get(results_url(stage, "semifinal")).status_code == 404
    assert client.get(reverse("awards_staff:results", args=[99, "shortlist"])).status_code == 404
    assert client.get(reverse("awards_staff:publish", args=[99])).status_code == 404


def test_results_shows_judges_figures_and_ranks(client, staff, stage):
    client.force_login(staff)
    response = client.get(results_url(stage))
    assert response.status_code == 200
    rows = response.context["rows"]
    first = rows[0]
    assert first.result.raw_mean == 70  # (80 + 60) / 2
    assert [row.result.rank for row in rows] == [1, 2, 2]
    body = response.content.decode()
    for column in response.context["table"].judges:
        assert column.judge.user.full_name in body  # staff see judges' names
    assert "Tie needs the chair" in body
    assert "Advance to the final" in body


def test_results_sorted_by_raw_mean(client, staff):
    # Judge 1 scores a lenient 9 for x and judge 2 a harsh 3 for y; both centred.
    stage, (x, y), _judges, _criterion = scored_stage([[9, None], [None, 3]])
    client.force_login(staff)
    response = client.get(results_url(stage) + "?sort=raw")
    assert [row.entry for row in response.context["rows"]] == [x, y]
    assert response.context["sort"] == "raw"


def test_results_csv(client, staff, stage):
    client.force_login(staff)
    response = client.get(results_url(stage) + "?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("rank,category rank,raw rank,entry id,collaboration")
    assert len(lines) == 4
    assert ",70.00," in lines[1]


def test_results_comments_to_staff_shown_on_demand(client, staff, stage):
    assignment = stage.assignments.first()
    assignment.comment_to_staff = "I know this school well."
    assignment.save()
    client.force_login(staff)
    body = client.get(results_url(stage)).content.decode()
    assert "<details" in body
    assert "I know this school well." in body


@pytest.mark.parametrize("entries", [1, 50])
def test_results_queries_pinned(client, staff, django_assert_num_queries, entries):
    stage, _entries, _judges, _criterion = scored_stage([[5, 7]] * entries)
    client.force_login(staff)
    client.get(results_url(stage))  # warm the session and content types
    with django_assert_num_queries(RESULTS_QUERIES):
        response = client.get(results_url(stage))
    assert len(response.context["rows"]) == entries


def test_results_empty_stage_guides_to_assignments(client, staff):
    stage = StageFactory()
    client.force_login(staff)
    body = client.get(results_url(stage)).content.decode()
    assert "No entries in this stage yet" in body
    assert reverse("awards_staff:assignments", args=[14, "shortlist"]) in body


def test_chair_decision_recorded(client, staff, stage):
    tied = [row.entry for row in client_rows(client, staff, stage) if row.result.rank == 2]
    response = client.post(
        chair_url(stage), {"entry": tied[1].pk, "order": 1, "reason": "Stronger evidence."}
    )
    assert response.status_code == 302
    decision = ChairDecision.objects.get()
    assert (decision.entry, decision.order, decision.decided_by) == (tied[1], 1, staff)


def client_rows(client, staff, stage):
    client.force_login(staff)
    return client.get(results_url(stage)).context["rows"]


def test_chair_decision_without_reason_shows_the_error(client, staff, stage):
    entry = client_rows(client, staff, stage)[1].entry
    response = client.post(chair_url(stage), {"entry": entry.pk, "order": 1, "reason": ""})
    assert response.status_code == 200
    assert response.context["chair_form"].errors["reason"]
    assert not ChairDecision.objects.exists()


def test_advance_top_n_goes_to_the_final_assignments(client, staff, closed_stage):
    stage = closed_stage
    client.force_login(staff)
    response = client.post(advance_url(stage), {"count": 2})
    assert response.url == reverse("awards_staff:assignments", args=[14, "final"])
    final = Stage.objects.get(kind="final")
    assert final.entries.count() == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Give a number of entries"),
        ({"count": 9}, "Only 3 entries have scores"),
        ({"count": "two"}, "Enter a whole number"),
    ],
)
def test_advance_bad_input_changes_nothing(client, staff, closed_stage, data, message):
    stage = closed_stage
    client.force_login(staff)
    response = client.post(advance_url(stage), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Stage.objects.filter(kind="final").exists()


def test_advance_refused_while_the_shortlist_is_open(client, staff, stage):
    client.force_login(staff)
    page = client.get(results_url(stage)).content.decode()
    assert f'action="{advance_url(stage)}"' not in page
    assert "Close the shortlist stage first" in page
    response = client.post(advance_url(stage), {"count": 1})
    assert response.status_code == 200
    assert "still open" in response.content.decode()
    assert not Stage.objects.filter(kind="final").exists()


def test_advance_offered_once_the_shortlist_is_closed(client, staff, closed_stage):
    client.force_login(staff)
    page = client.get(results_url(closed_stage)).content.decode()
    assert f'action="{advance_url(closed_stage)}"' in page


def test_advance_not_offered_from_the_final(client, staff):
    stage, _entries, _judges, _criterion = scored_stage([[5]], kind="final")
    client.force_login(staff)
    assert "Advance to the final" not in client.get(results_url(stage)).content.decode()
    response = client.post(advance_url(stage), {"count": 1})
    assert response.status_code == 302
    assert Stage.objects.filter(kind="final").count() == 1


def test_results_actions_are_staff_only_and_post_only(client, staff, closed_stage, request):
    """Each action of the results page has its own view and URL: visitors log in, teachers,
    judges and the cycle's chair get a 403 and change nothing, staff may post (not GET)."""
    stage = closed_stage
    tied = [row.entry for row in client_rows(client, staff, stage) if row.result.rank == 2]
    chair = {"entry": tied[0].pk, "order": 1, "reason": "Stronger evidence."}
    others = [
        request.getfixturevalue("teacher"),
        request.getfixturevalue("judge"),
        CycleJudgeFactory(cycle=stage.cycle, is_chair=True).user,
    ]
    client.logout()
    for url, data in ((chair_url(stage), chair), (advance_url(stage), {"count": 2})):
        response = client.post(url, data)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
        for user in others:
            client.force_login(user)
            assert client.post(url, data).status_code == 403
        client.force_login(staff)
        assert client.get(url).status_code == 405
        client.logout()
    assert not ChairDecision.objects.exists()
    assert not Stage.objects.filter(kind="final").exists()
    client.force_login(staff)
    assert client.post(chair_url(stage), chair).status_code == 302
    assert client.post(advance_url(stage), {"count": 2}).status_code == 302
    assert ChairDecision.objects.get().entry == tied[0]
    assert Stage.objects.get(kind="final").entries.count() == 2


def test_results_page_forms_post_to_their_own_urls(client, staff, closed_stage):
    client.force_login(staff)
    body = client.get(results_url(closed_stage)).content.decode()
    assert f'action="{chair_url(closed_stage)}"' in body
    assert f'action="{advance_url(closed_stage)}"' in body
    assert 'name="action"' not in body
    # The page's links name its own URL: shown again at an action's URL, they still work.
    assert f'href="{results_url(closed_stage)}?format=csv"' in body
    assert f'href="{results_url(closed_stage)}?sort=raw"' in body


def test_a_post_to_the_results_page_itself_changes_nothing(client, staff, closed_stage):
    """A page older than the action URLs posted its action by name: nothing is done, and the
    page says so."""
    stage = closed_stage
    client.force_login(staff)
    response = client.post(results_url(stage), {"action": "advance", "count": 2}, follow=True)
    assert response.redirect_chain == [(results_url(stage), 302)]
    assert "That action is not possible" in response.content.decode()
    assert not Stage.objects.filter(kind="final").exists()
    assert not ChairDecision.objects.exists()


# --- Publication ---------------------------------------------------------------------------


@pytest.fixture
def final():
    """A final with entries ranked b (90), c (70), a (50); Gold and Merit, one each."""
    final, entries, _judges, _criterion = scored_stage([[5], [9], [7]], kind="final")
    AwardLevelFactory(cycle=final.cycle, name="Gold", rank=1, winners=1)
    AwardLevelFactory(cycle=final.cycle, name="Merit", rank=2, winners=1)
    return final, entries


def test_publish_proposes_winners_from_the_ranking(client, staff, final):
    stage, (a, b, c) = final
    gold, merit = stage.cycle.levels.all()
    client.force_login(staff)
    response = client.get(publish_url(stage.cycle))
    form = response.context["winners_form"]
    assert form[f"level_{b.pk}"].value() == gold.pk
    assert form[f"level_{c.pk}"].value() == merit.pk
    assert form[f"level_{a.pk}"].value() == ""
    assert "Proposed from the ranking" in response.content.decode()


@pytest.mark.parametrize("entries", [1, 50])
def test_publish_queries_pinned(client, staff, django_assert_num_queries, entries):
    stage, _entries, _judges, _criterion = scored_stage([[5]] * entries, kind="final")
    AwardLevelFactory(cycle=stage.cycle, name="Gold", rank=1, winners=1)
    client.force_login(staff)
    client.get(publish_url(stage.cycle))
    with django_assert_num_queries(PUBLISH_QUERIES):
        response = client.get(publish_url(stage.cycle))
    assert len(response.context["winners_form"].rows) == entries


def test_choose_then_publish(client, staff, final, django_capture_on_commit_callbacks):
    stage, (a, b, c) = final
    gold, merit = stage.cycle.levels.all()
    client.force_login(staff)
    response = client.post(
        publish_url(stage.cycle, "winners"),
        {
            f"level_{a.pk}": gold.pk,
            f"citation_{a.pk}": "Bold and kind.",
            f"level_{b.pk}": merit.pk,
            f"level_{c.pk}": "",
        },
    )
    assert response.status_code == 302
    assert sorted(Award.objects.values_list("entry", "level", "citation")) == sorted(
        [(a.pk, gold.pk, "Bold and kind."), (b.pk, merit.pk, "")]
    )
    # Publishing needs the confirmation.
    response = client.post(publish_url(stage.cycle, "confirm"), {})
    assert response.status_code == 200
    assert response.context["publish_form"].errors["confirm"]
    stage.cycle.refresh_from_db()
    assert stage.cycle.status == "judging"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(publish_url(stage.cycle, "confirm"), {"confirm": "on"})
    assert response.status_code == 302
    stage.cycle.refresh_from_db()
    assert stage.cycle.status == "published"
    assert len(mail.outbox) == 3
    page = client.get(publish_url(stage.cycle)).content.decode()
    assert "Published winners" in page
    assert "Amend an award" in page


def test_choose_too_many_shows_the_error(client, staff, final):
    stage, (a, b, _c) = final
    gold, _merit = stage.cycle.levels.all()
    client.force_login(staff)
    response = client.post(
        publish_url(stage.cycle, "winners"),
        {f"level_{a.pk}": gold.pk, f"level_{b.pk}": gold.pk},
    )
    assert response.status_code == 200
    assert "at most 1" in response.content.decode()
    assert not Award.objects.exists()


def _published(final, staff, django_capture_on_commit_callbacks):
    stage, (a, b, c) = final
    gold, merit = stage.cycle.levels.all()
    awards_choose(
        cycle=stage.cycle, choices={b.pk: gold.pk, c.pk: merit.pk}, citations={}, by=staff
    )
    stage.cycle.status = "published"
    stage.cycle.save()
    return stage.cycle, (a, b, c), (gold, merit)


def test_after_publication_choose_is_refused(
    client, staff, final, django_capture_on_commit_callbacks
):
    cycle, (a, b, _c), (gold, _merit) = _published(final, staff, django_capture_on_commit_callbacks)
    client.force_login(staff)
    response = client.post(publish_url(cycle, "winners"), {f"level_{a.pk}": gold.pk})
    assert response.status_code == 200
    assert Award.objects.get(entry=b).level == gold
    assert not Award.objects.filter(entry=a).exists()


def test_amend_without_reason_refused(client, staff, final, django_capture_on_commit_callbacks):
    cycle, (_a, _b, c), (gold, merit) = _published(final, staff, django_capture_on_commit_callbacks)
    client.force_login(staff)
    response = client.post(
        publish_url(cycle, "amend"), {"entry": c.pk, "level": gold.pk, "reason": ""}
    )
    assert response.status_code == 200
    assert response.context["amend_form"].errors["reason"]
    assert Award.objects.get(entry=c).level == merit


def test_amend_with_reason_recorded_and_listed(
    client, staff, final, django_capture_on_commit_callbacks
):
    cycle, (a, _b, _c), (_gold, merit) = _published(
        final, staff, django_capture_on_commit_callbacks
    )
    client.force_login(staff)
    response = client.post(
        publish_url(cycle, "amend"),
        {"entry": a.pk, "level": merit.pk, "reason": "Scoring error fixed."},
    )
    assert response.status_code == 302
    assert Award.objects.get(entry=a).level == merit
    assert AuditEntry.objects.filter(action="award.amended", note="Scoring error fixed.").exists()
    assert "Scoring error fixed." in client.get(publish_url(cycle)).content.decode()


def test_publish_page_without_scores_guides_back(client, staff):
    stage = StageFactory()
    client.force_login(staff)
    assert "Nothing to publish yet" in client.get(publish_url(stage.cycle)).content.decode()


def test_the_page_takes_no_action_by_name(client, staff, final):
    # Each form posts to its own view (issue 13): the page answers POST with a 405.
    stage, (a, _b, _c) = final
    gold, _merit = stage.cycle.levels.all()
    client.force_login(staff)
    response = client.post(publish_url(stage.cycle), {"action": "choose", f"level_{a.pk}": gold.pk})
    assert response.status_code == 405
    assert not Award.objects.exists()


@pytest.mark.parametrize("action", ["winners", "confirm", "amend"])
def test_publish_actions_are_staff_only_and_post_only(client, teacher, staff, final, action):
    stage, _entries = final
    client.force_login(teacher)
    assert client.post(publish_url(stage.cycle, action)).status_code == 403
    client.force_login(staff)
    assert client.get(publish_url(stage.cycle, action)).status_code == 405


@pytest.mark.parametrize("action", ["winners", "confirm", "amend"])
def test_publish_actions_send_visitors_to_log_in_refuse_judges_and_know_the_cycle(
    client, judge, staff, final, action
):
    stage, (a, _b, _c) = final
    gold, _merit = stage.cycle.levels.all()
    data = {f"level_{a.pk}": gold.pk, "confirm": "on"}
    response = client.post(publish_url(stage.cycle, action), data)
    assert response["Location"].startswith(reverse("account_login"))
    client.force_login(judge)
    assert client.post(publish_url(stage.cycle, action), data).status_code == 403
    client.force_login(staff)
    assert (
        client.post(reverse(f"awards_staff:publish_{action}", args=[99]), data).status_code == 404
    )
    assert not Award.objects.exists()
    stage.cycle.refresh_from_db()
    assert stage.cycle.status == "judging"


def test_unknown_action_changes_nothing(client, staff, final):
    stage, _entries = final
    client.force_login(staff)
    response = client.post(publish_url(stage.cycle), {"action": "explode"})
    assert response.status_code == 405
    assert not Award.objects.exists()


def test_draft_scorecards_do_not_show(client, staff, stage):
    entry = stage.entries.first()
    draft = AssignmentFactory(stage=stage, entry=entry, judge=CycleJudgeFactory(cycle=stage.cycle))
    score(draft, {stage.cycle.criteria.get(): 10}, submit=False)
    client.force_login(staff)
    row = next(r for r in client.get(results_url(stage)).context["rows"] if r.entry == entry)
    assert draft.judge_id not in row.result.judge_scores
    assert (row.assigned, row.submitted) == (3, 2)


def test_results_csv_never_carries_a_formula(client, staff, stage):
    entry = stage.entries.first()
    entry.collaboration.title = '=HYPERLINK("http://evil.example","x")'
    entry.collaboration.save(update_fields=["title"])
    client.force_login(staff)

    body = client.get(results_url(stage) + "?format=csv").content.decode()

    assert "'=HYPERLINK" in body
    assert ',"=HYPERLINK' not in body
