"""Results and publication: a stage's table (loaded in a fixed number of queries and computed by
awards.scoring), advancing the shortlist to the final, the chair's decisions on ties, choosing
the winners, publishing them (frozen, entrants told once) and amending after publication (with a
reason, recorded and shown publicly).

Every write is a keyword-only atomic service raising AwardsError with a message for staff.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Prefetch, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from collaborations.models import Membership
from core.audit.models import AuditEntry
from core.audit.services import audit_record
from core.mail import absolute_url, send_templated_email

from . import scoring
from .errors import AwardsError
from .judging.selectors import entry_countries
from .models import (
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

AMENDED = "award.amended"


# --- Reading: a stage's table -----------------------------------------------------------------


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


def entries_with_schools():
    """Entries with what a results row or a winners list shows (one query + one prefetch)."""
    return Entry.objects.select_related(
        "collaboration", "category", "submitted_by__user", "submitted_by__school__country"
    ).prefetch_related(
        Prefetch(
            "collaboration__memberships",
            queryset=Membership.objects.select_related("school__country", "teacher__user"),
        )
    )


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


# --- Writing -----------------------------------------------------------------------------------


def _not_published(cycle: AwardCycle) -> None:
    if cycle.is_published:
        raise AwardsError(
            _("The results are published and frozen: amend an award with a reason instead.")
        )


@transaction.atomic
def stage_advance(
    *, stage: Stage, by, count: int | None = None, entry_ids: Iterable[int] | None = None
) -> Stage:
    """Put the shortlist's top `count` (by the ranking) or the ticked entries into the final
    stage (created when missing). Entries already in the final stay there. Refused until the
    shortlist is closed: while it is open (or not started) its ranking can still change."""
    cycle = AwardCycle.objects.select_for_update().get(pk=stage.cycle_id)
    _not_published(cycle)
    if stage.kind != Stage.Kind.SHORTLIST:
        raise AwardsError(_("Only the shortlist advances entries to the final."))
    status = Stage.objects.filter(pk=stage.pk).values_list("status", flat=True).get()
    if status == Stage.Status.PENDING:
        raise AwardsError(
            _("The shortlist stage has not started: there is no ranking to advance from yet.")
        )
    if status != Stage.Status.CLOSED:
        raise AwardsError(
            _(
                "The shortlist stage is still open: judges can still change its ranking. "
                "Close it on the cycle's page first, then advance entries to the final."
            )
        )
    table = stage_table(stage=stage)
    ranked = [row.entry.pk for row in table.rows if row.result.scored]
    if entry_ids:
        chosen = [int(pk) for pk in entry_ids]
        unknown = set(chosen) - {row.entry.pk for row in table.rows}
        if unknown:
            raise AwardsError(_("Only entries of the shortlist can advance to the final."))
    elif count:
        if count < 1:
            raise AwardsError(_("Advance at least one entry."))
        if count > len(ranked):
            raise AwardsError(
                _("Only %(n)s entries have scores in the shortlist; advance %(n)s or fewer.")
                % {"n": len(ranked)}
            )
        chosen = ranked[:count]
    else:
        raise AwardsError(_("Give a number of entries, or tick the entries to advance."))
    final, _created = Stage.objects.get_or_create(
        cycle=cycle,
        kind=Stage.Kind.FINAL,
        defaults={"position": stage.position + 1, "status": Stage.Status.PENDING},
    )
    final.entries.add(*chosen)
    audit_record(
        actor=by,
        action="stage.advanced",
        target=cycle,
        note=_("%(n)s entries advanced to the final") % {"n": len(chosen)},
    )
    return final


@transaction.atomic
def chair_decide(*, stage: Stage, entry: Entry, order: int, reason: str, by) -> ChairDecision:
    """Record (or change) the chair's order for an entry tied after the other tie-breaks."""
    cycle = AwardCycle.objects.select_for_update().get(pk=stage.cycle_id)
    _not_published(cycle)
    if entry.cycle_id != cycle.pk:
        raise AwardsError(_("This entry is not in this cycle."))
    reason = (reason or "").strip()
    if not reason:
        raise AwardsError(_("Write the reason for the chair's decision."))
    if order < 1:
        raise AwardsError(_("The order starts at 1 (goes first)."))
    decision, _created = ChairDecision.objects.update_or_create(
        stage=stage, entry=entry, defaults={"order": order, "reason": reason, "decided_by": by}
    )
    audit_record(
        actor=by,
        action="chair.decided",
        target=cycle,
        note=_("Entry %(pk)s placed %(order)s among the tied: %(reason)s")
        % {"pk": entry.pk, "order": order, "reason": reason},
    )
    return decision


def _check_choice(cycle: AwardCycle, choices: Mapping[int, int]) -> dict[int, Entry]:
    levels = {level.pk: level for level in AwardLevel.objects.filter(cycle=cycle)}
    entries = {
        entry.pk: entry
        for entry in Entry.objects.filter(
            cycle=cycle, pk__in=list(choices), status=Entry.Status.SUBMITTED
        ).select_related("category", "collaboration")
    }
    if set(choices) - set(entries):
        raise AwardsError(_("Only submitted entries of this cycle can win."))
    if set(choices.values()) - set(levels):
        raise AwardsError(_("Choose one of this cycle's award levels."))
    counts: dict[tuple[int, int], int] = {}
    for entry_id, level_id in choices.items():
        key = (entries[entry_id].category_id, level_id)
        counts[key] = counts.get(key, 0) + 1
        level = levels[level_id]
        if counts[key] > level.winners:
            raise AwardsError(
                _("%(level)s: at most %(n)s in the category “%(category)s”.")
                % {
                    "level": level.name,
                    "n": level.winners,
                    "category": entries[entry_id].category.name,
                }
            )
    return entries


@transaction.atomic
def awards_choose(
    *, cycle: AwardCycle, choices: Mapping[int, int], citations: Mapping[int, str], by
) -> list[Award]:
    """Set the winners before publication: `choices` entry id -> level id (entries left out
    win nothing), `citations` entry id -> text. Replaces the previous choice."""
    cycle = AwardCycle.objects.select_for_update().get(pk=cycle.pk)
    _not_published(cycle)
    _check_choice(cycle, choices)
    Award.objects.filter(cycle=cycle).exclude(entry_id__in=list(choices)).delete()
    existing = {award.entry_id: award for award in Award.objects.filter(cycle=cycle)}
    awards = []
    for entry_id, level_id in choices.items():
        award = existing.get(entry_id) or Award(cycle=cycle, entry_id=entry_id)
        award.level_id = level_id
        award.citation = (citations.get(entry_id) or "").strip()
        award.full_clean()
        award.save()
        awards.append(award)
    audit_record(
        actor=by,
        action="awards.chosen",
        target=cycle,
        note=_("%(n)s winners chosen") % {"n": len(awards)},
    )
    return awards


@transaction.atomic
def cycle_publish(*, cycle: AwardCycle, by) -> AwardCycle:
    """Publish the winners: the cycle is frozen (a stage still open is closed: judging is
    over), and every entrant of a submitted entry is told by e-mail, once (a cycle is
    published only once)."""
    cycle = AwardCycle.objects.select_for_update().select_related("edition").get(pk=cycle.pk)
    if cycle.is_published:
        raise AwardsError(_("These results are already published."))
    if cycle.status != AwardCycle.Status.JUDGING:
        raise AwardsError(_("Results are published after judging; this cycle is not judging."))
    if not Award.objects.filter(cycle=cycle).exists():
        raise AwardsError(_("Choose at least one winner before publishing."))
    cycle.status = AwardCycle.Status.PUBLISHED
    cycle.published_at = timezone.now()
    cycle.published_by = by
    cycle.save(update_fields=["status", "published_at", "published_by"])
    audit_record(actor=by, action="awards.published", target=cycle)
    # Judging is over: a stage still open closes, so that no scorecard changes the figures
    # (nor a reminder goes out) after publication.
    still_open = list(Stage.objects.filter(cycle=cycle, status=Stage.Status.OPEN))
    Stage.objects.filter(pk__in=[stage.pk for stage in still_open]).update(
        status=Stage.Status.CLOSED
    )
    for stage in still_open:
        audit_record(
            actor=by,
            action="awardcycle.stage_closed",
            target=cycle,
            note=_("%(stage)s, closed by the publication") % {"stage": stage.get_kind_display()},
        )
    entries = Entry.objects.filter(cycle=cycle, status=Entry.Status.SUBMITTED).select_related(
        "collaboration", "submitted_by__user", "award__level"
    )
    cycle_url = absolute_url(cycle.get_absolute_url())
    for entry in entries:
        award = getattr(entry, "award", None)
        send_templated_email(
            template="award_results",
            to=[entry.submitted_by.user.email],
            context={
                "cycle": cycle,
                "entry": entry,
                "name": entry.submitted_by.user.full_name,
                "award": award,
                "cycle_url": cycle_url,
                "feedback_url": absolute_url(reverse("awards:entry_feedback", args=[entry.pk])),
            },
        )
    return cycle


@transaction.atomic
def award_amend(
    *,
    cycle: AwardCycle,
    entry: Entry,
    level: AwardLevel | None,
    citation: str = "",
    reason: str,
    by,
) -> Award | None:
    """Change one award after publication (give, change or withdraw it): a reason is required;
    the change is recorded and shown on the public page as “Amended on …: reason”."""
    cycle = AwardCycle.objects.select_for_update().get(pk=cycle.pk)
    if not cycle.is_published:
        raise AwardsError(_("The results are not published yet: change the choice directly."))
    reason = (reason or "").strip()
    if not reason:
        raise AwardsError(_("A change after publication needs a reason; it is shown publicly."))
    if entry.cycle_id != cycle.pk or entry.status != Entry.Status.SUBMITTED:
        raise AwardsError(_("Only submitted entries of this cycle can win."))
    if level is not None and level.cycle_id != cycle.pk:
        raise AwardsError(_("Choose one of this cycle's award levels."))
    award = Award.objects.filter(entry=entry).first()
    if level is None:
        if award is None:
            raise AwardsError(_("This entry has no award to withdraw."))
        award.delete()
        award = None
    else:
        award = award or Award(cycle=cycle, entry=entry)
        award.level = level
        award.citation = (citation or "").strip()
        award.full_clean()
        award.save()
    audit_record(actor=by, action=AMENDED, target=cycle, note=reason)
    return award
