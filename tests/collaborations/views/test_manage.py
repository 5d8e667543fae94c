"""Proposing, editing, joining and running a collaboration over HTTP, for every role:
anonymous, unverified teacher, teacher, member, lead, staff and judge."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from collaborations.models import Collaboration, JoinRequest, Membership
from collaborations.selectors.collaborations import collaboration_for_page
from collaborations.services.collaborations import ALLOWED_TRANSITIONS
from core.audit.models import AuditEntry
from schools.models import Language
from teachers.models import Subject

from ...factories import (
    CollaborationFactory,
    CountryFactory,
    JudgeFactory,
    MembershipFactory,
    StaffFactory,
    TeacherProfileFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "unverified", "teacher", "member", "lead", "staff", "judge"]


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def text(response) -> str:
    return (
        response.content.decode()
        .replace("&#x27;", "'")
        .replace("&quot;", '"')
        .replace("&amp;", "&")
    )


@pytest.fixture
def lead():
    return TeacherProfileFactory(user__email="lead@school.example", user__full_name="Liisa Lead")


@pytest.fixture
def collaboration(lead):
    """Open, led from Finland, with a member school from Japan; 3 places, 1 taken."""
    collaboration = CollaborationFactory(
        lead=lead, title="Rivers of two continents", created_by=lead.user
    )
    MembershipFactory(
        collaboration=collaboration,
        teacher=TeacherProfileFactory(
            user__email="member@school.example",
            user__full_name="Mika Member",
            user__country=CountryFactory(code="JP"),
        ),
    )
    return collaboration


def member_of(collaboration: Collaboration, role: str = Membership.Role.MEMBER) -> Membership:
    return collaboration.memberships.select_related("teacher__user").get(role=role)


def person(role: str, collaboration: Collaboration):
    """A user in the given role towards the collaboration (None: anonymous)."""
    match role:
        case "anonymous":
            return None
        case "unverified":
            return TeacherProfileFactory(pending=True).user
        case "teacher":
            return TeacherProfileFactory(user__country=CountryFactory(code="JP")).user
        case "member":
            return member_of(collaboration).teacher.user
        case "lead":
            return member_of(collaboration, Membership.Role.LEAD).teacher.user
        case "staff":
            return StaffFactory()
        case "judge":
            return JudgeFactory()
    raise AssertionError(role)


def client_as(client, user):
    if user is not None:
        client.force_login(user)
    return client


def login_url(url: str) -> str:
    return f"{reverse('account_login')}?next={url}"


def plan(**changes) -> dict:
    """A valid propose/edit form submission."""
    today = timezone.localdate()
    data = {
        "title": "Bees and cities",
        "summary": "Classes count pollinators in their city parks.",
        "description": "Every month, both classes count bees and share photos and charts.",
        "subjects": [Subject.objects.get(slug="biology").pk],
        "themes": "climate, Urban nature , ",
        "kind": "online",
        "student_age_min": 12,
        "student_age_max": 15,
        "languages": [Language.objects.get(code="en").pk],
        "ict_tools": "Padlet",
        "starts_on": (today + datetime.timedelta(days=30)).isoformat(),
        "ends_on": (today + datetime.timedelta(days=200)).isoformat(),
        "partner_schools_wanted": 4,
        "wanted_region": "asia",
        "student_count": 24,
    }
    return data | changes


# --- propose --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status", "shows"),
    [
        ("anonymous", 302, ""),
        ("unverified", 403, "Your account must be verified first"),
        ("teacher", 200, "Save as draft"),
        ("member", 200, "Save as draft"),
        ("lead", 200, "Save as draft"),
        ("staff", 403, "Collaborations are proposed by teachers"),
        ("judge", 403, "Collaborations are proposed by teachers"),
    ],
)
def test_propose_page_for_every_role(client, collaboration, role, status, shows):
    url = reverse("collaborations:propose")
    client = client_as(client, person(role, collaboration))

    response = client.get(url)

    assert response.status_code == status
    if role == "anonymous":
        assert response["Location"] == login_url(url)
        return
    assert shows in text(response)
    if status == 403:
        assert reverse("teachers:dashboard") in text(response)
        assert 'name="title"' not in text(response)


def test_propose_publish_opens_the_collaboration_led_by_the_teacher(client, teacher):
    client.force_login(teacher)

    response = client.post(reverse("collaborations:propose"), plan(publish="1"))

    collaboration = Collaboration.objects.get(title="Bees and cities")
    assert response["Location"] == collaboration.get_absolute_url()
    assert collaboration.status == Collaboration.Status.OPEN
    assert (collaboration.partner_schools_wanted, collaboration.wanted_region) == (4, "asia")
    assert sorted(theme.name for theme in collaboration.themes.all()) == ["Urban nature", "climate"]
    assert [
        (m.teacher.user, m.school, m.role, m.student_count) for m in collaboration.memberships.all()
    ] == [(teacher, teacher.teacher_profile.school, "lead", 24)]
    assert messages_of(response) == ["Bees and cities is published: teachers can now ask to join."]


def test_propose_save_as_draft_keeps_it_a_draft(client, teacher):
    client.force_login(teacher)

    response = client.post(reverse("collaborations:propose"), plan(draft="1"))

    collaboration = Collaboration.objects.get(title="Bees and cities")
    assert collaboration.status == Collaboration.Status.DRAFT
    assert response["Location"] == collaboration.get_absolute_url()
    assert "saved as a draft" in messages_of(response)[0]


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        (
            {"starts_on": "2030-05-01", "ends_on": "2030-04-01"},
            "ends_on",
            "The end must come after the start.",
        ),
        (
            {"starts_on": "2030-01-01", "ends_on": "2033-01-01"},
            "ends_on",
            "A collaboration runs for 24 months at most (3 to 12 is typical).",
        ),
        (
            {"student_age_min": 16, "student_age_max": 12},
            "student_age_max",
            "The oldest students cannot be younger than the youngest (16).",
        ),
        ({"student_age_min": 8}, "student_age_min", "Students' ages go from 10 to 21."),
        (
            {"partner_schools_wanted": 0},
            "partner_schools_wanted",
            "Ask for 1 to 20 partner schools.",
        ),
        (
            {"partner_schools_wanted": 21},
            "partner_schools_wanted",
            "Ask for 1 to 20 partner schools.",
        ),
        ({"student_count": 0}, "student_count", "Between 1 and 500 students can take part."),
        ({"subjects": []}, "subjects", "Choose at least one subject."),
    ],
)
def test_propose_bad_input_shows_on_its_field_and_saves_nothing(
    client, teacher, changes, field, error
):
    client.force_login(teacher)

    response = client.post(reverse("collaborations:propose"), plan(publish="1", **changes))

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [error]}
    assert "Nothing has been saved yet." in text(response)
    assert not Collaboration.objects.exists()


def test_propose_posted_by_an_unverified_teacher_is_refused(client, unverified_teacher):
    client.force_login(unverified_teacher)

    response = client.post(reverse("collaborations:propose"), plan(publish="1"))

    assert response.status_code == 403
    assert not Collaboration.objects.exists()


# --- edit -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("unverified", 404),
        ("teacher", 404),
        ("member", 404),
        ("lead", 200),
        ("staff", 200),
        ("judge", 404),
    ],
)
def test_edit_page_for_every_role(client, collaboration, role, status):
    url = reverse("collaborations:edit", args=[collaboration.pk])
    client = client_as(client, person(role, collaboration))

    response = client.get(url)

    assert response.status_code == status
    if status == 200:
        assert response.context["form"].initial["title"] == "Rivers of two continents"
        assert "student_count" not in response.context["form"].fields
        assert "1 partner school is in." in text(response)


@pytest.mark.parametrize("role", ["unverified", "teacher", "member", "judge"])
def test_edit_posted_by_others_changes_nothing(client, collaboration, role):
    client.force_login(person(role, collaboration))

    response = client.post(reverse("collaborations:edit", args=[collaboration.pk]), plan())

    assert response.status_code == 404
    collaboration.refresh_from_db()
    assert collaboration.title == "Rivers of two continents"


def test_edit_by_a_co_lead_saves_the_plan(client, collaboration):
    co_lead = member_of(collaboration)
    co_lead.role = Membership.Role.CO_LEAD
    co_lead.save()
    client.force_login(co_lead.teacher.user)

    response = client.post(reverse("collaborations:edit", args=[collaboration.pk]), plan())

    collaboration.refresh_from_db()
    assert response["Location"] == collaboration.get_absolute_url()
    assert (collaboration.title, collaboration.partner_schools_wanted) == ("Bees and cities", 4)
    assert messages_of(response) == ["Bees and cities is saved."]


def test_edit_of_a_collaboration_whose_proposer_is_gone(client, collaboration, lead):
    Collaboration.objects.filter(pk=collaboration.pk).update(created_by=None)
    client.force_login(lead.user)

    response = client.post(reverse("collaborations:edit", args=[collaboration.pk]), plan())

    assert response.status_code == 302


def test_edit_cannot_drop_places_below_the_partners_in(client, collaboration, lead):
    MembershipFactory(collaboration=collaboration)
    client.force_login(lead.user)

    response = client.post(
        reverse("collaborations:edit", args=[collaboration.pk]), plan(partner_schools_wanted=1)
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "2 partner schools are already in: ask for at least as many places."
    ]
    collaboration.refresh_from_db()
    assert (collaboration.title, collaboration.partner_schools_wanted) == (
        "Rivers of two continents",
        3,
    )


def test_edit_of_a_draft_is_not_found_for_a_teacher(client, teacher, lead):
    draft = CollaborationFactory(lead=lead, status="draft")
    client.force_login(teacher)

    assert client.get(reverse("collaborations:edit", args=[draft.pk])).status_code == 404


# --- status ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status", "result"),
    [
        ("anonymous", 302, "open"),
        ("unverified", 404, "open"),
        ("teacher", 404, "open"),
        ("member", 404, "open"),
        ("lead", 302, "running"),
        ("staff", 302, "running"),
        ("judge", 404, "open"),
    ],
)
def test_set_status_for_every_role(client, collaboration, role, status, result):
    client = client_as(client, person(role, collaboration))

    response = client.post(
        reverse("collaborations:set_status", args=[collaboration.pk]), {"status": "running"}
    )

    assert response.status_code == status
    collaboration.refresh_from_db()
    assert collaboration.status == result
    if result == "running":
        assert response["Location"] == collaboration.get_absolute_url()
        assert messages_of(response) == ["Rivers of two continents is now: running."]


def test_set_status_refuses_a_transition_not_allowed(client, collaboration, lead):
    client.force_login(lead.user)

    response = client.post(
        reverse("collaborations:set_status", args=[collaboration.pk]), {"status": "archived"}
    )

    assert response["Location"] == collaboration.get_absolute_url()
    assert messages_of(response) == ["A collaboration that is open for partners cannot move there."]
    collaboration.refresh_from_db()
    assert collaboration.status == "open"


def test_set_status_is_post_only(client, collaboration, lead):
    client.force_login(lead.user)

    response = client.get(reverse("collaborations:set_status", args=[collaboration.pk]))

    assert response.status_code == 405


# --- join -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status", "shows"),
    [
        ("anonymous", 302, ""),
        ("unverified", 403, "Your account must be verified before you can join"),
        ("teacher", 200, "Send my request"),
        ("member", 200, "Your school is already a member of this collaboration."),
        ("lead", 200, "Your school is already a member of this collaboration."),
        ("staff", 403, "Only teachers can ask to join a collaboration"),
        ("judge", 403, "Only teachers can ask to join a collaboration"),
    ],
)
def test_join_page_for_every_role(client, collaboration, role, status, shows):
    url = reverse("collaborations:join", args=[collaboration.pk])
    client = client_as(client, person(role, collaboration))

    response = client.get(url)

    assert response.status_code == status
    if role == "anonymous":
        assert response["Location"] == login_url(url)
        return
    assert shows in text(response)
    assert ('name="message"' in text(response)) is (role == "teacher")


@pytest.mark.parametrize("role", ["unverified", "member", "lead", "staff", "judge"])
def test_join_posted_by_those_who_may_not_creates_nothing(client, collaboration, role):
    client.force_login(person(role, collaboration))

    client.post(
        reverse("collaborations:join", args=[collaboration.pk]),
        {"student_count": 20, "message": "Hello"},
    )

    assert not JoinRequest.objects.exists()


def test_join_sends_a_request_and_tells_the_leads(
    client, collaboration, django_capture_on_commit_callbacks
):
    teacher = person("teacher", collaboration)
    client.force_login(teacher)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("collaborations:join", args=[collaboration.pk]),
            {"student_count": 28, "message": "Our class of 15-year-olds would love to."},
        )

    join_request = JoinRequest.objects.get()
    assert (join_request.teacher.user, join_request.student_count, join_request.status) == (
        teacher,
        28,
        "pending",
    )
    assert response["Location"] == collaboration.get_absolute_url()
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (
            ["lead@school.example"],
            f'[ClassNet] {join_request.school.name} asks to join "Rivers of two continents"',
        )
    ]


@pytest.mark.parametrize(
    ("changes", "refusal"),
    [
        ({"status": "completed"}, "This collaboration does not take new partners now."),
        ({"partner_schools_wanted": 1}, "This collaboration is full: all its places are taken."),
    ],
)
def test_join_a_full_or_closed_collaboration_says_why(client, collaboration, changes, refusal):
    Collaboration.objects.filter(pk=collaboration.pk).update(**changes)
    client.force_login(person("teacher", collaboration))
    url = reverse("collaborations:join", args=[collaboration.pk])

    page = client.get(url)
    posted = client.post(url, {"student_count": 20, "message": "Hello"})

    assert refusal in text(page)
    assert refusal in text(posted)
    assert 'name="message"' not in text(page)
    assert not JoinRequest.objects.exists()


@pytest.mark.parametrize("changes", [{"status": "completed"}, {"partner_schools_wanted": 1}])
def test_join_page_that_refuses_does_not_offer_to_ask_or_say_what_happens_next(
    client, collaboration, changes
):
    Collaboration.objects.filter(pk=collaboration.pk).update(**changes)
    client.force_login(person("teacher", collaboration))

    page = text(client.get(reverse("collaborations:join", args=[collaboration.pk])))

    assert "Ask to join" not in page
    assert "What happens next" not in page
    assert "Joining “Rivers of two continents”" in page


def test_join_twice_from_one_school_is_refused(client, collaboration):
    teacher = person("teacher", collaboration)
    colleague = TeacherProfileFactory(school=teacher.teacher_profile.school).user
    url = reverse("collaborations:join", args=[collaboration.pk])
    client.force_login(teacher)
    client.post(url, {"student_count": 20, "message": "Hello"})
    client.force_login(colleague)

    response = client.post(url, {"student_count": 30, "message": "Us too"})

    assert "A request for your school is already waiting for the leads' answer." in text(response)
    assert JoinRequest.objects.count() == 1


def test_join_with_bad_input_shows_it_and_sends_nothing(client, collaboration):
    client.force_login(person("teacher", collaboration))

    response = client.post(
        reverse("collaborations:join", args=[collaboration.pk]),
        {"student_count": 501, "message": "  "},
    )

    assert response.context["form"].errors == {
        "student_count": ["Between 1 and 500 students can take part."],
        "message": ["Write a few words to the leads about your class."],
    }
    assert not JoinRequest.objects.exists()


def test_join_a_draft_is_not_found(client, lead):
    draft = CollaborationFactory(lead=lead, status="draft")
    client.force_login(TeacherProfileFactory().user)

    assert client.get(reverse("collaborations:join", args=[draft.pk])).status_code == 404


# --- answering requests ---------------------------------------------------------------------


@pytest.fixture
def join_request(collaboration):
    teacher = TeacherProfileFactory(
        user__email="asker@school.example", user__country=CountryFactory(code="JP")
    )
    return JoinRequest.objects.create(
        collaboration=collaboration,
        teacher=teacher,
        school=teacher.school,
        student_count=22,
        message="We would love to join.",
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("unverified", 404),
        ("teacher", 404),
        ("member", 404),
        ("lead", 302),
        ("staff", 404),
        ("judge", 404),
    ],
)
def test_accept_for_every_role(client, collaboration, join_request, role, status):
    client = client_as(client, person(role, collaboration))

    response = client.post(
        reverse("collaborations:answer", args=[collaboration.pk, join_request.pk]),
        {"action": "accept"},
    )

    assert response.status_code == status
    join_request.refresh_from_db()
    assert join_request.status == ("accepted" if role == "lead" else "pending")
    assert collaboration.memberships.filter(school=join_request.school).exists() is (role == "lead")


def test_the_asking_teacher_cannot_accept_their_own_request(client, collaboration, join_request):
    client.force_login(join_request.teacher.user)

    response = client.post(
        reverse("collaborations:answer", args=[collaboration.pk, join_request.pk]),
        {"action": "accept"},
    )

    assert response.status_code == 404
    join_request.refresh_from_db()
    assert join_request.status == "pending"


def test_accept_tells_the_teacher(
    client, collaboration, join_request, lead, django_capture_on_commit_callbacks
):
    client.force_login(lead.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("collaborations:answer", args=[collaboration.pk, join_request.pk]),
            {"action": "accept"},
        )

    membership = collaboration.memberships.get(school=join_request.school)
    assert (membership.teacher, membership.role, membership.student_count) == (
        join_request.teacher,
        "member",
        22,
    )
    assert messages_of(response) == [
        f"{join_request.school} is now a member; its teacher is told by e-mail."
    ]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["asker@school.example"], '[ClassNet] Welcome to "Rivers of two continents"')
    ]


def test_accept_when_places_are_taken_says_so(client, collaboration, join_request, lead):
    Collaboration.objects.filter(pk=collaboration.pk).update(partner_schools_wanted=1)
    client.force_login(lead.user)

    response = client.post(
        reverse("collaborations:answer", args=[collaboration.pk, join_request.pk]),
        {"action": "accept"},
    )

    assert messages_of(response) == [
        "All places are taken. Raise the number of partner schools to accept more."
    ]
    join_request.refresh_from_db()
    assert join_request.status == "pending"
    assert collaboration.memberships.count() == 2


def test_decline_needs_a_reason(client, collaboration, join_request, lead):
    client.force_login(lead.user)

    response = client.post(
        reverse("collaborations:answer", args=[collaboration.pk, join_request.pk]),
        {"action": "decline", "reason": "  "},
    )

    assert response["Location"] == collaboration.get_absolute_url()
    assert messages_of(response) == ["Say why, so that the teacher can look elsewhere."]
    join_request.refresh_from_db()
    assert join_request.status == "pending"


def test_decline_with_a_reason_tells_the_teacher(
    client, collaboration, join_request, lead, django_capture_on_commit_callbacks
):
    client.force_login(lead.user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("collaborations:answer", args=[collaboration.pk, join_request.pk]),
            {"action": "decline", "reason": "We need a school of younger students."},
        )

    join_request.refresh_from_db()
    assert (join_request.status, join_request.reason, join_request.decided_by) == (
        "declined",
        "We need a school of younger students.",
        lead.user,
    )
    assert [m.to for m in mail.outbox] == [["asker@school.example"]]
    assert "We need a school of younger students." in mail.outbox[0].body


def test_answering_a_request_twice_says_it_is_answered(client, collaboration, join_request, lead):
    client.force_login(lead.user)
    url = reverse("collaborations:answer", args=[collaboration.pk, join_request.pk])
    client.post(url, {"action": "decline", "reason": "Full of plans."})

    response = client.post(url, {"action": "accept"})

    assert messages_of(response)[-1] == "This request has been answered already."
    assert not collaboration.memberships.filter(school=join_request.school).exists()


def test_a_request_of_another_collaboration_is_not_found(client, collaboration, join_request, lead):
    other = CollaborationFactory(lead=lead)
    client.force_login(lead.user)

    response = client.post(
        reverse("collaborations:answer", args=[other.pk, join_request.pk]), {"action": "accept"}
    )

    assert response.status_code == 404


# --- withdraw -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["unverified", "teacher", "member", "lead", "staff", "judge"])
def test_withdraw_by_anyone_but_the_asker_is_not_found(client, collaboration, join_request, role):
    client.force_login(person(role, collaboration))

    response = client.post(
        reverse("collaborations:withdraw", args=[collaboration.pk, join_request.pk])
    )

    assert response.status_code == 404
    join_request.refresh_from_db()
    assert join_request.status == "pending"


def test_withdraw_anonymous_goes_to_log_in(client, collaboration, join_request):
    url = reverse("collaborations:withdraw", args=[collaboration.pk, join_request.pk])

    response = client.post(url)

    assert response["Location"] == login_url(url)


def test_withdraw_by_the_asker(client, collaboration, join_request):
    client.force_login(join_request.teacher.user)

    response = client.post(
        reverse("collaborations:withdraw", args=[collaboration.pk, join_request.pk])
    )

    join_request.refresh_from_db()
    assert join_request.status == "withdrawn"
    assert response["Location"] == collaboration.get_absolute_url()
    assert messages_of(response) == ["Your request is withdrawn."]


def test_withdraw_an_answered_request_says_so(client, collaboration, join_request):
    JoinRequest.objects.filter(pk=join_request.pk).update(status="declined", reason="No")
    client.force_login(join_request.teacher.user)

    response = client.post(
        reverse("collaborations:withdraw", args=[collaboration.pk, join_request.pk])
    )

    assert messages_of(response) == ["This request has been answered already."]
    join_request.refresh_from_db()
    assert join_request.status == "declined"


# --- members --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "action", "status", "still_member", "role_after"),
    [
        ("anonymous", "remove", 302, True, "member"),
        ("unverified", "remove", 404, True, "member"),
        ("teacher", "remove", 404, True, "member"),
        ("teacher", "leave", 404, True, "member"),
        ("judge", "remove", 404, True, "member"),
        ("member", "leave", 302, False, None),
        ("member", "co_lead", 404, True, "member"),
        ("lead", "remove", 302, False, None),
        ("lead", "leave", 404, True, "member"),
        ("lead", "co_lead", 302, True, "co_lead"),
        ("staff", "remove", 302, False, None),
        ("staff", "co_lead", 302, True, "co_lead"),
        ("staff", "leave", 404, True, "member"),
    ],
)
def test_member_actions_for_every_role(
    client, collaboration, role, action, status, still_member, role_after
):
    membership = member_of(collaboration)
    client = client_as(client, person(role, collaboration))

    response = client.post(
        reverse("collaborations:member", args=[collaboration.pk, membership.pk]),
        {"action": action, "reason": "Did not answer for months."},
    )

    assert response.status_code == status
    after = Membership.objects.filter(pk=membership.pk).first()
    assert (after is not None) is still_member
    assert (after.role if after else None) == role_after


def test_leave_by_the_member(client, collaboration):
    membership = member_of(collaboration)
    client.force_login(membership.teacher.user)

    response = client.post(
        reverse("collaborations:member", args=[collaboration.pk, membership.pk]),
        {"action": "leave"},
    )

    assert response["Location"] == collaboration.get_absolute_url()
    assert messages_of(response) == ["Your school has left Rivers of two continents."]
    assert list(collaboration.memberships.values_list("role", flat=True)) == ["lead"]


def test_the_lead_cannot_leave_nor_be_removed(client, collaboration, lead):
    own = member_of(collaboration, Membership.Role.LEAD)
    client.force_login(lead.user)
    url = reverse("collaborations:member", args=[collaboration.pk, own.pk])

    left = client.post(url, {"action": "leave"})
    removed = client.post(url, {"action": "remove"})

    assert messages_of(left) == ["The lead cannot leave: archive the collaboration instead."]
    assert messages_of(removed)[-1:] == ["The lead's school cannot be removed."]
    assert Membership.objects.filter(pk=own.pk).exists()


def test_remove_by_the_lead_records_the_reason(client, collaboration, lead):
    membership = member_of(collaboration)
    client.force_login(lead.user)

    response = client.post(
        reverse("collaborations:member", args=[collaboration.pk, membership.pk]),
        {"action": "remove", "reason": "Never came to a session."},
    )

    assert messages_of(response) == [
        f"{membership.school} is no longer a member of Rivers of two continents."
    ]
    assert not Membership.objects.filter(pk=membership.pk).exists()
    entry = AuditEntry.objects.filter(action="membership.removed").get()
    assert (entry.actor, entry.note) == (lead.user, "Never came to a session.")


def test_a_co_lead_answers_requests_and_removes_but_does_not_name_co_leads(
    client, collaboration, join_request
):
    co_lead = member_of(collaboration)
    Membership.objects.filter(pk=co_lead.pk).update(role="co_lead")
    third = MembershipFactory(collaboration=collaboration)
    client.force_login(co_lead.teacher.user)
    member_url = reverse("collaborations:member", args=[collaboration.pk, third.pk])

    named = client.post(member_url, {"action": "co_lead"})
    accepted = client.post(
        reverse("collaborations:answer", args=[collaboration.pk, join_request.pk]),
        {"action": "accept"},
    )
    removed = client.post(member_url, {"action": "remove"})

    assert named.status_code == 404
    assert accepted.status_code == 302
    join_request.refresh_from_db()
    assert join_request.status == "accepted"
    assert removed.status_code == 302
    assert not Membership.objects.filter(pk=third.pk).exists()


def test_the_lead_names_and_unnames_a_co_lead(client, collaboration, lead):
    membership = member_of(collaboration)
    client.force_login(lead.user)
    url = reverse("collaborations:member", args=[collaboration.pk, membership.pk])

    named = client.post(url, {"action": "co_lead"})
    membership.refresh_from_db()
    role_named = membership.role
    client.post(url, {"action": "member"})
    membership.refresh_from_db()

    assert (role_named, membership.role) == ("co_lead", "member")
    assert messages_of(named) == [
        f"Mika Member of {membership.school} is now a co-lead: they can answer join requests."
    ]


def test_member_action_with_a_bad_action_changes_nothing(client, collaboration, lead):
    membership = member_of(collaboration)
    client.force_login(lead.user)

    response = client.post(
        reverse("collaborations:member", args=[collaboration.pk, membership.pk]),
        {"action": "promote"},
    )

    assert response["Location"] == collaboration.get_absolute_url()
    assert messages_of(response) == [
        "Select a valid choice. promote is not one of the available choices."
    ]
    membership.refresh_from_db()
    assert membership.role == "member"


# --- my collaborations ----------------------------------------------------------------------


def test_mine_anonymous_goes_to_log_in(client):
    url = reverse("collaborations:mine")

    assert client.get(url)["Location"] == login_url(url)


@pytest.mark.parametrize("role", ["unverified", "teacher", "staff", "judge"])
def test_mine_without_collaborations_shows_what_to_do(client, collaboration, role):
    client.force_login(person(role, collaboration))

    response = client.get(reverse("collaborations:mine"))

    assert response.status_code == 200
    assert "Your school is not in a collaboration yet." in text(response)
    assert "You have not asked to join a collaboration." in text(response)
    assert "Rivers of two continents" not in text(response)


def test_mine_shows_role_places_waiting_requests_and_own_requests(client, collaboration, lead):
    other_lead = TeacherProfileFactory()
    elsewhere = CollaborationFactory(lead=other_lead, title="Poetry across borders")
    JoinRequest.objects.create(
        collaboration=elsewhere,
        teacher=lead,
        school=lead.school,
        student_count=12,
        message="Hello",
        status="declined",
        reason="We look for a school in Asia.",
    )
    asker = TeacherProfileFactory()
    JoinRequest.objects.create(
        collaboration=collaboration,
        teacher=asker,
        school=asker.school,
        student_count=9,
        message="Hi",
    )
    unrelated = CollaborationFactory(title="Not mine at all")
    client.force_login(lead.user)

    response = client.get(reverse("collaborations:mine"))

    page = text(response)
    assert [c.title for c in response.context["rows"]] == ["Rivers of two continents"]
    row = response.context["rows"][0]
    assert (row.my_membership.role, row.partner_count, row.waiting) == ("lead", 1, 1)
    assert "1 of 3 partner schools" in page
    assert "1 request waiting" in page
    assert [r.collaboration for r in response.context["requests_page"]] == [elsewhere]
    assert "We look for a school in Asia." in page
    assert unrelated.title not in page


def test_mine_for_a_member_shows_no_waiting_count(client, collaboration, join_request):
    client.force_login(member_of(collaboration).teacher.user)

    response = client.get(reverse("collaborations:mine"))

    assert response.context["rows"][0].my_membership.role == "member"
    assert "request waiting" not in text(response)
    assert "No request waiting" not in text(response)


@pytest.mark.parametrize("rows", [1, 20])
def test_mine_query_count_is_the_same_for_1_and_20_rows(client, django_assert_num_queries, rows):
    me = TeacherProfileFactory()
    for n in range(rows):
        collaboration = CollaborationFactory(lead=me if n % 2 == 0 else None)
        if n % 2:
            MembershipFactory(collaboration=collaboration, teacher=me, school=me.school)
        other = MembershipFactory(collaboration=collaboration)
        JoinRequest.objects.create(
            collaboration=collaboration,
            teacher=other.teacher,
            school=TeacherProfileFactory().school,
            student_count=5,
            message="Hi",
        )
        elsewhere = CollaborationFactory()
        JoinRequest.objects.create(
            collaboration=elsewhere, teacher=me, school=me.school, student_count=5, message="Hi"
        )
    client.force_login(me.user)

    with django_assert_num_queries(12):
        response = client.get(reverse("collaborations:mine"))

    assert len(response.context["rows"]) == rows
    assert len(response.context["requests_page"]) == rows


def test_mine_is_paginated(client):
    me = TeacherProfileFactory()
    for _n in range(21):
        CollaborationFactory(lead=me)
    client.force_login(me.user)

    first = client.get(reverse("collaborations:mine"))
    second = client.get(reverse("collaborations:mine"), {"page": 2})

    assert (len(first.context["rows"]), len(second.context["rows"])) == (20, 1)
    assert "Page 1 of 2" in text(first)


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


# --- journeys -------------------------------------------------------------------------------


def test_journey_propose_publish_join_accept(client, django_capture_on_commit_callbacks):
    lead = TeacherProfileFactory(user__email="lead@school.example")
    asker = TeacherProfileFactory(
        user__email="asker@school.example", user__country=CountryFactory(code="JP")
    )
    client.force_login(lead.user)
    client.post(reverse("collaborations:propose"), plan(draft="1"))
    collaboration = Collaboration.objects.get()
    client.post(reverse("collaborations:set_status", args=[collaboration.pk]), {"status": "open"})

    client.force_login(asker.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("collaborations:join", args=[collaboration.pk]),
            {"student_count": 30, "message": "Our class in Osaka."},
        )
    join_request = JoinRequest.objects.get()

    client.force_login(lead.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("collaborations:answer", args=[collaboration.pk, join_request.pk]),
            {"action": "accept"},
        )

    assert [m.to for m in mail.outbox] == [["lead@school.example"], ["asker@school.example"]]
    assert sorted(collaboration.memberships.values_list("teacher", "role")) == sorted(
        [(lead.pk, "lead"), (asker.pk, "member")]
    )
    client.force_login(asker.user)
    mine = client.get(reverse("collaborations:mine"))
    assert [(c.title, c.my_membership.role) for c in mine.context["rows"]] == [
        ("Bees and cities", "member")
    ]
    assert "Accepted" in text(mine)
