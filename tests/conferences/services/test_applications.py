"""Every write of conferences/services/applications.py: what it does, what it refuses
(changing nothing), and that e-mails leave only after the transaction commits."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from conferences.errors import ConferenceError
from conferences.models import Application, EditionCountryQuota
from conferences.services.applications import (
    application_approve,
    application_reject,
    application_submit,
    application_waitlist,
    application_withdraw,
    places_taken,
)
from core.audit.models import AuditEntry
from core.outbox.models import OutgoingEmail

from ...factories import CountryFactory, EditionFactory, SchoolFactory, TeacherProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    now = timezone.now()
    return EditionFactory(
        number=17,
        status="applications_open",
        capacity=2,
        applications_open_at=now - datetime.timedelta(days=1),
        applications_close_at=now + datetime.timedelta(days=30),
    )


def submit(edition, user, **overrides):
    fields = {
        "motivation": " I teach robotics. ",
        "collaboration_plan": "Water quality with Kyoto",
        "needs_dietary": "Vegetarian",
        "needs_access": "",
        "consent_to_list": True,
        **overrides,
    }
    return application_submit(edition=edition, by=user, **fields)


def application_for(edition, profile=None, status="submitted"):
    profile = profile or TeacherProfileFactory()
    return Application.objects.create(
        edition=edition,
        teacher=profile,
        school=profile.school,
        motivation="Hello",
        status=status,
    )


def snapshot():
    return sorted(Application.objects.values_list("pk", "status", "reason", "decided_by"))


# --- submit ----------------------------------------------------------------------------------


def test_application_submit_records_the_school_and_mails_after_commit(
    edition, teacher, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        application = submit(edition, teacher)
        assert mail.outbox == []
    for callback in callbacks:
        callback()

    application.refresh_from_db()
    assert (
        application.status,
        application.teacher,
        application.school,
        application.motivation,
        application.collaboration_plan,
        application.needs_dietary,
        application.consent_to_list,
    ) == (
        "submitted",
        teacher.teacher_profile,
        teacher.teacher_profile.school,
        "I teach robotics.",
        "Water quality with Kyoto",
        "Vegetarian",
        True,
    )
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([teacher.email], f"[ClassNet] We received your application to the {edition}")
    ]


def test_application_submit_rolled_back_sends_nothing(
    edition, teacher, django_capture_on_commit_callbacks
):
    def submit_then_fail():
        with transaction.atomic():
            submit(edition, teacher)
            raise RuntimeError

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        submit_then_fail()

    assert mail.outbox == []
    assert not Application.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_application_submit_is_audited_in_its_transaction(edition, teacher):
    application = submit(edition, teacher)

    assert list(AuditEntry.objects.values_list("actor", "action", "target_id")) == [
        (teacher.pk, "application.submitted", application.pk)
    ]


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (
            "unverified",
            "Only teachers whose school staff have verified can apply. See My ClassNet.",
        ),
        (
            "no_profile",
            "Only teachers whose school staff have verified can apply. See My ClassNet.",
        ),
        ("draft", "This edition is not taking applications now."),
        ("closed", "This edition is not taking applications now."),
        ("before_window", "This edition is not taking applications now."),
        ("after_window", "This edition is not taking applications now."),
        ("twice", "You have already applied to this edition."),
        ("no_motivation", "Tell us why you want to take part."),
    ],
)
def test_application_submit_refused(
    edition, teacher, unverified_teacher, user, setup, message, django_capture_on_commit_callbacks
):
    by, overrides = teacher, {}
    now = timezone.now()
    if setup == "unverified":
        by = unverified_teacher
    elif setup == "no_profile":
        by = user
    elif setup in {"draft", "closed"}:
        edition.status = setup
        edition.save()
    elif setup == "before_window":
        edition.applications_open_at = now + datetime.timedelta(days=1)
        edition.save()
    elif setup == "after_window":
        edition.applications_close_at = now - datetime.timedelta(minutes=1)
        edition.applications_open_at = now - datetime.timedelta(days=3)
        edition.save()
    elif setup == "twice":
        application_for(edition, teacher.teacher_profile)
    elif setup == "no_motivation":
        overrides = {"motivation": "   "}
    before = snapshot()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ConferenceError) as error:
        submit(edition, by, **overrides)

    assert str(error.value) == message
    assert snapshot() == before
    assert mail.outbox == []


def test_application_submit_again_after_withdrawing(edition, teacher):
    application_for(edition, teacher.teacher_profile, status="withdrawn")

    application = submit(edition, teacher)

    assert list(edition.applications.order_by("pk").values_list("status", flat=True)) == [
        "withdrawn",
        "submitted",
    ]
    assert application.status == "submitted"


def test_application_one_active_per_teacher_in_the_database(edition, teacher):
    application_for(edition, teacher.teacher_profile)

    with pytest.raises(IntegrityError), transaction.atomic():
        application_for(edition, teacher.teacher_profile)


def test_accepts_applications_without_a_window_follows_the_status(edition):
    edition.applications_open_at = edition.applications_close_at = None

    assert edition.accepts_applications is True
    edition.status = "published"
    assert edition.accepts_applications is False


# --- withdraw --------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["submitted", "under_review", "approved", "waitlisted"])
def test_application_withdraw_by_the_teacher_frees_the_place(edition, teacher, status):
    application = application_for(edition, teacher.teacher_profile, status=status)

    application_withdraw(application=application, by=teacher)

    application.refresh_from_db()
    assert application.status == "withdrawn"
    assert places_taken(edition=edition) == 0


@pytest.mark.parametrize(
    ("who", "status", "message"),
    [
        (
            "other_teacher",
            "submitted",
            "Only the teacher who applied can withdraw the application.",
        ),
        ("staff", "submitted", "Only the teacher who applied can withdraw the application."),
        ("teacher", "withdrawn", "This application can no longer be withdrawn."),
        ("teacher", "rejected", "This application can no longer be withdrawn."),
        ("teacher", "attended", "This application can no longer be withdrawn."),
    ],
)
def test_application_withdraw_refused(edition, teacher, request, who, status, message):
    application = application_for(edition, teacher.teacher_profile, status=status)
    before = snapshot()

    with pytest.raises(ConferenceError) as error:
        application_withdraw(application=application, by=request.getfixturevalue(who))

    assert str(error.value) == message
    assert snapshot() == before


# --- approve ---------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["submitted", "under_review", "waitlisted"])
def test_application_approve_records_the_decision_and_mails_after_commit(
    edition, staff, status, django_capture_on_commit_callbacks
):
    application = application_for(edition, status=status)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        application_approve(application=application, by=staff)
        assert mail.outbox == []
    for callback in callbacks:
        callback()

    application.refresh_from_db()
    assert (application.status, application.decided_by, application.decided_at is not None) == (
        "approved",
        staff,
        True,
    )
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([application.teacher.user.email], f"[ClassNet] You have a place at the {edition}")
    ]
    assert list(AuditEntry.objects.values_list("actor", "action")) == [
        (staff.pk, "application.approved")
    ]


def test_application_approve_refused_when_the_edition_is_full(
    edition, staff, django_capture_on_commit_callbacks
):
    application_for(edition, status="approved")
    application_for(edition, status="attended")
    application = application_for(edition)
    before = snapshot()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ConferenceError) as error:
        application_approve(application=application, by=staff)

    assert str(error.value) == "No places left: the edition's 2 places are taken."
    assert snapshot() == before
    assert mail.outbox == []


def test_application_approve_counts_only_places_held(edition, staff):
    for status in ["withdrawn", "rejected", "waitlisted", "submitted"]:
        application_for(edition, status=status)
    application_for(edition, status="approved")
    application = application_for(edition)

    application_approve(application=application, by=staff)

    assert places_taken(edition=edition) == 2


def test_application_approve_refused_past_the_country_quota(
    edition, staff, django_capture_on_commit_callbacks
):
    edition.capacity = 10
    edition.save()
    japan = CountryFactory(code="JP")
    EditionCountryQuota.objects.create(edition=edition, country=japan, max_teachers=1)
    application_for(edition, TeacherProfileFactory(user__country=japan), status="approved")
    application = application_for(edition, TeacherProfileFactory(user__country=japan))
    before = snapshot()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ConferenceError) as error:
        application_approve(application=application, by=staff)

    assert str(error.value) == (
        "No places left for teachers from Japan: its quota of 1 place is taken."
    )
    assert snapshot() == before
    assert mail.outbox == []


def test_application_approve_quota_counts_the_school_country_at_submission(edition, staff):
    edition.capacity = 10
    edition.save()
    japan = CountryFactory(code="JP")
    EditionCountryQuota.objects.create(edition=edition, country=japan, max_teachers=1)
    application_for(edition, TeacherProfileFactory(user__country=japan), status="approved")
    finn = TeacherProfileFactory(school=SchoolFactory(country=CountryFactory(code="FI")))

    application = application_approve(application=application_for(edition, finn), by=staff)

    assert application.status == "approved"


@pytest.mark.parametrize("status", ["approved", "rejected", "withdrawn", "attended"])
def test_application_approve_refused_for_a_decided_application(edition, staff, status):
    application = application_for(edition, status=status)
    before = snapshot()

    with pytest.raises(ConferenceError) as error:
        application_approve(application=application, by=staff)

    assert str(error.value) == (
        "Only a submitted, under-review or waitlisted application can be approved."
    )
    assert snapshot() == before


# --- waitlist and reject -----------------------------------------------------------------------


def test_application_waitlist_mails_after_commit(
    edition, staff, django_capture_on_commit_callbacks
):
    application = application_for(edition)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        application_waitlist(application=application, by=staff)
        assert mail.outbox == []
    for callback in callbacks:
        callback()

    application.refresh_from_db()
    assert (application.status, application.decided_by) == ("waitlisted", staff)
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([application.teacher.user.email], f"[ClassNet] You are on the waitlist for the {edition}")
    ]


@pytest.mark.parametrize("status", ["approved", "waitlisted", "rejected", "withdrawn", "attended"])
def test_application_waitlist_refused(edition, staff, status):
    application = application_for(edition, status=status)
    before = snapshot()

    with pytest.raises(ConferenceError) as error:
        application_waitlist(application=application, by=staff)

    assert str(error.value) == "Only a submitted or under-review application can be waitlisted."
    assert snapshot() == before


@pytest.mark.parametrize("status", ["submitted", "under_review", "waitlisted", "approved"])
def test_application_reject_with_a_reason_mails_it_after_commit(
    edition, staff, status, django_capture_on_commit_callbacks
):
    application = application_for(edition, status=status)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        application_reject(application=application, by=staff, reason=" Too many from one school. ")
        assert mail.outbox == []
    for callback in callbacks:
        callback()

    application.refresh_from_db()
    assert (application.status, application.reason, application.decided_by) == (
        "rejected",
        "Too many from one school.",
        staff,
    )
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([application.teacher.user.email], f"[ClassNet] Your application to the {edition}")
    ]
    assert "Too many from one school." in mail.outbox[0].body
    assert places_taken(edition=edition) == 0


@pytest.mark.parametrize(
    ("status", "reason", "message"),
    [
        ("submitted", "  ", "Say why, so that the teacher understands the decision."),
        ("rejected", "No", "This application can no longer be rejected."),
        ("withdrawn", "No", "This application can no longer be rejected."),
        ("attended", "No", "This application can no longer be rejected."),
    ],
)
def test_application_reject_refused(
    edition, staff, status, reason, message, django_capture_on_commit_callbacks
):
    application = application_for(edition, status=status)
    before = snapshot()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ConferenceError) as error:
        application_reject(application=application, by=staff, reason=reason)

    assert str(error.value) == message
    assert snapshot() == before
    assert mail.outbox == []


def test_back_office_lists_applications_read_only(client, staff):
    from django.urls import reverse

    client.force_login(staff)

    listing = client.get(reverse("admin:conferences_application_changelist"))
    adding = client.get(reverse("admin:conferences_application_add"))

    assert listing.status_code == 200
    assert adding.status_code == 403
