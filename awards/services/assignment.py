"""Assignment of entries to judges for a stage: automatic (assign_stage, see _Planner), by
hand (assignment_add, assignment_remove); the board the assignments page shows is read by
awards.selectors.judging.assignment_board.

Judges of an award cycle: invitations, conflicts of interest and the assignment of entries
to judges for a stage, automatic and by hand.

Conflicts come from two places. Found from the data (never stored, computed by
conflicts_for in a fixed number of queries): the judge's school is a member school of the
entry's collaboration, the judge teaches in it, or, when the cycle says so, the judge's
country is one of the collaboration's countries. Declared by the judge or added by staff: a
Conflict row. A conflicted judge is never assigned; a conflict declared after assignment
removes the unsubmitted assignment, and the entry then shows as short of judges.

Automatic assignment (assign_stage) gives each entry of a stage k = cycle.judges_per_entry
active judges: never a conflicted one; loads within one of each other (counting this stage
only); at least one judge from Asia and one from Europe per entry where the panel allows.
Existing assignments are kept and only the missing ones filled, so running it again is safe.
Given the same data it gives the same result (ties are broken by an order seeded by the
stage). See _Planner for the steps.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from core.audit.services import audit_record
from core.mail import absolute_url, send_templated_email
from teachers.models import User

from ..errors import AwardsError
from ..models import Assignment, AssignmentNotice, CycleJudge, Entry, Stage
from ..selectors.judging import (
    JUDGED,
    REGIONS,
    conflicts_for,
    judge_name,
    judge_regions,
    panel_frozen_reason,
)


@dataclass
class AssignmentReport:
    assigned: int = 0
    short: list[tuple[Entry, int]] = field(default_factory=list)  # (entry, judges it has)
    one_region: list[Entry] = field(default_factory=list)
    loads: dict[int, int] = field(default_factory=dict)  # active judge pk -> load this stage

    @property
    def spread(self) -> int:
        return max(self.loads.values()) - min(self.loads.values()) if self.loads else 0


class _Planner:
    """Fills the missing seats of a stage in memory; assign_stage saves the result.

    1. Regions first: an entry whose judges lack Asia (or Europe) gets the least loaded
       eligible judge of that region, within the load cap that keeps the loads balanced.
    2. Then every missing seat, entries with the fewest eligible judges first, slot by slot:
       the least loaded eligible judge under the cap, preferring a region the entry lacks.
    3. Repair: while the loads spread by more than one, move a new assignment from the most
       to the least loaded judge where conflicts and the entry's regions allow.
    Ties go by an order of the judges shuffled with the stage's pk as seed: deterministic.
    """

    def __init__(self, *, k, judges, regions, entries, existing, conflicts, seed):
        self.k, self.judges, self.regions = k, judges, regions
        rng = random.Random(seed)  # noqa: S311 (a reproducible order, not a secret)
        shuffled = sorted(judges)
        rng.shuffle(shuffled)
        self.rank = {pk: i for i, pk in enumerate(shuffled)}
        self.on = {e: set(existing.get(e, ())) for e in entries}
        self.new: dict[int, set[int]] = {e: set() for e in entries}
        self.load = dict.fromkeys(judges, 0)
        for judge_ids in self.on.values():
            for j in judge_ids:
                if j in self.load:
                    self.load[j] += 1
        self.eligible = {
            e: [j for j in judges if (j, e) not in conflicts and j not in self.on[e]]
            for e in entries
        }
        seats = sum(min(max(0, k - len(self.on[e])), len(self.eligible[e])) for e in entries)
        total = sum(self.load.values()) + seats
        self.floor, self.extra = divmod(total, len(judges)) if judges else (0, 0)
        order = sorted(entries)
        random.Random(seed + 1).shuffle(order)  # noqa: S311
        entry_rank = {e: i for i, e in enumerate(order)}
        self.order = sorted(entries, key=lambda e: (len(self.eligible[e]), entry_rank[e]))

    def need(self, e: int) -> int:
        return self.k - len(self.on[e])

    def missing_regions(self, e: int) -> set[str]:
        have = {self.regions.get(j) for j in self.on[e]}
        return {r for r in REGIONS if r not in have}

    def under_cap(self, j: int) -> bool:
        if self.load[j] < self.floor:
            return True
        at_ceiling = sum(1 for load in self.load.values() if load > self.floor)
        return self.load[j] == self.floor and at_ceiling < self.extra

    def candidates(self, e: int) -> list[int]:
        return [j for j in self.eligible[e] if j not in self.on[e]]

    def seat(self, e: int, j: int) -> None:
        self.on[e].add(j)
        self.new[e].add(j)
        self.load[j] += 1

    def run(self) -> None:
        if not self.judges:
            return
        for e in self.order:  # 1. one judge of each region the entry lacks
            for region in sorted(self.missing_regions(e)):
                if self.need(e) <= 0:
                    break
                pool = [
                    j
                    for j in self.candidates(e)
                    if self.regions.get(j) == region and self.under_cap(j)
                ]
                if pool:
                    self.seat(e, min(pool, key=lambda j: (self.load[j], self.rank[j])))
        for _slot in range(self.k):  # 2. the remaining seats, one round per slot
            for e in self.order:
                if self.need(e) <= 0:
                    continue
                pool = self.candidates(e)
                if not pool:
                    continue
                capped = [j for j in pool if self.under_cap(j)] or pool
                lacking = self.missing_regions(e)
                self.seat(
                    e,
                    min(
                        capped,
                        key=lambda j: (
                            self.load[j],
                            self.regions.get(j) not in lacking,
                            self.rank[j],
                        ),
                    ),
                )
        self.repair()
        self.swap_regions()

    def repair(self) -> None:
        for _step in range(len(self.judges) * (sum(map(len, self.new.values())) + 1)):
            high = max(self.judges, key=lambda j: (self.load[j], -self.rank[j]))
            lows = sorted(self.judges, key=lambda j: (self.load[j], self.rank[j]))
            if self.load[high] - self.load[lows[0]] <= 1:
                return
            # Balance comes first: a move that costs an entry a region is the last resort
            # (swap_regions, run next, wins the region back where it can).
            if not self._move_from(high, lows, keep_regions=True) and not self._move_from(
                high, lows, keep_regions=False
            ):
                return

    def swap_regions(self) -> None:
        """An entry lacking a region takes a judge J of that region from another entry f,
        giving f one of its own new judges X in exchange: loads stay as they are, and f keeps
        its regions (another judge of J's region stays on f)."""
        for e in self.order:
            for region in sorted(self.missing_regions(e)):
                self._swap_in(e, region)

    def _swap_in(self, e: int, region: str) -> bool:
        givers = sorted(self.new[e], key=lambda x: self.rank[x])
        for j in sorted(self.eligible[e], key=lambda j: self.rank[j]):
            if self.regions.get(j) != region or j in self.on[e]:
                continue
            for f in self.order:
                if j not in self.new[f]:
                    continue
                for x in givers:
                    if x in self.on[f] or x not in self.eligible[f]:
                        continue
                    before = len(self.missing_regions(f))
                    self.on[f] = (self.on[f] - {j}) | {x}
                    if len(self.missing_regions(f)) <= before:
                        self.new[f] = (self.new[f] - {j}) | {x}
                        self.on[e] = (self.on[e] - {x}) | {j}
                        self.new[e] = (self.new[e] - {x}) | {j}
                        return True
                    self.on[f] = (self.on[f] - {x}) | {j}
        return False

    def _move_from(self, high: int, lows: list[int], *, keep_regions: bool) -> bool:
        for low in lows:
            if self.load[high] - self.load[low] <= 1:
                return False
            for e in self.order:
                if high not in self.new[e] or low in self.on[e] or low not in self.eligible[e]:
                    continue
                before = len(self.missing_regions(e))
                self.on[e].discard(high)
                self.on[e].add(low)
                if keep_regions and len(self.missing_regions(e)) > before:
                    self.on[e].discard(low)
                    self.on[e].add(high)
                    continue
                self.new[e].discard(high)
                self.new[e].add(low)
                self.load[high] -= 1
                self.load[low] += 1
                return True
        return False


@transaction.atomic
def assign_stage(*, stage: Stage, by: User | None) -> AssignmentReport:
    """Fill every entry of the stage up to the cycle's judges per entry with active,
    non-conflicted judges (see the module's docstring); keeps existing assignments. Each judge
    given entries is e-mailed, once per stage (notify_assigned)."""
    stage = Stage.objects.select_for_update().select_related("cycle").get(pk=stage.pk)
    cycle = stage.cycle
    _stage_open(stage)
    judges = list(
        CycleJudge.objects.filter(cycle=cycle, status=CycleJudge.Status.ACTIVE)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not judges:
        raise AwardsError(_("No judge has accepted yet: invite judges first."))
    entries = list(
        stage.entries.filter(status__in=JUDGED).order_by("pk").values_list("pk", flat=True)
    )
    existing: dict[int, list[int]] = defaultdict(list)
    for entry_id, judge_id in Assignment.objects.filter(stage=stage).values_list(
        "entry_id", "judge_id"
    ):
        existing[entry_id].append(judge_id)
    planner = _Planner(
        k=cycle.judges_per_entry,
        judges=judges,
        regions=judge_regions(cycle=cycle),
        entries=entries,
        existing=existing,
        conflicts=conflicts_for(cycle),
        seed=stage.pk,
    )
    planner.run()
    rows = [
        Assignment(stage=stage, entry_id=e, judge_id=j)
        for e in entries
        for j in sorted(planner.new[e])
    ]
    Assignment.objects.bulk_create(rows)
    notify_assigned(stage=stage, judge_ids=[row.judge_id for row in rows])
    report = AssignmentReport(assigned=len(rows), loads=dict(planner.load))
    short_ids = {e: len(planner.on[e]) for e in entries if planner.need(e) > 0}
    one_region_ids = [e for e in entries if planner.missing_regions(e)]
    named = Entry.objects.select_related("collaboration").in_bulk([*short_ids, *one_region_ids])
    report.short = [(named[e], n) for e, n in short_ids.items()]
    report.one_region = [named[e] for e in one_region_ids]
    audit_record(
        actor=by,
        action="assignment.automatic",
        target=stage,
        note=_("%(n)s assignments made; %(short)s entries short of judges.")
        % {"n": len(rows), "short": len(report.short)},
    )
    return report


def notify_assigned(*, stage: Stage, judge_ids: list[int]) -> int:
    """E-mail each judge that entries are assigned to them in the stage: once per judge and
    stage. The AssignmentNotice row is the claim (inserted under its unique constraint, in a
    savepoint): a judge already told, by an earlier run or by hand, is not told again. The
    e-mail goes through the outbox, after the surrounding transaction commits. It names no
    entry (blind judging): the count, the stage's dates and the link. Returns e-mails sent."""
    cycle = stage.cycle
    sent = 0
    for judge_id in sorted(set(judge_ids)):
        try:
            with transaction.atomic():
                AssignmentNotice.objects.create(stage=stage, judge_id=judge_id)
        except IntegrityError:
            continue  # told already
        judge = CycleJudge.objects.select_related("user").get(pk=judge_id)
        zone = cycle.edition.zone
        send_templated_email(
            template="award_judge_assigned",
            to=[judge.user.email],
            context={
                "name": judge.user.full_name or judge.user.email,
                "cycle": str(cycle),
                "stage": stage.get_kind_display(),
                "count": Assignment.objects.filter(stage=stage, judge_id=judge_id).count(),
                "is_open": stage.status == Stage.Status.OPEN,
                "opens_at": stage.opens_at.astimezone(zone) if stage.opens_at else None,
                "closes_at": stage.closes_at.astimezone(zone) if stage.closes_at else None,
                "zone": zone.key,
                "url": absolute_url(reverse("awards:judge_dashboard")),
            },
        )
        sent += 1
    return sent


def _stage_open(stage: Stage) -> None:
    """Refuse a change to the stage's assignments once it is closed or the results are
    published (`stage.cycle` loaded)."""
    frozen = panel_frozen_reason(stage.cycle)
    if frozen:
        raise AwardsError(frozen)
    if stage.status == Stage.Status.CLOSED:
        raise AwardsError(_("This stage is closed: its assignments can no longer change."))


@transaction.atomic
def assignment_add(*, stage: Stage, entry: Entry, judge: CycleJudge, by: User) -> Assignment:
    """Staff add a judge to an entry by hand: an active judge without a conflict; the judge is
    e-mailed unless already told of this stage (notify_assigned)."""
    stage = Stage.objects.select_for_update().select_related("cycle").get(pk=stage.pk)
    _stage_open(stage)
    if not stage.entries.filter(pk=entry.pk).exists():
        raise AwardsError(_("That entry is not judged in this stage."))
    if judge.cycle_id != stage.cycle_id or judge.status != CycleJudge.Status.ACTIVE:
        raise AwardsError(_("Only a judge who accepted can be assigned."))
    reason = conflicts_for(stage.cycle).get((judge.pk, entry.pk))
    if reason:
        raise AwardsError(
            _("%(name)s has a conflict with this entry (%(reason)s).")
            % {**judge_name(judge), "reason": reason}
        )
    if Assignment.objects.filter(stage=stage, entry=entry, judge=judge).exists():
        raise AwardsError(_("%(name)s already judges this entry.") % judge_name(judge))
    assignment = Assignment.objects.create(stage=stage, entry=entry, judge=judge, by_hand=True)
    notify_assigned(stage=stage, judge_ids=[judge.pk])
    audit_record(
        actor=by,
        action="assignment.added",
        target=stage,
        note=_("%(name)s assigned to “%(entry)s”.")
        % {**judge_name(judge), "entry": entry.collaboration.title},
    )
    return assignment


@transaction.atomic
def assignment_remove(*, assignment: Assignment, by: User, confirm_draft: bool = False) -> None:
    """Staff take an assignment back: never a submitted one; a draft only when confirmed
    (the judge's draft scores are lost)."""
    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("stage__cycle", "judge__user", "entry__collaboration")
        .get(pk=assignment.pk)
    )
    _stage_open(assignment.stage)
    if assignment.status == Assignment.Status.SUBMITTED:
        raise AwardsError(_("This scorecard is submitted: it stays."))
    if assignment.status == Assignment.Status.DRAFT and not confirm_draft:
        raise AwardsError(
            _("%(name)s has started a draft: confirm that their draft scores are deleted.")
            % judge_name(assignment.judge)
        )
    audit_record(
        actor=by,
        action="assignment.removed",
        target=assignment.stage,
        note=_("%(name)s taken off “%(entry)s”.")
        % {**judge_name(assignment.judge), "entry": assignment.entry.collaboration.title},
    )
    assignment.delete()
