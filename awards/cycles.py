"""An award cycle's set-up by staff: its details, categories, levels, rubric and stages; its
status (draft → open → judging; "published" belongs to the results part); opening and closing
a judging stage.

Every write is keyword-only and atomic, validates before it writes, is recorded
(core.audit, on the cycle) and raises CycleError with a message a form can show; `field`
names the part of the form it belongs to. The rubric (criteria, scales) and the tie-break are
frozen once any score exists; categories and levels change until the results are published.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from conferences.models import Edition
from core.audit.services import audit_record
from teachers.models import User

from .errors import AwardsError
from .models import (
    Assignment,
    AwardCategory,
    AwardCycle,
    AwardLevel,
    Criterion,
    CycleJudge,
    Entry,
    Score,
    Stage,
    TieBreak,
)

Status = AwardCycle.Status

# The details of the set-up form copied onto the cycle as they are (times aware).
CYCLE_FIELDS = (
    "title",
    "introduction",
    "entries_open_at",
    "entries_close_at",
    "judges_per_entry",
    "blind",
    "require_bi_regional",
    "accept_running",
    "accept_completed",
    "conflict_same_country",
)

FROZEN_MESSAGE = gettext_lazy("Scores exist: the rubric can no longer change.")
PUBLISHED_MESSAGE = gettext_lazy("The results are published: the set-up can no longer change.")
PUBLISHED_STAGES_MESSAGE = gettext_lazy(
    "The results are published and frozen: judging is over and the stages stay as they are."
)

# The ClassNet defaults a new cycle starts from (staff edit them).
DEFAULT_DESCRIPTORS = {
    "Intercultural understanding": [
        "No evidence that students learnt about the partners' cultures.",
        "Some facts about the partner countries, little exchange between students.",
        "Students exchanged views and noticed differences and common ground.",
        "Students explored each other's perspectives and changed how they see them.",
        "Lasting intercultural friendships and a shared outlook, shown in the students' work.",
    ],
    "Teamwork": [
        "The schools worked side by side rather than together.",
        "Occasional joint tasks, led mostly by one school.",
        "Regular joint tasks with roles shared between the schools.",
        "Mixed teams of students from several countries planned and delivered the work.",
        "Every school led a part; teachers and students relied on each other throughout.",
    ],
    "Knowledge-sharing": [
        "Nothing was shared beyond the participating classes.",
        "Results shared within the partner schools.",
        "Results and materials shared with other teachers of the schools.",
        "Open materials that other classes can reuse, shared with the wider network.",
        "Widely reused materials, presented to teachers beyond the network.",
    ],
    "Use of ICT": [
        "No use of ICT beyond e-mail.",
        "Basic tools used by teachers rather than students.",
        "Students used online tools to work with their partners.",
        "ICT chosen with care made the joint work possible and better.",
        "Creative, safe and inclusive use of ICT that others can learn from.",
    ],
    "Learning outcomes": [
        "No evidence of what students learnt.",
        "Learning described by teachers, little evidence from students.",
        "Clear evidence of subject learning in the students' work.",
        "Strong learning in the subject and in skills, shown and reflected on by students.",
        "Outstanding learning, evidenced and assessed, with an effect beyond the project.",
    ],
}
DEFAULT_GUIDANCE = {
    "Intercultural understanding": "How far students came to understand their partners' "
    "cultures and their own.",
    "Teamwork": "How the schools and their students worked together as one team.",
    "Knowledge-sharing": "What the collaboration shared with others, and how.",
    "Use of ICT": "How technology made the collaboration possible and better.",
    "Learning outcomes": "What the students learnt, with evidence.",
}
DEFAULT_PRIMARY = "Intercultural understanding"
DEFAULT_TIE_BREAK = [TieBreak.MEDIAN.value, TieBreak.PRIMARY.value, TieBreak.CHAIR.value]


class CycleError(AwardsError):
    """A set-up write that cannot be done; `field` is the part of the form it belongs to."""


@dataclass(frozen=True)
class CategoryRow:
    name: str
    description: str = ""
    position: int = 0
    pk: int | None = None


@dataclass(frozen=True)
class LevelRow:
    name: str
    rank: int
    winners: int = 1
    pk: int | None = None


@dataclass(frozen=True)
class CriterionRow:
    name: str
    weight: Decimal = Decimal(1)
    scale_min: int = 1
    scale_max: int = 5
    descriptors: dict = field(default_factory=dict)
    guidance: str = ""
    is_primary: bool = False
    pk: int | None = None


@dataclass(frozen=True)
class StageRow:
    kind: str
    opens_at: datetime.datetime | None = None
    closes_at: datetime.datetime | None = None


def default_setup() -> dict:
    """The ClassNet defaults for a new cycle: rows for the set-up form."""
    return {
        "tie_break": list(DEFAULT_TIE_BREAK),
        "categories": [
            CategoryRow(
                name="School collaboration",
                description="Collaborations between schools in Asia and Europe.",
                position=1,
            )
        ],
        "levels": [LevelRow(name="Gold", rank=1, winners=1), LevelRow(name="Merit", rank=2)],
        "criteria": [
            CriterionRow(
                name=name,
                weight=Decimal(1),
                scale_min=1,
                scale_max=5,
                descriptors={str(level): text for level, text in enumerate(texts, start=1)},
                guidance=DEFAULT_GUIDANCE[name],
                is_primary=name == DEFAULT_PRIMARY,
            )
            for name, texts in DEFAULT_DESCRIPTORS.items()
        ],
        "stages": [StageRow(kind=Stage.Kind.SHORTLIST), StageRow(kind=Stage.Kind.FINAL)],
    }


# --- validation ---------------------------------------------------------------------------

_DESCRIPTOR_LINE = re.compile(r"^\s*(\d+)\s*[:.)–-]\s*(.*?)\s*$")


def parse_descriptors(text: str, *, scale_min: int, scale_max: int) -> dict[str, str]:
    """ "1: No evidence…" lines into {"1": "No evidence…"}; every level of the scale needs one."""
    descriptors: dict[str, str] = {}
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        match = _DESCRIPTOR_LINE.match(line)
        if not match:
            raise CycleError(
                _("“%(line)s” does not start with a level and a colon, e.g. “3: Clear evidence”.")
                % {"line": line.strip()[:60]}
            )
        level, description = match.groups()
        if level in descriptors:
            raise CycleError(_("Level %(level)s is described twice.") % {"level": level})
        if not description:
            raise CycleError(_("Level %(level)s has no description.") % {"level": level})
        descriptors[level] = description
    validate_descriptors(descriptors, scale_min=scale_min, scale_max=scale_max)
    return descriptors


def descriptors_text(descriptors: dict) -> str:
    """The textarea form of descriptors, one "level: text" line per level, lowest first."""
    return "\n".join(
        f"{level}: {descriptors[level]}" for level in sorted(descriptors, key=lambda k: int(k))
    )


def validate_descriptors(descriptors: dict, *, scale_min: int, scale_max: int) -> None:
    levels = {str(level) for level in range(scale_min, scale_max + 1)}
    outside = sorted((key for key in descriptors if key not in levels), key=_as_int)
    if outside:
        raise CycleError(
            _("Level %(level)s is outside the scale %(min)s–%(max)s.")
            % {"level": outside[0], "min": scale_min, "max": scale_max}
        )
    missing = sorted(levels - {key for key, text in descriptors.items() if str(text).strip()})
    if missing:
        raise CycleError(
            _("Describe every level from %(min)s to %(max)s: %(missing)s missing.")
            % {
                "min": scale_min,
                "max": scale_max,
                "missing": ", ".join(sorted(missing, key=int)),
            }
        )


def _as_int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return 10**6


def validate_tie_break(order: list[str]) -> None:
    valid = set(TieBreak.values)
    if not order:
        raise CycleError(_("Choose at least one way to break ties."), field="tie_break")
    if any(value not in valid for value in order):
        raise CycleError(_("That is not a way to break ties."), field="tie_break")
    if len(set(order)) != len(order):
        raise CycleError(_("Use each way to break ties once."), field="tie_break")
    if TieBreak.CHAIR in order and order[-1] != TieBreak.CHAIR:
        raise CycleError(
            _("The chair's decision comes last: it settles what the others leave tied."),
            field="tie_break",
        )


def _check_criteria(rows: list[CriterionRow], tie_break: list[str]) -> None:
    if not rows:
        raise CycleError(_("The rubric needs at least one criterion."), field="criteria")
    names = [row.name.strip().casefold() for row in rows]
    if len(set(names)) != len(names):
        raise CycleError(_("Give each criterion a different name."), field="criteria")
    for row in rows:
        if not row.name.strip():
            raise CycleError(_("Every criterion needs a name."), field="criteria")
        if row.weight is None or row.weight <= 0:
            raise CycleError(
                _("“%(name)s”: the weight must be above 0.") % {"name": row.name},
                field="criteria",
            )
        if row.scale_min >= row.scale_max:
            raise CycleError(
                _("“%(name)s”: the highest score must be above the lowest.") % {"name": row.name},
                field="criteria",
            )
        try:
            validate_descriptors(row.descriptors, scale_min=row.scale_min, scale_max=row.scale_max)
        except CycleError as error:
            raise CycleError(f"“{row.name}”: {error}", field="criteria") from None
    primaries = sum(row.is_primary for row in rows)
    if primaries > 1:
        raise CycleError(_("Mark at most one criterion as primary."), field="criteria")
    if TieBreak.PRIMARY in tie_break and not primaries:
        raise CycleError(
            _("Ties are broken on the primary criterion: mark one criterion as primary."),
            field="criteria",
        )


def _check_categories(rows: list[CategoryRow]) -> None:
    names = [row.name.strip().casefold() for row in rows]
    if any(not name for name in names):
        raise CycleError(_("Every category needs a name."), field="categories")
    if len(set(names)) != len(names):
        raise CycleError(_("Give each category a different name."), field="categories")


def _check_levels(rows: list[LevelRow]) -> None:
    names = [row.name.strip().casefold() for row in rows]
    if any(not name for name in names):
        raise CycleError(_("Every level needs a name."), field="levels")
    if len(set(names)) != len(names):
        raise CycleError(_("Give each level a different name."), field="levels")
    ranks = [row.rank for row in rows]
    if len(set(ranks)) != len(ranks):
        raise CycleError(_("Give each level a different rank."), field="levels")
    if any(row.rank < 1 or row.winners < 1 for row in rows):
        raise CycleError(_("Ranks and winners start at 1."), field="levels")


def _check_windows(fields: dict, stages: list[StageRow]) -> None:
    opens, closes = fields.get("entries_open_at"), fields.get("entries_close_at")
    if opens and closes and closes <= opens:
        raise CycleError(_("Entries must close after they open."), field="entries_close_at")
    kinds = [row.kind for row in stages]
    if len(set(kinds)) != len(kinds) or any(kind not in Stage.Kind.values for kind in kinds):
        raise CycleError(_("Each stage can be used once."), field="stages")
    previous_close = closes
    for row in sorted(stages, key=lambda r: _STAGE_ORDER[r.kind]):
        label = Stage.Kind(row.kind).label
        if row.opens_at and row.closes_at and row.closes_at <= row.opens_at:
            raise CycleError(
                _("%(stage)s: judging must close after it opens.") % {"stage": label},
                field="stages",
            )
        if row.opens_at and previous_close and row.opens_at < previous_close:
            raise CycleError(
                _("%(stage)s: judging cannot open before the step before it closes.")
                % {"stage": label},
                field="stages",
            )
        previous_close = row.closes_at or previous_close


_STAGE_ORDER = {Stage.Kind.SHORTLIST: 1, Stage.Kind.FINAL: 2}


def scores_exist(cycle: AwardCycle) -> bool:
    """Judging has started: the rubric and the tie-break are frozen."""
    return Score.objects.filter(assignment__stage__cycle=cycle).exists()


def _lock(cycle: AwardCycle) -> AwardCycle:
    return AwardCycle.objects.select_for_update().get(pk=cycle.pk)


# --- writing the rows ---------------------------------------------------------------------


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
        stage.position = _STAGE_ORDER[kind]
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


def _check_setup(
    fields: dict,
    *,
    tie_break: list[str],
    categories: list[CategoryRow],
    levels: list[LevelRow],
    criteria: list[CriterionRow],
    stages: list[StageRow],
) -> None:
    if fields.get("judges_per_entry") is not None and fields["judges_per_entry"] < 1:
        raise CycleError(_("At least one judge scores each entry."), field="judges_per_entry")
    validate_tie_break(tie_break)
    _check_windows(fields, stages)
    _check_categories(categories)
    _check_levels(levels)
    _check_criteria(criteria, tie_break)


# --- services -----------------------------------------------------------------------------


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
    _check_setup(
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
    _check_setup(
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


def open_requirements(cycle: AwardCycle) -> list[str]:
    """What is missing before the cycle can open for entries (empty: nothing)."""
    missing = []
    if not cycle.categories.exists():
        missing.append(_("Add at least one category."))
    if not cycle.levels.exists():
        missing.append(_("Add at least one award level (e.g. Gold)."))
    if not cycle.criteria.exists():
        missing.append(_("Add at least one rubric criterion."))
    if not cycle.stages.exists():
        missing.append(_("Choose at least one judging stage (shortlist or final)."))
    if cycle.entries_close_at and cycle.entries_close_at <= timezone.now():
        missing.append(_("The entries window has already closed: move the deadline."))
    return missing


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


# --- reads for the set-up pages -----------------------------------------------------------


def _count(queryset: QuerySet):
    """A subquery counting `queryset`'s rows of the outer cycle (0 when none): no join
    between entries and judges multiplies the rows."""
    counts = (
        queryset.filter(cycle=OuterRef("pk"))
        .order_by()
        .values("cycle")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def cycles_for_staff() -> QuerySet[AwardCycle]:
    """Every cycle, newest edition first, with its counts and stages, in two queries."""
    return (
        AwardCycle.objects.select_related("edition", "edition__country")
        .annotate(
            entry_count=_count(Entry.objects.filter(status=Entry.Status.SUBMITTED)),
            draft_entry_count=_count(Entry.objects.filter(status=Entry.Status.DRAFT)),
            judge_count=_count(CycleJudge.objects.filter(status=CycleJudge.Status.ACTIVE)),
        )
        .prefetch_related("stages")
        .order_by("-edition__number")
    )


def editions_without_cycle() -> QuerySet[Edition]:
    return Edition.objects.filter(award_cycle__isnull=True).order_by("-number")


def entries_by_status(cycle: AwardCycle) -> list[tuple[str, str, int]]:
    counts = dict(
        cycle.entries.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return [(value, label, counts.get(value, 0)) for value, label in Entry.Status.choices]


def judges_by_status(cycle: AwardCycle) -> dict[str, int]:
    counts = dict(
        cycle.judges.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {value: counts.get(value, 0) for value in CycleJudge.Status.values}


def stages_with_progress(cycle: AwardCycle) -> list[Stage]:
    """The cycle's stages, each with entry_count, assignment_count and submitted_count."""
    return list(
        cycle.stages.annotate(
            entry_count=Count("entries", distinct=True),
            assignment_count=Count("assignments", distinct=True),
            submitted_count=Count(
                "assignments",
                filter=Q(assignments__status=Assignment.Status.SUBMITTED),
                distinct=True,
            ),
        ).order_by("position")
    )
