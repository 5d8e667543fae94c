"""An award cycle's set-up as rows: the ClassNet defaults a new cycle starts from (rubric texts,
levels, stages), the rows the set-up form produces, and their validation. Pure: no database
access; every problem raises CycleError with the form `field` it belongs to.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import CycleError
from .models import (
    Stage,
    TieBreak,
)

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
    for row in sorted(stages, key=lambda r: STAGE_ORDER[r.kind]):
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


STAGE_ORDER = {Stage.Kind.SHORTLIST: 1, Stage.Kind.FINAL: 2}


def check_setup(
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
