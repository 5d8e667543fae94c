"""A teacher's own writes: profile, school, data export and erasure."""

import io

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.audit.models import AuditEntry
from core.audit.selectors import audit_entries_for
from core.mail import send_templated_email
from core.outbox.models import OutgoingEmail
from schools.models import Language, School, SchoolKind
from schools.services import SchoolError
from teachers.models import Subject, TeacherProfile, User
from teachers.services import (
    TeacherError,
    teacher_data_export,
    teacher_erase,
    teacher_profile_update,
    teacher_school_choose,
    teacher_school_propose,
    teacher_verify,
)

from ...factories import (
    PASSWORD,
    CountryFactory,
    JudgeFactory,
    SchoolFactory,
    StaffFactory,
    TeacherProfileFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def photo(name: str = "me.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 90), (40, 120, 200)).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def update(profile: TeacherProfile, **overrides) -> TeacherProfile:
    fields = {
        "full_name": profile.user.full_name,
        "subjects": list(profile.subjects.all()),
        "languages": list(profile.languages.all()),
        "student_age_min": profile.student_age_min,
        "student_age_max": profile.student_age_max,
        "bio": profile.bio,
    }
    return teacher_profile_update(profile=profile, **({"by": profile.user} | fields | overrides))


def actions_on(target) -> list[tuple[str, str | None]]:
    entries = reversed(list(audit_entries_for(target=target)))  # oldest first
    return [(e.action, e.actor.email if e.actor else None) for e in entries]


# --- teacher_profile_update ------------------------------------------------------------------


def test_profile_update_saves_what_partners_see():
    profile = TeacherProfileFactory(pending=True, school=None)
    physics, arts = Subject.objects.get(name="Physics"), Subject.objects.get(name="Arts")
    finnish, english = Language.objects.get(code="fi"), Language.objects.get(code="en")

    teacher_profile_update(
        profile=profile,
        full_name="  Aino Virtanen ",
        subjects=[physics, arts],
        languages=[finnish, english],
        student_age_min=13,
        student_age_max=16,
        bio="  Robots and rivers.  ",
        by=profile.user,
    )

    profile = TeacherProfile.objects.get(pk=profile.pk)
    assert profile.user.full_name == "Aino Virtanen"
    assert list(profile.subjects.order_by("name")) == [arts, physics]
    assert list(profile.languages.order_by("name")) == [english, finnish]
    assert (profile.student_age_min, profile.student_age_max) == (13, 16)
    assert profile.bio == "Robots and rivers."
    assert profile.verification == TeacherProfile.Verification.PENDING
    assert actions_on(profile) == []  # the teacher's own edits are not staff actions


def test_profile_update_stores_the_photo_re_encoded_with_a_thumbnail(private_media):
    profile = TeacherProfileFactory()

    update(profile, photo=photo("Aino at home.jpg"))

    profile.refresh_from_db()
    # private: a teacher's page is never public (served by teachers:photo, issue 14)
    assert profile.photo.name.startswith("private/teachers/photos/")
    assert "Aino" not in profile.photo.name
    assert profile.photo.storage.exists(profile.photo.name)
    assert profile.photo.storage.exists(profile.photo_thumbnail.name)
    assert not default_storage.exists(profile.photo.name.removeprefix("private/"))
    assert list((private_media / "media").rglob("*.*")) == []
    with Image.open(profile.photo_thumbnail) as thumbnail:
        assert thumbnail.size == (256, 256)


def test_profile_update_removes_the_photo_files(private_media):
    profile = TeacherProfileFactory()
    update(profile, photo=photo())
    profile.refresh_from_db()
    files = [profile.photo.name, profile.photo_thumbnail.name]
    storage = profile.photo.storage
    assert [storage.exists(name) for name in files] == [True, True]

    update(profile, remove_photo=True)

    profile.refresh_from_db()
    assert (profile.photo.name, profile.photo_thumbnail.name) == ("", "")
    assert [storage.exists(name) for name in files] == [False, False]


def test_profile_update_with_a_new_photo_deletes_the_old_one():
    profile = TeacherProfileFactory()
    update(profile, photo=photo())
    profile.refresh_from_db()
    old = [profile.photo.name, profile.photo_thumbnail.name]

    update(profile, photo=photo())

    assert [default_storage.exists(name) for name in old] == [False, False]


def test_profile_update_by_a_rejected_teacher_asks_staff_again():
    profile = TeacherProfileFactory(rejected=True)

    update(profile, bio="I teach physics at this school since 2019.", by=profile.user)

    profile.refresh_from_db()
    assert profile.verification == TeacherProfile.Verification.PENDING


def test_profile_update_by_staff_keeps_the_rejection_and_is_recorded():
    profile = TeacherProfileFactory(rejected=True)
    staff = StaffFactory()

    update(profile, full_name="Aino Virtanen", by=staff)

    profile.refresh_from_db()
    assert profile.verification == TeacherProfile.Verification.REJECTED
    assert actions_on(profile) == [("teacher.edited", staff.email)]


def test_profile_update_refuses_a_blank_name_and_saves_nothing():
    profile = TeacherProfileFactory(user__full_name="Aino Virtanen")

    with pytest.raises(ValidationError):
        update(profile, full_name="   ", bio="changed")

    profile.refresh_from_db()
    assert (profile.user.full_name, profile.bio) == ("Aino Virtanen", "")


# --- teacher_school_choose -------------------------------------------------------------------


def test_school_choose_names_the_school_and_keeps_the_teacher_waiting():
    profile = TeacherProfileFactory(pending=True, school=None)
    school = SchoolFactory(country=profile.user.country)

    teacher_school_choose(profile=profile, school=school, by=profile.user)

    profile.refresh_from_db()
    assert (profile.school, profile.verification) == (school, "pending")
    assert actions_on(profile) == [("teacher.school_chosen", profile.user.email)]


def test_school_choose_another_school_means_verification_again():
    profile = TeacherProfileFactory(verification_note="")
    new_school = SchoolFactory(country=profile.user.country)

    teacher_school_choose(profile=profile, school=new_school, by=profile.user)

    profile.refresh_from_db()
    assert (profile.school, profile.verification, profile.verified_at) == (
        new_school,
        "pending",
        None,
    )


def test_school_choose_after_a_rejection_clears_the_reason():
    profile = TeacherProfileFactory(rejected=True)

    teacher_school_choose(
        profile=profile, school=SchoolFactory(country=profile.user.country), by=profile.user
    )

    profile.refresh_from_db()
    assert (profile.verification, profile.verification_note) == ("pending", "")


def test_school_choose_the_same_school_changes_nothing():
    profile = TeacherProfileFactory()
    school = profile.school

    teacher_school_choose(profile=profile, school=school, by=profile.user)

    profile.refresh_from_db()
    assert (profile.school, profile.verification) == (school, "verified")
    assert actions_on(profile) == []


def test_school_choose_in_another_country_is_refused():
    profile = TeacherProfileFactory(pending=True, school=None)
    japanese = SchoolFactory(country=CountryFactory(code="JP"))

    with pytest.raises(TeacherError) as caught:
        teacher_school_choose(profile=profile, school=japanese, by=profile.user)

    assert str(caught.value) == "That school is in Japan, but your account says Finland."
    profile.refresh_from_db()
    assert profile.school is None


def test_school_choose_without_a_country_on_the_account_takes_any_country():
    profile = TeacherProfileFactory(pending=True, school=None, user__country=None)
    japanese = SchoolFactory(country=CountryFactory(code="JP"))

    teacher_school_choose(profile=profile, school=japanese, by=profile.user)

    profile.refresh_from_db()
    assert profile.school == japanese


# --- teacher_school_propose ------------------------------------------------------------------


def test_school_propose_adds_the_school_and_names_it():
    profile = TeacherProfileFactory(pending=True, school=None)
    finnish = Language.objects.get(code="fi")

    school = teacher_school_propose(
        profile=profile,
        by=profile.user,
        name=" Espoo Lyceum ",
        country=profile.user.country,
        city="Espoo",
        kind=SchoolKind.HIGH,
        website="https://lyceum.example",
        languages=[finnish],
    )

    profile.refresh_from_db()
    assert profile.school == school
    assert (school.name, school.city, school.status) == ("Espoo Lyceum", "Espoo", "proposed")
    assert (school.proposed_by, list(school.languages.all())) == (profile.user, [finnish])
    assert actions_on(school) == [("school.proposed", profile.user.email)]


def test_school_propose_of_a_listed_school_is_refused_and_saves_nothing():
    profile = TeacherProfileFactory(pending=True, school=None)
    SchoolFactory(name="Espoo Lyceum", city="Espoo", country=profile.user.country)

    with pytest.raises(SchoolError) as caught:
        teacher_school_propose(
            profile=profile,
            by=profile.user,
            name="ESPOO lyceum",
            country=profile.user.country,
            city="espoo",
            kind=SchoolKind.HIGH,
        )

    assert "Espoo Lyceum, Espoo is already listed" in str(caught.value)
    assert School.objects.filter(name__iexact="espoo lyceum").count() == 1
    profile.refresh_from_db()
    assert profile.school is None


def test_school_propose_in_another_country_leaves_no_school_behind():
    profile = TeacherProfileFactory(pending=True, school=None)

    with pytest.raises(TeacherError):
        teacher_school_propose(
            profile=profile,
            by=profile.user,
            name="Tokyo Gakuen",
            country=CountryFactory(code="JP"),
            city="Tokyo",
            kind=SchoolKind.HIGH,
        )

    assert not School.objects.filter(name="Tokyo Gakuen").exists()


# --- teacher_data_export ---------------------------------------------------------------------


def test_data_export_holds_everything_about_the_person(django_capture_on_commit_callbacks):
    user = UserFactory(email="aino@school.example", full_name="Aino Virtanen")
    profile = TeacherProfileFactory(
        user=user,
        pending=True,
        school=None,
        subjects=[Subject.objects.get(name="Physics"), Subject.objects.get(name="Arts")],
        languages=[Language.objects.get(code="fi"), Language.objects.get(code="en")],
    )
    school = SchoolFactory(name="Espoo Lyceum", city="Espoo", country=user.country)
    SchoolFactory(name="Oulu Lyceum", city="Oulu", country=user.country, proposed_by=user)
    teacher_school_choose(profile=profile, school=school, by=profile.user)
    TeacherProfile.objects.filter(pk=profile.pk).update(bio="Robots.")
    with django_capture_on_commit_callbacks(execute=True):
        teacher_verify(profile=profile, by=StaffFactory())
    UserFactory(email="someone.else@school.example")  # their data must not show
    user.refresh_from_db()
    profile.refresh_from_db()
    email = OutgoingEmail.objects.get(recipients__contains=",aino@school.example,")
    chosen = AuditEntry.objects.get(action="teacher.school_chosen")

    data = teacher_data_export(user=user)

    assert data == {
        "account": {
            "email": "aino@school.example",
            "full_name": "Aino Virtanen",
            "name_latin": "",
            "country": "Finland",
            "date_joined": user.date_joined.isoformat(),
            "last_login": None,
            "roles": [],
        },
        "email_addresses": [{"email": "aino@school.example", "verified": True, "primary": True}],
        "teacher_profile": {
            "school": "Espoo Lyceum, Espoo",
            "school_country": "Finland",
            "subjects": ["Arts", "Physics"],
            "languages": ["English", "Finnish"],
            "student_age_min": 14,
            "student_age_max": 18,
            "bio": "Robots.",
            "photo": None,
            "verification": "verified",
            "verification_note": "",
            "verified_at": profile.verified_at.isoformat(),
        },
        "emails_sent_to_you": [
            {
                "subject": (
                    "[ClassNet] You are verified at Espoo Lyceum: welcome to the ClassNet network"
                ),
                "status": "sent",
                "created_at": email.created_at.isoformat(),
            }
        ],
        "schools_you_proposed": [{"name": "Oulu Lyceum", "city": "Oulu", "country": "Finland"}],
        "activity": [
            {
                "action": "teacher.school_chosen",
                "at": chosen.created_at.isoformat(),
                "note": "Espoo Lyceum, Espoo",
            }
        ],
        # Sections of the apps above teachers (registered in their AppConfig.ready()).
        "collaborations": {
            "diary_posts": [],
            "invitations": [],
            "join_requests": [],
            "memberships": [],
        },
        "conference_applications": [],
    }


def test_data_export_of_a_judge_without_a_teacher_profile():
    judge = JudgeFactory(email="kenji@judges.example", full_name="Kenji Watanabe")

    data = teacher_data_export(user=judge)

    assert data["account"]["roles"] == ["Judges"]
    assert data["teacher_profile"] is None
    assert data["email_addresses"] == [
        {"email": "kenji@judges.example", "verified": True, "primary": True}
    ]


# --- teacher_erase ---------------------------------------------------------------------------


def teachers_by_school(school: School) -> int:
    return TeacherProfile.objects.filter(school=school).count()


def test_erase_removes_personal_data_and_keeps_the_count():
    profile = TeacherProfileFactory(
        user__email="aino@school.example",
        user__full_name="Aino Virtanen",
        languages=[Language.objects.get(code="fi")],
        subjects=[Subject.objects.get(name="Physics")],
    )
    update(profile, bio="Robots and rivers.", photo=photo())
    TeacherProfile.objects.filter(pk=profile.pk).update(verification_note="Checked by phone")
    profile.refresh_from_db()
    files = [profile.photo.name, profile.photo_thumbnail.name]
    school = profile.school
    TeacherProfileFactory(school=school, user__country=school.country)
    send_templated_email(
        template="teacher_verified",
        to=["aino@school.example"],
        context={"profile": profile, "url": "/me/"},
    )
    send_templated_email(
        template="teacher_verified",
        to=["other@school.example"],
        context={"profile": profile, "url": "/me/"},
    )
    assert teachers_by_school(school) == 2

    teacher_erase(user=profile.user)

    user = User.objects.get(pk=profile.user.pk)
    profile = TeacherProfile.objects.get(pk=profile.pk)
    assert (user.email, user.full_name) == (f"erased-{user.pk}@invalid", "Former member")
    assert (user.is_active, user.has_usable_password(), user.last_login) == (False, False, None)
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not EmailAddress.objects.filter(email__iexact="aino@school.example").exists()
    assert (profile.bio, profile.verification_note, profile.photo.name) == ("", "", "")
    assert list(profile.languages.all()) == []
    assert list(profile.subjects.all()) == []
    assert (profile.student_age_min, profile.student_age_max) == (None, None)
    assert [default_storage.exists(name) for name in files] == [False, False]
    assert list(OutgoingEmail.objects.values_list("to", flat=True)) == [["other@school.example"]]
    # Anonymous counts stay right: the shell is still a teacher of the school.
    assert profile.school == school
    assert teachers_by_school(school) == 2
    assert ("teacher.erased", None) in actions_on(profile)


def test_erase_clears_roles_and_staff_access():
    staff = StaffFactory()

    teacher_erase(user=staff)

    staff.refresh_from_db()
    assert (staff.is_staff, list(staff.groups.all())) == (False, [])


def test_erased_person_cannot_log_in(client):
    profile = TeacherProfileFactory(user__email="aino@school.example")

    teacher_erase(user=profile.user)

    assert client.login(email="aino@school.example", password=PASSWORD) is False
