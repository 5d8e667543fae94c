"""Forms of the staff's selection of participants: the list's filters, the bulk decision and
the decision on one application. Forms validate; services/selection.py and
services/applications.py write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from schools.fields import RegionGroupedCountryField
from schools.models import Region, SchoolKind

from ..models import Application
from ..services.selection import APPROVE, REJECT, WAITLIST

BULK_MAX = 1000

ACTION_CHOICES = [
    (APPROVE, _("Approve")),
    (WAITLIST, _("Put on the waitlist")),
    (REJECT, _("Reject")),
]


class ApplicationFilterForm(forms.Form):
    """Narrow an edition's applications; an invalid choice is shown and ignored."""

    q = forms.CharField(
        label=_("Name"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Teacher, e-mail or school")}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *Application.Status.choices],
        required=False,
    )
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", _("All regions")), *Region.choices], required=False
    )
    country = RegionGroupedCountryField(
        label=_("Country"), empty_label=_("All countries"), required=False
    )
    school_kind = forms.ChoiceField(
        label=_("School kind"),
        choices=[("", _("All kinds")), *SchoolKind.choices],
        required=False,
    )

    def filters(self) -> dict:
        """Keyword arguments for selectors.selection.applications_for_staff (none when invalid)."""
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "q": data["q"].strip(),
            "status": data["status"],
            "region": data["region"],
            "country_id": data["country"].pk if data["country"] else None,
            "school_kind": data["school_kind"],
        }

    @property
    def is_filtering(self) -> bool:
        return any(self.filters().values())


class ApplicationIdsField(forms.Field):
    """The ticked applications: a list of ids from checkboxes named like the field."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": _("Tick at least one application."),
        "invalid": _("The applications chosen are not valid; reload the page and try again."),
        "too_many": _("Choose at most %(max)s applications at once."),
    }

    def to_python(self, value) -> list[int]:
        if not value:
            return []
        try:
            ids = [int(item) for item in value]
        except (TypeError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if any(pk < 1 for pk in ids):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if len(ids) > BULK_MAX:
            raise forms.ValidationError(
                self.error_messages["too_many"], code="too_many", params={"max": BULK_MAX}
            )
        return list(dict.fromkeys(ids))


class DecisionForm(forms.Form):
    """Approve, waitlist or reject; a rejection says why (the teacher reads it)."""

    action = forms.ChoiceField(
        label=_("Decision"),
        choices=ACTION_CHOICES,
        error_messages={"required": _("Choose a decision.")},
    )
    reason = forms.CharField(
        label=_("Reason for rejecting"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The teacher reads this in the e-mail, e.g. “This year’s places went to teachers "
            "who lead a collaboration; please apply again next year.”"
        ),
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == REJECT and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why, so that the teacher understands the decision."))
        return data


class BulkDecisionForm(DecisionForm):
    """The same decision for every ticked application of the list."""

    applications = ApplicationIdsField()
    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[("", _("Choose…")), *ACTION_CHOICES],
        error_messages={"required": _("Choose a decision.")},
    )

    field_order = ["applications", "action", "reason"]
