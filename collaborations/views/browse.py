"""The public browse page and a collaboration's page."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from core.permissions import permission_required, public

from ..forms.diary import DiaryPostForm
from ..forms.filters import collaboration_filter_form
from ..models import Collaboration, Invitation, JoinRequest, Membership
from ..rules import collaboration_page_permissions, may_propose
from ..selectors.collaborations import bi_regional, collaborations_for_browse
from ..selectors.diary import diary_posts_for
from ..selectors.invitations import invitations_of, pending_invitations
from ..selectors.join_requests import (
    lead_response_times,
    pending_requests,
    requests_of,
    response_days,
)
from ..selectors.matching import teachers_suggested_for
from ..timezones import time_zone_plan
from . import lookups

COLLABORATIONS_PER_PAGE = 20
DIARY_POSTS_PER_PAGE = 10
ROLE_ORDER = {Membership.Role.LEAD: 0, Membership.Role.CO_LEAD: 1, Membership.Role.MEMBER: 2}


def member_countries(collaboration: Collaboration) -> list:
    """The member schools' countries, once each, the lead school's first (from the prefetched
    memberships: no query)."""
    countries = []
    for membership in sorted(collaboration.memberships.all(), key=_role_rank):
        if membership.school.country not in countries:
            countries.append(membership.school.country)
    return countries


def _role_rank(membership: Membership) -> tuple[int, object, int]:
    return (ROLE_ORDER.get(membership.role, 9), membership.joined_at, membership.pk)


@public
@require_safe
def index(request):
    """Collaborations other than drafts, filtered and searched, newest or best match first.
    Public."""
    form = collaboration_filter_form(request.GET)
    page = Paginator(
        collaborations_for_browse(filters=form.filters()), COLLABORATIONS_PER_PAGE
    ).get_page(request.GET.get("page"))
    for collaboration in page:
        collaboration.member_countries = member_countries(collaboration)
    return render(
        request,
        "collaborations/index.html",
        {"form": form, "page_obj": page, **_propose_context(request.user)},
    )


def _propose_context(user) -> dict:
    """Whether the user may propose, and if not, which line tells them who can."""
    if may_propose(user):
        return {"can_propose": True, "propose_hint": ""}
    if not user.is_authenticated:
        hint = "join"
    elif hasattr(user, "teacher_profile"):
        hint = "verification"
    else:
        hint = "teachers"
    return {"can_propose": False, "propose_hint": hint}


@permission_required(
    "collaborations.view", obj=lookups.collaboration_page, denied=404, visitors_log_in=False
)
@require_safe
def detail(request, pk: int, slug: str):
    """A collaboration with its members and the bi-regional check. Anyone sees it, visitors
    included, unless a draft (drafts: members and staff; for others they are not found). A
    wrong slug redirects to the collaboration's own address. Teachers' e-mail addresses:
    members and staff."""
    collaboration = request.permission_object
    user = request.user
    may = collaboration_page_permissions(user, collaboration)
    if slug != collaboration.slug:
        url = collaboration.get_absolute_url()
        if request.GET:
            url = f"{url}?{request.GET.urlencode()}"
        return redirect(url, permanent=True)

    members = sorted(collaboration.memberships.all(), key=_role_rank)
    my_membership = next((m for m in members if m.teacher.user_id == user.pk), None)
    can_answer = may["answer_requests"]
    my_pending_request = my_invitation = None
    if user.is_authenticated and hasattr(user, "teacher_profile") and my_membership is None:
        my_pending_request = (
            requests_of(user=user)
            .filter(collaboration=collaboration, status=JoinRequest.Status.PENDING)
            .first()
        )
        if my_pending_request is None:
            my_invitation = (
                invitations_of(user=user)
                .filter(collaboration=collaboration, status=Invitation.Status.PENDING)
                .first()
            )
    # members and staff: e-mail addresses, and every diary post (public ones for the others)
    show_contacts = may["view_member_contacts"]
    diary_page = Paginator(
        diary_posts_for(collaboration=collaboration, user_can_see_members_only=show_contacts),
        DIARY_POSTS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "collaborations/detail.html",
        {
            "collaboration": collaboration,
            "members": members,
            "member_countries": member_countries(collaboration),
            "total_students": sum(m.student_count for m in members),
            "bi_regional": bi_regional(collaboration),
            "time_zones": time_zone_plan(members),
            "can_edit": may["edit"],
            "can_request_join": may["request_join"],
            "can_answer": can_answer,
            "pending_requests": (
                list(pending_requests(collaboration=collaboration)) if can_answer else []
            ),
            "pending_invitations": (
                list(pending_invitations(collaboration=collaboration)) if can_answer else []
            ),
            "my_membership": my_membership,
            "my_pending_request": my_pending_request,
            "my_invitation": my_invitation,
            # for leads: teachers from the region it needs (None: not shown)
            "partner_suggestions": teachers_suggested_for(collaboration=collaboration)
            if can_answer and collaboration.accepts_requests and collaboration.places_left > 0
            else None,
            "show_contacts": show_contacts,
            "diary_page": diary_page,
            "diary_form": DiaryPostForm() if my_membership is not None else None,
            # the lead is first in members (one query for the lead's usual answer time)
            "lead_response_days": response_days(
                lead_response_times(teacher_ids=[members[0].teacher_id]).get(members[0].teacher_id)
            )
            if members and members[0].role == Membership.Role.LEAD
            else None,
        },
    )
