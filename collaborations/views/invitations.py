"""Invitations: from a teacher's directory profile a lead invites them into a collaboration
that takes partners; the invited teacher sees the invitation on its page (linked from the
e-mail and from My ClassNet) and accepts or declines it; a lead withdraws it.

Answers are POSTs through forms calling one service each; a GET changes nothing. People who
may not see an invitation get a 404.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST, require_safe

from core.permissions import PermissionRequiredMixin, permission_required
from core.ratelimit import limited
from teachers.models import TeacherProfile
from teachers.selectors import teacher_for_page

from ..errors import CollaborationError
from ..forms.invitations import InvitationAnswerForm, InvitationForm
from ..forms.join_requests import ConfirmForm
from ..rules import invitation_page_permissions, may_invite_into
from ..selectors.collaborations import collaborations_to_invite_into
from ..services.invitations import (
    invitation_accept,
    invitation_create,
    invitation_decline,
    invitation_withdraw,
)
from . import lookups


class InviteView(PermissionRequiredMixin, View):
    """A verified teacher who leads collaborations that take partners invites a teacher from
    the directory into one of them, with a message. Other signed-in people get the page that
    says who can (a 403); visitors log in."""

    permission_required = "teachers.act_as_teacher"
    http_method_names = ["get", "post"]

    def get_permission_object(self):
        # the teacher profile (with school) that the permission and the page read
        self.profile = lookups.cache_teacher_profile(self.request.user)
        return None

    def handle_no_permission(self):
        if not self.request.user.is_authenticated:
            return super().handle_no_permission()
        return render(
            self.request,
            "collaborations/invite.html",
            {"refused": True, "profile": self.profile},
            status=403,
        )

    def get(self, request, teacher_pk: int):
        return self.page(request, teacher_pk, data=None)

    def post(self, request, teacher_pk: int):
        return self.page(request, teacher_pk, data=request.POST)

    def page(self, request, teacher_pk: int, *, data):
        try:
            invitee = teacher_for_page(pk=teacher_pk)
        except TeacherProfile.DoesNotExist:
            raise Http404 from None
        collaborations = collaborations_to_invite_into(user=request.user)
        form = InvitationForm(data, collaborations=collaborations)
        if data is not None and form.is_valid():
            collaboration = form.cleaned_data["collaboration"]
            # the collaboration comes from the form: its permission is checked once chosen
            if not may_invite_into(request.user, collaboration):
                form.add_error(
                    "collaboration",
                    _("Choose one of your collaborations that take partners now."),
                )
            elif limited(request, "collaborations_invitation", form):
                pass
            else:
                try:
                    invitation = invitation_create(
                        collaboration=collaboration,
                        invitee=invitee,
                        by=request.user,
                        message=form.cleaned_data["message"],
                    )
                except CollaborationError as error:
                    form.add_service_error(error)
                else:
                    messages.success(
                        request,
                        _(
                            "Your invitation to %(title)s is sent to %(name)s by e-mail. You "
                            "will get one when they answer."
                        )
                        % {"title": collaboration, "name": invitee.user.full_name},
                    )
                    return redirect(invitation)
        return render(
            request,
            "collaborations/invite.html",
            {
                "invitee": invitee,
                "form": form,
                "has_collaborations": bool(form.fields["collaboration"].queryset),
                "is_own": invitee.user_id == request.user.pk,
            },
        )


invite = InviteView.as_view()


@require_safe
@permission_required("collaborations.view_invitation", obj=lookups.invitation, denied=404)
def invitation(request, pk: int):
    """The invitation: the collaboration, who invites and why, its state; for the invited
    teacher, accept (with the student count) or decline; for the leads, withdraw."""
    invitation = request.permission_object
    may = invitation_page_permissions(request.user, invitation)
    return render(
        request,
        "collaborations/invitation.html",
        {
            "invitation": invitation,
            "collaboration": invitation.collaboration,
            "can_answer": may["answer"],
            "can_withdraw": may["withdraw"],
            "form": InvitationAnswerForm(),
        },
    )


@require_POST
@permission_required(
    ("collaborations.view_invitation", "collaborations.answer_invitation"),
    obj=lookups.invitation,
    denied=404,
)
def answer(request, pk: int):
    """The invited teacher accepts or declines (POST only)."""
    invitation = request.permission_object
    form = InvitationAnswerForm(request.POST)
    if form.is_valid():
        try:
            if form.cleaned_data["action"] == InvitationAnswerForm.ACCEPT:
                invitation_accept(
                    invitation=invitation,
                    by=request.user,
                    student_count=form.cleaned_data["student_count"],
                )
            else:
                invitation_decline(invitation=invitation, by=request.user)
        except CollaborationError as error:
            form.add_service_error(error)
        else:
            if form.cleaned_data["action"] == InvitationAnswerForm.ACCEPT:
                messages.success(
                    request,
                    _("Welcome: %(school)s is now a member of %(title)s. The leads are told.")
                    % {"school": invitation.school, "title": invitation.collaboration},
                )
                return redirect(invitation.collaboration)
            messages.success(request, _("You declined the invitation. The leads are told."))
            return redirect(invitation)
    return render(
        request,
        "collaborations/invitation.html",
        {
            "invitation": invitation,
            "collaboration": invitation.collaboration,
            "can_answer": invitation.is_pending,
            "can_withdraw": False,
            "form": form,
        },
        status=200,
    )


@require_POST
@permission_required(
    ("collaborations.view_invitation", "collaborations.withdraw_invitation"),
    obj=lookups.invitation,
    denied=404,
)
def withdraw(request, pk: int):
    """A lead takes the invitation back before the teacher answers."""
    invitation = request.permission_object
    ConfirmForm(request.POST).is_valid()
    try:
        invitation_withdraw(invitation=invitation, by=request.user)
    except CollaborationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The invitation is withdrawn."))
    return redirect(invitation)
