"""Invitations through HTTP: the directory profile's button, the invite page, the invitation's
page, accept / decline (POST only) and withdraw, for every role; My ClassNet shows them; the
data export holds them."""

import pytest
from django.core import mail
from django.urls import reverse

from collaborations.models import Invitation, Membership
from teachers.services import teacher_data_export, teacher_erase

from ...factories import (
    CollaborationFactory,
    CountryFactory,
    InvitationFactory,
    JudgeFactory,
    MembershipFactory,
    StaffFactory,
    TeacherProfileFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "unverified", "teacher", "other_teacher", "judge", "staff"]


def text(response) -> str:
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


@pytest.fixture
def lead():
    return TeacherProfileFactory(user__email="lead@school.example", user__full_name="Liisa Lead")


@pytest.fixture
def collaboration(lead):
    return CollaborationFactory(lead=lead, title="Rivers of two continents")


@pytest.fixture
def invitee():
    return TeacherProfileFactory(
        user__email="kenji@school.example",
        user__full_name="Kenji Tanaka",
        user__country=CountryFactory(code="JP"),
    )


@pytest.fixture
def invitation(collaboration, invitee, lead):
    return InvitationFactory(collaboration=collaboration, invitee=invitee, invited_by=lead.user)


def person(role, *, lead=None, invitee=None):
    match role:
        case "anonymous":
            return None
        case "unverified":
            return TeacherProfileFactory(pending=True).user
        case "teacher":  # a verified teacher who leads a collaboration of their own
            return CollaborationFactory(lead=TeacherProfileFactory()).memberships.get().teacher.user
        case "other_teacher":
            return TeacherProfileFactory().user
        case "judge":
            return JudgeFactory()
        case "staff":
            return StaffFactory()
        case "lead":
            return lead.user
        case "invitee":
            return invitee.user


def sign_in(client, user):
    if user is not None:
        client.force_login(user)


# --- the directory profile's button --------------------------------------------------------


@pytest.mark.parametrize(("role", "shown"), [("teacher", True), ("other_teacher", True)])
def test_a_directory_profile_offers_verified_teachers_to_invite(client, invitee, role, shown):
    sign_in(client, person(role))

    body = text(client.get(reverse("teachers:detail", args=[invitee.pk])))

    invite = reverse("collaborations:invite", args=[invitee.pk])
    assert (f'href="{invite}"' in body) is shown
    assert ("Invite to my collaboration" in body) is shown


def test_staff_and_the_teacher_themselves_get_no_invite_button(client, invitee):
    invite = reverse("collaborations:invite", args=[invitee.pk])
    for user in (StaffFactory(), invitee.user):
        client.force_login(user)
        body = text(client.get(reverse("teachers:detail", args=[invitee.pk])))
        assert f'href="{invite}"' not in body


# --- the invite page -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("unverified", 403),
        ("teacher", 200),
        ("other_teacher", 200),
        ("judge", 403),
        ("staff", 403),
    ],
)
def test_invite_page_for_every_role(client, invitee, role, status):
    sign_in(client, person(role))

    response = client.get(reverse("collaborations:invite", args=[invitee.pk]))

    assert response.status_code == status
    if role == "anonymous":
        assert response.url.startswith(reverse("account_login"))
    body = text(response)
    if role == "teacher":
        assert 'name="message"' in body
        assert response.context["has_collaborations"] is True
    if role == "other_teacher":  # leads nothing: says so, and how to get there
        assert "You lead no collaboration that takes partners now" in body
        assert 'name="message"' not in body


def test_invite_page_offers_only_the_collaborations_that_take_partners(client, lead, invitee):
    open_one = CollaborationFactory(lead=lead, title="Open one")
    CollaborationFactory(lead=lead, title="Running one", status="running")
    full = CollaborationFactory(lead=lead, title="Full one", partner_schools_wanted=1)
    MembershipFactory(collaboration=full)
    co_led = CollaborationFactory(title="Co-led one")
    MembershipFactory(collaboration=co_led, teacher=lead, role="co_lead", school=lead.school)
    CollaborationFactory(title="Someone else's")
    client.force_login(lead.user)

    response = client.get(reverse("collaborations:invite", args=[invitee.pk]))

    offered = list(response.context["form"].fields["collaboration"].queryset)
    assert offered == [co_led, open_one]


def test_invite_of_a_teacher_not_in_the_directory_is_not_found(client, lead):
    unverified = TeacherProfileFactory(pending=True)
    client.force_login(lead.user)

    response = client.get(reverse("collaborations:invite", args=[unverified.pk]))

    assert response.status_code == 404


def test_invite_sends_the_invitation_and_shows_it(
    client, collaboration, lead, invitee, django_capture_on_commit_callbacks
):
    client.force_login(lead.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("collaborations:invite", args=[invitee.pk]),
            {"collaboration": collaboration.pk, "message": "Your class would fit."},
        )

    invitation = Invitation.objects.get()
    assert response.status_code == 302
    assert response.url == invitation.get_absolute_url()
    assert (invitation.invitee, invitation.school, invitation.message) == (
        invitee,
        invitee.school,
        "Your class would fit.",
    )
    assert [m.to for m in mail.outbox] == [["kenji@school.example"]]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"message": ""}, "Write a few words to the teacher about your collaboration."),
        ({"collaboration": "999999"}, "Choose one of your collaborations that take partners now."),
        ({"collaboration": "other"}, "Choose one of your collaborations that take partners now."),
    ],
)
def test_invite_with_bad_input_says_why_and_sends_nothing(
    client, collaboration, lead, invitee, data, error
):
    client.force_login(lead.user)
    post = {"collaboration": collaboration.pk, "message": "Hello"} | data
    if post["collaboration"] == "other":
        post["collaboration"] = CollaborationFactory().pk

    response = client.post(reverse("collaborations:invite", args=[invitee.pk]), post)

    assert response.status_code == 200
    assert error in text(response)
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_invite_refused_by_the_rules_shows_the_reason(client, collaboration, lead, invitee):
    MembershipFactory(collaboration=collaboration, teacher=invitee)
    client.force_login(lead.user)

    response = client.post(
        reverse("collaborations:invite", args=[invitee.pk]),
        {"collaboration": collaboration.pk, "message": "Hello"},
    )

    assert response.status_code == 200
    assert "This teacher's school is already a member of this collaboration." in text(response)
    assert "Nothing has been sent yet." in text(response)


# --- the invitation's page -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("unverified", 404),
        ("teacher", 404),
        ("other_teacher", 404),
        ("judge", 404),
        ("staff", 200),
        ("lead", 200),
        ("invitee", 200),
    ],
)
def test_invitation_page_for_every_role(client, invitation, lead, invitee, role, status):
    sign_in(client, person(role, lead=lead, invitee=invitee))

    response = client.get(invitation.get_absolute_url())

    assert response.status_code == status
    if status == 200:
        body = text(response)
        assert "Invitation to “Rivers of two continents”" in body
        assert "Liisa Lead invites" in body
        assert ('name="student_count"' in body) is (role == "invitee")
        assert ("Withdraw the invitation" in body) is (role == "lead")


def test_a_get_on_the_answer_changes_nothing(client, invitation, invitee):
    client.force_login(invitee.user)

    response = client.get(
        reverse("collaborations:invitation_answer", args=[invitation.pk]), {"action": "accept"}
    )

    assert response.status_code == 405
    invitation.refresh_from_db()
    assert invitation.status == "pending"
    assert not Membership.objects.filter(school=invitee.school).exists()


def test_the_invitee_accepts_by_post(
    client, invitation, invitee, collaboration, django_capture_on_commit_callbacks
):
    client.force_login(invitee.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("collaborations:invitation_answer", args=[invitation.pk]),
            {"action": "accept", "student_count": "24"},
        )

    assert response.status_code == 302
    assert response.url == collaboration.get_absolute_url()
    membership = Membership.objects.get(school=invitee.school)
    assert (membership.teacher, membership.student_count) == (invitee, 24)
    invitation.refresh_from_db()
    assert invitation.status == "accepted"
    assert [m.to for m in mail.outbox] == [["lead@school.example"]]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"action": "accept"}, "Say how many of your students take part, e.g. 25."),
        ({"action": "accept", "student_count": "0"}, "Between 1 and 500 students can take part."),
        ({"action": "accept", "student_count": "many"}, "Enter a number of students, e.g. 25."),
        ({"action": "maybe"}, "Select a valid choice."),
    ],
)
def test_a_bad_answer_says_why_and_changes_nothing(client, invitation, invitee, data, error):
    client.force_login(invitee.user)

    response = client.post(reverse("collaborations:invitation_answer", args=[invitation.pk]), data)

    assert response.status_code == 200
    assert error in text(response)
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_accepting_when_full_says_so(client, invitation, invitee, collaboration):
    for _ in range(collaboration.partner_schools_wanted):
        MembershipFactory(collaboration=collaboration)
    client.force_login(invitee.user)

    response = client.post(
        reverse("collaborations:invitation_answer", args=[invitation.pk]),
        {"action": "accept", "student_count": "24"},
    )

    assert response.status_code == 200
    assert "All places are taken meanwhile" in text(response)


def test_the_invitee_declines_by_post(
    client, invitation, invitee, django_capture_on_commit_callbacks
):
    client.force_login(invitee.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("collaborations:invitation_answer", args=[invitation.pk]),
            {"action": "decline"},
        )

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "declined"
    assert [m.subject for m in mail.outbox] == [
        f'[ClassNet] {invitee.school.name} declined your invitation to "Rivers of two continents"'
    ]
    assert "This invitation is closed" in text(client.get(invitation.get_absolute_url()))


@pytest.mark.parametrize(
    "role", ["anonymous", "teacher", "other_teacher", "judge", "staff", "lead"]
)
def test_only_the_invitee_may_answer(client, invitation, lead, invitee, role):
    sign_in(client, person(role, lead=lead, invitee=invitee))

    response = client.post(
        reverse("collaborations:invitation_answer", args=[invitation.pk]),
        {"action": "accept", "student_count": "24"},
    )

    assert response.status_code == (302 if role == "anonymous" else 404)
    invitation.refresh_from_db()
    assert invitation.status == "pending"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("other_teacher", 404),
        ("judge", 404),
        ("staff", 404),
        ("invitee", 404),
        ("lead", 302),
    ],
)
def test_only_the_leads_withdraw(client, invitation, lead, invitee, role, status):
    sign_in(client, person(role, lead=lead, invitee=invitee))

    response = client.post(reverse("collaborations:invitation_withdraw", args=[invitation.pk]))

    assert response.status_code == status
    invitation.refresh_from_db()
    assert invitation.status == ("withdrawn" if role == "lead" else "pending")


# --- where invitations show ----------------------------------------------------------------


def test_my_classnet_shows_the_invitation_waiting_for_an_answer(client, invitation, invitee):
    InvitationFactory(invitee=invitee, status="declined", collaboration__title="Old one")
    client.force_login(invitee.user)

    response = client.get(reverse("teachers:dashboard"))

    body = text(response)
    [panel] = [p for p in response.context["panels"] if p["name"] == "collaborations"]
    assert panel["context"]["invitations"] == [invitation]
    assert "Invitations waiting for your answer" in body
    assert f'href="{invitation.get_absolute_url()}">Rivers of two continents</a>' in body


def test_the_lead_sees_the_pending_invitations_on_the_collaboration(
    client, invitation, lead, collaboration
):
    client.force_login(lead.user)

    response = client.get(collaboration.get_absolute_url())

    assert response.context["pending_invitations"] == [invitation]
    assert f'href="{invitation.get_absolute_url()}">Kenji Tanaka</a>' in text(response)


def test_the_invitation_is_in_the_data_export_and_its_message_goes_on_erasure(
    invitation, invitee, lead
):
    exported = teacher_data_export(user=invitee.user)["collaborations"]["invitations"]
    assert [(i["collaboration"], i["received"], i["status"]) for i in exported] == [
        ("Rivers of two continents", True, "pending")
    ]
    sent = teacher_data_export(user=lead.user)["collaborations"]["invitations"]
    assert [(i["received"], i["message"]) for i in sent] == [
        (False, "Your class would fit our river project.")
    ]

    teacher_erase(user=lead.user)
    invitation.refresh_from_db()
    assert invitation.message == ""


def test_erasing_the_invitee_withdraws_what_waits_for_them(invitation, invitee):
    teacher_erase(user=invitee.user)

    invitation.refresh_from_db()
    assert invitation.status == "withdrawn"


def test_the_invitee_finds_the_invitation_on_the_collaborations_page(
    client, invitation, invitee, collaboration
):
    client.force_login(invitee.user)

    response = client.get(collaboration.get_absolute_url())

    assert response.context["my_invitation"] == invitation
    body = text(response)
    assert "Liisa Lead invites" in body
    assert f'href="{invitation.get_absolute_url()}" data-testid="my-invitation"' in body
    assert "Ask to join" not in body


def test_invite_past_the_rate_limit_says_so_and_sends_nothing(
    client, collaboration, lead, invitee, use_up_rate_limit, django_capture_on_commit_callbacks
):
    use_up_rate_limit("collaborations_invitation", lead.user)
    client.force_login(lead.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("collaborations:invite", args=[invitee.pk]),
            {"collaboration": collaboration.pk, "message": "Your class would fit."},
        )

    assert response.status_code == 200
    assert "please wait an hour and try again" in text(response)
    assert not Invitation.objects.exists()
    assert mail.outbox == []
