"""Staff's wording of an e-mail: subject and text with placeholders, checked here so that an
unknown placeholder or a lone brace is named on its field and nothing is saved."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .registry import Email
from .text import placeholder_problems


class EmailTextForm(forms.Form):
    subject = forms.CharField(
        label=_("Subject"),
        max_length=200,
        widget=forms.TextInput(attrs={"class": "font-monospace", "data-placeholder-target": ""}),
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=10000,
        help_text=_(
            "Plain text. Leave an empty line between paragraphs; links become clickable in the "
            "HTML version."
        ),
        widget=forms.Textarea(
            attrs={"rows": 16, "class": "font-monospace", "data-placeholder-target": ""}
        ),
    )

    def __init__(self, *args, email: Email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        prefix = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX.strip()
        self.fields["subject"].help_text = _("“%(prefix)s” is put in front of it.") % {
            "prefix": prefix
        }

    def _checked(self, name: str) -> str:
        value = self.cleaned_data[name].strip()
        problems = placeholder_problems(value, self.email)
        if problems:
            raise forms.ValidationError(problems)
        return value

    def clean_subject(self) -> str:
        if "\n" in self.cleaned_data["subject"] or "\r" in self.cleaned_data["subject"]:
            raise forms.ValidationError(_("The subject must fit on one line."))
        return self._checked("subject")

    def clean_body(self) -> str:
        return self._checked("body")
