"""A seeded panel for the assignment tests: entries of a stage, judges from Asia and Europe,
some declared conflicts."""

import random

from awards.models import Conflict
from schools.models import Country
from tests.factories import CycleJudgeFactory, EntryFactory, JudgeFactory, StageFactory

ASIA = ["JP", "KR", "SG", "VN"]
EUROPE = ["FI", "DE", "FR", "IT"]


def country(code: str) -> Country:
    return Country.objects.get(code=code)


def build_panel(*, entries=30, asia=4, europe=4, k=3, conflict_rate=0.1, seed=1, cycle=None):
    rng = random.Random(seed)
    stage = StageFactory(**({"cycle": cycle} if cycle else {}))
    cycle = stage.cycle
    cycle.judges_per_entry = k
    cycle.save(update_fields=["judges_per_entry"])
    made = [EntryFactory(cycle=cycle, category=_category(cycle)) for _ in range(entries)]
    stage.entries.set(made)
    judges = [
        CycleJudgeFactory(cycle=cycle, user=JudgeFactory(country=country(ASIA[i % 4])))
        for i in range(asia)
    ] + [
        CycleJudgeFactory(cycle=cycle, user=JudgeFactory(country=country(EUROPE[i % 4])))
        for i in range(europe)
    ]
    conflicts = set()
    for judge in judges:
        for entry in made:
            if rng.random() < conflict_rate:
                Conflict.objects.create(judge=judge, entry=entry, source="declared")
                conflicts.add((judge.pk, entry.pk))
    return stage, made, judges, conflicts


def _category(cycle):
    from tests.factories import AwardCategoryFactory

    category = cycle.categories.first()
    return category or AwardCategoryFactory(cycle=cycle)
