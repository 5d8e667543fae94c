"""Members: a member's teacher leaves; leads (and staff) remove a member; the lead (and staff)
name or un-name co-leads. Actions a person may not take are 404s."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.permissions import permission_required

from ..errors import CollaborationError
from ..forms.members import MemberForm
from ..models import Membership
from ..rules import may_change_member
from ..selectors.memberships import membership_of
from ..services.memberships import co_lead_set, membership_leave, membership_remove
from . import lookups
from .manage import form_errors


@require_POST
@permission_required("collaborations.view", obj=lookups.collaboration, denied=404)
def member(request, pk: int, membership_pk: int):
    """A member's teacher leaves; leads (and staff) remove a member; the lead (and staff) name
    or un-name co-leads. Anyone else: 404."""
    collaboration = request.permission_object
    try:
        membership = membership_of(collaboration=collaboration, pk=membership_pk)
    except Membership.DoesNotExist:
        raise Http404 from None
    form = MemberForm(request.POST)
    if not form.is_valid():
        if not may_change_member(request.user, None, membership, collaboration):
            raise Http404
        messages.error(request, form_errors(form))
        return redirect(collaboration)
    action, user = form.cleaned_data["action"], request.user
    if not may_change_member(user, action, membership, collaboration):
        raise Http404
    school = membership.school
    try:
        if action == MemberForm.LEAVE:
            membership_leave(membership=membership, by=user)
            done = _("Your school has left %(title)s.")
        elif action == MemberForm.REMOVE:
            membership_remove(membership=membership, by=user, reason=form.cleaned_data["reason"])
            done = _("%(school)s is no longer a member of %(title)s.")
        else:
            co_lead = action == MemberForm.CO_LEAD
            co_lead_set(membership=membership, by=user, co_lead=co_lead)
            done = (
                _("%(teacher)s of %(school)s is now a co-lead: they can answer join requests.")
                if co_lead
                else _("%(teacher)s of %(school)s is no longer a co-lead.")
            )
    except CollaborationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            done
            % {
                "title": collaboration,
                "school": school,
                "teacher": membership.teacher.user.full_name,
            },
        )
    return redirect(collaboration)
