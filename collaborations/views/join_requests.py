"""Join requests: a verified teacher asks for their school to join, a lead or co-lead answers,
the teacher withdraws. Every action is a POST through a form that calls one service; a
CollaborationError becomes a message and changes nothing. Collaborations a person may not
see are 404s."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.permissions import permission_required
from core.ratelimit import limited

from ..errors import CollaborationError
from ..forms.join_requests import AnswerForm, ConfirmForm, JoinForm
from ..models import JoinRequest
from ..rules import why_not_join
from ..selectors.join_requests import join_request_of
from ..services.join_requests import (
    join_request_accept,
    join_request_create,
    join_request_decline,
    join_request_withdraw,
)
from . import lookups
from .manage import form_errors


@require_http_methods(["GET", "POST"])
@permission_required("collaborations.view", obj=lookups.collaboration, denied=404)
def join(request, pk: int):
    """A verified teacher asks for their school to join, with a student count and a message.
    Who may not (collaborations.request_join, or no place left) is told why on the page."""
    collaboration = request.permission_object
    profile = lookups.cache_teacher_profile(request.user)
    refusal = why_not_join(request.user, collaboration, profile)
    if refusal:
        status = 403 if profile is None or not profile.is_verified else 200
        return render(
            request,
            "collaborations/join.html",
            {"collaboration": collaboration, "profile": profile, "refusal": refusal},
            status=status,
        )
    form = JoinForm(request.POST if request.method == "POST" else None)
    if (
        request.method == "POST"
        and form.is_valid()
        and not limited(request, "collaborations_join_request", form)
    ):
        try:
            join_request_create(
                collaboration=collaboration,
                by=request.user,
                student_count=form.cleaned_data["student_count"],
                message=form.cleaned_data["message"],
            )
        except CollaborationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _(
                    "Your request is sent. The leads of %(title)s are told by e-mail; you will "
                    "get one when they answer."
                )
                % {"title": collaboration},
            )
            return redirect(collaboration)
    return render(
        request,
        "collaborations/join.html",
        {"collaboration": collaboration, "profile": profile, "form": form},
    )


@require_POST
@permission_required(
    ("collaborations.view", "collaborations.answer_requests"),
    obj=lookups.collaboration,
    denied=404,
)
def answer_request(request, pk: int, request_pk: int):
    """A lead or co-lead accepts a request, or declines it with a reason."""
    collaboration = request.permission_object
    try:
        join_request = join_request_of(collaboration=collaboration, pk=request_pk)
    except JoinRequest.DoesNotExist:
        raise Http404 from None
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(collaboration)
    try:
        if form.cleaned_data["action"] == AnswerForm.ACCEPT:
            join_request_accept(join_request=join_request, by=request.user)
            done = _("%(school)s is now a member; its teacher is told by e-mail.")
        else:
            join_request_decline(
                join_request=join_request, by=request.user, reason=form.cleaned_data["reason"]
            )
            done = _("The request of %(school)s is declined; its teacher is told by e-mail.")
    except CollaborationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done % {"school": join_request.school})
    return redirect(collaboration)


@require_POST
@permission_required("collaborations.view", obj=lookups.collaboration, denied=404)
def withdraw_request(request, pk: int, request_pk: int):
    """The teacher who sent a request takes it back (anyone else's request: 404)."""
    collaboration = request.permission_object
    try:
        join_request = join_request_of(
            collaboration=collaboration, pk=request_pk, teacher_user=request.user
        )
    except JoinRequest.DoesNotExist:
        raise Http404 from None
    form = ConfirmForm(request.POST)
    form.is_valid()
    try:
        join_request_withdraw(join_request=join_request, by=request.user)
    except CollaborationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your request is withdrawn."))
    return redirect(collaboration)
