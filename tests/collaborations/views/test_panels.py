"""The panels a collaboration's page includes (collaborations/_join_panel.html and
_lead_panel.html): what each role is offered."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from collaborations.models import Collaboration, Membership
from collaborations.selectors.collaborations import collaboration_for_page
from collaborations.services.collaborations import ALLOWED_TRANSITIONS

from ...factories import MembershipFactory
from ._helpers import member_of, person

pytestmark = pytest.mark.django_db


# --- the panels on a collaboration's page ---------------------------------------------------


def render_panel(name: str, *, user, collaboration: Collaboration, **context) -> str:
    request = RequestFactory().get(collaboration.get_absolute_url())
    request.user = user
    page = collaboration_for_page(pk=collaboration.pk)
    members = list(page.memberships.all())
    base = {
        "request": request,
        "user": user,
        "perms": _Perms(user),
        "collaboration": page,
        "members": members,
        "can_edit": user.has_perm("collaborations.edit", page),
        "can_request_join": user.has_perm("collaborations.request_join", page),
        "can_answer": user.has_perm("collaborations.answer_requests", page),
        "pending_requests": list(page.join_requests.filter(status="pending")),
        "my_membership": next((m for m in members if m.teacher.user_id == user.pk), None),
        "my_pending_request": None,
        "show_contacts": user.has_perm("collaborations.view_member_contacts", page),
    }
    html = render_to_string(f"collaborations/{name}.html", base | context)
    return html.replace("&#x27;", "'").replace("&quot;", '"')


class _Perms:
    def __init__(self, user):
        self.user = user

    def __getitem__(self, app):
        user = self.user

        class App:
            def __getitem__(self, perm):
                return user.has_perm(f"{app}.{perm}")

        return App()


def anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def test_join_panel_for_a_visitor_says_sign_in(collaboration):
    html = render_panel("_join_panel", user=anonymous(), collaboration=collaboration)

    assert "Sign in to join" in html
    assert "2 places left for partner schools." in html


def test_join_panel_for_an_unverified_teacher_says_get_verified(collaboration, unverified_teacher):
    html = render_panel("_join_panel", user=unverified_teacher, collaboration=collaboration)

    assert "Your account must be verified before you can join" in html
    assert "Ask to join" not in html


def test_join_panel_for_a_teacher_offers_to_join(collaboration, teacher):
    html = render_panel("_join_panel", user=teacher, collaboration=collaboration)

    assert reverse("collaborations:join", args=[collaboration.pk]) in html
    assert "Ask to join" in html


def test_join_panel_when_full_says_all_places_are_taken(collaboration, teacher):
    Collaboration.objects.filter(pk=collaboration.pk).update(partner_schools_wanted=1)

    html = render_panel("_join_panel", user=teacher, collaboration=collaboration)

    assert "All places are taken." in html
    assert "Ask to join" not in html


def test_join_panel_with_a_pending_request_offers_to_withdraw(collaboration, join_request):
    html = render_panel(
        "_join_panel",
        user=join_request.teacher.user,
        collaboration=collaboration,
        my_pending_request=join_request,
    )

    assert "Your request is waiting" in html
    assert reverse("collaborations:withdraw", args=[collaboration.pk, join_request.pk]) in html


def test_join_panel_for_a_member_offers_to_leave_but_not_to_the_lead(collaboration, lead):
    member = member_of(collaboration)

    member_html = render_panel("_join_panel", user=member.teacher.user, collaboration=collaboration)
    lead_html = render_panel("_join_panel", user=lead.user, collaboration=collaboration)

    assert "is a member." in member_html
    assert "Leave the collaboration" in member_html
    assert "You lead this collaboration" in lead_html
    assert "Leave the collaboration" not in lead_html


@pytest.mark.parametrize("role", ["teacher", "member", "unverified", "judge"])
def test_lead_panel_is_empty_for_non_leads(collaboration, join_request, role):
    html = render_panel(
        "_lead_panel", user=person(role, collaboration), collaboration=collaboration
    )

    assert html.strip() == ""


def test_lead_panel_shows_requests_members_and_tools_to_the_lead(collaboration, join_request, lead):
    html = render_panel("_lead_panel", user=lead.user, collaboration=collaboration)

    assert join_request.school.name in html
    assert "We would love to join." in html
    assert "asker@school.example" in html
    assert reverse("collaborations:answer", args=[collaboration.pk, join_request.pk]) in html
    assert reverse("collaborations:edit", args=[collaboration.pk]) in html
    assert "Make co-lead" in html
    assert "Remove…" in html


def test_lead_panel_for_staff_has_tools_but_no_requests(collaboration, join_request, staff):
    html = render_panel("_lead_panel", user=staff, collaboration=collaboration)

    assert "Edit the plan" in html
    assert "Requests to join" not in html
    assert "Make co-lead" in html


def test_lead_panel_for_a_co_lead_answers_but_does_not_name_co_leads(collaboration, join_request):
    co_lead = member_of(collaboration)
    Membership.objects.filter(pk=co_lead.pk).update(role="co_lead")
    MembershipFactory(collaboration=collaboration)

    html = render_panel("_lead_panel", user=co_lead.teacher.user, collaboration=collaboration)

    assert "Accept" in html
    assert "Make co-lead" not in html
    assert "No longer co-lead" not in html


@pytest.mark.parametrize("status", list(Collaboration.Status))
def test_lead_panel_offers_exactly_the_allowed_transitions(collaboration, lead, status):
    Collaboration.objects.filter(pk=collaboration.pk).update(status=status)

    html = render_panel("_lead_panel", user=lead.user, collaboration=collaboration)

    offered = {s for s in Collaboration.Status if f'name="status" value="{s.value}"' in html}
    assert offered == ALLOWED_TRANSITIONS[status]
