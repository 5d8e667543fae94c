"""The Awards results at full size: 300 entries, 30 judges, 5 criteria and about 7,500 scores
are computed in one pass well under a second (the pure function), and the stage's table loads
from the database in the same fixed number of queries as for one entry.

Run with `-s` to see the timings.
"""

import random
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from awards.models import Assignment, Entry, Score
from awards.scoring import Card, CriterionSpec, stage_compute
from awards.selectors.results import stage_table
from collaborations.models import Collaboration, Membership
from tests.factories import (
    AwardCategoryFactory,
    CriterionFactory,
    CycleJudgeFactory,
    StageFactory,
    TeacherProfileFactory,
)

ENTRIES = 300
JUDGES = 30
CRITERIA = 5
JUDGES_PER_ENTRY = 5  # 300 x 5 scorecards x 5 criteria = 7,500 scores
SECONDS = 1.0
STAGE_TABLE_QUERIES = 6


def _generated() -> tuple[list[CriterionSpec], list[Card]]:
    rng = random.Random(14)
    criteria = [
        CriterionSpec(id=c, weight=1 + c % 3, scale_min=1, scale_max=5, is_primary=c == 0)
        for c in range(CRITERIA)
    ]
    cards = []
    for entry in range(ENTRIES):
        for k in range(JUDGES_PER_ENTRY):
            judge = (entry + k * 7) % JUDGES
            cards.append(
                Card(
                    judge_id=judge,
                    entry_id=entry,
                    values={c.id: rng.randint(1, 5) for c in criteria},
                )
            )
    return criteria, cards


def test_scoring_300_entries_30_judges_7500_scores_under_a_second():
    criteria, cards = _generated()
    assert sum(len(card.values) for card in cards) == 7_500
    start = time.perf_counter()
    result = stage_compute(
        criteria=criteria,
        cards=cards,
        entry_ids=range(ENTRIES),
        categories={e: e % 2 for e in range(ENTRIES)},
        tie_break=["median", "primary", "raw_mean", "chair"],
    )
    elapsed = time.perf_counter() - start
    print(f"\nstage_compute: {len(cards)} scorecards in {elapsed * 1000:.0f} ms")
    assert elapsed < SECONDS
    assert len(result.rows) == ENTRIES
    assert len(result.judges) == JUDGES
    assert all(row.n_judges == JUDGES_PER_ENTRY for row in result.rows)
    assert [row.rank for row in result.rows] == sorted(row.rank for row in result.rows)


@pytest.mark.django_db
def test_stage_table_at_full_size_costs_the_same_queries():
    stage = StageFactory()
    cycle = stage.cycle
    criteria = [CriterionFactory(cycle=cycle) for _ in range(CRITERIA)]
    category = AwardCategoryFactory(cycle=cycle)
    judges = [CycleJudgeFactory(cycle=cycle) for _ in range(JUDGES)]
    lead = TeacherProfileFactory()
    today = timezone.localdate()
    collaborations = Collaboration.objects.bulk_create(
        Collaboration(
            title=f"Rivers {n}",
            summary="Rivers",
            description="Rivers",
            student_age_min=12,
            student_age_max=15,
            starts_on=today,
            ends_on=today + timezone.timedelta(days=100),
            partner_schools_wanted=2,
            status="completed",
        )
        for n in range(ENTRIES)
    )
    Membership.objects.bulk_create(
        Membership(collaboration=c, school=lead.school, teacher=lead, role="lead", student_count=20)
        for c in collaborations
    )
    entries = Entry.objects.bulk_create(
        Entry(
            cycle=cycle,
            collaboration=c,
            category=category,
            submitted_by=lead,
            statement="We did it.",
            student_count=30,
            status="submitted",
            submitted_at=timezone.now(),
        )
        for c in collaborations
    )
    stage.entries.add(*entries)
    assignments = Assignment.objects.bulk_create(
        Assignment(
            stage=stage,
            entry=entry,
            judge=judges[(n + k * 7) % JUDGES],
            status="submitted",
            submitted_at=timezone.now(),
        )
        for n, entry in enumerate(entries)
        for k in range(JUDGES_PER_ENTRY)
    )
    rng = random.Random(6)
    Score.objects.bulk_create(
        (
            Score(assignment=a, criterion=c, value=rng.randint(1, 5))
            for a in assignments
            for c in criteria
        ),
        batch_size=2000,
    )
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        table = stage_table(stage=stage)
        elapsed = time.perf_counter() - start
    print(f"\nstage_table: {len(queries)} queries in {elapsed * 1000:.0f} ms")
    assert len(queries) == STAGE_TABLE_QUERIES
    assert len(table.rows) == ENTRIES
    assert table.submitted == ENTRIES * JUDGES_PER_ENTRY
    assert elapsed < 3 * SECONDS
