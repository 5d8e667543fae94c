"""Forms of the staff area for schools: verify, and merge a duplicate into the school it
repeats. Forms validate; services write (and decide what may be merged)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import School


class SchoolVerifyForm(forms.Form):
    """Confirm that a proposed school exists (no fields: the button is the decision)."""


class SchoolMergeForm(forms.Form):
    """Choose the school this one repeats: one of its possible duplicates, or any school by its
    number. Whether the two may be merged (same country, not itself) is the service's call."""

    into = forms.TypedChoiceField(
        label=_("The school it repeats"),
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    into_number = forms.IntegerField(
        label=_("Or the school's number"),
        min_value=1,
        required=False,
        help_text=_("The number after #, shown on every school's review page."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that this school will be deleted and its teachers moved over."),
        error_messages={"required": _("Tick the box to confirm the merge.")},
    )

    def __init__(self, *args, school: School, candidates: list[School], **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        self.candidates = candidates
        self.fields["into"].choices = [(candidate.pk, str(candidate)) for candidate in candidates]
        if not candidates:
            self.fields["into_number"].label = _("The school's number")

    def clean(self):
        cleaned = super().clean()
        chosen, number = cleaned.get("into"), cleaned.get("into_number")
        if self.errors:
            return cleaned
        if chosen and number and chosen != number:
            raise forms.ValidationError(
                _("Choose one school from the list or type a number, not both."), code="both"
            )
        pk = chosen or number
        if pk is None:
            raise forms.ValidationError(
                _("Choose the school it repeats, or type that school's number."), code="missing"
            )
        target = School.objects.select_related("country").filter(pk=pk).first()
        if target is None:
            self.add_error(
                "into_number",
                forms.ValidationError(
                    _("No school has the number %(number)s."),
                    params={"number": pk},
                    code="not_found",
                ),
            )
            return cleaned
        cleaned["target"] = target
        return cleaned
