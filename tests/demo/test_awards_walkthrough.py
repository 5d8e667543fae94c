"""Issue 6's "Done when", on the demo network, through HTTP as the people would do it:

the demo teacher enters the collaboration she leads; staff close entries and assign the judges
automatically (the conflict a judge declared is respected); the demo judge scores her entries
on the scorecard, the other judges through the same service; staff close the shortlist,
advance the best to the final, where it happens again; staff see the raw and normalised
rankings, publish the proposed winners, and the public page shows them.
"""

import pytest
from django.core import mail
from django.urls import reverse

from awards.models import Assignment, Award, AwardCycle, Entry, Stage
from awards.selectors.judging import conflicts_for
from awards.services.scorecards import scorecard_submit
from collaborations.models import Collaboration
from demo.seed import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

TEACHER = "teacher@classnet.demo"
STAFF = "staff@classnet.demo"
JUDGE = "judge@classnet.demo"
MINE = "Arctic and Monsoon Weather Diaries"


def _login(client, email):
    client.logout()
    assert client.login(email=email, password=DEMO_PASSWORD)


def _scores(assignment: Assignment) -> dict[int, int]:
    """Deterministic scores: entries differ, judges differ a little."""
    criteria = assignment.stage.cycle.criteria.order_by("position", "pk")
    return {
        c.pk: 1 + (assignment.entry_id * 7 + assignment.judge_id * 3 + i) % 5
        for i, c in enumerate(criteria)
    }


def _others_score(stage: Stage) -> None:
    for assignment in stage.assignments.exclude(status="submitted").select_related(
        "judge__user", "stage__cycle"
    ):
        scorecard_submit(
            assignment=assignment, by=assignment.judge.user, scores=_scores(assignment)
        )


def _judge_scores_on_the_scorecards(client, stage: Stage) -> int:
    _login(client, JUDGE)
    mine = list(stage.assignments.filter(judge__user__email=JUDGE).select_related("stage__cycle"))
    for assignment in mine:
        url = reverse("awards:scorecard", args=[assignment.pk])
        page = client.get(url).content.decode()
        # Blind judging: neither the member schools' names nor the title is on the scorecard.
        for membership in assignment.entry.collaboration.memberships.select_related("school"):
            assert membership.school.name not in page
        assert assignment.entry.collaboration.title not in page
        assert f"Entry {assignment.entry_id}" in page
        data = {f"criterion_{pk}": value for pk, value in _scores(assignment).items()}
        response = client.post(
            url, {**data, "action": "submit", "confirm_final": "on"}, follow=True
        )
        assignment.refresh_from_db()
        assert assignment.status == "submitted", [str(m) for m in response.context["messages"]]
    return len(mine)


@pytest.fixture
def cycle(demo):
    return AwardCycle.objects.get(edition__number=17)


def test_enter_assign_score_rank_publish(client, cycle, django_capture_on_commit_callbacks):
    # The demo teacher enters the running, bi-regional collaboration she leads.
    _login(client, TEACHER)
    mine = Collaboration.objects.get(title=MINE)
    enter = reverse("awards:entry_create", args=[17])
    assert MINE in client.get(enter).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            enter,
            {
                "collaboration": mine.pk,
                "category": cycle.categories.first().pk,
                "statement": "Our two classes kept weather diaries together and compared them.",
                "student_count": 48,
                "action": "submit",
            },
        )
    entry = Entry.objects.get(cycle=cycle, collaboration=mine)
    assert entry.status == "submitted"

    # Staff close the entries: judging starts with the shortlist.
    _login(client, STAFF)
    close_entries = reverse("awards_staff:cycle_judging", args=[17])
    # Before the advertised deadline: the hub asks first, naming it and the drafts locked out.
    asked = client.post(close_entries).content.decode()
    assert "The advertised deadline is" in asked
    cycle.refresh_from_db()
    assert cycle.status == "open"
    client.post(close_entries, {"confirm": "on"})
    cycle.refresh_from_db()
    assert cycle.status == "judging"
    shortlist = cycle.stages.get(kind="shortlist")
    assert shortlist.status == "open"
    assert shortlist.entries.count() == 9

    # Automatic assignment: three judges each, loads within one, no conflicted judge; each
    # judge is e-mailed once, and running it again sends nothing more.
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        for _run in range(2):
            client.post(reverse("awards_staff:assignments_auto", args=[17, "shortlist"]))
    told = sorted(m.to[0] for m in mail.outbox[sent:])
    assert told == sorted(set(shortlist.assignments.values_list("judge__user__email", flat=True)))
    assignments = list(shortlist.assignments.all())
    assert len(assignments) == 9 * 3
    conflicts = conflicts_for(cycle)
    assert conflicts, "the demo has a declared conflict"
    assert not {(a.judge_id, a.entry_id) for a in assignments} & set(conflicts)
    loads = [shortlist.assignments.filter(judge=j).count() for j in cycle.judges.all()]
    assert max(loads) - min(loads) <= 1

    # The demo judge scores on the scorecards; the others too.
    assert _judge_scores_on_the_scorecards(client, shortlist) >= 5
    _others_score(shortlist)

    # Staff close the shortlist and advance the best four to the final.
    _login(client, STAFF)
    client.post(reverse("awards_staff:stage_close", args=[17, shortlist.pk]))
    results = client.get(reverse("awards_staff:results", args=[17, "shortlist"]))
    assert results.status_code == 200
    assert b"Normalised" in results.content or b"normalised" in results.content
    client.post(reverse("awards_staff:results_advance", args=[17, "shortlist"]), {"count": 4})
    final = cycle.stages.get(kind="final")
    assert final.entries.count() == 4
    client.post(reverse("awards_staff:stage_open", args=[17, final.pk]))
    client.post(reverse("awards_staff:assignments_auto", args=[17, "final"]))
    assert final.assignments.count() == 4 * 3
    _judge_scores_on_the_scorecards(client, final)
    _others_score(final)
    _login(client, STAFF)
    client.post(reverse("awards_staff:stage_close", args=[17, final.pk]))

    # Staff publish the proposed winners; the public page shows them.
    publish = reverse("awards_staff:publish", args=[17])
    page = client.get(publish)
    winners_form = page.context["winners_form"]
    data = {}
    for name, field in winners_form.fields.items():
        value = winners_form.initial.get(name, field.initial)
        data[name] = "" if value is None else value
    client.post(reverse("awards_staff:publish_winners", args=[17]), data)
    assert Award.objects.filter(cycle=cycle).exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("awards_staff:publish_confirm", args=[17]), {"confirm": "on"})
    cycle.refresh_from_db()
    assert cycle.status == "published"

    client.logout()
    public = client.get(reverse("awards:cycle", args=[17])).content.decode()
    for award in Award.objects.filter(cycle=cycle).select_related("entry__collaboration"):
        assert award.entry.collaboration.title in public
