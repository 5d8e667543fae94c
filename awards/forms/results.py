"""Forms of the staff results and publication pages (they validate; services write)."""

from django import forms
from django.utils.translation import gettext_lazy as _

NO_AWARD = ""


class ChairDecisionForm(forms.Form):
    """The chair's order for one of the entries still tied, with the reason."""

    entry = forms.TypedChoiceField(label=_("Entry"), coerce=int)
    order = forms.IntegerField(
        label=_("Order among the tied"),
        min_value=1,
        max_value=999,
        help_text=_("1 goes first."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept with the results; staff see it."),
    )

    def __init__(self, *args, entries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [(e.pk, e.collaboration.title) for e in entries]


class AdvanceForm(forms.Form):
    """Advance the top N of the shortlist, or the ticked entries, to the final."""

    count = forms.IntegerField(
        label=_("Advance the top"),
        min_value=1,
        max_value=10000,
        required=False,
        help_text=_("By the normalised ranking, ties broken as the cycle says."),
    )
    entries = forms.TypedMultipleChoiceField(
        label=_("Or these entries"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, entries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].choices = [(e.pk, e.collaboration.title) for e in entries]

    def clean(self):
        data = super().clean()
        if not data.get("count") and not data.get("entries"):
            raise forms.ValidationError(
                _("Give a number of entries, or tick the entries to advance.")
            )
        if data.get("count") and data.get("entries"):
            raise forms.ValidationError(_("Give a number or tick entries, not both."))
        return data


class WinnersForm(forms.Form):
    """For each ranked entry: its award level (or none) and a citation."""

    def __init__(self, *args, rows=(), levels=(), initial_levels=None, citations=None, **kw):
        super().__init__(*args, **kw)
        initial_levels = initial_levels or {}
        citations = citations or {}
        choices = [(NO_AWARD, _("No award"))] + [(level.pk, level.name) for level in levels]
        self.rows = []
        for row in rows:
            pk = row.entry.pk
            level_name, citation_name = f"level_{pk}", f"citation_{pk}"
            self.fields[level_name] = forms.TypedChoiceField(
                label=_("Award"),
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=initial_levels.get(pk, NO_AWARD),
            )
            self.fields[citation_name] = forms.CharField(
                label=_("Citation"),
                max_length=2000,
                required=False,
                initial=citations.get(pk, ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.rows.append((row, self[level_name], self[citation_name]))

    def choices(self) -> tuple[dict[int, int], dict[int, str]]:
        levels, citations = {}, {}
        for row, _level, _citation in self.rows:
            pk = row.entry.pk
            level = self.cleaned_data.get(f"level_{pk}")
            if level:
                levels[pk] = level
                citations[pk] = self.cleaned_data.get(f"citation_{pk}", "")
        return levels, citations


class PublishForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I have checked the winners: publish them, freeze the results and e-mail every "
            "entrant once."
        ),
        required=True,
    )


class AmendForm(forms.Form):
    """A change to one award after publication, with the reason shown publicly."""

    entry = forms.TypedChoiceField(label=_("Entry"), coerce=int)
    level = forms.TypedChoiceField(label=_("Award"), coerce=int, empty_value=None, required=False)
    citation = forms.CharField(
        label=_("Citation"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown on the public page as “Amended on …: reason”."),
    )

    def __init__(self, *args, entries=(), levels=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [(e.pk, e.collaboration.title) for e in entries]
        self.fields["level"].choices = [(NO_AWARD, _("No award (withdraw it)"))] + [
            (level.pk, level.name) for level in levels
        ]
