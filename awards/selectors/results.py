"""Reads of a cycle's results: a stage's table (the scores, the judges, the flags), the awards
proposed from it, the published winners, the feedback an entrant reads and the amendments.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from collaborations.models import Membership
from core.audit.models import AuditEntry

from .. import scoring
from ..models import (
    Assignment,
    Award,
    AwardCycle,
    AwardLevel,
    ChairDecision,
    Criterion,
    CycleJudge,
    Entry,
    Score,
    Stage,
)
from .entries import entries_with_schools
from .judging import entry_countries

AMENDED = "award.amended"


@dataclass
class JudgeColumn:
    judge: CycleJudge
    label: str
    stats: scoring.JudgeStats | None
    assigned: int = 0
    submitted: int = 0


@dataclass
class ResultRow:
    entry: Entry
    result: scoring.EntryResult
    judge_scores: list[float | None]  # one per column of StageTable.judges
    assignments: list[Assignment] = field(default_factory=list)
    chair: ChairDecision | None = None
    assigned: int = 0
    submitted: int = 0

    @property
    def comments_to_staff(self) -> list[Assignment]:
        return [a for a in self.assignments if a.comment_to_staff]


@dataclass
class StageTable:
    stage: Stage
    rows: list[ResultRow]
    judges: list[JudgeColumn]
    result: scoring.StageResult
    assigned: int
    submitted: int

    @property
    def tied_rows(self) -> list[ResultRow]:
        return [row for row in self.rows if scoring.TIE_NEEDS_CHAIR in row.result.flags]


# The distinct countries of the entry's member schools, by name (uses the prefetch).
countries_of = entry_countries


def stage_for(*, cycle: AwardCycle, kind: str) -> Stage | None:
    return Stage.objects.filter(cycle=cycle, kind=kind).first()


def stage_table(*, stage: Stage) -> StageTable:
    """Everything the staff results page shows for one stage, in 6 queries whatever its size:
    criteria, entries (+ their memberships), the stage's assignments with judges, the
    submitted scores, the chair's decisions."""
    cycle = stage.cycle
    criteria = list(Criterion.objects.filter(cycle=cycle))
    entries = list(
        entries_with_schools()
        .filter(Q(stages=stage) | Q(assignments__stage=stage), status=Entry.Status.SUBMITTED)
        .distinct()
        .order_by("pk")
    )
    assignments = list(
        Assignment.objects.filter(stage=stage)
        .select_related("judge__user")
        .order_by("judge__user__full_name", "judge_id", "pk")
    )
    values: dict[int, dict[int, int]] = {}
    for assignment_id, criterion_id, value in Score.objects.filter(
        assignment__stage=stage, assignment__status=Assignment.Status.SUBMITTED
    ).values_list("assignment_id", "criterion_id", "value"):
        values.setdefault(assignment_id, {})[criterion_id] = value
    chair = {decision.entry_id: decision for decision in ChairDecision.objects.filter(stage=stage)}

    entry_ids = {entry.pk for entry in entries}
    cards = [
        scoring.Card(judge_id=a.judge_id, entry_id=a.entry_id, values=values.get(a.pk, {}))
        for a in assignments
        if a.status == Assignment.Status.SUBMITTED and a.entry_id in entry_ids
    ]
    result = scoring.stage_compute(
        criteria=[
            scoring.CriterionSpec(
                id=c.pk,
                weight=float(c.weight),
                scale_min=c.scale_min,
                scale_max=c.scale_max,
                is_primary=c.is_primary,
            )
            for c in criteria
        ],
        cards=cards,
        entry_ids=entry_ids,
        categories={entry.pk: entry.category_id for entry in entries},
        tie_break=list(cycle.tie_break or []),
        chair_orders={entry_id: d.order for entry_id, d in chair.items()},
    )

    columns: dict[int, JudgeColumn] = {}
    for assignment in assignments:
        column = columns.get(assignment.judge_id)
        if column is None:
            column = columns[assignment.judge_id] = JudgeColumn(
                judge=assignment.judge,
                label=assignment.judge.user.full_name or assignment.judge.user.email,
                stats=result.judges.get(assignment.judge_id),
            )
        if assignment.entry_id in entry_ids:
            column.assigned += 1
            column.submitted += assignment.status == Assignment.Status.SUBMITTED
    judges = list(columns.values())

    by_entry = {entry.pk: entry for entry in entries}
    by_entry_assignments: dict[int, list[Assignment]] = {}
    for assignment in assignments:
        by_entry_assignments.setdefault(assignment.entry_id, []).append(assignment)
    rows = []
    for entry_result in result.rows:
        entry = by_entry[entry_result.entry_id]
        entry.countries = countries_of(entry)
        own = by_entry_assignments.get(entry.pk, [])
        rows.append(
            ResultRow(
                entry=entry,
                result=entry_result,
                judge_scores=[entry_result.judge_scores.get(column.judge.pk) for column in judges],
                assignments=own,
                chair=chair.get(entry.pk),
                assigned=len(own),
                submitted=sum(a.status == Assignment.Status.SUBMITTED for a in own),
            )
        )
    return StageTable(
        stage=stage,
        rows=rows,
        judges=judges,
        result=result,
        assigned=sum(row.assigned for row in rows),
        submitted=sum(row.submitted for row in rows),
    )


def ranking_stage(*, cycle: AwardCycle) -> Stage | None:
    """The stage winners come from: the final if there is one, else the only stage."""
    stages = list(Stage.objects.filter(cycle=cycle).order_by("-position", "-pk"))
    for stage in stages:
        if stage.kind == Stage.Kind.FINAL:
            return stage
    return stages[0] if stages else None


def proposed_awards(*, cycle: AwardCycle, table: StageTable | None) -> dict[int, int]:
    """The default choice, entry id -> level id: in each category, by the ranking, the first
    `winners` of the highest level, then the next level's, and so on."""
    if table is None:
        return {}
    levels = list(AwardLevel.objects.filter(cycle=cycle).order_by("rank", "pk"))
    by_category: dict[int, list[int]] = {}
    for row in table.rows:
        if row.result.scored:
            by_category.setdefault(row.entry.category_id, []).append(row.entry.pk)
    proposal: dict[int, int] = {}
    for ranked in by_category.values():
        position = 0
        for level in levels:
            for entry_id in ranked[position : position + level.winners]:
                proposal[entry_id] = level.pk
            position += level.winners
    return proposal


def amendments(*, cycle: AwardCycle) -> list[AuditEntry]:
    """Changes after publication, newest first (one query; shown on the public page)."""
    return list(
        AuditEntry.objects.filter(
            action=AMENDED,
            target_type__app_label="awards",
            target_type__model="awardcycle",
            target_id=cycle.pk,
        )
    )


@dataclass
class CycleFigures:
    entries: int
    schools: int
    countries: int
    teachers: int
    students: int


def cycle_figures(*, cycle: AwardCycle) -> CycleFigures:
    """ "N entries from M schools in K countries, engaging T teachers and S students": over the
    entries submitted in the cycle; teachers are the distinct member teachers of the entered
    collaborations; students the sum of the entries' student counts. Two queries."""
    entries = Entry.objects.filter(cycle=cycle, status=Entry.Status.SUBMITTED)
    totals = entries.aggregate(n=Count("pk"), students=Sum("student_count"))
    members = Membership.objects.filter(collaboration__award_entries__in=entries).aggregate(
        schools=Count("school", distinct=True),
        countries=Count("school__country", distinct=True),
        teachers=Count("teacher", distinct=True),
    )
    return CycleFigures(
        entries=totals["n"],
        schools=members["schools"],
        countries=members["countries"],
        teachers=members["teachers"],
        students=totals["students"] or 0,
    )


def winners_for_cycles(*, cycle_ids: Iterable[int]) -> dict[int, list[dict]]:
    """cycle id -> [{category, levels: [{level, awards: [award…]}]}] in category and level
    order, each award's entry with its collaboration, schools and countries. Two queries for any
    number of cycles."""
    awards = list(
        Award.objects.filter(cycle_id__in=list(cycle_ids))
        .select_related("level", "entry__category", "entry__collaboration")
        .prefetch_related(
            Prefetch(
                "entry__collaboration__memberships",
                queryset=Membership.objects.select_related("school__country"),
            )
        )
        .order_by("entry__category__position", "entry__category_id", "level__rank", "pk")
    )
    grouped: dict[int, dict[int, dict]] = {}
    for award in awards:
        award.entry.countries = countries_of(award.entry)
        award.entry.schools = [m.school for m in award.entry.collaboration.memberships.all()]
        category = grouped.setdefault(award.cycle_id, {}).setdefault(
            award.entry.category_id, {"category": award.entry.category, "levels": {}}
        )
        category["levels"].setdefault(award.level_id, {"level": award.level, "awards": []})[
            "awards"
        ].append(award)
    return {
        cycle_id: [
            {"category": group["category"], "levels": list(group["levels"].values())}
            for group in categories.values()
        ]
        for cycle_id, categories in grouped.items()
    }


def winners_by_category(*, cycle: AwardCycle) -> list[dict]:
    return winners_for_cycles(cycle_ids=[cycle.pk]).get(cycle.pk, [])


def feedback_for(*, entry: Entry) -> list[dict]:
    """The judges' comments to the entrant, anonymised: "Judge 1", "Judge 2"… numbered in a
    stable order (by the judge's row, so one judge keeps the same number in every stage),
    never a name. Only submitted scorecards; one query."""
    assignments = list(
        Assignment.objects.filter(entry=entry, status=Assignment.Status.SUBMITTED)
        .select_related("stage")
        .order_by("stage__position", "judge_id", "pk")
    )
    numbers = {
        judge_id: index
        for index, judge_id in enumerate(sorted({a.judge_id for a in assignments}), start=1)
    }
    return [
        {
            "judge": _("Judge %(n)s") % {"n": numbers[a.judge_id]},
            "stage": a.stage.get_kind_display(),
            "comment": a.comment_to_entrant,
        }
        for a in assignments
        if a.comment_to_entrant.strip()
    ]


def stage_for_results(*, cycle: AwardCycle, kind: str) -> Stage:
    """The cycle's stage of `kind` for its results page (its cycle set); a 404 if none."""
    if kind not in Stage.Kind.values:
        raise Http404
    stage = Stage.objects.filter(cycle=cycle, kind=kind).first()
    if stage is None:
        raise Http404
    stage.cycle = cycle
    return stage


def levels_of(cycle: AwardCycle) -> list[AwardLevel]:
    return list(AwardLevel.objects.filter(cycle=cycle).order_by("rank", "pk"))


def awards_by_entry(cycle: AwardCycle) -> dict[int, Award]:
    """The cycle's awards (chosen or published), per entry pk, with their level and entry."""
    return {
        award.entry_id: award
        for award in Award.objects.filter(cycle=cycle).select_related(
            "level", "entry__collaboration", "entry__category"
        )
    }


def submitted_entries(cycle: AwardCycle) -> list[Entry]:
    """The cycle's submitted entries by title: what an amendment may choose from."""
    return list(
        Entry.objects.filter(cycle=cycle, status=Entry.Status.SUBMITTED)
        .select_related("collaboration")
        .order_by("collaboration__title", "pk")
    )
