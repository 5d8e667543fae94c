"""Forms of the report runs' pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from conferences.models import Edition
from conferences.selectors.figures import editions_for_reports


class EditionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Edition) -> str:
        return f"{obj.number} · {obj.title} ({obj.get_status_display()})"


class EditionReportForm(forms.Form):
    edition = EditionChoiceField(
        label=_("Edition"),
        queryset=editions_for_reports().none(),
        empty_label=_("Choose an edition…"),
        error_messages={
            "required": _("Choose the edition to report on."),
            "invalid_choice": _("That edition cannot have a report: choose one in the list."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].queryset = editions_for_reports()
