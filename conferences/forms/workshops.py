"""The participant's choice of workshops."""

from django import forms
from django.utils.translation import gettext_lazy

from ..models import Edition
from ..selectors.programme import sessions_of


class WorkshopChoiceForm(forms.Form):
    """A Sign up or Cancel button: which session, and which of the two."""

    session = forms.ModelChoiceField(queryset=None)  # the edition's sessions, set below
    action = forms.ChoiceField(
        choices=[("signup", gettext_lazy("Sign up")), ("cancel", gettext_lazy("Cancel"))]
    )

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions_of(edition=edition)
