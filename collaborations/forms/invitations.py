"""Invitations: a lead invites a teacher, the invited teacher answers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .base import MAX_STUDENTS, STUDENTS_MESSAGES, ServiceErrorMixin


class InvitationForm(ServiceErrorMixin, forms.Form):
    """A lead invites a teacher into one of the collaborations they lead that take partners."""

    collaboration = forms.ModelChoiceField(
        label=_("Collaboration"),
        queryset=None,  # the view's: collaborations_to_invite_into(user=...)
        empty_label=None,
        error_messages={
            "invalid_choice": _("Choose one of your collaborations that take partners now."),
            "required": _("Choose one of your collaborations that take partners now."),
        },
    )
    message = forms.CharField(
        label=_("Message to the teacher"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 2000}),
        help_text=_("Why their class would fit, and what you would like to do together."),
        error_messages={
            "required": _("Write a few words to the teacher about your collaboration.")
        },
    )

    def __init__(self, *args, collaborations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collaboration"].queryset = collaborations


class InvitationAnswerForm(ServiceErrorMixin, forms.Form):
    """The invited teacher accepts (with their student count) or declines."""

    ACCEPT, DECLINE = "accept", "decline"

    action = forms.ChoiceField(choices=[(ACCEPT, _("Accept")), (DECLINE, _("Decline"))])
    student_count = forms.IntegerField(
        label=_("Your students taking part"),
        required=False,
        min_value=1,
        max_value=MAX_STUDENTS,
        error_messages=STUDENTS_MESSAGES,
        help_text=_("A number only: ClassNet never asks who your students are."),
    )

    def clean(self):
        cleaned = super().clean()
        missing = cleaned.get("action") == self.ACCEPT and cleaned.get("student_count") is None
        if missing and "student_count" not in self.errors:
            self.add_error("student_count", _("Say how many of your students take part, e.g. 25."))
        return cleaned
