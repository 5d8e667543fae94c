"""Asking to join a collaboration, answering and withdrawing the request over HTTP
(collaborations/views/join_requests.py), for every role."""

import pytest
from django.core import mail
from django.urls import reverse

from collaborations.models import Collaboration, JoinRequest

from ...factories import (
    CollaborationFactory,
    TeacherProfileFactory,
)
from ._helpers import client_as, login_url, messages_of, person, text

pytestmark = pytest.mark.django_db


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


def test_join_past_the_rate_limit_says_so_and_sends_nothing(
    client, collaboration, use_up_rate_limit, django_capture_on_commit_callbacks
):
    teacher = person("teacher", collaboration)
    use_up_rate_limit("collaborations_join_request", teacher)
    client.force_login(teacher)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("collaborations:join", args=[collaboration.pk]),
            {"student_count": 28, "message": "Our class of 15-year-olds would love to."},
        )

    assert response.status_code == 200
    assert "please wait an hour and try again" in text(response)
    assert not JoinRequest.objects.exists()
    assert mail.outbox == []
