"""An award cycle's set-up by staff: its details, categories, levels, rubric and stages; its
status (draft → open → judging; "published" belongs to the results part); opening and closing
a judging stage.

Every write is keyword-only and atomic, validates before it writes, is recorded
(core.audit, on the cycle) and raises CycleError with a message a form can show; `field`
names the part of the form it belongs to. The rubric (criteria, scales) and the tie-break are
frozen once any score exists; categories and levels change until the results are published.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from conferences.models import Edition
from core.audit.services import audit_record
from teachers.models import User

from ..errors import CycleError
from ..models import (
    Assignment,
    AwardCategory,
    AwardCycle,
    AwardLevel,
    Criterion,
    Entry,
    Stage,
)
from ..rubrics import (
    CYCLE_FIELDS,
    FROZEN_MESSAGE,
    PUBLISHED_MESSAGE,
    PUBLISHED_STAGES_MESSAGE,
    STAGE_ORDER,
    CategoryRow,
    CriterionRow,
    LevelRow,
    StageRow,
    check_setup,
)
from ..selectors.cycles import open_requirements, scores_exist

Status = AwardCycle.Status


def _lock(cycle: AwardCycle) -> AwardCycle:
    return AwardCycle.objects.select_for_update().get(pk=cycle.pk)


def _sync(model, cycle: AwardCycle, rows: list, values, temp, *, protected: str) -> None:
    """Make the cycle's rows of `model` match `rows` (pk: update; no pk: create; missing:
    delete). Kept rows first take temporary unique values so that swapped names or ranks
    never collide on the unique constraints."""
    existing = {obj.pk: obj for obj in model.objects.filter(cycle=cycle)}
    unknown = [row.pk for row in rows if row.pk is not None and row.pk not in existing]
    if unknown:
        raise CycleError(_("The form is out of date: reload the page and try again."))
    kept = {row.pk for row in rows if row.pk is not None}
    removed = [obj for pk, obj in existing.items() if pk not in kept]
    for obj in removed:
        if getattr(obj, protected).exists():
            raise CycleError(
                _("“%(name)s” is in use and cannot be removed.") % {"name": obj.name},
                field=model._meta.model_name,
            )
    model.objects.filter(pk__in=[obj.pk for obj in removed]).delete()
    kept_objects = [existing[row.pk] for row in rows if row.pk is not None]
    for index, obj in enumerate(kept_objects):
        for name, value in temp(obj, index).items():
            setattr(obj, name, value)
    if kept_objects:
        model.objects.bulk_update(kept_objects, list(temp(kept_objects[0], 0)))
    for index, row in enumerate(rows):
        obj = existing[row.pk] if row.pk is not None else model(cycle=cycle)
        for name, value in values(row, index).items():
            setattr(obj, name, value)
        obj.save()


def _write_categories(cycle: AwardCycle, rows: list[CategoryRow]) -> None:
    _sync(
        AwardCategory,
        cycle,
        rows,
        lambda row, i: {
            "name": row.name.strip(),
            "description": row.description,
            "position": row.position,
        },
        lambda obj, i: {"name": f"~{obj.pk}~"},
        protected="entries",
    )


def _write_levels(cycle: AwardCycle, rows: list[LevelRow]) -> None:
    _sync(
        AwardLevel,
        cycle,
        rows,
        lambda row, i: {"name": row.name.strip(), "rank": row.rank, "winners": row.winners},
        lambda obj, i: {"name": f"~{obj.pk}~", "rank": 30000 + i},
        protected="awards",
    )


def _criteria_differ(cycle: AwardCycle, rows: list[CriterionRow]) -> bool:
    existing = [
        (c.pk, c.name, c.weight, c.scale_min, c.scale_max, c.descriptors, c.guidance, c.is_primary)
        for c in Criterion.objects.filter(cycle=cycle)
    ]
    wanted = [
        (
            r.pk,
            r.name.strip(),
            Decimal(r.weight),
            r.scale_min,
            r.scale_max,
            r.descriptors,
            r.guidance,
            r.is_primary,
        )
        for r in rows
    ]
    return existing != wanted


def _write_criteria(cycle: AwardCycle, rows: list[CriterionRow]) -> None:
    _sync(
        Criterion,
        cycle,
        rows,
        lambda row, i: {
            "name": row.name.strip(),
            "guidance": row.guidance,
            "weight": row.weight,
            "scale_min": row.scale_min,
            "scale_max": row.scale_max,
            "descriptors": dict(row.descriptors),
            "is_primary": row.is_primary,
            "position": i + 1,
        },
        lambda obj, i: {"name": f"~{obj.pk}~", "is_primary": False},
        protected="scores",
    )


def _write_stages(cycle: AwardCycle, rows: list[StageRow]) -> None:
    existing = {stage.kind: stage for stage in cycle.stages.all()}
    wanted = {row.kind: row for row in rows}
    for kind, stage in existing.items():
        if kind not in wanted:
            if stage.status != Stage.Status.PENDING or stage.assignments.exists():
                raise CycleError(
                    _("The %(stage)s stage has started and cannot be removed.")
                    % {"stage": stage.get_kind_display().lower()},
                    field="stages",
                )
            stage.delete()
    for kind, row in wanted.items():
        stage = existing.get(kind) or Stage(cycle=cycle, kind=kind)
        stage.position = STAGE_ORDER[kind]
        stage.opens_at, stage.closes_at = row.opens_at, row.closes_at
        stage.save()


def _write_setup(
    cycle: AwardCycle,
    *,
    categories: list[CategoryRow],
    levels: list[LevelRow],
    criteria: list[CriterionRow] | None,
    stages: list[StageRow],
) -> None:
    _write_categories(cycle, categories)
    _write_levels(cycle, levels)
    if criteria is not None:
        _write_criteria(cycle, criteria)
    _write_stages(cycle, stages)


@transaction.atomic
def cycle_create(
    *,
    edition: Edition,
    by: User,
    fields: dict,
    tie_break: list[str],
    categories: list[CategoryRow],
    levels: list[LevelRow],
    criteria: list[CriterionRow],
    stages: list[StageRow],
) -> AwardCycle:
    """Staff set up the Awards of an edition, as a draft."""
    Edition.objects.select_for_update().get(pk=edition.pk)
    if AwardCycle.objects.filter(edition=edition).exists():
        raise CycleError(
            _("The %(edition)s already has its awards: edit them instead.") % {"edition": edition}
        )
    check_setup(
        fields,
        tie_break=tie_break,
        categories=categories,
        levels=levels,
        criteria=criteria,
        stages=stages,
    )
    cycle = AwardCycle(edition=edition, status=Status.DRAFT, tie_break=list(tie_break))
    for name in CYCLE_FIELDS:
        if name in fields:
            setattr(cycle, name, fields[name])
    cycle.save()
    _write_setup(cycle, categories=categories, levels=levels, criteria=criteria, stages=stages)
    audit_record(actor=by, action="awardcycle.created", target=cycle)
    return cycle


@transaction.atomic
def cycle_update(
    *,
    cycle: AwardCycle,
    by: User,
    fields: dict,
    tie_break: list[str],
    categories: list[CategoryRow],
    levels: list[LevelRow],
    criteria: list[CriterionRow] | None,
    stages: list[StageRow],
) -> AwardCycle:
    """Staff change the set-up. `criteria` None: the rubric is left as it is. Once scores
    exist, a change to the rubric or the tie-break is refused; once published, any change."""
    locked = _lock(cycle)
    if locked.status == Status.PUBLISHED:
        raise CycleError(str(PUBLISHED_MESSAGE))
    frozen = scores_exist(locked)
    current_criteria = [
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
        for c in Criterion.objects.filter(cycle=locked)
    ]
    if frozen:
        if list(tie_break) != list(locked.tie_break):
            raise CycleError(str(FROZEN_MESSAGE), field="tie_break")
        if criteria is not None and _criteria_differ(locked, criteria):
            raise CycleError(str(FROZEN_MESSAGE), field="criteria")
        criteria = None
    check_setup(
        fields,
        tie_break=tie_break,
        categories=categories,
        levels=levels,
        criteria=current_criteria if criteria is None else criteria,
        stages=stages,
    )
    for name in CYCLE_FIELDS:
        if name in fields:
            setattr(locked, name, fields[name])
    locked.tie_break = list(tie_break)
    locked.save()
    _write_setup(locked, categories=categories, levels=levels, criteria=criteria, stages=stages)
    audit_record(actor=by, action="awardcycle.edited", target=locked)
    for name in (*CYCLE_FIELDS, "tie_break"):
        setattr(cycle, name, getattr(locked, name))
    return locked


@transaction.atomic
def cycle_set_status(*, cycle: AwardCycle, by: User, to: str) -> AwardCycle:
    """Move the cycle one step: draft → open (for entries), open → judging (entries close
    and the first stage opens with every submitted entry), or open → draft while nobody has
    entered. Publishing belongs to the results part."""
    locked = _lock(cycle)
    current = locked.status
    if to == current:
        raise CycleError(
            _("The cycle is already “%(status)s”.") % {"status": locked.get_status_display()}
        )
    if to == Status.OPEN and current == Status.DRAFT:
        missing = open_requirements(locked)
        if missing:
            raise CycleError(_("Not ready to open: %(missing)s") % {"missing": " ".join(missing)})
    elif to == Status.DRAFT and current == Status.OPEN:
        if locked.entries.exists():
            raise CycleError(_("Teachers have started entries: the cycle cannot go back to draft."))
    elif to == Status.JUDGING and current == Status.OPEN:
        first = locked.stages.order_by("position").first()
        if first is None:
            raise CycleError(_("Choose a judging stage in the set-up first."))
        if not locked.entries.filter(status=Entry.Status.SUBMITTED).exists():
            raise CycleError(
                _(
                    "No entry has been submitted yet: there is nothing to judge. Keep the call "
                    "open, or move its deadline."
                )
            )
    elif to == Status.PUBLISHED:
        raise CycleError(_("Publish the results from the Publish page."))
    else:
        raise CycleError(
            _("A cycle cannot go from “%(from)s” to “%(to)s”.")
            % {"from": locked.get_status_display(), "to": Status(to).label}
        )
    locked.status = to
    locked.save(update_fields=["status"])
    audit_record(actor=by, action=f"awardcycle.{to}", target=locked)
    if to == Status.JUDGING:
        _stage_open(locked.stages.order_by("position").first(), cycle=locked, by=by)
    cycle.status = to
    return locked


def _stage_open(stage: Stage, *, cycle: AwardCycle, by: User) -> Stage:
    if cycle.status == Status.PUBLISHED:
        raise CycleError(str(PUBLISHED_STAGES_MESSAGE))
    if cycle.status != Status.JUDGING:
        raise CycleError(_("Close the entries first: judging starts when they close."))
    if stage.status != Stage.Status.PENDING:
        raise CycleError(
            _("The %(stage)s stage is already “%(status)s”.")
            % {"stage": stage.get_kind_display().lower(), "status": stage.get_status_display()}
        )
    earlier = cycle.stages.filter(position__lt=stage.position).exclude(status=Stage.Status.CLOSED)
    if earlier.exists():
        raise CycleError(_("Close the shortlist stage before the final opens."))
    first = not cycle.stages.filter(position__lt=stage.position).exists()
    if first:
        submitted = list(cycle.entries.filter(status=Entry.Status.SUBMITTED))
        if not submitted:
            raise CycleError(_("No submitted entry to judge: the stage cannot open."))
        stage.entries.add(*submitted)
    elif not stage.entries.exists():
        raise CycleError(
            _("No entry is in the final yet: choose the finalists from the shortlist's results.")
        )
    now = timezone.now()
    if stage.closes_at and stage.closes_at <= now:
        raise CycleError(
            _(
                "The %(stage)s stage's judging window ended on %(when)s: set a later closing "
                "time in the set-up first."
            )
            % {
                "stage": stage.get_kind_display().lower(),
                "when": date_format(stage.closes_at.astimezone(cycle.edition.zone), "j F Y"),
            }
        )
    stage.status = Stage.Status.OPEN
    update_fields = ["status"]
    if stage.opens_at is None or stage.opens_at > now:
        # Staff open it now: judges can score from now on, whatever the planned date was.
        stage.opens_at = now
        update_fields.append("opens_at")
    stage.save(update_fields=update_fields)
    audit_record(
        actor=by,
        action="awardcycle.stage_opened",
        target=cycle,
        note=str(stage.get_kind_display()),
    )
    return stage


@transaction.atomic
def stage_open(*, stage: Stage, by: User) -> Stage:
    """Open a judging stage: the first takes every submitted entry; a later one the entries
    already chosen for it (the results part moves finalists on)."""
    cycle = _lock(stage.cycle)
    locked = Stage.objects.select_for_update().get(pk=stage.pk)
    _stage_open(locked, cycle=cycle, by=by)
    stage.status = locked.status
    return locked


@transaction.atomic
def stage_close(*, stage: Stage, by: User) -> tuple[Stage, int]:
    """Close a judging stage; returns it with the number of scorecards left unsubmitted.
    Refused while no judge has submitted a scorecard in it: there would be no results."""
    cycle = _lock(stage.cycle)
    locked = Stage.objects.select_for_update().get(pk=stage.pk)
    if cycle.status == Status.PUBLISHED:
        raise CycleError(str(PUBLISHED_STAGES_MESSAGE))
    if locked.status != Stage.Status.OPEN:
        raise CycleError(
            _("The %(stage)s stage is not open.") % {"stage": locked.get_kind_display().lower()}
        )
    counts = locked.assignments.aggregate(
        done=Count("pk", filter=Q(status=Assignment.Status.SUBMITTED)), total=Count("pk")
    )
    if not counts["done"]:
        raise CycleError(
            _(
                "No judge has submitted a scorecard in this stage yet: there would be no "
                "results. Assign judges and wait for their scores first."
            )
        )
    locked.status = Stage.Status.CLOSED
    locked.save(update_fields=["status"])
    unfinished = counts["total"] - counts["done"]
    audit_record(
        actor=by,
        action="awardcycle.stage_closed",
        target=cycle,
        note=str(locked.get_kind_display()) + (f" ({unfinished} unfinished)" if unfinished else ""),
    )
    stage.status = locked.status
    return locked, unfinished
