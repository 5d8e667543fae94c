"""The plan of a collaboration (propose, edit) and its status. Forms check what a person typed
and hand it to a service; they never save. A CollaborationError from the service is shown with
add_service_error()."""

from django import forms
from django.utils.translation import gettext_lazy as _

from teachers.models import MAX_STUDENT_AGE, MIN_STUDENT_AGE

from ..models import Collaboration, WantedRegion
from ..selectors.choices import edition_choices, language_choices, subject_choices
from ..services.collaborations import ALLOWED_TRANSITIONS, MAX_MONTHS
from .base import (
    AGE_MESSAGES,
    MAX_PLACES,
    MAX_STUDENTS,
    PLACES_MESSAGES,
    STUDENTS_MESSAGES,
    ServiceErrorMixin,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class CollaborationForm(ServiceErrorMixin, forms.Form):
    """The plan of a collaboration, as the lead proposes or edits it. Proposing also asks how
    many of the lead's own students take part (their school's membership)."""

    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. Rivers of two continents")}),
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 300}),
        help_text=_("One or two sentences that the list of collaborations shows."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": 10000}),
        help_text=_("What the classes will do together, month by month, and what they will make."),
    )
    subjects = forms.ModelMultipleChoiceField(
        label=_("Subjects"),
        queryset=subject_choices(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one subject.")},
    )
    themes = forms.CharField(
        label=_("Themes"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. climate, water, citizenship")}),
        help_text=_("Free tags, separated by commas."),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=Collaboration.Kind.choices,
        initial=Collaboration.Kind.ONLINE,
        widget=forms.RadioSelect,
    )
    student_age_min = forms.IntegerField(
        label=_("Youngest students (age)"),
        min_value=MIN_STUDENT_AGE,
        max_value=MAX_STUDENT_AGE,
        error_messages=AGE_MESSAGES,
    )
    student_age_max = forms.IntegerField(
        label=_("Oldest students (age)"),
        min_value=MIN_STUDENT_AGE,
        max_value=MAX_STUDENT_AGE,
        error_messages=AGE_MESSAGES,
    )
    languages = forms.ModelMultipleChoiceField(
        label=_("Working languages"),
        queryset=language_choices(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language the classes will use.")},
    )
    ict_tools = forms.CharField(
        label=_("ICT tools"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. Padlet, Zoom, Scratch")}),
    )
    starts_on = forms.DateField(label=_("Start"), widget=DateInput())
    ends_on = forms.DateField(
        label=_("End"),
        widget=DateInput(),
        help_text=_("3 to 12 months is typical; 24 at most."),
    )
    partner_schools_wanted = forms.IntegerField(
        label=_("Partner schools wanted"),
        min_value=1,
        max_value=MAX_PLACES,
        initial=3,
        error_messages=PLACES_MESSAGES,
        help_text=_("How many schools may join besides yours (1 to 20)."),
    )
    wanted_region = forms.ChoiceField(
        label=_("Partners wanted from"),
        choices=WantedRegion.choices,
        initial=WantedRegion.ANY,
        widget=forms.RadioSelect,
    )
    initiated_at = forms.ModelChoiceField(
        label=_("Initiated at a ClassNet Conference"),
        queryset=edition_choices(),
        required=False,
        empty_label=_("No: not initiated at a conference"),
        help_text=_("If the partners met at a conference, its theme joins the collaboration's."),
    )
    student_count = forms.IntegerField(
        label=_("Your students taking part"),
        min_value=1,
        max_value=MAX_STUDENTS,
        error_messages=STUDENTS_MESSAGES,
        help_text=_("A number only: ClassNet never asks who your students are."),
    )

    def __init__(self, *args, collaboration: Collaboration | None = None, **kwargs):
        if collaboration is not None:
            kwargs.setdefault("initial", self.initial_from(collaboration))
        super().__init__(*args, **kwargs)
        self.collaboration = collaboration
        if collaboration is not None:
            del self.fields["student_count"]

    @staticmethod
    def initial_from(collaboration: Collaboration) -> dict:
        return {
            "title": collaboration.title,
            "summary": collaboration.summary,
            "description": collaboration.description,
            "subjects": [subject.pk for subject in collaboration.subjects.all()],
            "themes": ", ".join(theme.name for theme in collaboration.themes.all()),
            "kind": collaboration.kind,
            "student_age_min": collaboration.student_age_min,
            "student_age_max": collaboration.student_age_max,
            "languages": [language.pk for language in collaboration.languages.all()],
            "ict_tools": collaboration.ict_tools,
            "starts_on": collaboration.starts_on,
            "ends_on": collaboration.ends_on,
            "partner_schools_wanted": collaboration.partner_schools_wanted,
            "wanted_region": collaboration.wanted_region,
            "initiated_at": collaboration.initiated_at_id,
        }

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on:
            if ends_on <= starts_on:
                self.add_error("ends_on", _("The end must come after the start."))
            elif (ends_on - starts_on).days / 30.44 > MAX_MONTHS:
                self.add_error(
                    "ends_on",
                    _("A collaboration runs for %(months)s months at most (3 to 12 is typical).")
                    % {"months": MAX_MONTHS},
                )
        youngest, oldest = cleaned.get("student_age_min"), cleaned.get("student_age_max")
        if youngest is not None and oldest is not None and youngest > oldest:
            self.add_error(
                "student_age_max",
                _("The oldest students cannot be younger than the youngest (%(age)s).")
                % {"age": youngest},
            )
        return cleaned

    def theme_names(self) -> list[str]:
        return [name.strip() for name in self.cleaned_data["themes"].split(",") if name.strip()]

    def collaboration_fields(self) -> dict:
        """The keyword arguments of collaboration_propose / collaboration_update."""
        data = self.cleaned_data
        fields = {
            "title": data["title"],
            "summary": data["summary"],
            "description": data["description"],
            "subjects": list(data["subjects"]),
            "languages": list(data["languages"]),
            "theme_names": self.theme_names(),
            "kind": data["kind"],
            "student_age_min": data["student_age_min"],
            "student_age_max": data["student_age_max"],
            "ict_tools": data["ict_tools"],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "partner_schools_wanted": data["partner_schools_wanted"],
            "wanted_region": data["wanted_region"],
            "initiated_at": data["initiated_at"],
        }
        if "student_count" in data:
            fields["student_count"] = data["student_count"]
        return fields


def status_transitions(collaboration: Collaboration) -> list[tuple[str, str]]:
    """The statuses a collaboration may move to from its current one, as (value, label)."""
    allowed = ALLOWED_TRANSITIONS[Collaboration.Status(collaboration.status)]
    return [(value, label) for value, label in Collaboration.Status.choices if value in allowed]


class StatusForm(ServiceErrorMixin, forms.Form):
    """Move a collaboration to one of the statuses its current one allows."""

    status = forms.ChoiceField(choices=Collaboration.Status.choices)

    def __init__(self, *args, collaboration: Collaboration, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = status_transitions(collaboration)
        self.fields["status"].error_messages["invalid_choice"] = _(
            "A collaboration that is %(current)s cannot move there."
        ) % {"current": Collaboration.Status(collaboration.status).label.lower()}
