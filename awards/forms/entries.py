"""Forms of the entries: the entry itself, a piece of evidence, staff's filters and their
disqualification. Forms check and lay out; the services in entries.py write."""

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from ..models import AwardCycle, Entry
from ..services.entries import STUDENT_COUNT_MAX, evidence_file_prepare

SAVE = "save"
SUBMIT = "submit"


BLIND_STATEMENT_HELP = _(
    "Judging is blind: the judges read this statement without your collaboration's title or "
    "its schools. Do not name your schools, teachers, towns or cities in it (the countries "
    "are shown anyway). What your classes did together, what the students learned about each "
    "other and how you worked across the two regions. Up to 8,000 characters; needed to "
    "submit, not to save a draft."
)


class EntryForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=None,
        empty_label=None,
        widget=forms.RadioSelect,
    )
    statement = forms.CharField(
        label=_("Statement"),
        max_length=8000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "What your classes did together, what the students learned about each other and "
            "how you worked across the two regions. Up to 8,000 characters; needed to submit, "
            "not to save a draft."
        ),
    )
    student_count = forms.IntegerField(
        label=_("Students engaged, in all schools"),
        min_value=1,
        max_value=STUDENT_COUNT_MAX,
        help_text=_(
            "A number only: never the names of students. We filled in the total the member "
            "schools gave when they joined; correct it if it changed."
        ),
    )

    def __init__(self, *args, cycle: AwardCycle, **kwargs):
        super().__init__(*args, **kwargs)
        if cycle.blind:
            self.fields["statement"].help_text = BLIND_STATEMENT_HELP
        categories = cycle.categories.all()
        self.fields["category"].queryset = categories
        self.fields["category"].label_from_instance = lambda c: (
            f"{c.name} — {c.description}" if c.description else c.name
        )

    def clean(self):
        data = super().clean()
        if self.data.get("action") == SUBMIT and not (data.get("statement") or "").strip():
            self.add_error(
                "statement",
                _("Write your statement before you submit: it is what the judges read first."),
            )
        return data


class HttpURLField(forms.URLField):
    default_validators = [URLValidator(schemes=["http", "https"])]


class EvidenceForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("e.g. “Video of the joint science fair” or “Students' shared website”."),
    )
    url = HttpURLField(
        label=_("Link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("A web address starting with https:// (a video, a website, a shared folder)."),
    )
    file = forms.FileField(
        label=_("or a file"),
        required=False,
        help_text=_(
            "PDF, JPEG, PNG or WebP, up to 10 MB (pictures up to 5 MB). Location and camera "
            "data are removed from pictures. Do not upload photos where students can be "
            "recognised without their parents' consent."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        return evidence_file_prepare(upload)

    def clean(self):
        data = super().clean()
        has_url, has_file = bool(data.get("url")), bool(data.get("file"))
        if "file" in self.errors or "url" in self.errors:
            return data
        if has_url and has_file:
            raise forms.ValidationError(
                _("Give either a link or a file: add the other as a separate piece of evidence.")
            )
        if not has_url and not has_file:
            raise forms.ValidationError(_("Give a link or choose a file."))
        return data


class EntryFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *Entry.Status.choices],
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        required=False,
        queryset=None,
        empty_label=_("Any category"),
    )

    def __init__(self, *args, cycle: AwardCycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = cycle.categories.all()

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {
            "status": self.cleaned_data["status"] or None,
            "category": self.cleaned_data["category"],
        }

    @property
    def is_filtering(self) -> bool:
        return any(self.filters().values())


class DisqualifyForm(forms.Form):
    entry = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the entry's history; sent to the teacher if you tick below."),
    )
    notify = forms.BooleanField(
        label=_("Tell the teacher by e-mail, with this reason"), required=False
    )
