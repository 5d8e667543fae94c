"""The answer to a waitlist offer: which of the offer page's two buttons was pressed."""

from django import forms
from django.utils.translation import gettext_lazy


class OfferAnswerForm(forms.Form):
    """Which of the page's two buttons was pressed."""

    action = forms.ChoiceField(
        choices=[("accept", gettext_lazy("Accept my place")), ("decline", gettext_lazy("Decline"))]
    )
