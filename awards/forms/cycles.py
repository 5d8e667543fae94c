"""Staff forms for an award cycle's set-up: the details (times typed in the edition's host time
zone), the tie-break order, and formsets for categories, levels, rubric criteria and stages.
Forms validate and build the rows; awards.cycles writes."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from conferences.models import Edition
from core.forms import LocalDateTimeField, add_domain_error, aware_in

from ..errors import CycleError
from ..models import AwardCycle, Stage, TieBreak
from ..rubrics import (
    CYCLE_FIELDS,
    CategoryRow,
    CriterionRow,
    LevelRow,
    StageRow,
    descriptors_text,
    parse_descriptors,
    validate_tie_break,
)
from ..selectors.cycles import cycle_copy, editions_without_cycle

TIE_BREAK_SLOTS = len(TieBreak.values)
WINDOW_FIELDS = ("entries_open_at", "entries_close_at")


def add_service_error(form: forms.Form, error: CycleError) -> None:
    """Show a service's refusal on the field it names (the tie-break order on its first
    slot), or at the top of the form."""
    add_domain_error(form, error, field="tie_break_1" if error.field == "tie_break" else None)


class EditionChoiceForm(forms.Form):
    """Which edition a new cycle is for (those without one)."""

    edition = forms.ModelChoiceField(
        label=_("Edition"),
        queryset=None,
        to_field_name="number",
        empty_label=_("Choose an edition"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].queryset = editions_without_cycle()


class CycleForm(forms.ModelForm):
    """The cycle's details and its tie-break order; times in the edition's host zone."""

    entries_open_at = LocalDateTimeField(
        label=_("Entries open"),
        required=False,
        help_text=_("Blank: when you open the cycle for entries."),
    )
    entries_close_at = LocalDateTimeField(
        label=_("Entries close"),
        required=False,
        help_text=_("The deadline for entries. Blank: open until you close them."),
    )

    class Meta:
        model = AwardCycle
        fields = list(CYCLE_FIELDS)
        widgets = {"introduction": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "title": _("Blank: “ClassNet Awards” and the edition's year."),
            "introduction": _("Shown on the public page of the cycle, above the call."),
        }

    def __init__(
        self,
        *args,
        edition: Edition,
        cycle: AwardCycle | None = None,
        tie_break: list[str] | None = None,
        frozen: bool = False,
        **kwargs,
    ):
        tie_break = list(cycle.tie_break) if cycle else list(tie_break or [])
        super().__init__(*args, instance=cycle or AwardCycle(edition=edition), **kwargs)
        self.edition = edition
        zone = edition.zone
        for name in WINDOW_FIELDS:
            self.fields[name].zone = zone
            self.fields[name].help_text = f"{self.fields[name].help_text} " + str(
                _("In %(zone)s time.") % {"zone": zone.key}
            )
        judges = self.fields["judges_per_entry"]
        judges.validators += [MinValueValidator(1), MaxValueValidator(20)]
        judges.widget.attrs.update(min=1, max=20)
        choices = [("", _("—")), *TieBreak.choices]
        for slot in range(1, TIE_BREAK_SLOTS + 1):
            self.fields[f"tie_break_{slot}"] = forms.ChoiceField(
                label=_("Then") if slot > 1 else _("First"),
                choices=choices,
                required=False,
                initial=tie_break[slot - 1] if slot <= len(tie_break) else "",
                disabled=frozen,
            )

    def clean(self):
        cleaned = super().clean()
        zone = self.edition.zone
        for name in WINDOW_FIELDS:
            cleaned[name] = aware_in(cleaned.get(name), zone)
        opens, closes = cleaned.get("entries_open_at"), cleaned.get("entries_close_at")
        if opens and closes and closes <= opens:
            self.add_error("entries_close_at", _("Entries must close after they open."))
        chosen = [cleaned.get(f"tie_break_{slot}") for slot in range(1, TIE_BREAK_SLOTS + 1)]
        while chosen and not chosen[-1]:
            chosen.pop()
        if "" in chosen:
            self.add_error("tie_break_1", _("Fill the tie-breaks in order, without gaps."))
        else:
            try:
                validate_tie_break(chosen)
            except CycleError as error:
                self.add_error("tie_break_1", str(error))
        cleaned["tie_break"] = chosen
        return cleaned

    def _post_clean(self):
        # The model's checks run on a copy, so that the page around the form keeps the saved
        # values when the form is refused.
        saved = self.instance
        self.instance = cycle_copy(saved.pk) if saved.pk else AwardCycle(edition=self.edition)
        super()._post_clean()
        self.instance = saved

    def cycle_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in CYCLE_FIELDS}

    def tie_break_fields(self) -> list:
        return [self[f"tie_break_{slot}"] for slot in range(1, TIE_BREAK_SLOTS + 1)]


# --- rows ---------------------------------------------------------------------------------


class _RowForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CategoryForm(_RowForm):
    name = forms.CharField(label=_("Category"), max_length=120)
    description = forms.CharField(
        label=_("Description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    position = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, initial=1)


class LevelForm(_RowForm):
    name = forms.CharField(label=_("Level"), max_length=60)
    rank = forms.IntegerField(
        label=_("Rank"), min_value=1, max_value=99, help_text=_("1 is the highest.")
    )
    winners = forms.IntegerField(
        label=_("Winners per category"), min_value=1, max_value=99, initial=1
    )


class CriterionForm(_RowForm):
    name = forms.CharField(label=_("Criterion"), max_length=120)
    guidance = forms.CharField(
        label=_("Guidance for judges"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    weight = forms.DecimalField(
        label=_("Weight"),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.01"),
        initial=1,
        help_text=_("Above 0."),
    )
    scale_min = forms.IntegerField(label=_("Lowest score"), min_value=0, max_value=100, initial=1)
    scale_max = forms.IntegerField(label=_("Highest score"), min_value=1, max_value=100, initial=5)
    descriptors = forms.CharField(
        label=_("Descriptor per level"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One line per level, e.g. “1: No evidence of …”. Every level needs one."),
    )
    is_primary = forms.BooleanField(label=_("Primary criterion (breaks ties)"), required=False)

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("scale_min"), cleaned.get("scale_max")
        if low is not None and high is not None:
            if high <= low:
                self.add_error("scale_max", _("The highest score must be above the lowest."))
            elif high - low > 20:
                self.add_error("scale_max", _("Use a scale of at most 21 levels."))
            elif "descriptors" in cleaned:
                try:
                    cleaned["descriptor_map"] = parse_descriptors(
                        cleaned["descriptors"], scale_min=low, scale_max=high
                    )
                except CycleError as error:
                    self.add_error("descriptors", str(error))
        return cleaned


class _Rows(forms.BaseFormSet):
    empty_message = ""

    def kept(self) -> list[dict]:
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]

    def clean(self):
        if any(self.errors):
            return
        if self.empty_message and not self.kept():
            raise ValidationError(self.empty_message, code="empty")
        names = [row["name"].strip().casefold() for row in self.kept()]
        if len(set(names)) != len(names):
            raise ValidationError(_("Give each row a different name."), code="duplicate")


class _Categories(_Rows):
    def rows(self) -> list[CategoryRow]:
        return [
            CategoryRow(
                name=d["name"], description=d["description"], position=d["position"], pk=d["id"]
            )
            for d in self.kept()
        ]


class _Levels(_Rows):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        ranks = [row["rank"] for row in self.kept()]
        if len(set(ranks)) != len(ranks):
            raise ValidationError(_("Give each level a different rank."), code="duplicate")

    def rows(self) -> list[LevelRow]:
        return [
            LevelRow(name=d["name"], rank=d["rank"], winners=d["winners"], pk=d["id"])
            for d in self.kept()
        ]


class _Criteria(_Rows):
    empty_message = _("The rubric needs at least one criterion.")

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if sum(bool(row.get("is_primary")) for row in self.kept()) > 1:
            raise ValidationError(_("Mark at most one criterion as primary."), code="primary")

    def rows(self) -> list[CriterionRow]:
        return [
            CriterionRow(
                name=d["name"],
                guidance=d["guidance"],
                weight=d["weight"],
                scale_min=d["scale_min"],
                scale_max=d["scale_max"],
                descriptors=d["descriptor_map"],
                is_primary=d["is_primary"],
                pk=d["id"],
            )
            for d in self.kept()
        ]


CategoryFormSet = forms.formset_factory(
    CategoryForm, formset=_Categories, extra=1, can_delete=True, max_num=30
)
LevelFormSet = forms.formset_factory(
    LevelForm, formset=_Levels, extra=1, can_delete=True, max_num=10
)
CriterionFormSet = forms.formset_factory(
    CriterionForm, formset=_Criteria, extra=1, can_delete=True, max_num=20
)


def category_formset(data=None, *, cycle=None, defaults=None) -> _Categories:
    if cycle is not None:
        initial = [
            {"id": c.pk, "name": c.name, "description": c.description, "position": c.position}
            for c in cycle.categories.all()
        ]
    else:
        initial = [
            {"name": r.name, "description": r.description, "position": r.position}
            for r in (defaults or [])
        ]
    return CategoryFormSet(data, initial=initial, prefix="categories")


def level_formset(data=None, *, cycle=None, defaults=None) -> _Levels:
    if cycle is not None:
        initial = [
            {"id": lv.pk, "name": lv.name, "rank": lv.rank, "winners": lv.winners}
            for lv in cycle.levels.all()
        ]
    else:
        initial = [{"name": r.name, "rank": r.rank, "winners": r.winners} for r in defaults or []]
    return LevelFormSet(data, initial=initial, prefix="levels")


def _criterion_initial(row, pk=None) -> dict:
    return {
        "id": pk,
        "name": row.name,
        "guidance": row.guidance,
        "weight": row.weight,
        "scale_min": row.scale_min,
        "scale_max": row.scale_max,
        "descriptors": descriptors_text(row.descriptors),
        "is_primary": row.is_primary,
    }


def criterion_formset(data=None, *, cycle=None, defaults=None) -> _Criteria:
    if cycle is not None:
        initial = [_criterion_initial(c, c.pk) for c in cycle.criteria.all()]
    else:
        initial = [_criterion_initial(r) for r in defaults or []]
    return CriterionFormSet(data, initial=initial, prefix="criteria")


class StageForm(forms.Form):
    """One judging stage: used or not, and its window in the host's zone."""

    used = forms.BooleanField(required=False)
    opens_at = LocalDateTimeField(label=_("Judging opens"), required=False)
    closes_at = LocalDateTimeField(label=_("Judging closes"), required=False)

    def __init__(self, *args, kind: str, edition: Edition, locked: bool = False, **kwargs):
        super().__init__(*args, prefix=f"stage-{kind}", **kwargs)
        self.kind = kind
        self.edition = edition
        self.fields["used"].label = {
            Stage.Kind.SHORTLIST: _("Shortlist: every submitted entry is judged"),
            Stage.Kind.FINAL: _("Final: the best entries of the shortlist are judged again"),
        }[kind]
        if locked:  # the stage has started: it cannot be removed
            self.fields["used"].disabled = True
        for name in ("opens_at", "closes_at"):
            self.fields[name].zone = edition.zone
        self.fields["closes_at"].help_text = _("In %(zone)s time. Judges are reminded before.") % {
            "zone": edition.zone.key
        }

    def clean(self):
        cleaned = super().clean()
        for name in ("opens_at", "closes_at"):
            cleaned[name] = aware_in(cleaned.get(name), self.edition.zone)
        return cleaned

    def row(self) -> StageRow | None:
        if not self.cleaned_data.get("used"):
            return None
        return StageRow(
            kind=self.kind,
            opens_at=self.cleaned_data["opens_at"],
            closes_at=self.cleaned_data["closes_at"],
        )


def stage_forms(data=None, *, edition: Edition, cycle=None, defaults=None) -> list[StageForm]:
    existing = {stage.kind: stage for stage in cycle.stages.all()} if cycle else {}
    default_kinds = {row.kind for row in defaults or []}
    forms_ = []
    for kind in Stage.Kind.values:
        stage = existing.get(kind)
        if cycle is not None:
            initial = {
                "used": stage is not None,
                "opens_at": stage.opens_at if stage else None,
                "closes_at": stage.closes_at if stage else None,
            }
        else:
            initial = {"used": kind in default_kinds}
        locked = stage is not None and stage.status != Stage.Status.PENDING
        forms_.append(StageForm(data, kind=kind, edition=edition, locked=locked, initial=initial))
    return forms_


def stage_rows(stage_forms_: list[StageForm]) -> list[StageRow]:
    return [row for form in stage_forms_ if (row := form.row()) is not None]


class CycleStepForm(forms.Form):
    """A step from the cycle's hub (open, back to draft, open or close a stage): no fields,
    the button and its URL are the decision."""


class CloseEntriesForm(forms.Form):
    """Closing the entries locks the drafts out, maybe before the advertised deadline: the hub
    asks first, and the step is taken only once confirmed."""

    confirm = forms.BooleanField(
        required=True, error_messages={"required": _("Confirm that the entries close now.")}
    )
