"""Staff forms for running an edition: its details (with quotas and targets) and its sessions.

Times are typed in the host's time zone: LocalDateTimeField reads a naive date and time, and
the form makes it aware in the edition's zone (for a new edition, the zone chosen on the form,
or the host country's). Forms validate; services/editions.py writes.
"""

import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from core.forms import LocalDateTimeField, add_domain_error, aware_in
from core.images import validate_image_upload
from schools.fields import RegionGroupedCountryField
from schools.forms import IMAGE_ACCEPT
from schools.models import Region
from schools.selectors import country_codes_and_names
from schools.timezones import country_timezone, timezone_choices, zone_refusal

from ..models import Edition, Session
from ..selectors.editions import saved_edition
from ..selectors.programme import saved_session
from ..services.editions import EDITION_FIELDS, SESSION_FIELDS, QuotaRow, TargetRow

add_service_error = add_domain_error  # the name conferences' views use


class EditionForm(forms.ModelForm):
    """An edition's details. `edition`: the one edited (None: a new one)."""

    country = RegionGroupedCountryField(label=_("Host country"), empty_label=_("Choose a country"))
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        help_text=_("Blank: the host country's main zone. Every time is typed in this zone."),
    )
    applications_open_at = LocalDateTimeField(
        label=_("Applications open"),
        required=False,
        help_text=_("In the host's time zone. Blank: when you open applications."),
    )
    applications_close_at = LocalDateTimeField(
        label=_("Applications close"),
        required=False,
        help_text=_("In the host's time zone. Blank: open until you close them."),
    )
    cover = forms.FileField(
        label=_("Cover image"),
        required=False,
        validators=[validate_image_upload],
        widget=forms.FileInput(attrs={"accept": IMAGE_ACCEPT}),
        help_text=_(
            "A wide photo of the host city or venue: JPEG, PNG or WebP, up to 5 MB. "
            "Location and camera data are removed."
        ),
    )
    remove_cover = forms.BooleanField(label=_("Remove the current cover image"), required=False)

    class Meta:
        model = Edition
        fields = list(EDITION_FIELDS)
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            "number": {"unique": _("There is already an edition with this number.")},
        }

    def __init__(self, *args, edition: Edition | None = None, **kwargs):
        super().__init__(*args, instance=edition, **kwargs)
        self.edition = edition
        self.fields["time_zone"].choices = [
            ("", _("The host country's zone")),
            *timezone_choices(country_codes_and_names()),
        ]
        for name in ("capacity", "offer_hours"):
            self.fields[name].min_value = 1
            self.fields[name].validators.append(MinValueValidator(1))
            self.fields[name].widget.attrs["min"] = 1
        if edition is not None:
            zone = edition.zone
            for name in ("applications_open_at", "applications_close_at"):
                self.fields[name].zone = zone
        if edition is None or not edition.cover:
            del self.fields["remove_cover"]

    def zone(self) -> zoneinfo.ZoneInfo | None:
        """The zone chosen on the form, else the chosen country's (None before cleaning)."""
        data = getattr(self, "cleaned_data", {})
        if data.get("time_zone"):
            return zoneinfo.ZoneInfo(data["time_zone"])
        if data.get("country"):
            return zoneinfo.ZoneInfo(country_timezone(data["country"].code))
        return None

    def clean(self):
        cleaned = super().clean()
        country = cleaned.get("country")
        if country and (refusal := zone_refusal(cleaned.get("time_zone"), country)):
            self.add_error("time_zone", refusal)
            cleaned["time_zone"] = ""
        zone = self.zone()
        if zone is not None:
            for name in ("applications_open_at", "applications_close_at"):
                cleaned[name] = aware_in(cleaned.get(name), zone)
                self.fields[name].zone = zone
        if cleaned.get("cover") and cleaned.get("remove_cover"):
            self.add_error("remove_cover", _("Either upload a new cover or remove it, not both."))
        return cleaned

    def _post_clean(self):
        # The model's own checks (end after start, window order) run on a copy, so that the
        # edition shown around the form keeps its saved values.
        if self.instance.pk:
            saved = self.instance
            self.instance = saved_edition(pk=saved.pk)
            super()._post_clean()
            self.instance = saved
        else:
            super()._post_clean()

    def edition_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in EDITION_FIELDS}


class QuotaForm(forms.Form):
    country = RegionGroupedCountryField(label=_("Country"), empty_label=_("Choose a country"))
    max_teachers = forms.IntegerField(label=_("At most (teachers)"), min_value=1, max_value=1000)


class TargetForm(forms.Form):
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", _("Choose a region")), *Region.choices]
    )
    target = forms.IntegerField(label=_("Target (teachers)"), min_value=1, max_value=1000)


class _RowsFormSet(forms.BaseFormSet):
    key = ""

    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            value = form.cleaned_data[self.key]
            if value in seen:
                raise ValidationError(self.duplicate_message, code="duplicate")
            seen.add(value)

    def kept(self) -> list[dict]:
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


class _QuotaFormSet(_RowsFormSet):
    key = "country"
    duplicate_message = _("Give each country at most one quota.")

    def rows(self) -> list[QuotaRow]:
        return [QuotaRow(country=d["country"], max_teachers=d["max_teachers"]) for d in self.kept()]


class _TargetFormSet(_RowsFormSet):
    key = "region"
    duplicate_message = _("Give each region at most one target.")

    def rows(self) -> list[TargetRow]:
        return [TargetRow(region=d["region"], target=d["target"]) for d in self.kept()]


QuotaFormSet = forms.formset_factory(
    QuotaForm, formset=_QuotaFormSet, extra=2, can_delete=True, max_num=60
)
TargetFormSet = forms.formset_factory(
    TargetForm, formset=_TargetFormSet, extra=1, can_delete=True, max_num=2
)


def quota_formset(data=None, *, edition: Edition | None = None) -> _QuotaFormSet:
    initial = []
    if edition is not None:
        initial = [
            {"country": q.country_id, "max_teachers": q.max_teachers}
            for q in edition.country_quotas.all()
        ]
    return QuotaFormSet(data, initial=initial, prefix="quotas")


def target_formset(data=None, *, edition: Edition | None = None) -> _TargetFormSet:
    initial = []
    if edition is not None:
        initial = [{"region": t.region, "target": t.target} for t in edition.region_targets.all()]
    return TargetFormSet(data, initial=initial, prefix="targets")


class EditionStatusForm(forms.Form):
    """The status an edition should move to (the service decides whether it may)."""

    to = forms.ChoiceField(choices=Edition.Status.choices)


class SessionForm(forms.ModelForm):
    """A session of the programme; times typed in the host's time zone."""

    starts_at = LocalDateTimeField(label=_("Starts"))
    ends_at = LocalDateTimeField(label=_("Ends"))

    class Meta:
        model = Session
        fields = list(SESSION_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"capacity": _("Workshops only: how many may sign up. Blank: no limit.")}

    def __init__(self, *args, edition: Edition, session: Session | None = None, **kwargs):
        super().__init__(*args, instance=session or Session(edition=edition), **kwargs)
        self.edition = edition
        zone = edition.zone
        for name in ("starts_at", "ends_at"):
            self.fields[name].zone = zone
            self.fields[name].help_text = _("In %(zone)s time.") % {"zone": zone.key}

    def clean(self):
        cleaned = super().clean()
        zone = self.edition.zone
        for name in ("starts_at", "ends_at"):
            cleaned[name] = aware_in(cleaned.get(name), zone)
        return cleaned

    def _post_clean(self):
        if self.instance.pk:
            saved = self.instance
            self.instance = saved_session(pk=saved.pk)
            self.instance.edition = saved.edition
            super()._post_clean()
            self.instance = saved
        else:
            super()._post_clean()

    def session_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in SESSION_FIELDS}
