from django import forms
from django.utils.translation import gettext_lazy as _


class ApplicationForm(forms.Form):
    """A teacher's application to an edition; the service decides whether it may be made."""

    motivation = forms.CharField(
        label=_("Why do you want to take part?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What you teach, what you hope to bring back to your students."),
    )
    collaboration_plan = forms.CharField(
        label=_("A collaboration you lead or plan"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional: the project and the partner schools you have in mind."),
    )
    needs_dietary = forms.CharField(
        label=_("Dietary needs"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    needs_access = forms.CharField(
        label=_("Access needs"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Anything that helps you take part fully: mobility, hearing, sight…"),
    )
    consent_to_list = forms.BooleanField(
        label=_("Show my name and school in the edition's participant list"),
        required=False,
    )
