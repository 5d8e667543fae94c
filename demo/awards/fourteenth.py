"""The 14th edition's published Awards, made as staff, teachers and judges made them in 2018."""

import datetime
import random

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils import timezone
from django.utils.text import slugify

from awards.models import (
    Assignment,
    AssignmentNotice,
    Award,
    AwardCycle,
    CycleJudge,
    Entry,
    Stage,
)
from awards.rubrics import StageRow
from awards.services.assignment import assignment_add
from awards.services.cycles import cycle_create, cycle_set_status, stage_close
from awards.services.entries import entry_save, entry_submit, evidence_add
from awards.services.judges import invitation_accept, judge_make_chair, judges_invite
from awards.services.results import awards_choose, cycle_publish
from awards.services.scorecards import scorecard_submit
from collaborations.models import Collaboration
from collaborations.services.collaborations import collaboration_propose
from core.audit.models import AuditEntry
from schools.models import Language
from teachers.models import Subject, User

from ..collaborations import backdate_collaboration, partner_join, status_walk
from ..common import backdate
from .common import at, award_teachers, rubric_rows, statement_for, student_counts
from .data import AWARD_PROJECTS, CITATIONS, JUDGE_BIAS, TO_ENTRANT, TO_STAFF


def _audit(target: Model, *actions: str):
    """The audit rows the services recorded on `target` (of those actions, if given)."""
    rows = AuditEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=target.pk
    )
    return rows.filter(action__in=actions) if actions else rows


def seed_fourteenth(edition, judges: list[User], staff: User | None) -> None:
    """The 14th's published Awards, through the services, as in 2018: staff set up the cycle
    and open it (cycle_create, cycle_set_status); the 19 leads propose their collaborations,
    the partners join, and the leads enter and submit them (entry_save, evidence_add,
    entry_submit); the five judges are invited and accept (judges_invite, invitation_accept),
    the first chairs; staff close the entries, which opens the final, and assign each entry
    three judges (assignment_add); the judges submit their 57 scorecards (scorecard_submit);
    staff close the stage (stage_close), choose the six winners (awards_choose) and publish
    (cycle_publish).

    The services check their deadlines against now, so the walk runs on a timetable of today
    (entries open, the final open until well ahead); then every date of the history, the
    audit records' included, goes back to 2018 through the one helper for history rows
    (backdate). The result is the same rows as the 14th's Awards had.
    """
    rng = random.Random(14)  # noqa: S311 - the same demo every time, not security
    zone = edition.zone
    now = timezone.now()
    categories, levels, criteria = rubric_rows()
    cycle = cycle_create(
        edition=edition,
        by=staff,
        fields={
            "introduction": (
                "Collaborations between classes in Asia and Europe, judged by five experts on "
                "intercultural understanding, teamwork, knowledge-sharing, the use of ICT and "
                "learning outcomes. Winners were announced at the 14th ClassNet Conference in "
                "Helsinki."
            ),
            "entries_open_at": now - datetime.timedelta(days=1),
            "entries_close_at": now + datetime.timedelta(days=1),
            "judges_per_entry": 3,
            "blind": True,
        },
        tie_break=["median", "primary", "chair"],
        categories=categories,
        levels=levels,
        criteria=criteria,
        stages=[
            StageRow(
                kind=Stage.Kind.FINAL,
                opens_at=now + datetime.timedelta(days=2),
                closes_at=now + datetime.timedelta(days=60),
            )
        ],
    )
    cycle = cycle_set_status(cycle=cycle, by=staff, to=AwardCycle.Status.OPEN)
    categories = list(cycle.categories.order_by("position"))
    criteria = list(cycle.criteria.order_by("position"))
    levels = {level.name: level for level in cycle.levels.all()}

    teachers = award_teachers(rng)
    counts = student_counts(rng, len(teachers))
    subjects = {subject.name: subject for subject in Subject.objects.all()}
    english = Language.objects.get(code="en")
    groups = len(AWARD_PROJECTS)
    entries: list[tuple[Entry, float]] = []
    for index, (title, summary, subject_names, themes, category, quality) in enumerate(
        AWARD_PROJECTS
    ):
        # Teacher i takes part in collaboration i mod 19: 4 or 5 schools, both regions, and
        # teachers of the same school always in different collaborations.
        members = [(teachers[i], counts[i]) for i in range(index, len(teachers), groups)]
        lead = members[0][0]
        starts_on = datetime.date(2017, 9, 4) + datetime.timedelta(days=7 * (index % 6))
        youngest = rng.choice([12, 13, 14, 15])
        collaboration = collaboration_propose(
            by=lead.user,
            title=title,
            summary=summary,
            description=(
                f"{summary}\n\nThe partner classes met online every month and worked in "
                "mixed teams across countries; the teachers planned together in a monthly call."
            ),
            subjects=[subjects[name] for name in subject_names],
            languages=[english],
            theme_names=themes,
            kind=Collaboration.Kind.ONLINE,
            student_age_min=youngest,
            student_age_max=youngest + 3,
            ict_tools=rng.choice(["Padlet, Zoom", "Google Classroom, Meet", "Teams, Miro"]),
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=rng.choice([240, 270, 280])),
            partner_schools_wanted=len(members) - 1,
            wanted_region="europe" if lead.school.country.region == "asia" else "asia",
            student_count=members[0][1],
            publish=True,
        )
        for teacher, count in members[1:]:
            partner_join(
                collaboration=collaboration, lead=lead, teacher=teacher, student_count=count
            )
        collaboration = status_walk(
            collaboration=collaboration, by=lead.user, to=Collaboration.Status.COMPLETED
        )
        memberships = list(collaboration.memberships.select_related("school__country"))
        joined = at(zone, starts_on.year, starts_on.month, starts_on.day) - datetime.timedelta(
            days=30
        )
        backdate_collaboration(collaboration, joined)
        submitted_at = at(zone, 2018, 9, 1 + index % 13, 10 + index % 7)
        entry = entry_save(
            by=lead.user,
            cycle=cycle,
            collaboration=collaboration,
            category=categories[category],
            statement=statement_for(collaboration, memberships),
            student_count=sum(m.student_count for m in memberships),
        )
        evidence_add(
            entry=entry,
            by=lead.user,
            title="The students' shared board",
            url=f"https://{slugify(title)}.example/board",
        )
        entry = entry_submit(entry=entry, by=lead.user)
        backdate(entry, created_at=submitted_at, updated_at=submitted_at, submitted_at=submitted_at)
        backdate(entry.evidence.all(), created_at=submitted_at)
        backdate(_audit(entry), created_at=submitted_at)
        entries.append((entry, quality))

    # The panel: invited on 3 September, each accepting a day after the one before.
    judges_invite(cycle=cycle, emails=[user.email for user in judges], by=staff)
    panel = []
    for index, user in enumerate(judges):
        judge = invitation_accept(judge=CycleJudge.objects.get(cycle=cycle, user=user), by=user)
        invited_at, answered_at = at(zone, 2018, 9, 3), at(zone, 2018, 9, 4 + index)
        backdate(judge, invited_at=invited_at, answered_at=answered_at)
        backdate(_audit(judge, "judge.invited"), created_at=invited_at)
        backdate(_audit(judge, "judge.accepted"), created_at=answered_at)
        panel.append(judge)
    judge_make_chair(judge=panel[0], by=staff)
    backdate(_audit(panel[0], "judge.chair"), created_at=at(zone, 2018, 9, 10))

    # Staff close the entries: the final opens with every submitted entry.
    cycle = cycle_set_status(cycle=cycle, by=staff, to=AwardCycle.Status.JUDGING)
    stage = cycle.stages.get()

    # Three judges per entry, consecutive in the panel's order (Asia, Europe, Asia, Europe,
    # Asia): every entry has a judge from each region; loads 12, 12, 11, 11, 11.
    for index, (entry, quality) in enumerate(entries):
        for slot in range(3):
            number = (index * 3 + slot) % len(panel)
            position = index * 3 + slot
            judge = panel[number]
            assignment = assignment_add(stage=stage, entry=entry, judge=judge, by=staff)
            scores = {}
            for criterion in criteria:
                value = round(quality + JUDGE_BIAS[number] + rng.gauss(0, 0.45))
                scores[criterion.pk] = min(5, max(1, value))
            scorecard_submit(
                assignment=assignment,
                by=judge.user,
                scores=scores,
                comment_to_entrant=TO_ENTRANT[position % len(TO_ENTRANT)]
                if position % 3 == 0
                else "",
                comment_to_staff=TO_STAFF[position % len(TO_STAFF)] if position % 8 == 0 else "",
            )
            submitted_at = at(zone, 2018, 9, 24) + datetime.timedelta(
                days=3 + position % 40, hours=slot
            )
            backdate(assignment, submitted_at=submitted_at)
            backdate(_audit(assignment), created_at=submitted_at)
    stage, _unfinished = stage_close(stage=stage, by=staff)

    # The six best entries by quality won (their raw means are the six highest).
    ranked = sorted(entries, key=lambda pair: -pair[1])
    winners = {
        entry.pk: levels["Gold" if place < 3 else "Merit"].pk
        for place, (entry, _quality) in enumerate(ranked[:6])
    }
    citations = {entry.pk: CITATIONS[entry.collaboration.title] for entry, _q in ranked[:6]}
    awards_choose(cycle=cycle, choices=winners, citations=citations, by=staff)
    cycle = cycle_publish(cycle=cycle, by=staff)
    _history(cycle, stage, zone)


def _history(cycle: AwardCycle, stage: Stage, zone) -> None:
    """The cycle's own dates and those of its staff steps, back to 2018."""
    opens_at, closes_at = at(zone, 2018, 5, 2), at(zone, 2018, 9, 14, 17)
    judging_opens, judging_closes = at(zone, 2018, 9, 24), at(zone, 2018, 11, 9, 17)
    published_at = at(zone, 2018, 11, 29, 18)
    backdate(
        cycle,
        created_at=opens_at - datetime.timedelta(days=14),
        entries_open_at=opens_at,
        entries_close_at=closes_at,
        published_at=published_at,
    )
    backdate(stage, opens_at=judging_opens, closes_at=judging_closes)
    backdate(Assignment.objects.filter(stage=stage), created_at=judging_opens)
    backdate(AssignmentNotice.objects.filter(stage=stage), notified_at=judging_opens)
    backdate(_audit(stage), created_at=judging_opens)
    backdate(Award.objects.filter(cycle=cycle), created_at=published_at)
    for actions, when in (
        (("awardcycle.created",), opens_at - datetime.timedelta(days=14)),
        (("awardcycle.open",), opens_at),
        (("awardcycle.judging", "awardcycle.stage_opened"), judging_opens),
        (("awardcycle.stage_closed",), judging_closes),
        (("awards.chosen",), published_at - datetime.timedelta(days=7)),
        (("awards.published",), published_at),
    ):
        backdate(_audit(cycle, *actions), created_at=when)
