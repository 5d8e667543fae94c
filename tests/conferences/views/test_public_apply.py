"""The teacher side of applications: the apply form, the status on the edition page, withdraw."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from conferences.models import Application
from tests.factories import EditionFactory, TeacherProfileFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "unverified_teacher", "teacher", "other_teacher", "judge", "staff"]

FORM = {
    "motivation": "I teach robotics in Espoo.",
    "collaboration_plan": "Water quality with Kyoto",
    "needs_dietary": "Vegetarian",
    "needs_access": "",
    "consent_to_list": "on",
}


@pytest.fixture
def as_role(client, request):
    def log_in(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return log_in


@pytest.fixture
def edition():
    now = timezone.now()
    return EditionFactory(
        number=17,
        title="Digital Citizenship",
        status="applications_open",
        applications_open_at=now - datetime.timedelta(days=1),
        applications_close_at=now + datetime.timedelta(days=30),
    )


def application_of(edition, user, status="submitted", reason=""):
    profile = user.teacher_profile
    return Application.objects.create(
        edition=edition,
        teacher=profile,
        school=profile.school,
        motivation="Hello",
        status=status,
        reason=reason,
    )


APPLY_GET = {
    "anonymous": 302,
    "unverified_teacher": 403,
    "teacher": 200,
    "other_teacher": 200,
    "judge": 403,
    "staff": 403,
}


@pytest.mark.parametrize("role", ROLES)
def test_apply_form_is_for_verified_teachers_only(as_role, role, edition):
    response = as_role(role).get(reverse("conferences:apply", args=[17]))

    assert response.status_code == APPLY_GET[role]
    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
    elif APPLY_GET[role] == 403:
        assert "Who can apply" in response.content.decode()
        assert "form" not in response.context
    else:
        assert "Send my application" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_apply_post_saves_only_for_verified_teachers(as_role, role, edition):
    response = as_role(role).post(reverse("conferences:apply", args=[17]), FORM)

    assert response.status_code == {**APPLY_GET, "teacher": 302, "other_teacher": 302}[role]
    saved = list(Application.objects.values_list("teacher__user__email", flat=True))
    if role in ("teacher", "other_teacher"):
        assert response["Location"] == edition.get_absolute_url()
        assert saved == [response.wsgi_request.user.email]
    else:
        assert saved == []


def test_apply_journey_sends_the_received_email(
    client, teacher, edition, django_capture_on_commit_callbacks
):
    client.force_login(teacher)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("conferences:apply", args=[17]), FORM, follow=True)

    application = Application.objects.get()
    assert application.teacher.user == teacher
    assert application.motivation == "I teach robotics in Espoo."
    assert application.consent_to_list is True
    assert application.status == "submitted"
    page = response.content.decode()
    assert "Your application is sent" in page
    assert "Submitted on" in page
    assert "Withdraw" in page
    assert [message.to for message in mail.outbox] == [[teacher.email]]
    assert "We received your application" in mail.outbox[0].subject


def test_apply_twice_shows_the_error_and_saves_nothing(client, teacher, edition):
    application_of(edition, teacher)
    client.force_login(teacher)

    response = client.post(reverse("conferences:apply", args=[17]), FORM)

    assert response.status_code == 200
    assert "You have already applied to this edition." in response.content.decode()
    assert Application.objects.count() == 1


def test_apply_without_motivation_shows_the_field_error(client, teacher, edition):
    client.force_login(teacher)

    response = client.post(reverse("conferences:apply", args=[17]), {**FORM, "motivation": ""})

    assert response.status_code == 200
    assert response.context["form"].errors["motivation"]
    assert Application.objects.count() == 0


@pytest.mark.parametrize("method", ["get", "post"])
def test_apply_outside_the_window_shows_a_message_and_saves_nothing(client, teacher, method):
    now = timezone.now()
    EditionFactory(
        number=17,
        status="applications_open",
        applications_open_at=now - datetime.timedelta(days=30),
        applications_close_at=now - datetime.timedelta(days=1),
    )
    client.force_login(teacher)

    response = getattr(client, method)(reverse("conferences:apply", args=[17]), FORM)

    assert response.status_code == 200
    assert "This edition is not taking applications now." in response.content.decode()
    assert "form" not in response.context
    assert Application.objects.count() == 0


def test_apply_to_a_draft_is_404(client, teacher):
    EditionFactory(number=17, status="draft")
    client.force_login(teacher)

    assert client.get(reverse("conferences:apply", args=[17])).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_withdraw_is_only_for_the_applicant(as_role, role, edition, teacher):
    application = application_of(edition, teacher)

    response = as_role(role).post(reverse("conferences:withdraw", args=[17]))

    application.refresh_from_db()
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert application.status == "submitted"
    elif role == "teacher":
        assert response.status_code == 302
        assert response["Location"] == edition.get_absolute_url()
        assert application.status == "withdrawn"
    else:
        assert response.status_code == 404
        assert application.status == "submitted"


def test_withdraw_get_asks_to_confirm_and_never_withdraws(client, teacher, edition):
    application = application_of(edition, teacher)
    client.force_login(teacher)

    response = client.get(reverse("conferences:withdraw", args=[17]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Withdraw your application?" in page
    assert "staff no longer consider your application" in page
    assert 'method="post"' in page
    application.refresh_from_db()
    assert application.status == "submitted"
    assert mail.outbox == []


@pytest.mark.parametrize("role", ROLES)
def test_withdraw_confirmation_is_only_for_the_applicant(as_role, role, edition, teacher):
    application_of(edition, teacher, status="approved")

    response = as_role(role).get(reverse("conferences:withdraw", args=[17]))

    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif role == "teacher":
        assert response.status_code == 200
        assert "Withdraw and give up my place" in response.content.decode()
    else:
        assert response.status_code == 404


def test_withdraw_confirmation_for_an_approved_teacher_says_the_place_goes(
    client, teacher, edition
):
    application = application_of(edition, teacher, status="approved")
    application_of(edition, TeacherProfileFactory().user, status="waitlisted")
    client.force_login(teacher)

    page = " ".join(client.get(reverse("conferences:withdraw", args=[17])).content.decode().split())

    assert (
        "your place goes at once to the next teacher on the waitlist, who is offered it by e-mail"
        in page
    )
    assert "the place cannot be given back to you." in page
    assert "Keep my application" in page
    application.refresh_from_db()
    assert application.status == "approved"


def test_withdraw_confirmation_for_a_waitlisted_teacher_names_the_position(
    client, teacher, edition
):
    application_of(edition, TeacherProfileFactory().user, status="waitlisted")
    Application.objects.filter(status="waitlisted").update(
        waitlisted_at=timezone.now() - datetime.timedelta(days=1)
    )
    mine = application_of(edition, teacher, status="waitlisted")
    Application.objects.filter(pk=mine.pk).update(waitlisted_at=timezone.now())
    client.force_login(teacher)

    page = " ".join(client.get(reverse("conferences:withdraw", args=[17])).content.decode().split())

    assert "you leave the waitlist, where you are number 2, and cannot get that position back" in (
        page
    )


@pytest.mark.parametrize("status", ["rejected", "attended"])
def test_withdraw_confirmation_of_what_cannot_be_withdrawn(client, teacher, edition, status):
    application_of(edition, teacher, status=status, reason="Full")
    client.force_login(teacher)

    response = client.get(reverse("conferences:withdraw", args=[17]), follow=True)

    assert response.redirect_chain == [(edition.get_absolute_url(), 302)]
    assert "This application can no longer be withdrawn." in response.content.decode()


def test_detail_withdraw_is_a_link_to_the_confirmation(client, teacher, edition):
    application_of(edition, teacher, status="approved")
    client.force_login(teacher)

    page = client.get(reverse("conferences:detail", args=[17])).content.decode()

    url = reverse("conferences:withdraw", args=[17])
    assert f'href="{url}"' in page
    assert f'action="{url}"' not in page


def test_after_withdrawing_from_a_full_edition_apply_says_waitlist(client, teacher, edition):
    edition.capacity = 1
    edition.save()
    application_of(edition, TeacherProfileFactory().user, status="approved")
    application_of(edition, teacher, status="withdrawn")
    client.force_login(teacher)

    page = client.get(reverse("conferences:detail", args=[17])).content.decode()
    form = client.get(reverse("conferences:apply", args=[17])).content.decode()

    assert "All places are taken: if you apply now, you would join the waitlist." in page
    assert ">Apply to join the waitlist</a>" in page
    assert ">Apply</a>" not in page
    assert 'data-testid="apply-waitlist"' in form
    assert "Apply to join the waitlist</button>" in form


def test_apply_with_places_left_says_nothing_of_the_waitlist(client, teacher, edition):
    client.force_login(teacher)

    page = client.get(reverse("conferences:detail", args=[17])).content.decode()
    form = client.get(reverse("conferences:apply", args=[17])).content.decode()

    assert ">Apply</a>" in page
    assert "join the waitlist" not in page
    assert 'data-testid="apply-waitlist"' not in form
    assert "Send my application</button>" in form


def test_withdraw_of_a_rejected_application_shows_the_error(client, teacher, edition):
    application = application_of(edition, teacher, status="rejected", reason="Full")
    client.force_login(teacher)

    response = client.post(reverse("conferences:withdraw", args=[17]), follow=True)

    application.refresh_from_db()
    assert application.status == "rejected"
    assert "This application can no longer be withdrawn." in response.content.decode()


@pytest.mark.parametrize(
    ("status", "reason", "shown", "can_withdraw"),
    [
        ("submitted", "", "Submitted on", True),
        ("approved", "", "Approved", True),
        ("waitlisted", "", "Waitlisted", True),
        ("rejected", "No places from your country", "Rejected: No places from your country", False),
    ],
)
def test_detail_shows_the_teachers_application_status(
    client, teacher, edition, status, reason, shown, can_withdraw
):
    application_of(edition, teacher, status=status, reason=reason)
    client.force_login(teacher)

    page = client.get(reverse("conferences:detail", args=[17])).content.decode()

    assert shown in page
    assert (reverse("conferences:withdraw", args=[17]) in page) is can_withdraw
    assert reverse("conferences:apply", args=[17]) not in page


DETAIL_BUTTON = {
    "anonymous": "Sign in to apply",
    "unverified_teacher": "Apply",
    "teacher": "Apply",
    "other_teacher": "Apply",
    "judge": None,
    "staff": None,
}


@pytest.mark.parametrize("role", ROLES)
def test_detail_offers_the_right_way_to_apply(as_role, role, edition):
    page = as_role(role).get(reverse("conferences:detail", args=[17])).content.decode()

    apply_url = reverse("conferences:apply", args=[17])
    assert (apply_url in page) is (DETAIL_BUTTON[role] is not None)
    assert ("Sign in to apply" in page) is (role == "anonymous")
    assert "Your application" not in page
    assert reverse("conferences:withdraw", args=[17]) not in page


def test_detail_of_a_closed_edition_offers_no_apply(client, teacher):
    EditionFactory(number=17, status="closed")
    client.force_login(teacher)

    page = client.get(reverse("conferences:detail", args=[17])).content.decode()

    assert reverse("conferences:apply", args=[17]) not in page


def test_detail_shows_the_status_of_the_teachers_own_application_only(
    client, teacher, other_teacher, edition
):
    application_of(edition, other_teacher, status="approved")
    client.force_login(teacher)

    page = client.get(reverse("conferences:detail", args=[17])).content.decode()

    assert "Your application" not in page
    assert reverse("conferences:apply", args=[17]) in page


@pytest.mark.parametrize("count", [1, 20])
def test_detail_for_a_teacher_runs_a_fixed_number_of_queries(
    client, teacher, edition, count, django_assert_num_queries
):
    for _ in range(count):
        application_of(edition, TeacherProfileFactory().user)
    application_of(edition, teacher)
    client.force_login(teacher)

    # Signed in, the page ran 9 before (session, user, groups, 2 permission sets, edition,
    # figures, collaborations, the navbar's profile); the teacher's application adds 1.
    with django_assert_num_queries(10):
        response = client.get(reverse("conferences:detail", args=[17]))

    assert response.context["applicant"].application.status == "submitted"


def test_apply_past_the_rate_limit_says_so_and_sends_nothing(
    client, teacher, edition, use_up_rate_limit, django_capture_on_commit_callbacks
):
    use_up_rate_limit("conferences_application", teacher)
    client.force_login(teacher)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("conferences:apply", args=[17]), FORM)

    assert response.status_code == 200
    assert "please wait an hour and try again" in response.content.decode()
    assert not Application.objects.exists()
    assert mail.outbox == []
