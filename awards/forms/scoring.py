"""The judge's scorecard form: one radio group per rubric criterion and two comments.

The form only reads what was posted; scorecards.scorecard_save/submit decide whether it may be
written (scale, cycle, lock, stage open) and raise AwardsError with the reason.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..selectors.scorecards import RubricRow

SAVE, SUBMIT = "save", "submit"


class ScorecardForm(forms.Form):
    action = forms.ChoiceField(
        choices=[(SAVE, _("Save draft")), (SUBMIT, _("Submit final scores"))],
        required=False,
        widget=forms.HiddenInput,
    )
    comment_to_staff = forms.CharField(
        label=_("Comment to staff"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the ClassNet team reads this: your reasons, doubts, anything to check."),
    )
    comment_to_entrant = forms.CharField(
        label=_("Comment to the entrant (optional)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Shown to the entrant after the results are published, without your name. "
            "Be kind and specific."
        ),
    )
    confirm_final = forms.BooleanField(
        label=_("I understand that submitted scores are final and cannot be changed."),
        required=False,
    )

    def __init__(self, *args, rubric: list[RubricRow], **kwargs):
        super().__init__(*args, **kwargs)
        self.rubric = rubric
        for row in rubric:
            criterion = row.criterion
            self.fields[self.field_name(criterion.pk)] = forms.TypedChoiceField(
                label=criterion.name,
                choices=[(str(value), str(value)) for value, _descriptor in row.levels],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": _("Choose a score from %(min)s to %(max)s.")
                    % {"min": criterion.scale_min, "max": criterion.scale_max}
                },
            )
            self.initial.setdefault(self.field_name(criterion.pk), row.value)

    @staticmethod
    def field_name(criterion_id: int) -> str:
        return f"criterion_{criterion_id}"

    @property
    def is_submit(self) -> bool:
        return self.data.get("action") == SUBMIT

    def clean(self):
        data = super().clean()
        if data.get("action") == SUBMIT:
            missing = []
            for row in self.rubric:
                name = self.field_name(row.criterion.pk)
                if name not in self.errors and data.get(name) is None:
                    missing.append(row.criterion.name)
                    self.add_error(name, _("Score this criterion before you submit."))
            if missing:
                self.add_error(
                    None,
                    _(
                        "Nothing was saved. Score every criterion before you submit. Still "
                        "missing: %(missing)s."
                    )
                    % {"missing": ", ".join(missing)},
                )
            if not data.get("confirm_final"):
                self.add_error(
                    "confirm_final",
                    _("Tick the box to confirm: submitted scores cannot be changed."),
                )
        return data

    def scores(self) -> dict[int, int | None]:
        return {
            row.criterion.pk: self.cleaned_data.get(self.field_name(row.criterion.pk))
            for row in self.rubric
        }

    def rows(self) -> list[dict]:
        """For the template: each criterion with its bound field, its levels and which one is
        chosen (the posted value on a form sent back, the saved one otherwise)."""
        rows = []
        for row in self.rubric:
            bound = self[self.field_name(row.criterion.pk)]
            chosen = bound.value()
            chosen = str(chosen) if chosen not in (None, "") else ""
            rows.append(
                {
                    "criterion": row.criterion,
                    "field": bound,
                    "name": bound.html_name,
                    "levels": [
                        {"value": value, "descriptor": descriptor, "checked": str(value) == chosen}
                        for value, descriptor in row.levels
                    ],
                    "value": row.value,
                }
            )
        return rows
