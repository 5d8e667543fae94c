"""Setting up an award cycle: defaults, validation (descriptors, tie-break, windows), the frozen
rubric, status transitions and opening and closing stages."""

import datetime
from decimal import Decimal

import pytest

from awards.errors import CycleError
from awards.models import AwardCycle, AwardLevel, Criterion, Stage
from awards.rubrics import (
    FROZEN_MESSAGE,
    CategoryRow,
    CriterionRow,
    LevelRow,
    StageRow,
    default_setup,
    descriptors_text,
    parse_descriptors,
    validate_tie_break,
)
from awards.selectors.cycles import open_requirements
from awards.services.cycles import (
    cycle_create,
    cycle_set_status,
    cycle_update,
    stage_close,
    stage_open,
)
from core.audit.models import AuditEntry
from tests.factories import (
    AssignmentFactory,
    AwardCategoryFactory,
    AwardCycleFactory,
    AwardLevelFactory,
    CriterionFactory,
    EditionFactory,
    EntryFactory,
    StageFactory,
)

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
DESCRIPTORS = {str(n): f"Level {n}" for n in range(1, 6)}


def _setup(**overrides) -> dict:
    defaults = default_setup()
    kwargs = {
        "fields": {"title": "ClassNet Awards 2030", "judges_per_entry": 3},
        "tie_break": defaults["tie_break"],
        "categories": defaults["categories"],
        "levels": defaults["levels"],
        "criteria": defaults["criteria"],
        "stages": defaults["stages"],
    }
    return kwargs | overrides


def _rows_of(cycle) -> dict:
    """The cycle's current rows, as the edit form would send them back."""
    return {
        "fields": {"title": cycle.title, "judges_per_entry": cycle.judges_per_entry},
        "tie_break": list(cycle.tie_break),
        "categories": [
            CategoryRow(name=c.name, description=c.description, position=c.position, pk=c.pk)
            for c in cycle.categories.all()
        ],
        "levels": [
            LevelRow(name=lv.name, rank=lv.rank, winners=lv.winners, pk=lv.pk)
            for lv in cycle.levels.all()
        ],
        "criteria": [
            CriterionRow(
                name=c.name,
                weight=c.weight,
                scale_min=c.scale_min,
                scale_max=c.scale_max,
                descriptors=c.descriptors,
                guidance=c.guidance,
                is_primary=c.is_primary,
                pk=c.pk,
            )
            for c in cycle.criteria.all()
        ],
        "stages": [
            StageRow(kind=s.kind, opens_at=s.opens_at, closes_at=s.closes_at)
            for s in cycle.stages.all()
        ],
    }


@pytest.fixture
def edition():
    return EditionFactory(number=18, status="published")


@pytest.fixture
def draft(edition, staff):
    return cycle_create(edition=edition, by=staff, **_setup())


# --- defaults and creation ----------------------------------------------------------------


def test_cycle_create_with_defaults_writes_the_classnet_rubric(draft, staff):
    assert draft.status == AwardCycle.Status.DRAFT
    assert [c.name for c in draft.criteria.all()] == [
        "Intercultural understanding",
        "Teamwork",
        "Knowledge-sharing",
        "Use of ICT",
        "Learning outcomes",
    ]
    first = draft.criteria.first()
    assert (first.weight, first.scale_min, first.scale_max, first.is_primary) == (
        Decimal(1),
        1,
        5,
        True,
    )
    assert sorted(first.descriptors) == ["1", "2", "3", "4", "5"]
    assert [(lv.name, lv.rank) for lv in draft.levels.all()] == [("Gold", 1), ("Merit", 2)]
    assert [c.name for c in draft.categories.all()] == ["School collaboration"]
    assert [s.kind for s in draft.stages.all()] == ["shortlist", "final"]
    assert draft.tie_break == ["median", "primary", "chair"]
    assert list(AuditEntry.objects.values_list("action", "actor")) == [
        ("awardcycle.created", staff.pk)
    ]


def test_cycle_create_refuses_a_second_cycle_for_the_edition(draft, edition, staff):
    with pytest.raises(CycleError, match="already has its awards"):
        cycle_create(edition=edition, by=staff, **_setup())

    assert AwardCycle.objects.count() == 1


def test_cycle_create_with_entries_closing_before_they_open_writes_nothing(edition, staff):
    fields = {
        "entries_open_at": datetime.datetime(2030, 3, 1, tzinfo=UTC),
        "entries_close_at": datetime.datetime(2030, 2, 1, tzinfo=UTC),
    }
    with pytest.raises(CycleError, match="close after they open") as error:
        cycle_create(edition=edition, by=staff, **_setup(fields=fields))

    assert error.value.field == "entries_close_at"
    assert not AwardCycle.objects.exists()


def test_cycle_create_refuses_a_stage_opening_before_entries_close(edition, staff):
    fields = {"entries_close_at": datetime.datetime(2030, 6, 1, tzinfo=UTC)}
    stages = [StageRow(kind="shortlist", opens_at=datetime.datetime(2030, 5, 1, tzinfo=UTC))]

    with pytest.raises(CycleError, match="cannot open before"):
        cycle_create(edition=edition, by=staff, **_setup(fields=fields, stages=stages))

    assert not AwardCycle.objects.exists()


# --- validation ---------------------------------------------------------------------------


def test_parse_descriptors_reads_one_line_per_level():
    text = "1: No evidence\n\n2. Some\n3) Clear\n4 - Strong\n5: Outstanding, shown"

    assert parse_descriptors(text, scale_min=1, scale_max=5) == {
        "1": "No evidence",
        "2": "Some",
        "3": "Clear",
        "4": "Strong",
        "5": "Outstanding, shown",
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1: a\n2: b\n3: c\n4: d", "5 missing"),
        ("1: a\n2: b\n3: c\n4: d\n5: e\n6: f", "6 is outside the scale"),
        ("1: a\n1: again\n2: b\n3: c\n4: d\n5: e", "described twice"),
        ("1: a\nno level here\n", "does not start with a level"),
        ("", "1, 2, 3, 4, 5 missing"),
        ("1: a\n2:\n3: c\n4: d\n5: e", "Level 2 has no description"),
    ],
)
def test_parse_descriptors_refuses_incomplete_or_malformed_text(text, message):
    with pytest.raises(CycleError, match=message):
        parse_descriptors(text, scale_min=1, scale_max=5)


def test_descriptors_text_round_trips():
    descriptors = {str(n): f"Level {n}" for n in range(0, 11)}

    assert parse_descriptors(descriptors_text(descriptors), scale_min=0, scale_max=10) == (
        descriptors
    )


@pytest.mark.parametrize(
    ("order", "message"),
    [
        ([], "at least one"),
        (["chair", "median"], "comes last"),
        (["median", "median"], "once"),
        (["coin"], "not a way"),
    ],
)
def test_validate_tie_break_refuses(order, message):
    with pytest.raises(CycleError, match=message):
        validate_tie_break(order)


def test_validate_tie_break_accepts_chair_last_or_absent():
    validate_tie_break(["median", "primary", "chair"])
    validate_tie_break(["raw_mean"])


@pytest.mark.parametrize(
    ("criterion", "message"),
    [
        (CriterionRow(name="Teamwork", weight=Decimal(0), descriptors=DESCRIPTORS), "above 0"),
        (
            CriterionRow(name="Teamwork", scale_min=5, scale_max=5, descriptors={"5": "x"}),
            "highest score must be above",
        ),
        (CriterionRow(name="Teamwork", descriptors={"1": "x"}), "2, 3, 4, 5 missing"),
    ],
)
def test_cycle_create_refuses_a_bad_criterion(edition, staff, criterion, message):
    with pytest.raises(CycleError, match=message) as error:
        cycle_create(
            edition=edition, by=staff, **_setup(criteria=[criterion], tie_break=["median"])
        )

    assert error.value.field == "criteria"
    assert not AwardCycle.objects.exists()


def test_cycle_create_refuses_two_primary_criteria(edition, staff):
    criteria = [
        CriterionRow(name=name, descriptors=DESCRIPTORS, is_primary=True) for name in ("A", "B")
    ]
    with pytest.raises(CycleError, match="at most one criterion as primary"):
        cycle_create(edition=edition, by=staff, **_setup(criteria=criteria))


def test_cycle_create_needs_a_primary_criterion_to_break_ties_on_it(edition, staff):
    criteria = [CriterionRow(name="A", descriptors=DESCRIPTORS)]
    with pytest.raises(CycleError, match="mark one criterion as primary"):
        cycle_create(edition=edition, by=staff, **_setup(criteria=criteria, tie_break=["primary"]))


def test_cycle_create_refuses_duplicate_level_ranks(edition, staff):
    levels = [LevelRow(name="Gold", rank=1), LevelRow(name="Silver", rank=1)]
    with pytest.raises(CycleError, match="different rank"):
        cycle_create(edition=edition, by=staff, **_setup(levels=levels))


# --- updating -----------------------------------------------------------------------------


def test_cycle_update_swaps_level_ranks_and_renames_without_collisions(draft, staff):
    rows = _rows_of(draft)
    gold, merit = rows["levels"]
    rows["levels"] = [
        LevelRow(name="Merit", rank=1, winners=2, pk=gold.pk),
        LevelRow(name="Gold", rank=2, winners=1, pk=merit.pk),
    ]

    cycle_update(cycle=draft, by=staff, **rows)

    assert list(AwardLevel.objects.filter(cycle=draft).values_list("pk", "name", "rank")) == [
        (gold.pk, "Merit", 1),
        (merit.pk, "Gold", 2),
    ]
    assert AuditEntry.objects.filter(action="awardcycle.edited").count() == 1


def test_cycle_update_adds_and_removes_rows(draft, staff):
    rows = _rows_of(draft)
    rows["criteria"] = [*rows["criteria"][:2], CriterionRow(name="Impact", descriptors=DESCRIPTORS)]
    rows["categories"] = [*rows["categories"], CategoryRow(name="Student-led", position=2)]
    rows["stages"] = [StageRow(kind="final")]

    cycle_update(cycle=draft, by=staff, **rows)

    assert [c.name for c in draft.criteria.all()] == [
        "Intercultural understanding",
        "Teamwork",
        "Impact",
    ]
    assert [c.name for c in draft.categories.all()] == ["School collaboration", "Student-led"]
    assert [s.kind for s in draft.stages.all()] == ["final"]


def test_cycle_update_refuses_removing_a_category_with_entries(staff):
    cycle = AwardCycleFactory(status="open")
    entry = EntryFactory(cycle=cycle)
    CriterionFactory(cycle=cycle, descriptors=DESCRIPTORS, is_primary=True)
    rows = _rows_of(cycle)
    rows["categories"] = [CategoryRow(name="Other")]

    with pytest.raises(CycleError, match="is in use"):
        cycle_update(cycle=cycle, by=staff, **rows)

    assert list(cycle.categories.all()) == [entry.category]


def test_cycle_update_refuses_rows_of_another_cycle(draft, staff):
    other = AwardCategoryFactory()
    rows = _rows_of(draft)
    rows["categories"] = [CategoryRow(name="Stolen", pk=other.pk)]

    with pytest.raises(CycleError, match="out of date"):
        cycle_update(cycle=draft, by=staff, **rows)

    other.refresh_from_db()
    assert other.cycle_id != draft.pk


@pytest.fixture
def scored(staff):
    """A cycle in judging where one score exists."""
    cycle = AwardCycleFactory(tie_break=["median", "chair"])
    criterion = CriterionFactory(cycle=cycle, descriptors=DESCRIPTORS)
    AwardLevelFactory(cycle=cycle, name="Gold", rank=1)
    assignment = AssignmentFactory(stage=StageFactory(cycle=cycle), status="draft")
    assignment.scores.create(criterion=criterion, value=3)
    return cycle


def test_cycle_update_refuses_a_rubric_change_once_scores_exist(scored, staff):
    rows = _rows_of(scored)
    criterion = rows["criteria"][0]
    rows["criteria"] = [
        CriterionRow(
            name=criterion.name,
            weight=Decimal(2),
            descriptors=criterion.descriptors,
            pk=criterion.pk,
        )
    ]

    with pytest.raises(CycleError) as error:
        cycle_update(cycle=scored, by=staff, **rows)

    assert str(error.value) == str(FROZEN_MESSAGE)
    assert Criterion.objects.get(cycle=scored).weight == Decimal(1)


def test_cycle_update_refuses_a_tie_break_change_once_scores_exist(scored, staff):
    rows = _rows_of(scored) | {"tie_break": ["raw_mean"]}

    with pytest.raises(CycleError, match="Scores exist"):
        cycle_update(cycle=scored, by=staff, **rows)

    scored.refresh_from_db()
    assert scored.tie_break == ["median", "chair"]


def test_cycle_update_keeps_changing_levels_once_scores_exist(scored, staff):
    rows = _rows_of(scored) | {"criteria": None}
    rows["levels"] = [*rows["levels"], LevelRow(name="Merit", rank=2)]

    cycle_update(cycle=scored, by=staff, **rows)

    assert [lv.name for lv in scored.levels.all()] == ["Gold", "Merit"]


def test_cycle_update_refuses_everything_once_published(staff):
    cycle = AwardCycleFactory(status="published", title="Old")
    rows = _rows_of(cycle) | {"fields": {"title": "New"}, "tie_break": ["median"]}

    with pytest.raises(CycleError, match="published"):
        cycle_update(cycle=cycle, by=staff, **rows)

    cycle.refresh_from_db()
    assert cycle.title == "Old"


# --- status -------------------------------------------------------------------------------


def test_open_requirements_lists_what_is_missing(staff):
    cycle = AwardCycleFactory(status="draft")

    assert len(open_requirements(cycle)) == 4
    with pytest.raises(CycleError, match="Not ready to open"):
        cycle_set_status(cycle=cycle, by=staff, to="open")
    cycle.refresh_from_db()
    assert cycle.status == "draft"


def test_cycle_set_status_opens_a_complete_draft(draft, staff):
    cycle_set_status(cycle=draft, by=staff, to="open")

    draft.refresh_from_db()
    assert draft.status == "open"
    assert AuditEntry.objects.filter(action="awardcycle.open").count() == 1


def test_cycle_set_status_refuses_opening_after_the_deadline(draft, staff):
    draft.entries_close_at = datetime.datetime(2020, 1, 1, tzinfo=UTC)
    draft.save()

    with pytest.raises(CycleError, match="already closed"):
        cycle_set_status(cycle=draft, by=staff, to="open")


def test_cycle_set_status_back_to_draft_only_without_entries(staff):
    cycle = AwardCycleFactory(status="open")
    cycle_set_status(cycle=cycle, by=staff, to="draft")
    assert AwardCycle.objects.get(pk=cycle.pk).status == "draft"

    other = AwardCycleFactory(status="open", edition=EditionFactory(number=19))
    EntryFactory(cycle=other, status="draft")
    with pytest.raises(CycleError, match="cannot go back"):
        cycle_set_status(cycle=other, by=staff, to="draft")
    assert AwardCycle.objects.get(pk=other.pk).status == "open"


def test_closing_entries_opens_the_shortlist_with_every_submitted_entry(staff):
    cycle = AwardCycleFactory(status="open")
    shortlist = StageFactory(cycle=cycle, kind="shortlist", position=1, status="pending")
    final = StageFactory(cycle=cycle, kind="final", position=2, status="pending")
    submitted = [EntryFactory(cycle=cycle), EntryFactory(cycle=cycle)]
    EntryFactory(cycle=cycle, status="draft")
    EntryFactory(cycle=cycle, status="withdrawn")

    cycle_set_status(cycle=cycle, by=staff, to="judging")

    shortlist.refresh_from_db()
    final.refresh_from_db()
    assert AwardCycle.objects.get(pk=cycle.pk).status == "judging"
    assert (shortlist.status, final.status) == ("open", "pending")
    assert sorted(shortlist.entries.values_list("pk", flat=True)) == [e.pk for e in submitted]
    assert list(AuditEntry.objects.order_by("pk").values_list("action", "note")) == [
        ("awardcycle.judging", ""),
        ("awardcycle.stage_opened", "Shortlist"),
    ]


def test_closing_entries_without_a_submitted_entry_is_refused(staff):
    cycle = AwardCycleFactory(status="open")
    stage = StageFactory(cycle=cycle, status="pending")
    EntryFactory(cycle=cycle, status="draft")

    with pytest.raises(CycleError, match="nothing to judge"):
        cycle_set_status(cycle=cycle, by=staff, to="judging")

    stage.refresh_from_db()
    assert (AwardCycle.objects.get(pk=cycle.pk).status, stage.status) == ("open", "pending")


def test_closing_entries_without_a_stage_is_refused(staff):
    cycle = AwardCycleFactory(status="open")
    EntryFactory(cycle=cycle)

    with pytest.raises(CycleError, match="judging stage"):
        cycle_set_status(cycle=cycle, by=staff, to="judging")


@pytest.mark.parametrize(
    ("current", "to", "message"),
    [
        ("draft", "judging", "cannot go from"),
        ("judging", "open", "cannot go from"),
        ("judging", "published", "Publish page"),
        ("open", "open", "already"),
    ],
)
def test_cycle_set_status_refuses_other_moves(staff, current, to, message):
    cycle = AwardCycleFactory(status=current)

    with pytest.raises(CycleError, match=message):
        cycle_set_status(cycle=cycle, by=staff, to=to)

    assert AwardCycle.objects.get(pk=cycle.pk).status == current


# --- stages -------------------------------------------------------------------------------


def test_stage_close_refuses_without_a_submitted_scorecard(staff):
    stage = StageFactory(status="open")
    AssignmentFactory(stage=stage, status="draft")

    with pytest.raises(CycleError, match="No judge has submitted"):
        stage_close(stage=stage, by=staff)

    stage.refresh_from_db()
    assert stage.status == "open"


def test_stage_close_counts_unfinished_scorecards(staff):
    stage = StageFactory(status="open")
    AssignmentFactory(stage=stage, status="submitted", submitted_at=datetime.datetime.now(UTC))
    AssignmentFactory(stage=stage, status="assigned")

    closed, unfinished = stage_close(stage=stage, by=staff)

    assert (closed.status, unfinished) == ("closed", 1)
    assert AuditEntry.objects.get().note == "Shortlist (1 unfinished)"


def test_stage_open_refuses_the_final_while_the_shortlist_is_open(staff):
    cycle = AwardCycleFactory()
    StageFactory(cycle=cycle, kind="shortlist", status="open")
    final = StageFactory(cycle=cycle, kind="final", position=2, status="pending")

    with pytest.raises(CycleError, match="Close the shortlist"):
        stage_open(stage=final, by=staff)

    assert Stage.objects.get(pk=final.pk).status == "pending"


def test_stage_open_refuses_a_final_without_finalists(staff):
    cycle = AwardCycleFactory()
    StageFactory(cycle=cycle, kind="shortlist", status="closed")
    final = StageFactory(cycle=cycle, kind="final", position=2, status="pending")

    with pytest.raises(CycleError, match="No entry is in the final"):
        stage_open(stage=final, by=staff)


def test_stage_open_opens_a_final_with_its_finalists(staff):
    cycle = AwardCycleFactory()
    StageFactory(cycle=cycle, kind="shortlist", status="closed")
    final = StageFactory(cycle=cycle, kind="final", position=2, status="pending")
    finalist = EntryFactory(cycle=cycle)
    EntryFactory(cycle=cycle)
    final.entries.add(finalist)

    stage_open(stage=final, by=staff)

    final.refresh_from_db()
    assert final.status == "open"
    assert list(final.entries.all()) == [finalist]


def test_stage_open_refuses_before_judging(staff):
    cycle = AwardCycleFactory(status="open")
    stage = StageFactory(cycle=cycle, status="pending")
    EntryFactory(cycle=cycle)

    with pytest.raises(CycleError, match="Close the entries first"):
        stage_open(stage=stage, by=staff)


def test_opening_a_stage_early_lets_judges_score_from_now(staff):
    import datetime

    from django.utils import timezone

    from awards.models import Stage
    from awards.services.cycles import stage_open
    from tests.factories import AwardCycleFactory, EntryFactory

    cycle = AwardCycleFactory()
    EntryFactory(cycle=cycle)
    planned = timezone.now() + datetime.timedelta(days=10)
    stage = Stage.objects.create(
        cycle=cycle,
        kind="shortlist",
        status="pending",
        opens_at=planned,
        closes_at=planned + datetime.timedelta(days=20),
    )

    stage_open(stage=stage, by=staff)

    stage.refresh_from_db()
    assert stage.status == "open"
    assert stage.opens_at <= timezone.now()
    assert stage.closes_at == planned + datetime.timedelta(days=20)


def test_a_stage_whose_window_ended_does_not_open(staff):
    import datetime

    from django.utils import timezone

    from awards.errors import CycleError
    from awards.models import Stage
    from awards.services.cycles import stage_open
    from tests.factories import AwardCycleFactory, EntryFactory

    cycle = AwardCycleFactory()
    EntryFactory(cycle=cycle)
    stage = Stage.objects.create(
        cycle=cycle,
        kind="shortlist",
        status="pending",
        closes_at=timezone.now() - datetime.timedelta(days=1),
    )

    with pytest.raises(CycleError, match="set a later closing time"):
        stage_open(stage=stage, by=staff)

    stage.refresh_from_db()
    assert (stage.status, stage.entries.count()) == ("pending", 0)
