"""Invitations: from a teacher's directory profile a lead invites them into a collaboration
that takes partners; the invited teacher sees the invitation on its page (linked from the
e-mail and from My ClassNet) and accepts or declines it; a lead withdraws it.

Answers are POSTs through forms calling one service each; a GET changes nothing. People who
may not see an invitation get a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from teachers.models import TeacherProfile
from teachers.selectors import teacher_for_page

from . import services_invitations
from .forms import ConfirmForm, InvitationAnswerForm, InvitationForm
from .models import Invitation
from .selectors import collaborations_to_invite_into, invitation_for_page
from .services import CollaborationError
from .views_manage import _profile


@require_http_methods(["GET", "POST"])
@login_required
def invite(request, teacher_pk: int):
    """A verified teacher who leads collaborations that take partners invites a teacher from
    the directory into one of them, with a message."""
    profile = _profile(request.user)
    if not request.user.has_perm("teachers.act_as_teacher"):
        return render(
            request,
            "collaborations/invite.html",
            {"refused": True, "profile": profile},
            status=403,
        )
    try:
        invitee = teacher_for_page(pk=teacher_pk)
    except TeacherProfile.DoesNotExist:
        raise Http404 from None
    collaborations = collaborations_to_invite_into(user=request.user)
    form = InvitationForm(
        request.POST if request.method == "POST" else None, collaborations=collaborations
    )
    if request.method == "POST" and form.is_valid():
        collaboration = form.cleaned_data["collaboration"]
        if not request.user.has_perm("collaborations.invite", collaboration):
            form.add_error(
                "collaboration", _("Choose one of your collaborations that take partners now.")
            )
        else:
            try:
                invitation = services_invitations.invitation_create(
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
                        "Your invitation to %(title)s is sent to %(name)s by e-mail. You will "
                        "get one when they answer."
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


def _visible_invitation(request, pk: int) -> Invitation:
    try:
        invitation = invitation_for_page(pk=pk)
    except Invitation.DoesNotExist:
        raise Http404 from None
    _profile(request.user)  # the teacher profile the permission checks read
    if not request.user.has_perm("collaborations.view_invitation", invitation):
        raise Http404
    return invitation


@require_safe
@login_required
def invitation(request, pk: int):
    """The invitation: the collaboration, who invites and why, its state; for the invited
    teacher, accept (with the student count) or decline; for the leads, withdraw."""
    invitation = _visible_invitation(request, pk)
    user = request.user
    return render(
        request,
        "collaborations/invitation.html",
        {
            "invitation": invitation,
            "collaboration": invitation.collaboration,
            "can_answer": invitation.is_pending
            and user.has_perm("collaborations.answer_invitation", invitation),
            "can_withdraw": invitation.is_pending
            and user.has_perm("collaborations.withdraw_invitation", invitation),
            "form": InvitationAnswerForm(),
        },
    )


@require_POST
@login_required
def answer(request, pk: int):
    """The invited teacher accepts or declines (POST only)."""
    invitation = _visible_invitation(request, pk)
    if not request.user.has_perm("collaborations.answer_invitation", invitation):
        raise Http404
    form = InvitationAnswerForm(request.POST)
    if form.is_valid():
        try:
            if form.cleaned_data["action"] == InvitationAnswerForm.ACCEPT:
                services_invitations.invitation_accept(
                    invitation=invitation,
                    by=request.user,
                    student_count=form.cleaned_data["student_count"],
                )
            else:
                services_invitations.invitation_decline(invitation=invitation, by=request.user)
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
@login_required
def withdraw(request, pk: int):
    """A lead takes the invitation back before the teacher answers."""
    invitation = _visible_invitation(request, pk)
    if not request.user.has_perm("collaborations.withdraw_invitation", invitation):
        raise Http404
    ConfirmForm(request.POST).is_valid()
    try:
        services_invitations.invitation_withdraw(invitation=invitation, by=request.user)
    except CollaborationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The invitation is withdrawn."))
    return redirect(invitation)
