"""Join requests: a teacher asks to join, a lead answers, a button to confirm a withdrawal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .base import MAX_STUDENTS, STUDENTS_MESSAGES, ServiceErrorMixin


class JoinForm(ServiceErrorMixin, forms.Form):
    """A teacher asks for their school to join."""

    student_count = forms.IntegerField(
        label=_("Your students taking part"),
        min_value=1,
        max_value=MAX_STUDENTS,
        error_messages=STUDENTS_MESSAGES,
        help_text=_("A number only: ClassNet never asks who your students are."),
    )
    message = forms.CharField(
        label=_("Message to the leads"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 2000}),
        help_text=_("Your class, their age and language level, and what you would like to bring."),
        error_messages={"required": _("Write a few words to the leads about your class.")},
    )


class AnswerForm(ServiceErrorMixin, forms.Form):
    """A lead accepts or declines a join request; declining needs a reason."""

    ACCEPT, DECLINE = "accept", "decline"

    action = forms.ChoiceField(choices=[(ACCEPT, _("Accept")), (DECLINE, _("Decline"))])
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 2000}),
        help_text=_("The teacher reads it in the e-mail."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == self.DECLINE and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Say why, so that the teacher can look elsewhere."))
        return cleaned


class ConfirmForm(ServiceErrorMixin, forms.Form):
    """A button with nothing to type (withdraw a request)."""
