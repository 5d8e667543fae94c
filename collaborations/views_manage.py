"""What teachers do with collaborations: propose and edit one, move it along its statuses, ask
to join, answer requests, leave, remove members and name co-leads; and "My collaborations".

Every action is a POST through a form that calls one service. A CollaborationError becomes a
message on the page and changes nothing. Collaborations a person may not see, and actions they
may not take, are 404s: a 403 would confirm what exists and who may act on it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from teachers.models import TeacherProfile

from . import services
from .forms import (
    AnswerForm,
    CollaborationForm,
    ConfirmForm,
    JoinForm,
    MemberForm,
    StatusForm,
)
from .models import Collaboration, JoinRequest, Membership
from .selectors import collaboration_for_page, collaborations_of, requests_of, with_places
from .services import CollaborationError

PER_PAGE = 20


def _visible_collaboration(request, pk: int, *, for_page: bool = False) -> Collaboration:
    """The collaboration if the person may see it (drafts: members and staff), else a 404."""
    try:
        if for_page:
            collaboration = collaboration_for_page(pk=pk)
        else:
            collaboration = with_places(Collaboration.objects.all()).get(pk=pk)
    except Collaboration.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("collaborations.view", collaboration):
        raise Http404
    return collaboration


def _profile(user) -> TeacherProfile | None:
    """The person's teacher profile (with school), cached on the user for the permission checks;
    None for staff and judges."""
    if not user.is_authenticated:
        return None
    profile = (
        TeacherProfile.objects.select_related("school__country", "user").filter(user=user).first()
    )
    if profile is not None:
        user.teacher_profile = profile
    return profile


def _form_errors(form) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


# --- propose and edit -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def propose(request):
    """A verified teacher proposes a collaboration, saved as a draft or published at once."""
    profile = _profile(request.user)
    if not request.user.has_perm("collaborations.propose"):
        return render(
            request,
            "collaborations/propose.html",
            {"profile": profile, "refused": True},
            status=403,
        )
    form = CollaborationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        publish = "publish" in request.POST
        try:
            collaboration = services.collaboration_propose(
                by=request.user, publish=publish, **form.collaboration_fields()
            )
        except CollaborationError as error:
            form.add_service_error(error)
        else:
            if publish:
                messages.success(
                    request,
                    _("%(title)s is published: teachers can now ask to join.")
                    % {"title": collaboration},
                )
            else:
                messages.success(
                    request,
                    _(
                        "%(title)s is saved as a draft: only you and ClassNet staff see it. "
                        "Publish it when it is ready."
                    )
                    % {"title": collaboration},
                )
            return redirect(collaboration)
    return render(request, "collaborations/propose.html", {"form": form, "profile": profile})


@require_http_methods(["GET", "POST"])
@login_required
def edit(request, pk: int):
    """Leads and staff edit the plan; places cannot drop below the partner schools in."""
    collaboration = _visible_collaboration(request, pk, for_page=True)
    if not request.user.has_perm("collaborations.edit", collaboration):
        raise Http404
    form = CollaborationForm(
        request.POST if request.method == "POST" else None, collaboration=collaboration
    )
    if request.method == "POST" and form.is_valid():
        try:
            collaboration = services.collaboration_update(
                collaboration=collaboration, by=request.user, **form.collaboration_fields()
            )
        except CollaborationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("%(title)s is saved.") % {"title": collaboration})
            return redirect(collaboration)
    return render(
        request,
        "collaborations/propose.html",
        {"form": form, "collaboration": collaboration},
    )


@require_POST
@login_required
def set_status(request, pk: int):
    """Leads and staff move the collaboration along (draft -> open -> running -> ...)."""
    collaboration = _visible_collaboration(request, pk)
    if not request.user.has_perm("collaborations.edit", collaboration):
        raise Http404
    form = StatusForm(request.POST, collaboration=collaboration)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(collaboration)
    try:
        collaboration = services.collaboration_set_status(
            collaboration=collaboration, by=request.user, status=form.cleaned_data["status"]
        )
    except CollaborationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(title)s is now: %(status)s.")
            % {"title": collaboration, "status": collaboration.get_status_display().lower()},
        )
    return redirect(collaboration)


# --- join requests --------------------------------------------------------------------------


def _why_not_join(request, collaboration: Collaboration, profile: TeacherProfile | None) -> str:
    """Why the person cannot ask to join, in words; "" when they can."""
    if profile is None:
        return _(
            "Only teachers can ask to join a collaboration, for their school; your account is "
            "not a teacher's."
        )
    if not request.user.has_perm("collaborations.request_join", collaboration):
        if not profile.is_verified:
            return _(
                "Your account must be verified before you can join: ClassNet staff check that "
                "you teach at your school. See My ClassNet."
            )
        return _("Your school is already a member of this collaboration.")
    return services.joining_refusal(
        collaboration=collaboration, school_id=profile.school_id, own=True
    )


@require_http_methods(["GET", "POST"])
@login_required
def join(request, pk: int):
    """A verified teacher asks for their school to join, with a student count and a message."""
    collaboration = _visible_collaboration(request, pk)
    profile = _profile(request.user)
    refusal = _why_not_join(request, collaboration, profile)
    if refusal:
        status = 403 if profile is None or not profile.is_verified else 200
        return render(
            request,
            "collaborations/join.html",
            {"collaboration": collaboration, "profile": profile, "refusal": refusal},
            status=status,
        )
    form = JoinForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.join_request_create(
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
@login_required
def answer_request(request, pk: int, request_pk: int):
    """A lead or co-lead accepts a request, or declines it with a reason."""
    collaboration = _visible_collaboration(request, pk)
    if not request.user.has_perm("collaborations.answer_requests", collaboration):
        raise Http404
    join_request = get_object_or_404(
        JoinRequest.objects.select_related("school"), pk=request_pk, collaboration=collaboration
    )
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(collaboration)
    try:
        if form.cleaned_data["action"] == AnswerForm.ACCEPT:
            services.join_request_accept(join_request=join_request, by=request.user)
            done = _("%(school)s is now a member; its teacher is told by e-mail.")
        else:
            services.join_request_decline(
                join_request=join_request, by=request.user, reason=form.cleaned_data["reason"]
            )
            done = _("The request of %(school)s is declined; its teacher is told by e-mail.")
    except CollaborationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done % {"school": join_request.school})
    return redirect(collaboration)


@require_POST
@login_required
def withdraw_request(request, pk: int, request_pk: int):
    """The teacher who sent a request takes it back."""
    collaboration = _visible_collaboration(request, pk)
    join_request = get_object_or_404(
        JoinRequest, pk=request_pk, collaboration=collaboration, teacher__user=request.user
    )
    form = ConfirmForm(request.POST)
    form.is_valid()
    try:
        services.join_request_withdraw(join_request=join_request, by=request.user)
    except CollaborationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your request is withdrawn."))
    return redirect(collaboration)


# --- members --------------------------------------------------------------------------------


@require_POST
@login_required
def member(request, pk: int, membership_pk: int):
    """A member's teacher leaves; leads (and staff) remove a member; the lead (and staff) name
    or un-name co-leads. Anyone else: 404."""
    collaboration = _visible_collaboration(request, pk)
    membership = get_object_or_404(
        Membership.objects.select_related("school", "teacher__user"),
        pk=membership_pk,
        collaboration=collaboration,
    )
    form = MemberForm(request.POST)
    if not form.is_valid():
        if membership.teacher.user_id != request.user.pk and not request.user.has_perm(
            "collaborations.edit", collaboration
        ):
            raise Http404
        messages.error(request, _form_errors(form))
        return redirect(collaboration)
    action, user = form.cleaned_data["action"], request.user
    allowed = {
        MemberForm.LEAVE: membership.teacher.user_id == user.pk,
        MemberForm.REMOVE: user.has_perm("collaborations.remove_members", collaboration),
        MemberForm.CO_LEAD: user.has_perm("collaborations.name_co_leads", collaboration),
        MemberForm.MEMBER: user.has_perm("collaborations.name_co_leads", collaboration),
    }
    if not allowed[action]:
        raise Http404
    school = membership.school
    try:
        if action == MemberForm.LEAVE:
            services.membership_leave(membership=membership, by=user)
            done = _("Your school has left %(title)s.")
        elif action == MemberForm.REMOVE:
            services.membership_remove(
                membership=membership, by=user, reason=form.cleaned_data["reason"]
            )
            done = _("%(school)s is no longer a member of %(title)s.")
        else:
            co_lead = action == MemberForm.CO_LEAD
            services.co_lead_set(membership=membership, by=user, co_lead=co_lead)
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


# --- my collaborations ----------------------------------------------------------------------


@require_safe
@login_required
def mine(request):
    """The teacher's collaborations (role, status, places, requests waiting for the ones they
    lead) and their own join requests with the answers."""
    user = request.user
    page = Paginator(collaborations_of(user=user), PER_PAGE).get_page(request.GET.get("page"))
    rows = list(page)
    leading = []
    for collaboration in rows:
        collaboration.my_membership = next(
            (m for m in collaboration.memberships.all() if m.teacher.user_id == user.pk), None
        )
        if collaboration.my_membership is not None and collaboration.my_membership.is_lead:
            leading.append(collaboration.pk)
    waiting = {}
    if leading:
        waiting = dict(
            JoinRequest.objects.filter(collaboration__in=leading, status=JoinRequest.Status.PENDING)
            .order_by()
            .values_list("collaboration")
            .annotate(n=Count("pk"))
        )
    for collaboration in rows:
        collaboration.waiting = waiting.get(collaboration.pk, 0)
    requests_page = Paginator(requests_of(user=user), PER_PAGE).get_page(
        request.GET.get("requests")
    )
    return render(
        request,
        "collaborations/mine.html",
        {
            "page_obj": page,
            "rows": rows,
            "requests_page": requests_page,
            "can_propose": user.has_perm("collaborations.propose"),
        },
    )
