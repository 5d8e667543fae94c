"""Forms for the judges' panel: invitations, staff actions on a judge, conflicts and the
assignments made by hand."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Entry
from ..selectors.judging import (
    active_judges,
    judges_who_may_conflict,
    stage_assignments,
    submitted_entries_by_title,
)

MAX_INVITES = 50


class InviteForm(forms.Form):
    emails = forms.CharField(
        label=gettext_lazy("E-mail addresses"),
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "name@school.example"}),
        help_text=gettext_lazy(
            "One address per line (or separated by commas). Each person needs a ClassNet "
            "account with that address; they get an e-mail with a link to accept."
        ),
    )

    def clean_emails(self) -> list[str]:
        raw = self.cleaned_data["emails"].replace(",", "\n").replace(";", "\n")
        emails = [line.strip() for line in raw.splitlines() if line.strip()]
        bad = []
        for email in emails:
            try:
                validate_email(email)
            except ValidationError:
                bad.append(email)
        if bad:
            raise ValidationError(
                _("Not an e-mail address: %(bad)s. Nobody was invited.") % {"bad": ", ".join(bad)}
            )
        if len(emails) > MAX_INVITES:
            raise ValidationError(
                _("At most %(n)s addresses at a time, please.") % {"n": MAX_INVITES}
            )
        if not emails:
            raise ValidationError(_("Write at least one e-mail address."))
        return emails


class JudgeActionForm(forms.Form):
    """A button beside a judge in the panel's list: invite again, make chair, remove (no
    fields: the URL names the judge and the action)."""


class StaffConflictForm(forms.Form):
    judge = forms.ModelChoiceField(label=gettext_lazy("Judge"), queryset=None, empty_label="—")
    entry = forms.ModelChoiceField(label=gettext_lazy("Entry"), queryset=None, empty_label="—")
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=500, required=False)

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["judge"].queryset = judges_who_may_conflict(cycle)
        self.fields["judge"].label_from_instance = lambda judge: str(judge.user)
        self.fields["entry"].queryset = submitted_entries_by_title(cycle)
        self.fields["entry"].label_from_instance = lambda entry: entry.collaboration.title


class DeclareConflictsForm(forms.Form):
    """A judge's conflicts: a box and an optional reason per entry of the cycle."""

    def __init__(self, *args, entries: list[Entry], declared: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = entries
        for entry in entries:
            self.fields[f"conflict_{entry.pk}"] = forms.BooleanField(
                required=False, initial=entry.pk in declared
            )
            self.fields[f"reason_{entry.pk}"] = forms.CharField(
                required=False,
                max_length=500,
                initial=declared.get(entry.pk, ""),
                label=gettext_lazy("Reason (optional)"),
            )

    def rows(self):
        for entry in self.entries:
            yield entry, self[f"conflict_{entry.pk}"], self[f"reason_{entry.pk}"]

    def declared(self) -> dict[int, str]:
        return {
            entry.pk: self.cleaned_data[f"reason_{entry.pk}"]
            for entry in self.entries
            if self.cleaned_data[f"conflict_{entry.pk}"]
        }


class AssignmentAddForm(forms.Form):
    entry = forms.ModelChoiceField(queryset=None)
    judge = forms.ModelChoiceField(label=gettext_lazy("Add a judge"), queryset=None)

    def __init__(self, *args, stage, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = stage.entries.select_related("collaboration")
        self.fields["judge"].queryset = active_judges(cycle_id=stage.cycle_id)


class AssignmentRemoveForm(forms.Form):
    assignment = forms.ModelChoiceField(queryset=None)
    confirm = forms.BooleanField(required=False)

    def __init__(self, *args, stage, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignment"].queryset = stage_assignments(stage)


class AssignAutomaticallyForm(forms.Form):
    """Run the automatic assignment of a stage (no fields: the button is the decision)."""
