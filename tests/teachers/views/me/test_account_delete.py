"""A person deleting their account (teachers/views/me.py: account_delete)."""

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse

from core.mail import send_templated_email
from core.outbox.models import OutgoingEmail
from schools.models import Country
from teachers.models import TeacherProfile, User

from ....factories import (
    PASSWORD,
    UserFactory,
)
from ._helpers import login, messages_of, text

pytestmark = pytest.mark.django_db


# --- account deletion -------------------------------------------------------------------------


def test_delete_page_says_what_goes_and_what_stays(client, teacher):
    login(client, teacher)

    body = text(client.get(reverse("teachers:account_delete")))

    assert "Your name, your e-mail addresses and your password" in body
    assert "Your photo, your bio and the languages you speak." in body
    assert f"An anonymous record that a teacher of {teacher.teacher_profile.school.name}" in body
    assert f'href="{reverse("teachers:data_export")}"' in body
    assert 'type="password"' in body


def test_delete_with_a_wrong_password_deletes_nothing(client, teacher):
    login(client, teacher)

    response = client.post(reverse("teachers:account_delete"), {"password": "not-mine"})

    assert response.status_code == 200
    assert response.context["form"].errors["password"] == [
        "That is not your password. Nothing was deleted."
    ]
    teacher.refresh_from_db()
    assert (teacher.is_active, teacher.has_usable_password()) == (True, True)
    assert client.get(reverse("teachers:dashboard")).status_code == 200


def test_teacher_deletes_their_account(client, teacher):
    email = teacher.email
    profile = TeacherProfile.objects.get(user=teacher)
    school = profile.school
    login(client, teacher)
    send_templated_email(
        template="teacher_verified", to=[email], context={"profile": profile, "url": "/"}
    )
    elsewhere = client_for(teacher)  # the same person signed in on another device

    response = client.post(reverse("teachers:account_delete"), {"password": PASSWORD}, follow=True)

    assert response.redirect_chain == [(reverse("home"), 302)]
    assert messages_of(response) == [
        "Your account and personal data are deleted. Thank you for being part of ClassNet."
    ]
    assert "_auth_user_id" not in client.session
    erased = User.objects.get(pk=teacher.pk)
    assert (erased.email, erased.full_name, erased.is_active) == (
        f"erased-{teacher.pk}@invalid",
        "Former member",
        False,
    )
    assert not EmailAddress.objects.filter(email__iexact=email).exists()
    assert not OutgoingEmail.objects.filter(recipients__contains=f",{email},").exists()
    assert TeacherProfile.objects.filter(school=school).count() == 1  # the count stays
    assert client.login(email=email, password=PASSWORD) is False
    after = elsewhere.get(reverse("teachers:dashboard"))
    assert after.status_code == 302
    assert after.url.startswith(reverse("account_login"))


def client_for(user):
    other = Client()
    other.force_login(user)
    return other


def test_after_deletion_the_address_can_sign_up_again(client, teacher):
    email = teacher.email
    login(client, teacher)
    client.post(reverse("teachers:account_delete"), {"password": PASSWORD})

    response = client.post(
        reverse("account_signup"),
        {
            "full_name": "Aino Virtanen",
            "email": email,
            "country": Country.objects.get(code="FI").pk,
            "password1": "Sunny-classroom-42",
            "password2": "Sunny-classroom-42",
        },
    )

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    new = User.objects.get(email=email)
    assert new.pk != teacher.pk
    assert new.teacher_profile.school is None


def test_judge_deletes_their_account(client, judge):
    login(client, judge)

    client.post(reverse("teachers:account_delete"), {"password": PASSWORD})

    judge.refresh_from_db()
    assert (judge.is_active, list(judge.groups.all())) == (False, [])


def test_staff_delete_page_mentions_no_teacher_profile(client, staff):
    login(client, staff)

    body = text(client.get(reverse("teachers:account_delete")))

    assert "Your photo, your bio" not in body
    assert "An anonymous record that a member took part" in body


def test_user_without_a_password_is_refused_too(client):
    user = UserFactory(password=None)
    login(client, user)

    response = client.post(reverse("teachers:account_delete"), {"password": ""})

    assert response.context["form"].errors["password"] == ["This field is required."]
    assert User.objects.get(pk=user.pk).is_active is True


def test_account_delete_password_guesses_are_rate_limited(client, teacher):
    client.force_login(teacher)
    url = reverse("teachers:account_delete")
    for _ in range(10):
        client.post(url, {"password": "wrong"})

    response = client.post(url, {"password": PASSWORD})

    assert "Too many attempts" in response.content.decode()
    teacher.refresh_from_db()
    assert teacher.is_active is True
