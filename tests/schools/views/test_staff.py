"""The staff area for schools, through HTTP: the queue of proposed schools and the review of one
(verify, merge), for every role; the proposer's e-mail and the record of who did what."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from core.audit.models import AuditEntry
from schools.models import School
from teachers.models import TeacherProfile

from ...factories import (
    CountryFactory,
    LanguageFactory,
    SchoolFactory,
    TeacherProfileFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

OTHER_ROLES = ["teacher", "unverified_teacher", "other_teacher", "judge"]


@pytest.fixture
def proposed(db):
    """A school a teacher proposed, with that teacher waiting for verification."""
    proposer = UserFactory(
        full_name="Eva Horvat", email="eva@school.example", country=CountryFactory(code="IT")
    )
    school = SchoolFactory(
        proposed=True,
        name="Liceo Galilei",
        city="Pisa",
        proposed_by=proposer,
        country=proposer.country,
    )
    TeacherProfileFactory(pending=True, user=proposer, school=school)
    return school


@pytest.fixture
def listed(proposed):
    """The verified school that the proposed one repeats."""
    return SchoolFactory(
        name="Liceo Galileo Galilei",
        city="Pisa",
        country=proposed.country,
        languages=[LanguageFactory(code="it")],
    )


def pages(school):
    return [reverse("staff:school_queue"), reverse("staff:school_review", args=[school.pk])]


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def entries() -> list[tuple]:
    return [
        (entry.actor, entry.action, entry.target_id, entry.note)
        for entry in AuditEntry.objects.filter(action__startswith="school.")
    ]


def merge(client, school, **data):
    data = {"confirm": "on"} | data
    return client.post(reverse("staff:school_merge", args=[school.pk]), data)


# --- Who may enter ------------------------------------------------------------------------------


def test_school_pages_send_visitors_to_log_in(client, proposed):
    for url in pages(proposed):
        response = client.get(url)

        assert response.status_code == 302
        assert response.url == f"{reverse('account_login')}?next={url}"


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_school_pages_are_closed_to_everyone_but_staff(client, request, role, proposed):
    client.force_login(request.getfixturevalue(role))

    for url in pages(proposed):
        response = client.get(url)

        assert response.status_code == 403
        assert "eva@school.example" not in response.content.decode()


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_only_staff_verify_or_merge_schools(
    client, request, role, proposed, listed, django_capture_on_commit_callbacks
):
    client.force_login(request.getfixturevalue(role))
    url = reverse("staff:school_verify", args=[proposed.pk])

    with django_capture_on_commit_callbacks(execute=True):
        verify = client.post(url)
        merged = merge(client, proposed, into=listed.pk)

    assert (verify.status_code, merged.status_code) == (403, 403)
    proposed.refresh_from_db()
    assert proposed.status == School.Status.PROPOSED
    assert entries() == []
    assert mail.outbox == []


def test_school_pages_open_for_staff(client, staff, proposed):
    client.force_login(staff)

    for url in pages(proposed):
        assert client.get(url).status_code == 200


def test_a_missing_school_is_404_for_staff(client, staff):
    client.force_login(staff)

    assert client.get(reverse("staff:school_review", args=[999999])).status_code == 404


# --- Queue -------------------------------------------------------------------------------------


def test_queue_lists_proposed_schools_with_proposer_and_teachers(client, staff, proposed):
    SchoolFactory(name="Already Listed School")
    TeacherProfileFactory(pending=True, school=proposed, user__country=proposed.country)
    client.force_login(staff)

    response = client.get(reverse("staff:school_queue"))

    assert list(response.context["page"].object_list) == [proposed]
    body = response.content.decode()
    assert "Liceo Galilei" in body
    assert "Proposed by Eva Horvat" in body
    assert "eva@school.example" in body
    assert "2 teachers chose it" in body
    assert reverse("staff:school_review", args=[proposed.pk]) in body
    assert "Already Listed School" not in body


@pytest.mark.parametrize("rows", [1, 20])
def test_queue_runs_the_same_queries_for_1_and_20_schools(
    client, staff, rows, django_assert_num_queries
):
    for _ in range(rows):
        school = SchoolFactory(proposed=True, proposed_by=UserFactory())
        TeacherProfileFactory(pending=True, school=school)
    client.force_login(staff)

    # session, user, groups; count, page (with country, proposer, teacher count); the menu's
    # teacher profile and back-office permissions (user's, groups')
    with django_assert_num_queries(8):
        response = client.get(reverse("staff:school_queue"))

    assert len(response.context["page"].object_list) == rows


def test_queue_is_paginated_oldest_first(client, staff):
    schools = [SchoolFactory(proposed=True) for _ in range(26)]
    client.force_login(staff)

    first = client.get(reverse("staff:school_queue"))
    second = client.get(reverse("staff:school_queue"), {"page": 2})

    assert list(first.context["page"].object_list) == schools[:25]
    assert list(second.context["page"].object_list) == schools[25:]


def test_queue_empty_state(client, staff):
    SchoolFactory()
    client.force_login(staff)

    body = client.get(reverse("staff:school_queue")).content.decode()

    assert "No proposed school is waiting" in body


# --- Review: see -------------------------------------------------------------------------------


def test_review_shows_the_school_its_possible_duplicates_teachers_and_history(
    client, staff, proposed, listed
):
    from core.audit.services import audit_record

    audit_record(actor=proposed.proposed_by, action="school.proposed", target=proposed)
    elsewhere = SchoolFactory(name="Liceo Galilei", city="Pisa", country__code="FI")
    client.force_login(staff)

    response = client.get(reverse("staff:school_review", args=[proposed.pk]))

    assert response.context["candidates"] == [listed]
    body = response.content.decode()
    assert f'value="{listed.pk}"' in body
    assert f'value="{elsewhere.pk}"' not in body  # another country: never a candidate
    assert "Eva Horvat" in body
    assert "Awaiting verification" in body  # the teacher who named it
    assert "Proposed the school" in body
    assert reverse("schools:edit", args=[proposed.pk]) in body


# --- Verify -------------------------------------------------------------------------------------


def test_verify_journey_tells_the_proposer(
    client, staff, proposed, django_capture_on_commit_callbacks
):
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("staff:school_verify", args=[proposed.pk]))

    assert response.status_code == 302
    assert response.url == reverse("staff:school_queue")
    assert messages_of(response) == [
        "Liceo Galilei, Pisa is verified and listed in the school directory. "
        "Eva Horvat, who proposed it, has been told by e-mail."
    ]
    proposed.refresh_from_db()
    assert proposed.status == School.Status.VERIFIED
    assert entries() == [(staff, "school.verified", proposed.pk, "")]
    [message] = mail.outbox
    assert message.to == ["eva@school.example"]
    assert message.subject == "[ClassNet] Liceo Galilei is now in the ClassNet directory"
    # The teacher is still verified on their own, by staff.
    assert proposed.teachers.get().verification == TeacherProfile.Verification.PENDING


def test_verifying_twice_says_so_and_changes_nothing(
    client, staff, listed, django_capture_on_commit_callbacks
):
    verified_at = listed.verified_at
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("staff:school_verify", args=[listed.pk]))

    assert response.status_code == 200
    assert "Liceo Galileo Galilei, Pisa is already verified." in response.content.decode()
    listed.refresh_from_db()
    assert listed.verified_at == verified_at
    assert entries() == []
    assert mail.outbox == []


def test_the_review_page_takes_no_post(client, staff, proposed):
    client.force_login(staff)

    response = client.post(reverse("staff:school_review", args=[proposed.pk]), {"action": "x"})

    assert response.status_code == 405


# --- Merge --------------------------------------------------------------------------------------


def test_merge_journey_moves_the_teachers_and_deletes_the_duplicate(
    client, staff, proposed, listed, django_capture_on_commit_callbacks
):
    teacher = proposed.teachers.get()
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = merge(client, proposed, into=listed.pk)

    assert response.status_code == 302
    assert response.url == reverse("staff:school_review", args=[listed.pk]) + "#main"
    assert messages_of(response) == [
        "Liceo Galilei, Pisa was merged into Liceo Galileo Galilei, Pisa; its teachers moved over."
    ]
    assert not School.objects.filter(pk=proposed.pk).exists()
    teacher.refresh_from_db()
    assert teacher.school == listed
    assert entries() == [
        (
            staff,
            "school.merged",
            listed.pk,
            f"Merged Liceo Galilei, Pisa (#{proposed.pk}) into this school.",
        )
    ]
    assert mail.outbox == []
    page = client.get(response.url).content.decode()
    assert "Merged a duplicate into this school" in page
    assert reverse("staff:teacher_review", args=[teacher.pk]) in page


def test_merge_by_number(client, staff, proposed):
    far = SchoolFactory(name="Completely Different", city="Rome", country=proposed.country)
    client.force_login(staff)

    response = merge(client, proposed, into_number=str(far.pk))

    assert response.status_code == 302
    assert TeacherProfile.objects.filter(school=far).count() == 1


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "Choose the school it repeats, or type that school&#x27;s number."),
        ({"into_number": "999999"}, "No school has the number 999999."),
        ({"into": "LISTED", "into_number": "999999"}, "Choose one school from the list or type"),
        ({"into": "LISTED", "confirm": ""}, "Tick the box to confirm the merge."),
        ({"into_number": "SELF"}, "A school cannot be merged into itself."),
        ({"into_number": "ABROAD"}, "Only schools of the same country can be merged."),
    ],
)
def test_merge_with_bad_input_says_why_and_changes_nothing(
    client, staff, proposed, listed, data, error, django_capture_on_commit_callbacks
):
    abroad = SchoolFactory(name="Liceo Galilei", city="Pisa", country=CountryFactory(code="FI"))
    values = {"LISTED": str(listed.pk), "SELF": str(proposed.pk), "ABROAD": str(abroad.pk)}
    data = {key: values.get(value, value) for key, value in data.items()}
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = merge(client, proposed, **data)

    assert response.status_code == 200
    assert error in response.content.decode()
    assert School.objects.filter(pk=proposed.pk).exists()
    assert proposed.teachers.count() == 1
    assert entries() == []
    assert mail.outbox == []
