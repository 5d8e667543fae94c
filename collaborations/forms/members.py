"""What can be done to a membership."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Membership
from .base import ServiceErrorMixin


class MemberForm(ServiceErrorMixin, forms.Form):
    """What can be done to a membership: leave (its teacher), remove or make co-lead (leads)."""

    LEAVE, REMOVE, CO_LEAD, MEMBER = "leave", "remove", Membership.Role.CO_LEAD, "member"

    action = forms.ChoiceField(
        choices=[
            (LEAVE, _("Leave")),
            (REMOVE, _("Remove")),
            (CO_LEAD, _("Make co-lead")),
            (MEMBER, _("Make member")),
        ]
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 2000}),
    )
