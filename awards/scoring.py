"""The Awards' scoring rules, as pure functions over plain data (no ORM, no database).

awards.results loads a stage's scorecards and calls `stage_compute`; tests call it with
hand-computed numbers. The rules, exactly:

1. **Weighted score of a scorecard** (one judge, one entry, SUBMITTED scorecards only; drafts
   never count), on a 0-100 scale over the criteria actually answered:

       s = 100 * Σ_c w_c * (v_c - min_c) / (max_c - min_c)  /  Σ_c w_c

   A scorecard that answered no criterion has no score and is left out.

2. **Per entry**: the raw mean of its judges' s, the median, the spread (max - min), the number
   of judges, and the judges' SAMPLE standard deviation (divide by n - 1: an entry's judges are
   a sample of the judges it could have had). These are figures for staff; the disagreement
   flag (rule 5) is not read from them.

3. **Normalisation, per stage.** Every standard deviation in this step is the POPULATION standard
   deviation (divide by n, not n - 1): the judge's entries are all the entries the judge scored
   in the stage, not a sample of them. For each judge j, over the entries j scored in the stage:
   mean m_j and standard deviation sd_j.

   - If j scored at least `MIN_ENTRIES_TO_STANDARDISE` (6) entries AND sd_j ≥
     `MIN_JUDGE_SD` (1 point): z = (s - m_j) / sd_j (standardised).
   - Otherwise only centred: z = (s - m_j) / SD_all, where SD_all is the standard deviation of
     all raw scores s in the stage (z = 0 when SD_all is 0).

   An entry's z is the mean of its judges' z; its normalised score is M_all + SD_all * z, back
   on the 0-100 scale (M_all: the mean of all raw s in the stage).

4. **Ranking** by normalised score, highest first. Scores equal within `TIE_EPSILON` are tied;
   ties are broken in the cycle's tie-break order, each key in turn:
   "median" (higher median first), "primary" (higher mean of the primary criterion's values
   first), "raw_mean" (higher raw mean first), "chair" (the chair's order, ascending; breaks a
   tie only between entries that both have a decision). Entries still tied at the end share a
   rank position (1, 2, 2, 4); when "chair" is in the tie-break they are flagged
   `TIE_NEEDS_CHAIR`. Entries without any submitted scorecard come last, unranked.

5. **Flags**: `JUDGES_DISAGREE` when, once each judge's own harshness or leniency is taken
   out (their z of rule 3), two of the entry's judges are at least `DISAGREE_Z` (1.25) of the
   stage's standard deviations apart: max z - min z >= DISAGREE_Z (`z_spread`), that is their
   normalised views of the entry differ by at least DISAGREE_Z x SD_all points
   (`StageResult.disagree_points`). One judge thinks it among the best, another about average.
   A fixed number of raw points meant nothing: on a 1-5 rubric a raw spread of 25 is one point
   per criterion, and a harsh and a lenient judge differ by that on every entry they share.
   An entry with a single judge is never flagged. `NORMALISATION_MOVED` when the raw rank (by
   raw mean, ties shared, no tie-break) and the normalised rank differ by `MOVED_BY` (3) or
   more.

Each stage is computed from its own scorecards only: the final never mixes with the shortlist.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

MIN_ENTRIES_TO_STANDARDISE = 6
MIN_JUDGE_SD = 1.0
DISAGREE_Z = 1.25
MOVED_BY = 3
TIE_EPSILON = 1e-9

JUDGES_DISAGREE = "judges_disagree"
NORMALISATION_MOVED = "normalisation_moved"
TIE_NEEDS_CHAIR = "tie_needs_chair"

MEDIAN = "median"
PRIMARY = "primary"
RAW_MEAN = "raw_mean"
CHAIR = "chair"


@dataclass(frozen=True)
class CriterionSpec:
    id: int
    weight: float
    scale_min: int
    scale_max: int
    is_primary: bool = False


@dataclass(frozen=True)
class Card:
    """One submitted scorecard: a judge's values per criterion id for one entry."""

    judge_id: int
    entry_id: int
    values: Mapping[int, int]


@dataclass
class JudgeStats:
    judge_id: int
    count: int
    mean: float
    sd: float
    standardised: bool


@dataclass
class EntryResult:
    entry_id: int
    category_id: int | None = None
    judge_scores: dict[int, float] = field(default_factory=dict)  # judge id -> s (0-100)
    judge_z: dict[int, float] = field(default_factory=dict)
    raw_mean: float | None = None
    median: float | None = None
    spread: float | None = None
    judges_sd: float | None = None
    z_spread: float | None = None  # max z - min z over the entry's judges (rule 5)
    n_judges: int = 0
    primary_mean: float | None = None
    z: float | None = None
    normalised: float | None = None
    raw_rank: int | None = None
    rank: int | None = None
    category_rank: int | None = None
    flags: list[str] = field(default_factory=list)

    @property
    def scored(self) -> bool:
        return self.n_judges > 0


@dataclass
class StageResult:
    rows: list[EntryResult]  # in ranking order (unscored entries last)
    judges: dict[int, JudgeStats]
    mean_all: float | None
    sd_all: float | None

    @property
    def disagree_points(self) -> float | None:
        """How far apart (on 0-100, normalised) two judges are when they disagree (rule 5)."""
        return DISAGREE_Z * self.sd_all if self.sd_all else None

    def by_entry(self) -> dict[int, EntryResult]:
        return {row.entry_id: row for row in self.rows}


def mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values)


def pstdev(values: Sequence[float]) -> float:
    """Population standard deviation (divide by n); 0 for fewer than two values."""
    if len(values) < 2:
        return 0.0
    m = mean(values)
    return math.sqrt(math.fsum((v - m) ** 2 for v in values) / len(values))


def stdev(values: Sequence[float]) -> float:
    """Sample standard deviation (divide by n - 1); 0 for fewer than two values."""
    if len(values) < 2:
        return 0.0
    m = mean(values)
    return math.sqrt(math.fsum((v - m) ** 2 for v in values) / (len(values) - 1))


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    n = len(ordered)
    middle = n // 2
    return ordered[middle] if n % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def weighted_score(
    values: Mapping[int, int], criteria: Mapping[int, CriterionSpec]
) -> float | None:
    """s on 0-100 over the criteria answered (rule 1); None when none was answered."""
    total = 0.0
    weights = 0.0
    for criterion_id, value in values.items():
        spec = criteria.get(criterion_id)
        if spec is None or value is None:
            continue
        weight = float(spec.weight)
        total += weight * (value - spec.scale_min) / (spec.scale_max - spec.scale_min)
        weights += weight
    if not weights:
        return None
    return 100.0 * total / weights


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= TIE_EPSILON


def _compare_desc(a: float | None, b: float | None) -> int:
    """Higher first; None last; equal within TIE_EPSILON → 0."""
    if a is None and b is None:
        return 0
    if a is None:
        return 1
    if b is None:
        return -1
    if _close(a, b):
        return 0
    return -1 if a > b else 1


def _tie_compare(
    a: EntryResult, b: EntryResult, tie_break: Sequence[str], chair: Mapping[int, int]
) -> int:
    for key in tie_break:
        if key == MEDIAN:
            result = _compare_desc(a.median, b.median)
        elif key == PRIMARY:
            result = _compare_desc(a.primary_mean, b.primary_mean)
        elif key == RAW_MEAN:
            result = _compare_desc(a.raw_mean, b.raw_mean)
        elif key == CHAIR:
            order_a, order_b = chair.get(a.entry_id), chair.get(b.entry_id)
            result = 0
            if order_a is not None and order_b is not None and order_a != order_b:
                result = -1 if order_a < order_b else 1
        else:
            result = 0
        if result:
            return result
    return 0


def _shared_ranks(ordered: list[EntryResult], same) -> list[int]:
    """1-based positions, shared while `same(previous, current)` (1, 2, 2, 4)."""
    ranks: list[int] = []
    for index, row in enumerate(ordered):
        if index and same(ordered[index - 1], row):
            ranks.append(ranks[-1])
        else:
            ranks.append(index + 1)
    return ranks


def stage_compute(
    *,
    criteria: Iterable[CriterionSpec],
    cards: Iterable[Card],
    entry_ids: Iterable[int] = (),
    categories: Mapping[int, int] | None = None,
    tie_break: Sequence[str] = (),
    chair_orders: Mapping[int, int] | None = None,
) -> StageResult:
    """Every figure of one stage in one pass (rules 1-5 of the module docstring).

    `entry_ids`: the stage's entries, so that entries nobody scored yet are listed too;
    `categories`: entry id -> category id, for the rank within the category;
    `chair_orders`: entry id -> the chair's order among the tied."""
    criteria_by_id = {spec.id: spec for spec in criteria}
    primary_ids = {spec.id for spec in criteria_by_id.values() if spec.is_primary}
    categories = categories or {}
    chair_orders = chair_orders or {}

    rows: dict[int, EntryResult] = {}
    for entry_id in entry_ids:
        rows.setdefault(entry_id, EntryResult(entry_id=entry_id))
    primary_values: dict[int, list[float]] = {}
    by_judge: dict[int, list[tuple[int, float]]] = {}
    all_scores: list[float] = []

    # 1. Weighted score per scorecard.
    for card in cards:
        s = weighted_score(card.values, criteria_by_id)
        if s is None:
            continue
        row = rows.setdefault(card.entry_id, EntryResult(entry_id=card.entry_id))
        row.judge_scores[card.judge_id] = s
        by_judge.setdefault(card.judge_id, []).append((card.entry_id, s))
        all_scores.append(s)
        for criterion_id in primary_ids:
            if card.values.get(criterion_id) is not None:
                primary_values.setdefault(card.entry_id, []).append(
                    float(card.values[criterion_id])
                )

    mean_all = mean(all_scores) if all_scores else None
    sd_all = pstdev(all_scores) if all_scores else None

    # 3. Per-judge standardisation (or centring).
    judges: dict[int, JudgeStats] = {}
    for judge_id, scored in by_judge.items():
        values = [s for _, s in scored]
        m_j, sd_j = mean(values), pstdev(values)
        standardised = len(values) >= MIN_ENTRIES_TO_STANDARDISE and sd_j >= MIN_JUDGE_SD
        judges[judge_id] = JudgeStats(judge_id, len(values), m_j, sd_j, standardised)
        for entry_id, s in scored:
            if standardised:
                z = (s - m_j) / sd_j
            elif sd_all:
                z = (s - m_j) / sd_all
            else:
                z = 0.0
            rows[entry_id].judge_z[judge_id] = z

    # 2. Per-entry figures, and the normalised score.
    for row in rows.values():
        row.category_id = categories.get(row.entry_id)
        scores = list(row.judge_scores.values())
        row.n_judges = len(scores)
        if not scores:
            continue
        row.raw_mean = mean(scores)
        row.median = median(scores)
        row.spread = max(scores) - min(scores)
        row.judges_sd = stdev(scores)
        if row.entry_id in primary_values:
            row.primary_mean = mean(primary_values[row.entry_id])
        row.z = mean(list(row.judge_z.values()))
        row.normalised = mean_all + sd_all * row.z
        z_values = list(row.judge_z.values())
        row.z_spread = max(z_values) - min(z_values)
        if row.z_spread >= DISAGREE_Z - TIE_EPSILON:
            row.flags.append(JUDGES_DISAGREE)

    scored = [row for row in rows.values() if row.scored]
    unscored = sorted((row for row in rows.values() if not row.scored), key=lambda r: r.entry_id)

    # Raw rank: by raw mean, ties shared, no tie-break.
    by_raw = sorted(scored, key=lambda r: (-r.raw_mean, r.entry_id))
    for row, rank in zip(
        by_raw, _shared_ranks(by_raw, lambda a, b: _close(a.raw_mean, b.raw_mean)), strict=True
    ):
        row.raw_rank = rank

    # 4. Ranking: normalised, then the cycle's tie-break.
    def compare(a: EntryResult, b: EntryResult) -> int:
        return _compare_desc(a.normalised, b.normalised) or _tie_compare(
            a, b, tie_break, chair_orders
        )

    ordered = sorted(sorted(scored, key=lambda r: r.entry_id), key=functools.cmp_to_key(compare))
    ranks = _shared_ranks(ordered, lambda a, b: compare(a, b) == 0)
    for index, (row, rank) in enumerate(zip(ordered, ranks, strict=True)):
        row.rank = rank
        tied = (index and ranks[index - 1] == rank) or (
            index + 1 < len(ranks) and ranks[index + 1] == rank
        )
        if tied and CHAIR in tie_break:
            row.flags.append(TIE_NEEDS_CHAIR)
        # 5. Did normalisation move it?
        if abs(row.raw_rank - row.rank) >= MOVED_BY:
            row.flags.append(NORMALISATION_MOVED)

    # Rank within the category, in the same order (ties shared the same way).
    per_category: dict[int | None, list[EntryResult]] = {}
    for row in ordered:
        per_category.setdefault(row.category_id, []).append(row)
    for members in per_category.values():
        for row, rank in zip(
            members, _shared_ranks(members, lambda a, b: compare(a, b) == 0), strict=True
        ):
            row.category_rank = rank

    return StageResult(rows=ordered + unscored, judges=judges, mean_all=mean_all, sd_all=sd_all)
