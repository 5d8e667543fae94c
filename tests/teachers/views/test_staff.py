"""The staff area for people, through HTTP: home, teacher queue, review (verify, reject) and
edit, for every role; the e-mails the teacher receives and the record of who did what."""

import io

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from core.audit.models import AuditEntry
from schools.models import School
from teachers.models import TeacherProfile

from ...factories import (
    CountryFactory,
    LanguageFactory,
    SchoolFactory,
    SubjectFactory,
    TeacherProfileFactory,
)

pytestmark = pytest.mark.django_db

OTHER_ROLES = ["teacher", "unverified_teacher", "other_teacher", "judge"]


@pytest.fixture
def waiting(db):
    """A teacher of a verified school, waiting for staff."""
    return TeacherProfileFactory(
        pending=True,
        user__full_name="Maria Santos",
        user__email="maria@school.example",
        school__name="Espoo Upper Secondary",
        subjects=[SubjectFactory(name="Biology")],
    )


def pages(profile):
    return [
        reverse("staff:index"),
        reverse("staff:teacher_queue"),
        reverse("staff:teacher_review", args=[profile.pk]),
        reverse("staff:teacher_edit", args=[profile.pk]),
    ]


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def entries_for(profile) -> list[tuple]:
    return [
        (entry.actor, entry.action, entry.note)
        for entry in AuditEntry.objects.filter(target_id=profile.pk, action__startswith="teacher.")
    ]


# --- Who may enter ------------------------------------------------------------------------------


def test_staff_pages_send_visitors_to_log_in(client, waiting):
    for url in pages(waiting):
        response = client.get(url)

        assert response.status_code == 302
        assert response.url == f"{reverse('account_login')}?next={url}"


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_staff_pages_are_closed_to_everyone_but_staff(client, request, role, waiting):
    client.force_login(request.getfixturevalue(role))

    for url in pages(waiting):
        response = client.get(url)

        assert response.status_code == 403
        assert "maria@school.example" not in response.content.decode()


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_only_staff_verify_or_reject(
    client, request, role, waiting, django_capture_on_commit_callbacks
):
    client.force_login(request.getfixturevalue(role))
    url = reverse("staff:teacher_verify", args=[waiting.pk])

    with django_capture_on_commit_callbacks(execute=True):
        verify = client.post(url)
        reject = client.post(
            reverse("staff:teacher_reject", args=[waiting.pk]), {"reason": "Not a teacher"}
        )

    assert (verify.status_code, reject.status_code) == (403, 403)
    waiting.refresh_from_db()
    assert waiting.verification == TeacherProfile.Verification.PENDING
    assert entries_for(waiting) == []
    assert mail.outbox == []


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_only_staff_edit_a_profile_here(client, request, role):
    person = request.getfixturevalue(role)
    client.force_login(person)
    # Even a teacher's own profile: they have their own page for it.
    profile = getattr(person, "teacher_profile", None) or TeacherProfileFactory()

    response = client.post(
        reverse("staff:teacher_edit", args=[profile.pk]), {"full_name": "Changed"}
    )

    assert response.status_code == 403
    profile.user.refresh_from_db()
    assert profile.user.full_name != "Changed"


def test_staff_pages_open_for_staff(client, staff, waiting):
    client.force_login(staff)

    for url in pages(waiting):
        assert client.get(url).status_code == 200


def test_a_missing_teacher_is_404_for_staff(client, staff):
    client.force_login(staff)

    assert client.get(reverse("staff:teacher_review", args=[999999])).status_code == 404
    assert client.get(reverse("staff:teacher_edit", args=[999999])).status_code == 404


# --- Staff home ---------------------------------------------------------------------------------


def test_index_counts_both_queues_and_links_the_back_office(client, staff, waiting):
    TeacherProfileFactory()  # verified: not waiting
    SchoolFactory(proposed=True)
    SchoolFactory(proposed=True)
    client.force_login(staff)

    response = client.get(reverse("staff:index"))

    assert (response.context["teachers_waiting"], response.context["schools_waiting"]) == (1, 2)
    body = response.content.decode()
    assert f'href="{reverse("admin:index")}"' in body
    assert f'href="{reverse("staff:teacher_queue")}"' in body
    assert f'href="{reverse("staff:school_queue")}"' in body
    assert "Nothing has happened yet" in body


def test_index_lists_recent_activity_with_links_to_the_records(
    client, staff, waiting, django_assert_num_queries
):
    from teachers.services import teacher_reject

    school = SchoolFactory(proposed=True, name="Liceo Galilei", proposed_by=waiting.user)
    from core.audit.services import audit_record

    audit_record(actor=waiting.user, action="school.proposed", target=school)
    teacher_reject(profile=waiting, by=staff, reason="Choose your current school")
    client.force_login(staff)

    # session, user, groups; two queue counts; the other sections' counts (applications,
    # scorecards, surveys, reports, gallery items, failed e-mails); activity, its teachers, its
    # schools; the menu's teacher profile and the back-office permissions (user's, groups')
    with django_assert_num_queries(17):
        response = client.get(reverse("staff:index"))

    body = response.content.decode()
    assert [item["entry"].action for item in response.context["recent"]] == [
        "teacher.rejected",
        "school.proposed",
    ]
    assert (
        f'<a href="{reverse("staff:teacher_review", args=[waiting.pk])}">Maria Santos</a>' in body
    )
    assert f'href="{reverse("staff:school_review", args=[school.pk])}"' in body
    assert "Choose your current school" in body


def test_index_activity_names_the_school_a_teacher_named_not_the_teacher_twice(client, staff):
    from teachers.services import teacher_school_choose

    profile = TeacherProfileFactory(
        pending=True, school=None, user__full_name="Mei Lin", user__email="mei@school.example"
    )
    school = SchoolFactory(name="Kyoto Seika High School")
    teacher_school_choose(profile=profile, school=school, by=profile.user)
    client.force_login(staff)

    response = client.get(reverse("staff:index"))

    body = " ".join(response.content.decode().split())
    review = reverse("staff:teacher_review", args=[profile.pk])
    assert (
        f'<strong>Mei Lin</strong> · named their school: <a href="{review}">{school}</a>'
    ) in body
    assert f'<a href="{review}">Mei Lin</a>' not in body
    assert f'<div class="small text-secondary mt-1">{school}</div>' not in body


def test_index_activity_leaves_out_other_apps_records(client, staff, waiting):
    """Conference and Awards actions have their own history pages; the staff home lists the
    actions on people and schools only."""
    from core.audit.services import audit_record
    from tests.factories import EditionFactory

    audit_record(actor=staff, action="edition.published", target=EditionFactory())
    audit_record(actor=staff, action="teacher.edited", target=waiting)
    client.force_login(staff)

    response = client.get(reverse("staff:index"))

    assert [item["entry"].action for item in response.context["recent"]] == ["teacher.edited"]


# --- Teacher queue ------------------------------------------------------------------------------


def test_queue_lists_only_teachers_waiting_with_a_school(client, staff, waiting):
    TeacherProfileFactory(user__full_name="Already Verified")
    TeacherProfileFactory(rejected=True, user__full_name="Not Verified")
    TeacherProfileFactory(pending=True, school=None, user__full_name="No School Yet")
    TeacherProfileFactory(pending=True, user__full_name="Closed Account", user__is_active=False)
    client.force_login(staff)

    response = client.get(reverse("staff:teacher_queue"))

    assert list(response.context["page"].object_list) == [waiting]
    body = response.content.decode()
    assert "Maria Santos" in body
    assert "maria@school.example" in body  # staff see contact details
    assert "Espoo Upper Secondary" in body
    assert "Biology" in body
    assert reverse("staff:teacher_review", args=[waiting.pk]) in body
    for hidden in ("Already Verified", "Not Verified", "No School Yet", "Closed Account"):
        assert hidden not in body


def test_queue_flags_a_school_that_is_itself_proposed(client, staff):
    school = SchoolFactory(proposed=True, name="Hue Gifted High School")
    TeacherProfileFactory(pending=True, school=school)
    client.force_login(staff)

    body = client.get(reverse("staff:teacher_queue")).content.decode()

    assert "School still proposed" in body
    assert reverse("staff:school_review", args=[school.pk]) in body


@pytest.mark.parametrize("rows", [1, 20])
def test_queue_runs_the_same_queries_for_1_and_20_teachers(
    client, staff, rows, django_assert_num_queries
):
    for number in range(rows):
        TeacherProfileFactory(
            pending=True,
            subjects=[SubjectFactory(name="Biology")],
            languages=[LanguageFactory(code="fi")],
            user__country=CountryFactory(code="JP" if number % 2 else "FI"),
        )
    client.force_login(staff)

    # session, user, groups; count, page, subjects, languages; countries of the filter; the
    # menu's teacher profile and back-office permissions (user's, groups')
    with django_assert_num_queries(11):
        response = client.get(reverse("staff:teacher_queue"))

    assert len(response.context["page"].object_list) == rows


def test_queue_is_paginated_oldest_first(client, staff):
    profiles = [TeacherProfileFactory(pending=True) for _ in range(26)]
    client.force_login(staff)

    first = client.get(reverse("staff:teacher_queue"))
    second = client.get(reverse("staff:teacher_queue"), {"page": 2})

    assert list(first.context["page"].object_list) == profiles[:25]
    assert list(second.context["page"].object_list) == profiles[25:]
    assert "?page=2" in first.content.decode()


def test_queue_filters_by_region_and_country(client, staff):
    finnish = TeacherProfileFactory(pending=True, user__country=CountryFactory(code="FI"))
    japanese = TeacherProfileFactory(pending=True, user__country=CountryFactory(code="JP"))
    client.force_login(staff)
    url = reverse("staff:teacher_queue")

    asia = client.get(url, {"region": "asia"})
    finland = client.get(url, {"country": CountryFactory(code="FI").pk})
    everyone = client.get(url, {"region": "nowhere"})  # not a choice: the whole queue

    assert list(asia.context["page"].object_list) == [japanese]
    assert list(finland.context["page"].object_list) == [finnish]
    assert list(everyone.context["page"].object_list) == [finnish, japanese]


def test_queue_empty_states(client, staff):
    client.force_login(staff)

    empty = client.get(reverse("staff:teacher_queue")).content.decode()
    filtered = client.get(reverse("staff:teacher_queue"), {"region": "asia"}).content.decode()

    assert "Nobody is waiting for verification" in empty
    assert "No teacher of this region or country is waiting" in filtered
    assert "Show the whole queue" in filtered


# --- Review: see -------------------------------------------------------------------------------


def test_review_shows_the_teacher_their_school_and_history(client, staff, waiting):
    from teachers.services import teacher_reject

    teacher_reject(profile=waiting, by=staff, reason="Use your school address")
    client.force_login(staff)

    response = client.get(reverse("staff:teacher_review", args=[waiting.pk]))

    body = response.content.decode()
    assert "Maria Santos" in body
    assert "maria@school.example" in body
    assert "Espoo Upper Secondary" in body
    assert "Biology" in body
    assert "Did not verify the teacher" in body
    assert "Use your school address" in body
    assert staff.full_name in body
    assert reverse("staff:teacher_edit", args=[waiting.pk]) in body


def test_review_of_a_teacher_of_a_proposed_school_sends_staff_to_the_school_first(client, staff):
    school = SchoolFactory(proposed=True, name="Hue Gifted High School")
    profile = TeacherProfileFactory(pending=True, school=school)
    client.force_login(staff)

    body = client.get(reverse("staff:teacher_review", args=[profile.pk])).content.decode()

    assert "is still a proposed school" in body
    assert reverse("staff:school_review", args=[school.pk]) in body
    assert reverse("staff:teacher_verify", args=[profile.pk]) not in body


# --- Review: verify ----------------------------------------------------------------------------


def test_verify_journey(client, staff, waiting, django_capture_on_commit_callbacks):
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("staff:teacher_verify", args=[waiting.pk]))

    assert response.status_code == 302
    assert response.url == reverse("staff:teacher_queue")
    assert messages_of(response) == ["Maria Santos is verified and has been told by e-mail."]
    waiting.refresh_from_db()
    assert waiting.verification == TeacherProfile.Verification.VERIFIED
    assert waiting.verified_at is not None
    assert entries_for(waiting) == [(staff, "teacher.verified", "")]
    [message] = mail.outbox
    assert message.to == ["maria@school.example"]
    assert message.subject == (
        "[ClassNet] You are verified at Espoo Upper Secondary: welcome to the ClassNet network"
    )
    assert "Espoo Upper Secondary" in message.body
    assert list(client.get(reverse("staff:teacher_queue")).context["page"].object_list) == []


@pytest.mark.parametrize("action", ["verify", "reject"])
def test_deciding_from_a_filtered_queue_goes_back_to_the_same_filtered_queue(client, staff, action):
    japan = CountryFactory(code="JP")
    japanese = TeacherProfileFactory(pending=True, user__country=japan)
    client.force_login(staff)
    queue = reverse("staff:teacher_queue")
    review = reverse("staff:teacher_review", args=[japanese.pk])
    decide = reverse(f"staff:teacher_{action}", args=[japanese.pk])

    listed = client.get(queue, {"region": "asia", "country": japan.pk}).content.decode()
    query = f"region=asia&amp;country={japan.pk}"
    opened = client.get(f"{review}?region=asia&country={japan.pk}").content.decode()
    decided = client.post(f"{decide}?region=asia&country={japan.pk}", {"reason": "Not yet"})

    assert f'href="{review}?{query}"' in listed
    assert f'action="{decide}?{query}#decision"' in opened
    assert decided.url == f"{queue}?region=asia&country={japan.pk}"


def test_deciding_with_an_unknown_filter_goes_back_to_the_whole_queue(client, staff, waiting):
    client.force_login(staff)
    verify = reverse("staff:teacher_verify", args=[waiting.pk])

    decided = client.post(f"{verify}?region=nowhere&next=//evil.example")

    assert decided.url == reverse("staff:teacher_queue")


def test_verifying_twice_says_so_and_changes_nothing(
    client, staff, teacher, django_capture_on_commit_callbacks
):
    profile = teacher.teacher_profile
    verified_at = profile.verified_at
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("staff:teacher_verify", args=[profile.pk]))

    assert response.status_code == 200
    assert f"{teacher.full_name} is already verified." in response.content.decode()
    profile.refresh_from_db()
    assert profile.verified_at == verified_at
    assert entries_for(profile) == []
    assert mail.outbox == []


def test_verifying_a_teacher_of_a_proposed_school_is_refused(
    client, staff, django_capture_on_commit_callbacks
):
    school = SchoolFactory(proposed=True, name="Hue Gifted High School")
    profile = TeacherProfileFactory(pending=True, school=school)
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("staff:teacher_verify", args=[profile.pk]))

    assert response.status_code == 200
    assert (
        "Hue Gifted High School, Helsinki is still a proposed school. Verify it, or merge it"
        in response.content.decode()
    )
    profile.refresh_from_db()
    school.refresh_from_db()
    assert profile.verification == TeacherProfile.Verification.PENDING
    assert school.status == School.Status.PROPOSED
    assert mail.outbox == []


def test_verifying_a_teacher_without_a_school_says_so(client, staff):
    profile = TeacherProfileFactory(pending=True, school=None)
    client.force_login(staff)

    response = client.post(reverse("staff:teacher_verify", args=[profile.pk]))

    assert response.status_code == 200
    assert "This teacher has not named a school yet." in response.content.decode()
    profile.refresh_from_db()
    assert profile.verification == TeacherProfile.Verification.PENDING


def test_a_rejected_teacher_can_be_verified_after_all(client, staff):
    profile = TeacherProfileFactory(rejected=True)
    client.force_login(staff)

    response = client.post(reverse("staff:teacher_verify", args=[profile.pk]))

    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.verification, profile.verification_note) == ("verified", "")


def test_the_review_page_takes_no_post(client, staff, waiting):
    client.force_login(staff)

    response = client.post(reverse("staff:teacher_review", args=[waiting.pk]), {"action": "x"})

    assert response.status_code == 405


# --- Review: reject ----------------------------------------------------------------------------


def test_reject_journey(client, staff, waiting, django_capture_on_commit_callbacks):
    client.force_login(staff)
    reason = "Choose the school where you teach now."

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("staff:teacher_reject", args=[waiting.pk]),
            {"reason": f"  {reason} "},
        )

    assert response.status_code == 302
    assert response.url == reverse("staff:teacher_queue")
    assert messages_of(response) == [
        "Maria Santos is not verified; they have been told why by e-mail."
    ]
    waiting.refresh_from_db()
    assert (waiting.verification, waiting.verification_note) == ("rejected", reason)
    assert entries_for(waiting) == [(staff, "teacher.rejected", reason)]
    [message] = mail.outbox
    assert message.to == ["maria@school.example"]
    assert message.subject == "[ClassNet] We could not verify your ClassNet account yet"
    assert reason in message.body


@pytest.mark.parametrize("reason", ["", "   "])
def test_rejecting_without_a_reason_asks_for_one(
    client, staff, waiting, reason, django_capture_on_commit_callbacks
):
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("staff:teacher_reject", args=[waiting.pk]),
            {"reason": reason},
        )

    assert response.status_code == 200
    assert "Say why, so that the teacher knows what to change." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.verification == TeacherProfile.Verification.PENDING
    assert entries_for(waiting) == []
    assert mail.outbox == []


def test_staff_can_withdraw_a_verification_with_a_reason(client, staff, teacher):
    profile = teacher.teacher_profile
    client.force_login(staff)

    page = client.get(reverse("staff:teacher_review", args=[profile.pk])).content.decode()
    response = client.post(
        reverse("staff:teacher_reject", args=[profile.pk]),
        {"reason": "Left the school in June"},
    )

    assert "Withdraw the verification" in page
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.verification, profile.verified_at) == ("rejected", None)


# --- Edit --------------------------------------------------------------------------------------


def png(size=(40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format="PNG")
    return SimpleUploadedFile("me.png", buffer.getvalue(), content_type="image/png")


def profile_data(**overrides) -> dict:
    data = {
        "full_name": "Maria Santos-Reyes",
        "subjects": [SubjectFactory(name="Chemistry").pk],
        "languages": [LanguageFactory(code="fi").pk, LanguageFactory(code="en").pk],
        "student_age_min": "13",
        "student_age_max": "17",
        "bio": "I teach chemistry.",
    }
    return data | overrides


def test_edit_form_shows_the_current_profile(client, staff, waiting):
    client.force_login(staff)

    response = client.get(reverse("staff:teacher_edit", args=[waiting.pk]))

    form = response.context["form"]
    assert form["full_name"].value() == "Maria Santos"
    assert form["subjects"].value() == [SubjectFactory(name="Biology").pk]
    assert "remove_photo" not in form.fields


def test_staff_edit_saves_the_profile_and_records_who_did_it(
    client, staff, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    profile = TeacherProfileFactory(rejected=True, user__full_name="Maria Santos")
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("staff:teacher_edit", args=[profile.pk]), profile_data(photo=png())
        )

    assert response.status_code == 302
    assert response.url == reverse("staff:teacher_review", args=[profile.pk])
    assert messages_of(response) == ["The profile of Maria Santos-Reyes is saved."]
    profile.refresh_from_db()
    assert profile.user.full_name == "Maria Santos-Reyes"
    assert [s.name for s in profile.subjects.all()] == ["Chemistry"]
    assert sorted(lang.code for lang in profile.languages.all()) == ["en", "fi"]
    assert (profile.student_age_min, profile.student_age_max) == (13, 17)
    assert profile.bio == "I teach chemistry."
    assert profile.photo
    assert profile.photo_thumbnail
    # Staff's edit is not the teacher's answer: the rejection stands.
    assert profile.verification == TeacherProfile.Verification.REJECTED
    assert entries_for(profile) == [(staff, "teacher.edited", "")]
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("overrides", "field", "error"),
    [
        ({"full_name": ""}, "full_name", "This field is required."),
        (
            {"student_age_min": "17", "student_age_max": "13"},
            "student_age_max",
            "The oldest students cannot be younger than the youngest (17).",
        ),
        (
            {"photo": SimpleUploadedFile("x.png", b"not an image", content_type="image/png")},
            "photo",
            "This file is not an image we can read. Upload a JPEG, PNG or WebP picture.",
        ),
    ],
)
def test_staff_edit_with_bad_input_shows_the_error_and_saves_nothing(
    client, staff, waiting, overrides, field, error
):
    client.force_login(staff)

    response = client.post(
        reverse("staff:teacher_edit", args=[waiting.pk]), profile_data(**overrides)
    )

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [error]
    waiting.refresh_from_db()
    assert waiting.user.full_name == "Maria Santos"
    assert entries_for(waiting) == []


def test_staff_can_remove_a_photo(client, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    profile = TeacherProfileFactory()
    client.force_login(staff)
    client.post(reverse("staff:teacher_edit", args=[profile.pk]), profile_data(photo=png()))

    response = client.post(
        reverse("staff:teacher_edit", args=[profile.pk]), profile_data(remove_photo="on")
    )

    assert response.status_code == 302
    profile.refresh_from_db()
    assert not profile.photo
