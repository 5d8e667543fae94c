"""School writes: propose, update, verify (the proposer is told after commit), merge, and the
ASEM countries kept in sync."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.audit.models import AuditEntry
from core.mail import absolute_url
from schools.errors import SchoolError
from schools.models import School
from schools.services import (
    countries_sync,
    school_merge,
    school_propose,
    school_update,
    school_verify,
)
from teachers.models import TeacherProfile

from ..factories import (
    CountryFactory,
    LanguageFactory,
    SchoolFactory,
    StaffFactory,
    TeacherProfileFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def actions(school) -> list[tuple]:
    return [
        (entry.actor, entry.action, entry.note)
        for entry in AuditEntry.objects.filter(target_id=school.pk, action__startswith="school.")
    ]


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "navy").save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def propose(**overrides) -> School:
    fields = {
        "by": UserFactory(),
        "name": "  Liceo Galilei ",
        "country": CountryFactory(code="IT"),
        "city": " Pisa",
        "kind": "high",
        "languages": [LanguageFactory(code="it")],
    }
    return school_propose(**(fields | overrides))


# --- school_propose -----------------------------------------------------------------------------


def test_propose_adds_a_proposed_school_and_records_who(db):
    teacher = UserFactory()

    school = propose(by=teacher, website="https://liceo.example")

    assert (school.name, school.city, school.status) == ("Liceo Galilei", "Pisa", "proposed")
    assert (school.proposed_by, school.verified_at) == (teacher, None)
    assert school.website == "https://liceo.example"
    assert [language.code for language in school.languages.all()] == ["it"]
    assert actions(school) == [(teacher, "school.proposed", "")]


def test_propose_refuses_a_school_already_listed_whatever_the_case(db):
    existing = propose()

    with pytest.raises(SchoolError, match="is already listed"):
        propose(name="LICEO GALILEI", city="pisa")

    assert list(School.objects.all()) == [existing]


def test_propose_allows_the_same_name_in_another_city_or_country(db):
    propose()

    other_city = propose(city="Rome")
    other_country = propose(country=CountryFactory(code="FI"))

    assert School.objects.count() == 3
    assert {other_city.city, other_country.country.code} == {"Rome", "FI"}


def test_propose_re_encodes_the_logo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    school = propose(logo=png())

    assert school.logo.name.startswith("schools/logos/")
    assert "logo" not in school.logo.name.rsplit("/", 1)[1]  # a random name, not the upload's
    assert school.logo_thumbnail


# --- school_update ------------------------------------------------------------------------------


def update(school, by, **overrides) -> School:
    fields = {
        "name": school.name,
        "city": school.city,
        "kind": school.kind,
        "website": school.website,
        "student_count": school.student_count,
        "languages": list(school.languages.all()),
        "description": school.description,
    }
    return school_update(school=school, by=by, **(fields | overrides))


def test_update_changes_the_school_and_records_who(db):
    school = SchoolFactory(name="Old name")
    staff = StaffFactory()

    update(
        school,
        staff,
        name=" New name ",
        city="Espoo",
        student_count="500-999",
        description="A school by the sea.",
        languages=[LanguageFactory(code="fi"), LanguageFactory(code="en")],
    )

    school.refresh_from_db()
    assert (school.name, school.city, school.student_count) == ("New name", "Espoo", "500-999")
    assert school.description == "A school by the sea."
    assert sorted(language.code for language in school.languages.all()) == ["en", "fi"]
    assert actions(school) == [(staff, "school.edited", "")]


def test_update_refuses_the_name_of_another_school_in_the_city(db):
    SchoolFactory(name="Espoo Lyceum", city="Espoo")
    school = SchoolFactory(name="Espoo High", city="Espoo")

    with pytest.raises(SchoolError, match="Another school called espoo lyceum"):
        update(school, StaffFactory(), name="espoo lyceum")

    school.refresh_from_db()
    assert school.name == "Espoo High"
    assert actions(school) == []


def test_update_can_move_a_school_to_another_country(db):
    school = SchoolFactory()

    update(school, StaffFactory(), country=CountryFactory(code="JP"))

    school.refresh_from_db()
    assert school.country.code == "JP"


def test_update_removes_the_logo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    school = propose(logo=png())

    update(school, StaffFactory(), remove_logo=True)

    school.refresh_from_db()
    assert not school.logo
    assert not school.logo_thumbnail


# --- school_verify ------------------------------------------------------------------------------


def test_verify_lists_the_school_and_tells_the_proposer_after_commit(
    db, django_capture_on_commit_callbacks
):
    proposer = UserFactory(email="eva@school.example")
    school = SchoolFactory(proposed=True, name="Liceo Galilei", proposed_by=proposer)
    staff = StaffFactory()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        verified = school_verify(school=school, by=staff)

    # Recorded, but nothing leaves before the transaction commits.
    assert mail.outbox == []
    assert len(callbacks) == 1
    for callback in callbacks:
        callback()
    assert (verified.status, verified.is_verified) == ("verified", True)
    assert verified.verified_at is not None
    assert actions(school) == [(staff, "school.verified", "")]
    [message] = mail.outbox
    assert message.to == ["eva@school.example"]
    assert message.subject == "[ClassNet] Liceo Galilei is now in the ClassNet directory"
    assert absolute_url(school.get_absolute_url()) in message.body


def test_verify_mail_subject_writes_the_school_name_as_it_is(
    db, django_capture_on_commit_callbacks
):
    school = SchoolFactory(proposed=True, name="Lycée Jeanne d'Arc", proposed_by=UserFactory())

    with django_capture_on_commit_callbacks(execute=True):
        school_verify(school=school, by=StaffFactory())

    [message] = mail.outbox
    assert message.subject == "[ClassNet] Lycée Jeanne d'Arc is now in the ClassNet directory"


@pytest.mark.parametrize("proposer", ["none", "inactive"])
def test_verify_tells_nobody_when_the_proposer_is_gone(
    db, proposer, django_capture_on_commit_callbacks
):
    by = None if proposer == "none" else UserFactory(is_active=False)
    school = SchoolFactory(proposed=True, proposed_by=by)

    with django_capture_on_commit_callbacks(execute=True):
        school_verify(school=school, by=StaffFactory())

    school.refresh_from_db()
    assert school.is_verified
    assert mail.outbox == []


def test_verify_twice_is_refused(db, django_capture_on_commit_callbacks):
    school = SchoolFactory(proposed_by=UserFactory())
    verified_at = school.verified_at

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(SchoolError, match="is already verified"),
    ):
        school_verify(school=school, by=StaffFactory())

    school.refresh_from_db()
    assert school.verified_at == verified_at
    assert actions(school) == []
    assert mail.outbox == []


# --- school_merge -------------------------------------------------------------------------------


def test_merge_moves_teachers_and_languages_then_deletes_the_duplicate(db):
    country = CountryFactory(code="IT")
    into = SchoolFactory(country=country, languages=[LanguageFactory(code="it")])
    duplicate = SchoolFactory(
        proposed=True,
        country=country,
        name="Liceo Galilei",
        city="Pisa",
        languages=[LanguageFactory(code="en")],
    )
    teachers = [
        TeacherProfileFactory(pending=True, school=duplicate, user__country=country)
        for _ in range(2)
    ]
    staff = StaffFactory()

    result = school_merge(duplicate=duplicate, into=into, by=staff)

    assert result == into
    assert not School.objects.filter(pk=duplicate.pk).exists()
    assert list(TeacherProfile.objects.filter(school=into).order_by("pk")) == teachers
    assert sorted(language.code for language in into.languages.all()) == ["en", "it"]
    assert actions(into) == [
        (staff, "school.merged", f"Merged Liceo Galilei, Pisa (#{duplicate.pk}) into this school.")
    ]


def test_merge_keeps_the_verification_state_of_moved_teachers(db):
    into = SchoolFactory()
    duplicate = SchoolFactory(country=into.country)
    verified = TeacherProfileFactory(school=duplicate, user__country=into.country)

    school_merge(duplicate=duplicate, into=into, by=StaffFactory())

    verified.refresh_from_db()
    assert (verified.school, verified.verification) == (into, "verified")


def test_merge_into_itself_is_refused(db):
    school = SchoolFactory()

    with pytest.raises(SchoolError, match="A school cannot be merged into itself"):
        school_merge(duplicate=school, into=school, by=StaffFactory())

    assert School.objects.filter(pk=school.pk).exists()


def test_merge_across_countries_is_refused_and_changes_nothing(db):
    into = SchoolFactory(country=CountryFactory(code="FI"))
    duplicate = SchoolFactory(proposed=True, country=CountryFactory(code="JP"))
    teacher = TeacherProfileFactory(pending=True, school=duplicate)

    with pytest.raises(SchoolError, match="Only schools of the same country can be merged"):
        school_merge(duplicate=duplicate, into=into, by=StaffFactory())

    teacher.refresh_from_db()
    assert teacher.school == duplicate
    assert School.objects.filter(pk=duplicate.pk).exists()
    assert AuditEntry.objects.filter(action="school.merged").count() == 0


def test_merge_of_a_school_deleted_meanwhile_is_refused(db):
    into = SchoolFactory()
    duplicate = SchoolFactory(country=into.country)
    School.objects.filter(pk=duplicate.pk).delete()

    with pytest.raises(SchoolError, match="One of the two schools no longer exists"):
        school_merge(duplicate=duplicate, into=into, by=StaffFactory())


def test_countries_sync_is_idempotent_and_repairs_rows(db):
    from schools.models import Country

    Country.objects.filter(code="RU").update(region="europe", name="Russia")

    assert countries_sync() == 1
    assert countries_sync() == 0
    russia = Country.objects.get(code="RU")
    assert (russia.name, russia.region) == ("Russian Federation", "asia")
