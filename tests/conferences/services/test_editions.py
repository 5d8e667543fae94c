"""Running an edition: details, quotas, status steps, programme sessions, and the figures the
public pages compute from the data."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from conferences.models import (
    Application,
    CheckIn,
    Edition,
    EditionCountryQuota,
    Session,
    WaitlistOffer,
    WorkshopSignup,
)
from conferences.selectors import places
from conferences.selectors.editions import editions_for_staff, with_participant_figures
from conferences.services.editions import (
    EditionError,
    QuotaRow,
    TargetRow,
    edition_create,
    edition_set_status,
    edition_update,
    session_create,
    session_delete,
    session_update,
)
from core.audit.models import AuditEntry
from tests.factories import CountryFactory, EditionFactory, TeacherProfileFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def _fields(**overrides):
    fields = {
        "number": 18,
        "title": "Climate and Classrooms",
        "theme": "Climate",
        "city": "Tokyo",
        "country": CountryFactory(code="JP"),
        "venue": "",
        "time_zone": "",
        "starts_on": datetime.date(2030, 11, 25),
        "ends_on": datetime.date(2030, 11, 29),
        "format": "in_person",
        "capacity": 100,
        "applications_open_at": None,
        "applications_close_at": None,
        "description": "",
        "offer_hours": 72,
        "reminder_days": 7,
    }
    return fields | overrides


def _participant(edition, *, status="approved", country_code="FI"):
    profile = TeacherProfileFactory(school__country=CountryFactory(code=country_code))
    return Application.objects.create(
        edition=edition, teacher=profile, school=profile.school, motivation="Hi", status=status
    )


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (800, 400), (30, 120, 200))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (35.0, 41.0, 0.0)}  # GPS IFD
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


# --- edition_create / edition_update ------------------------------------------------------


def test_edition_create_saves_a_draft_with_quotas_targets_and_audit(staff):
    japan, finland = CountryFactory(code="JP"), CountryFactory(code="FI")

    edition = edition_create(
        by=staff,
        fields=_fields(),
        quotas=[QuotaRow(country=japan, max_teachers=8), QuotaRow(country=finland, max_teachers=5)],
        targets=[TargetRow(region="asia", target=50)],
    )

    assert edition.status == "draft"
    assert edition.time_zone == "Asia/Tokyo"  # blank: the host country's zone
    assert sorted(edition.country_quotas.values_list("country__code", "max_teachers")) == [
        ("FI", 5),
        ("JP", 8),
    ]
    assert list(edition.region_targets.values_list("region", "target")) == [("asia", 50)]
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["edition.created"]


def test_edition_create_refuses_a_taken_number(staff):
    EditionFactory(number=18)

    with pytest.raises(EditionError) as error:
        edition_create(by=staff, fields=_fields(number=18, title="Another"))

    assert error.value.field == "number"
    assert "already a 18th edition" in str(error.value)
    assert not Edition.objects.filter(title="Another").exists()


def test_edition_create_refuses_an_end_before_the_start(staff):
    with pytest.raises(EditionError) as error:
        edition_create(by=staff, fields=_fields(ends_on=datetime.date(2030, 11, 20)))

    assert error.value.field == "ends_on"
    assert not Edition.objects.exists()


def test_edition_create_refuses_a_window_closing_before_it_opens(staff):
    opens = datetime.datetime(2030, 3, 1, tzinfo=UTC)
    with pytest.raises(EditionError) as error:
        edition_create(
            by=staff,
            fields=_fields(
                applications_open_at=opens,
                applications_close_at=opens - datetime.timedelta(hours=1),
            ),
        )

    assert error.value.field == "applications_close_at"
    assert not Edition.objects.exists()


def test_edition_create_refuses_two_quotas_for_one_country(staff):
    japan = CountryFactory(code="JP")

    with pytest.raises(EditionError, match="at most one quota"):
        edition_create(
            by=staff,
            fields=_fields(),
            quotas=[
                QuotaRow(country=japan, max_teachers=3),
                QuotaRow(country=japan, max_teachers=4),
            ],
        )

    assert not Edition.objects.exists()


def test_edition_update_refuses_a_capacity_below_the_places_held(staff):
    edition = EditionFactory(number=17, status="closed", capacity=5)
    for _ in range(3):
        _participant(edition)

    with pytest.raises(EditionError) as error:
        edition_update(edition=edition, by=staff, fields={"capacity": 2, "title": "Changed"})

    assert error.value.field == "capacity"
    assert "3 places are already held" in str(error.value)
    edition.refresh_from_db()
    assert (edition.capacity, edition.title) == (5, "Gender Equality: Reprogramming STEM Education")


def test_edition_update_accepts_a_capacity_equal_to_the_places_held(staff):
    edition = EditionFactory(number=17, status="closed", capacity=5)
    for _ in range(3):
        _participant(edition)

    edition_update(edition=edition, by=staff, fields={"capacity": 3})

    edition.refresh_from_db()
    assert edition.capacity == 3
    assert AuditEntry.objects.filter(action="edition.edited").count() == 1


def test_edition_update_refuses_a_quota_below_the_countrys_places_held(staff):
    edition = EditionFactory(number=17, status="closed")
    japan = CountryFactory(code="JP")
    _participant(edition, country_code="JP")
    _participant(edition, country_code="JP")

    with pytest.raises(EditionError, match="Japan already hold 2 places"):
        edition_update(
            edition=edition, by=staff, fields={}, quotas=[QuotaRow(country=japan, max_teachers=1)]
        )

    assert not EditionCountryQuota.objects.exists()


def test_edition_update_replaces_quotas(staff):
    edition = EditionFactory(number=17)
    japan, finland = CountryFactory(code="JP"), CountryFactory(code="FI")
    EditionCountryQuota.objects.create(edition=edition, country=japan, max_teachers=4)

    edition_update(
        edition=edition, by=staff, fields={}, quotas=[QuotaRow(country=finland, max_teachers=6)]
    )

    assert list(edition.country_quotas.values_list("country__code", "max_teachers")) == [("FI", 6)]


def test_edition_cover_is_reencoded_without_gps_and_gets_a_thumbnail(staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    edition = EditionFactory(number=17)
    upload = SimpleUploadedFile("tokyo.jpg", _jpeg_with_gps(), content_type="image/jpeg")

    edition_update(edition=edition, by=staff, fields={}, cover=upload)

    edition.refresh_from_db()
    assert edition.cover.name.startswith("editions/covers/")
    assert "tokyo" not in edition.cover.name
    with Image.open(edition.cover.path) as stored:
        assert stored.size == (800, 400)
        assert 0x8825 not in stored.getexif()
    with Image.open(edition.cover_thumbnail.path) as thumbnail:
        assert thumbnail.size == (480, 480)


# --- edition_set_status -------------------------------------------------------------------


def test_edition_goes_through_every_status_in_order(staff):
    edition = EditionFactory(number=17, status="draft")  # held in 2018
    steps = ["published", "applications_open", "closed", "held", "archived"]

    for step in steps:
        edition = edition_set_status(edition=edition, by=staff, to=step)

    edition.refresh_from_db()
    assert edition.status == "archived"
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        f"edition.{step}" for step in steps
    ]
    assert AuditEntry.objects.filter(note="Draft → Published").exists()


def test_opening_applications_without_a_window_opens_them_now(staff):
    edition = EditionFactory(number=17, status="published")
    before = timezone.now()

    edition_set_status(edition=edition, by=staff, to="applications_open")

    edition.refresh_from_db()
    assert edition.status == "applications_open"
    assert edition.applications_open_at >= before
    assert edition.accepts_applications


@pytest.mark.parametrize(
    ("status", "to"),
    [
        ("draft", "applications_open"),
        ("draft", "closed"),
        ("published", "held"),
        ("applications_open", "draft"),
        ("held", "applications_open"),
        ("archived", "draft"),
    ],
)
def test_edition_refuses_a_jump_between_statuses(staff, status, to):
    edition = EditionFactory(number=17, status=status)

    with pytest.raises(EditionError, match="cannot become"):
        edition_set_status(edition=edition, by=staff, to=to)

    edition.refresh_from_db()
    assert edition.status == status
    assert not AuditEntry.objects.exists()


def test_unpublishing_is_refused_once_teachers_applied(staff):
    edition = EditionFactory(number=17, status="published")
    _participant(edition, status="submitted")

    with pytest.raises(EditionError, match="cannot go back to being a draft"):
        edition_set_status(edition=edition, by=staff, to="draft")

    edition.refresh_from_db()
    assert edition.status == "published"


def test_unpublishing_without_applications_is_allowed(staff):
    edition = EditionFactory(number=17, status="published")

    edition_set_status(edition=edition, by=staff, to="draft")

    edition.refresh_from_db()
    assert edition.status == "draft"


def test_opening_applications_after_the_window_closed_is_refused(staff):
    edition = EditionFactory(
        number=17,
        status="closed",
        time_zone="Asia/Tokyo",
        applications_close_at=datetime.datetime(2020, 3, 1, 15, 0, tzinfo=UTC),
    )

    with pytest.raises(EditionError, match=r"closed on 02 Mar 2020, 00:00"):  # Tokyo time
        edition_set_status(edition=edition, by=staff, to="applications_open")

    edition.refresh_from_db()
    assert edition.status == "closed"


def test_reopening_applications_within_the_window_is_allowed(staff):
    edition = EditionFactory(
        number=17,
        status="closed",
        applications_open_at=timezone.now() - datetime.timedelta(days=3),
        applications_close_at=timezone.now() + datetime.timedelta(days=3),
    )

    edition_set_status(edition=edition, by=staff, to="applications_open")

    edition.refresh_from_db()
    assert edition.status == "applications_open"


def test_marking_as_held_before_the_start_is_refused(staff):
    starts_on = timezone.localdate() + datetime.timedelta(days=10)
    edition = EditionFactory(
        number=17,
        status="closed",
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=4),
    )

    with pytest.raises(EditionError, match="mark it as held once it has begun"):
        edition_set_status(edition=edition, by=staff, to="held")

    edition.refresh_from_db()
    assert edition.status == "closed"


# --- sessions -----------------------------------------------------------------------------


@pytest.fixture
def tokyo():
    return EditionFactory(
        number=15,
        city="Tokyo",
        country=CountryFactory(code="JP"),
        time_zone="Asia/Tokyo",
        starts_on=datetime.date(2030, 11, 25),
        ends_on=datetime.date(2030, 11, 29),
        status="published",
    )


def _session_fields(starts_at, minutes=60, **overrides):
    return {
        "kind": "plenary",
        "title": "Opening",
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(minutes=minutes),
        "room": "Hall",
        "speakers": "",
        "description": "",
        "capacity": None,
    } | overrides


def test_session_create_accepts_the_first_local_morning(staff, tokyo):
    # 24 Nov 15:30 UTC is 25 Nov 00:30 in Tokyo: the edition's first day.
    session = session_create(
        edition=tokyo,
        by=staff,
        fields=_session_fields(datetime.datetime(2030, 11, 24, 15, 30, tzinfo=UTC)),
    )

    assert Session.objects.get().pk == session.pk
    assert AuditEntry.objects.get().action == "session.created"


@pytest.mark.parametrize(
    "starts_at",
    [
        datetime.datetime(2030, 11, 24, 14, 0, tzinfo=UTC),  # 24 Nov, 23:00 in Tokyo
        datetime.datetime(2030, 11, 29, 15, 0, tzinfo=UTC),  # 30 Nov, 00:00 in Tokyo
    ],
)
def test_session_outside_the_editions_local_days_is_refused(staff, tokyo, starts_at):
    with pytest.raises(EditionError) as error:
        session_create(edition=tokyo, by=staff, fields=_session_fields(starts_at))

    assert error.value.field == "starts_at"
    assert "25 November 2030 to 29 November 2030 (Asia/Tokyo time)" in str(error.value)
    assert not Session.objects.exists()


def test_session_ending_before_it_starts_is_refused(staff, tokyo):
    start = datetime.datetime(2030, 11, 25, 1, 0, tzinfo=UTC)

    with pytest.raises(EditionError) as error:
        session_create(edition=tokyo, by=staff, fields=_session_fields(start, minutes=-30))

    assert error.value.field == "ends_at"
    assert not Session.objects.exists()


def test_a_capacity_is_for_workshops_only(staff, tokyo):
    start = datetime.datetime(2030, 11, 25, 1, 0, tzinfo=UTC)

    with pytest.raises(EditionError) as error:
        session_create(edition=tokyo, by=staff, fields=_session_fields(start, capacity=20))

    assert error.value.field == "capacity"
    workshop = session_create(
        edition=tokyo, by=staff, fields=_session_fields(start, kind="workshop", capacity=20)
    )
    assert workshop.capacity == 20


def _workshop_with_signups(edition, count):
    workshop = Session.objects.create(
        edition=edition,
        kind="workshop",
        title="Robots",
        starts_at=datetime.datetime(2030, 11, 26, 1, 0, tzinfo=UTC),
        ends_at=datetime.datetime(2030, 11, 26, 3, 0, tzinfo=UTC),
        capacity=10,
    )
    for _ in range(count):
        WorkshopSignup.objects.create(session=workshop, application=_participant(edition))
    return workshop


def test_session_update_refuses_a_capacity_below_the_signups(staff, tokyo):
    workshop = _workshop_with_signups(tokyo, 3)

    with pytest.raises(EditionError, match="3 participants have signed up"):
        session_update(session=workshop, by=staff, fields={"capacity": 2})

    workshop.refresh_from_db()
    assert workshop.capacity == 10


def test_session_update_moves_the_session(staff, tokyo):
    workshop = _workshop_with_signups(tokyo, 0)
    start = datetime.datetime(2030, 11, 27, 1, 0, tzinfo=UTC)

    session_update(
        session=workshop,
        by=staff,
        fields={"starts_at": start, "ends_at": start + datetime.timedelta(hours=1)},
    )

    workshop.refresh_from_db()
    assert workshop.starts_at == start
    assert AuditEntry.objects.get().note == "Robots"


def test_session_delete_refuses_a_workshop_with_signups(staff, tokyo):
    workshop = _workshop_with_signups(tokyo, 2)

    with pytest.raises(EditionError, match="2 participants have signed up for “Robots”"):
        session_delete(session=workshop, by=staff)

    assert Session.objects.filter(pk=workshop.pk).exists()


def test_session_delete_removes_a_session_without_signups(staff, tokyo):
    workshop = _workshop_with_signups(tokyo, 0)

    session_delete(session=workshop, by=staff)

    assert not Session.objects.exists()
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.target_id, entry.note) == ("session.deleted", tokyo.pk, "Robots")


# --- figures computed from the data -------------------------------------------------------


def _annotated(edition):
    return with_participant_figures(Edition.objects.filter(pk=edition.pk)).get()


def test_a_coming_editions_participants_are_the_approved_and_attended():
    edition = EditionFactory(number=17, status="applications_open")
    _participant(edition, status="approved", country_code="JP")
    _participant(edition, status="approved", country_code="JP")
    _participant(edition, status="attended", country_code="FI")
    _participant(edition, status="submitted", country_code="TH")
    _participant(edition, status="withdrawn", country_code="KR")

    annotated = _annotated(edition)

    assert (annotated.participant_count, annotated.participant_country_count) == (3, 2)


def test_a_held_editions_participants_are_those_who_attended():
    edition = EditionFactory(number=14, status="held")
    attended = _participant(edition, status="attended", country_code="FI")
    CheckIn.objects.create(application=attended, day=edition.starts_on)
    _participant(edition, status="approved", country_code="JP")  # a no-show

    annotated = _annotated(edition)

    assert (annotated.participant_count, annotated.participant_country_count) == (1, 1)


def test_a_held_edition_without_checkins_falls_back_to_the_approved():
    edition = EditionFactory(number=14, status="archived")
    _participant(edition, status="approved", country_code="FI")
    _participant(edition, status="approved", country_code="JP")

    annotated = _annotated(edition)

    assert (annotated.participant_count, annotated.participant_country_count) == (2, 2)


def test_places_annotations_count_as_places_held_does():
    edition = EditionFactory(number=17, status="applications_open", capacity=4)
    _participant(edition, status="approved")
    _participant(edition, status="attended")
    waitlisted = _participant(edition, status="waitlisted")
    WaitlistOffer.objects.create(
        application=waitlisted,
        token="t" * 40,
        expires_at=timezone.now() + datetime.timedelta(hours=72),
    )
    old_offer_holder = _participant(edition, status="waitlisted")
    WaitlistOffer.objects.create(
        application=old_offer_holder,
        token="u" * 40,
        status="expired",
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    _participant(edition, status="rejected")

    annotated = _annotated(edition)

    assert annotated.places_held_count == places.places_held(edition=edition) == 3
    assert annotated.places_left_count == places.places_left(edition=edition) == 1


def test_places_left_never_goes_below_zero():
    edition = EditionFactory(number=17, status="closed", capacity=1)
    _participant(edition)
    _participant(edition)

    assert _annotated(edition).places_left_count == 0


def test_editions_for_staff_count_applications_to_decide_and_sessions():
    edition = EditionFactory(number=17, status="applications_open")
    _participant(edition, status="submitted")
    _participant(edition, status="under_review")
    _participant(edition, status="approved")
    _participant(edition, status="withdrawn")
    _workshop_with_signups(edition, 0)

    row = editions_for_staff().get(pk=edition.pk)

    assert (row.application_count, row.to_decide_count, row.session_count) == (3, 2, 1)


def test_a_refused_update_keeps_the_old_cover_on_storage(staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    edition = EditionFactory(number=17, status="closed", capacity=5)
    edition_update(
        edition=edition,
        by=staff,
        fields={},
        cover=SimpleUploadedFile("a.jpg", _jpeg_with_gps(), content_type="image/jpeg"),
    )
    edition.refresh_from_db()
    old_path = edition.cover.path
    _participant(edition, country_code="JP")
    japan = CountryFactory(code="JP")

    with pytest.raises(EditionError):
        edition_update(
            edition=edition,
            by=staff,
            fields={},
            cover=SimpleUploadedFile("b.jpg", _jpeg_with_gps(), content_type="image/jpeg"),
            quotas=[
                QuotaRow(country=japan, max_teachers=1),
                QuotaRow(country=japan, max_teachers=2),
            ],
        )

    edition.refresh_from_db()
    assert edition.cover.path == old_path
    assert (tmp_path / edition.cover.name).exists()
    assert len(list((tmp_path / "editions" / "covers").iterdir())) == 2  # the cover, its thumbnail
