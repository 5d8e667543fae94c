"""Forms of the report runs' pages."""

from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from conferences.models import Edition


def editions_with_reports():
    """Editions a report can be made for (not drafts): held ones first, newest first."""
    return (
        Edition.objects.exclude(status=Edition.Status.DRAFT)
        .annotate(
            held_first=Case(
                When(status=Edition.Status.HELD, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("held_first", "-number")
    )


class EditionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Edition) -> str:
        return f"{obj.number} · {obj.title} ({obj.get_status_display()})"


class EditionReportForm(forms.Form):
    edition = EditionChoiceField(
        label=_("Edition"),
        queryset=Edition.objects.none(),
        empty_label=_("Choose an edition…"),
        error_messages={
            "required": _("Choose the edition to report on."),
            "invalid_choice": _("That edition cannot have a report: choose one in the list."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].queryset = editions_with_reports()
