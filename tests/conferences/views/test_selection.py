"""The staff's selection pages: who may use them, the list's filters and counts, single and
bulk decisions through the locked services, and their query counts."""

import datetime
import time

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conferences.models import Application, EditionCountryQuota, EditionRegionTarget
from core.audit.models import AuditEntry
from core.outbox.models import OutgoingEmail
from teachers.models import TeacherProfile, User

from ...factories import (
    CountryFactory,
    EditionFactory,
    SchoolFactory,
    TeacherProfileFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NOT_STAFF = ["teacher", "other_teacher", "unverified_teacher", "judge"]
CAPACITY_MESSAGE = "No places left: the edition&#x27;s 2 places are taken."


@pytest.fixture
def edition():
    return EditionFactory(number=17, status="applications_open", capacity=2)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def application_for(edition, profile=None, *, country="FI", kind="secondary", status="submitted"):
    if profile is None:
        user = UserFactory(country=CountryFactory(code=country))
        profile = TeacherProfileFactory(
            user=user, school=SchoolFactory(country=user.country, kind=kind)
        )
    return Application.objects.create(
        edition=edition,
        teacher=profile,
        school=profile.school,
        motivation="I teach robotics and want partners in Asia.",
        collaboration_plan="Rivers of two continents",
        needs_dietary="Vegetarian",
        status=status,
    )


def many_applications(edition, count: int, *, country="FI") -> list[Application]:
    """`count` submitted applications of verified teachers, made in bulk."""
    school = SchoolFactory(country=CountryFactory(code=country))
    users = User.objects.bulk_create(
        User(email=f"bulk{n}@school.example", full_name=f"Teacher {n:03}") for n in range(count)
    )
    profiles = TeacherProfile.objects.bulk_create(
        TeacherProfile(
            user=user,
            school=school,
            verification=TeacherProfile.Verification.VERIFIED,
            student_age_min=14,
            student_age_max=18,
        )
        for user in users
    )
    return Application.objects.bulk_create(
        Application(edition=edition, teacher=profile, school=school, motivation="Hello")
        for profile in profiles
    )


def list_url(edition, query=""):
    url = reverse("conferences_staff:applications", args=[edition.number])
    return f"{url}?{query}" if query else url


def bulk_url(edition):
    return reverse("conferences_staff:applications_bulk", args=[edition.number])


def detail_url(application):
    return reverse(
        "conferences_staff:application", args=[application.edition.number, application.pk]
    )


def statuses(*applications):
    return [Application.objects.get(pk=a.pk).status for a in applications]


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


# --- permissions -----------------------------------------------------------------------------


@pytest.fixture
def pages(edition, teacher):
    """Every page of the selection, with the teacher's own application as the one shown."""
    own = application_for(edition, teacher.teacher_profile)
    return {
        "list": ("get", list_url(edition), {}),
        "detail": ("get", detail_url(own), {}),
        "decide": ("post", detail_url(own), {"action": "approve"}),
        "bulk": ("post", bulk_url(edition), {"applications": [own.pk], "action": "approve"}),
    }, own


@pytest.mark.parametrize("page", ["list", "detail", "decide", "bulk"])
def test_anonymous_is_sent_to_log_in(client, pages, page):
    (method, url, data), own = pages[0][page], pages[1]

    response = getattr(client, method)(url, data)

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={url}"
    assert statuses(own) == ["submitted"]


@pytest.mark.parametrize("role", NOT_STAFF)
@pytest.mark.parametrize("page", ["list", "detail", "decide", "bulk"])
def test_everyone_but_staff_is_refused(client, request, pages, page, role):
    (method, url, data), own = pages[0][page], pages[1]
    client.force_login(request.getfixturevalue(role))

    response = getattr(client, method)(url, data)

    assert response.status_code == 403
    assert statuses(own) == ["submitted"]
    assert not OutgoingEmail.objects.exists()


@pytest.mark.parametrize("page", ["list", "detail"])
def test_staff_see_the_pages(staff_client, pages, page):
    (_, url, _), own = pages[0][page], pages[1]

    response = staff_client.get(url)

    assert response.status_code == 200
    assert own.teacher.user.email in response.content.decode()


def test_unknown_edition_is_404(staff_client, edition):
    assert staff_client.get(reverse("conferences_staff:applications", args=[99])).status_code == 404


def test_application_of_another_edition_under_this_number_is_404(staff_client, edition):
    other = application_for(EditionFactory(number=18))

    url = reverse("conferences_staff:application", args=[edition.number, other.pk])
    get = staff_client.get(url)
    post = staff_client.post(url, {"action": "approve"})

    assert (get.status_code, post.status_code) == (404, 404)
    assert statuses(other) == ["submitted"]


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_bulk_takes_only_post(staff_client, edition, method):
    application = application_for(edition)

    response = getattr(staff_client, method)(
        bulk_url(edition) + f"?applications={application.pk}&action=approve"
    )

    assert response.status_code == 405
    assert statuses(application) == ["submitted"]


def test_a_get_never_decides(staff_client, edition):
    application = application_for(edition)

    response = staff_client.get(detail_url(application) + "?action=approve")

    assert response.status_code == 200
    assert statuses(application) == ["submitted"]


@pytest.mark.parametrize("page", ["decide", "bulk"])
def test_decisions_need_the_csrf_token(staff, pages, page):
    (_, url, data), own = pages[0][page], pages[1]
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)

    response = client.post(url, data)

    assert response.status_code == 403
    assert statuses(own) == ["submitted"]


def test_the_decision_forms_carry_the_csrf_token(staff_client, edition):
    application = application_for(edition)

    listing = staff_client.get(list_url(edition)).content.decode()
    detail = staff_client.get(detail_url(application)).content.decode()

    def forms_posting_to(page, url):
        parts = page.split(f'<form method="post" action="{url}')[1:]
        return [part.split("</form>")[0] for part in parts]

    bulk = forms_posting_to(listing, bulk_url(edition))
    decisions = forms_posting_to(detail, detail_url(application))
    assert (len(bulk), len(decisions)) == (1, 3)  # bulk; approve, waitlist, reject
    assert all('name="csrfmiddlewaretoken"' in form for form in bulk + decisions)


# --- the list --------------------------------------------------------------------------------


def test_list_filters_by_status_country_region_kind_and_name(staff_client, edition):
    finn = application_for(edition, country="FI", kind="secondary")
    japanese = application_for(edition, country="JP", kind="high", status="waitlisted")
    vocational = application_for(edition, country="FI", kind="vocational", status="approved")
    finn.teacher.user.full_name = "Aino Virtanen"
    finn.teacher.user.save()
    japan = japanese.school.country

    def shown(query):
        response = staff_client.get(list_url(edition, query))
        assert response.status_code == 200
        return [row.pk for row in response.context["rows"]]

    assert shown("") == [finn.pk, japanese.pk, vocational.pk]
    assert shown("status=waitlisted") == [japanese.pk]
    assert shown(f"country={japan.pk}") == [japanese.pk]
    assert shown("region=europe") == [finn.pk, vocational.pk]
    assert shown("school_kind=vocational") == [vocational.pk]
    assert shown("q=virtanen") == [finn.pk]
    assert shown("status=nonsense") == [finn.pk, japanese.pk, vocational.pk]  # shown, ignored


def test_list_with_an_invalid_filter_says_so(staff_client, edition):
    application_for(edition)

    response = staff_client.get(list_url(edition, "status=nonsense"))

    assert "Select a valid choice." in response.content.decode()


def test_list_shows_places_counts_and_waitlist_positions(staff_client, edition):
    edition.capacity = 5
    edition.save()
    japan = CountryFactory(code="JP")
    EditionCountryQuota.objects.create(edition=edition, country=japan, max_teachers=1)
    EditionRegionTarget.objects.create(edition=edition, region="asia", target=3)
    application_for(edition, country="JP", status="approved")
    first = application_for(edition, status="waitlisted")
    second = application_for(edition, status="waitlisted")
    Application.objects.filter(pk=first.pk).update(
        waitlisted_at=timezone.now() - datetime.timedelta(hours=2)
    )
    Application.objects.filter(pk=second.pk).update(waitlisted_at=timezone.now())

    response = staff_client.get(list_url(edition, "status=waitlisted"))

    counts = response.context["counts"]
    assert (counts.capacity, counts.places_held, counts.places_left, counts.open_offers) == (
        5,
        1,
        4,
        0,
    )
    assert [(row.pk, row.waitlist_position) for row in response.context["rows"]] == [
        (first.pk, 1),
        (second.pk, 2),
    ]
    page = response.content.decode()
    assert "No. 2 on the waitlist" in page
    assert "1 / 1" in page  # Japan: one held of a quota of one
    assert "1 / 3" in page  # Asia: one held of a target of three


def test_list_empty_state_guides_to_the_edition(staff_client, edition):
    response = staff_client.get(list_url(edition))

    page = response.content.decode()
    assert "No teacher has applied yet" in page
    assert edition.get_absolute_url() in page


def test_list_is_paginated_by_50(staff_client, edition):
    many_applications(edition, 51)

    first = staff_client.get(list_url(edition))
    second = staff_client.get(list_url(edition, "page=2"))

    assert (len(first.context["rows"]), len(second.context["rows"])) == (50, 1)
    assert second.context["rows"][0].teacher.user.full_name == "Teacher 050"


@pytest.mark.parametrize("count", [1, 200])
def test_list_runs_a_fixed_number_of_queries(
    staff_client, edition, count, django_assert_num_queries
):
    EditionCountryQuota.objects.create(
        edition=edition, country=CountryFactory(code="JP"), max_teachers=3
    )
    EditionRegionTarget.objects.create(edition=edition, region="europe", target=3)
    rows = many_applications(edition, count)
    Application.objects.filter(pk=rows[0].pk).update(
        status="waitlisted", waitlisted_at=timezone.now()
    )

    # session, user, staff group check, edition, page count, page rows, waitlist positions,
    # country counts, quotas, targets, places held, the navbar's profile and permissions (3),
    # countries of the filter
    with django_assert_num_queries(15):
        response = staff_client.get(list_url(edition))

    assert len(response.context["rows"]) == min(count, 50)


# --- one application -------------------------------------------------------------------------


def test_detail_shows_the_whole_application_and_its_history(staff_client, edition, staff):
    application = application_for(edition, status="waitlisted")
    staff_client.post(detail_url(application), {"action": "reject", "reason": "Too late"})

    response = staff_client.get(detail_url(application))

    page = response.content.decode()
    for text in (
        "I teach robotics and want partners in Asia.",
        "Rivers of two continents",
        "Vegetarian",
        "Does not want to appear in the participant list",
        application.school.name,
        "Reason given to the teacher:",
        "Too late",
    ):
        assert text in page
    assert [item["label"] for item in response.context["history"]] == ["Rejected"]
    assert response.context["history"][0]["entry"].actor == staff


@pytest.mark.parametrize(
    ("data", "status", "subject_part"),
    [
        ({"action": "approve"}, "approved", "You have a place at the"),
        ({"action": "waitlist"}, "waitlisted", "You are on the waitlist for the"),
        ({"action": "reject", "reason": "Places went to leads."}, "rejected", "Your application"),
    ],
)
def test_detail_decides_through_the_service_and_mails(
    staff_client, edition, staff, data, status, subject_part, django_capture_on_commit_callbacks
):
    application = application_for(edition)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(detail_url(application), data, follow=True)

    assert response.redirect_chain == [(detail_url(application), 302)]
    application.refresh_from_db()
    assert (application.status, application.decided_by) == (status, staff)
    assert [m.to for m in mail.outbox] == [[application.teacher.user.email]]
    assert subject_part in mail.outbox[0].subject
    assert "has been told" in messages_of(response)[0]
    assert AuditEntry.objects.filter(action=f"application.{status}").count() == 1


def test_detail_approve_past_capacity_is_refused_on_the_page(
    staff_client, edition, django_capture_on_commit_callbacks
):
    application_for(edition, status="approved")
    application_for(edition, status="approved")
    application = application_for(edition)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(detail_url(application), {"action": "approve"})

    assert response.status_code == 200
    page = response.content.decode()
    assert CAPACITY_MESSAGE in page
    assert "Nothing was changed." in page
    assert statuses(application) == ["submitted"]
    assert mail.outbox == []
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("reason", ["", "   "])
def test_detail_reject_without_a_reason_is_refused(staff_client, edition, reason):
    application = application_for(edition)

    response = staff_client.post(detail_url(application), {"action": "reject", "reason": reason})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "reason": ["Say why, so that the teacher understands the decision."]
    }
    assert statuses(application) == ["submitted"]
    assert not OutgoingEmail.objects.exists()


def test_detail_unknown_action_is_refused(staff_client, edition):
    application = application_for(edition)

    response = staff_client.post(detail_url(application), {"action": "delete"})

    assert response.status_code == 200
    assert "action" in response.context["form"].errors
    assert statuses(application) == ["submitted"]


def test_detail_of_a_decided_application_offers_no_decision(staff_client, edition):
    application = application_for(edition, status="withdrawn")

    response = staff_client.get(detail_url(application))

    assert "This application is decided and cannot be changed here." in response.content.decode()
    assert (
        response.context["can_approve"],
        response.context["can_waitlist"],
        response.context["can_reject"],
    ) == (False, False, False)


def test_detail_runs_a_fixed_number_of_queries(staff_client, edition, django_assert_num_queries):
    application = application_for(edition, status="waitlisted")

    # session, user, staff check, edition, application, 4 counts, position, history (content
    # type and entries), the navbar's profile and permissions (3)
    with django_assert_num_queries(14):
        staff_client.get(detail_url(application))


# --- bulk ------------------------------------------------------------------------------------


def test_bulk_mixed_results_say_what_was_done_and_what_was_refused(
    staff_client, edition, django_capture_on_commit_callbacks
):
    first, second, third = (application_for(edition) for _ in range(3))
    rejected = application_for(edition, status="rejected")
    other = application_for(EditionFactory(number=18))

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            bulk_url(edition) + "?status=submitted",
            {
                "applications": [first.pk, second.pk, third.pk, rejected.pk, other.pk],
                "action": "approve",
            },
            follow=True,
        )

    assert response.redirect_chain == [(list_url(edition, "status=submitted"), 302)]
    assert statuses(first, second, third, rejected, other) == [
        "approved",
        "approved",
        "submitted",
        "rejected",
        "submitted",
    ]
    assert len(mail.outbox) == 2
    summary, *details = messages_of(response)
    assert summary == (
        "2 applications approved. The 2 approved teachers are told by e-mail. "
        "3 could not be approved; the reasons are below."
    )
    third_name = f"{third.teacher.user} ({third.school.name})"
    assert details == [
        f"Not an application to this edition. Not done for: application #{other.pk}.",
        f"No places left: the edition's 2 places are taken. Not done for: {third_name}.",
        "A rejected application cannot be approved; the teacher may apply again. "
        f"Not done for: {rejected.teacher.user} ({rejected.school.name}).",
    ]
    assert not any(".;" in message or ".." in message for message in [summary, *details])


def test_bulk_lists_at_most_ten_refused_names_per_reason(staff_client, edition):
    withdrawn = [application_for(edition, status="withdrawn") for _ in range(12)]

    response = staff_client.post(
        bulk_url(edition),
        {"applications": [a.pk for a in withdrawn], "action": "approve"},
        follow=True,
    )

    summary, detail = messages_of(response)
    assert summary == ("No application approved. 12 could not be approved; the reasons are below.")
    assert detail.startswith("A withdrawn application cannot be approved: the teacher took it")
    assert detail.endswith(" and 2 more.")
    assert detail.count("(") == 10


def test_bulk_rows_already_approved_are_not_refused(
    staff_client, edition, django_capture_on_commit_callbacks
):
    edition.capacity = 10
    edition.save()
    waiting = application_for(edition)
    approved = application_for(edition, status="approved")
    attended = application_for(edition, status="attended")

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            bulk_url(edition),
            {"applications": [waiting.pk, approved.pk, attended.pk], "action": "approve"},
            follow=True,
        )

    summary, detail = messages_of(response)
    assert summary == (
        "1 application approved. The approved teacher is told by e-mail. "
        "2 were already approved: nothing changed for them."
    )
    assert "refused" not in summary
    assert "could not" not in summary
    assert detail == (
        f"Already approved: {approved.teacher.user} ({approved.school.name}), "
        f"{attended.teacher.user} ({attended.school.name})."
    )
    assert statuses(waiting, approved, attended) == ["approved", "approved", "attended"]
    assert [message.to for message in mail.outbox] == [[waiting.teacher.user.email]]
    levels = [m.level_tag for m in response.context["messages"]]
    assert levels == ["success", "info"]


def test_bulk_partial_success_says_the_approved_teachers_are_emailed(staff_client, edition):
    edition.capacity = 3
    edition.save()
    application_for(edition, status="approved")
    application_for(edition, status="approved")
    first, second = application_for(edition), application_for(edition)

    response = staff_client.post(
        bulk_url(edition),
        {"applications": [first.pk, second.pk], "action": "approve"},
        follow=True,
    )

    summary, detail = messages_of(response)
    assert summary == (
        "1 application approved. The approved teacher is told by e-mail. "
        "1 could not be approved; the reason is below."
    )
    assert detail == (
        "No places left: the edition's 3 places are taken. "
        f"Not done for: {second.teacher.user} ({second.school.name})."
    )
    assert [m.level_tag for m in response.context["messages"]] == ["warning", "info"]


def test_bulk_all_done_says_so(staff_client, edition):
    one, two = application_for(edition), application_for(edition)

    response = staff_client.post(
        bulk_url(edition),
        {"applications": [one.pk, two.pk], "action": "waitlist"},
        follow=True,
    )

    assert messages_of(response) == [
        "2 applications put on the waitlist. The 2 teachers are told by e-mail."
    ]
    assert statuses(one, two) == ["waitlisted", "waitlisted"]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"action": "approve"}, "Tick at least one application."),
        ({"applications": ["x"], "action": "approve"}, "The applications chosen are not valid"),
        ({"applications": ["MINE"]}, "Choose a decision."),
        ({"applications": ["MINE"], "action": "reject", "reason": " "}, "Say why"),
    ],
)
def test_bulk_bad_input_is_shown_and_changes_nothing(staff_client, edition, data, error):
    application = application_for(edition)
    data = {
        key: [application.pk if v == "MINE" else v for v in value]
        if isinstance(value, list)
        else value
        for key, value in data.items()
    }

    response = staff_client.post(bulk_url(edition), data)

    assert response.status_code == 200
    assert error in response.content.decode()
    assert statuses(application) == ["submitted"]
    assert not OutgoingEmail.objects.exists()


def test_bulk_reject_needs_and_sends_the_reason(
    staff_client, edition, django_capture_on_commit_callbacks
):
    one, two = application_for(edition), application_for(edition)

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            bulk_url(edition),
            {"applications": [one.pk, two.pk], "action": "reject", "reason": "Full this year."},
        )

    assert set(
        Application.objects.filter(pk__in=[one.pk, two.pk]).values_list("status", "reason")
    ) == {("rejected", "Full this year.")}
    assert len(mail.outbox) == 2
    assert all("Full this year." in message.body for message in mail.outbox)


def test_bulk_approve_of_200_is_one_quick_request_that_queues_200_mails(
    staff_client, edition, django_capture_on_commit_callbacks
):
    edition.capacity = 250
    edition.save()
    to_approve = many_applications(edition, 200)

    started = time.monotonic()
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=False) as callbacks,
    ):
        response = staff_client.post(
            bulk_url(edition),
            {"applications": [a.pk for a in to_approve], "action": "approve"},
        )
    elapsed = time.monotonic() - started

    assert response.status_code == 302
    assert edition.applications.filter(status="approved").count() == 200
    assert OutgoingEmail.objects.count() == 200
    assert OutgoingEmail.objects.filter(sent_at__isnull=True).count() == 200  # queued, not sent
    # One delivery task per mail, handed to Celery after commit (not run here: the request
    # never waits for delivery).
    assert len(callbacks) == 200
    # Measured: 2,405, i.e. 12 per approval (the lock, the recount, the write, the audit, the
    # outbox row) and a few for the request. The bound catches any extra query per approval.
    assert len(queries) <= 200 * 14 + 20, len(queries)
    assert elapsed < 30, elapsed
    print(f"\nbulk approve of 200: {len(queries)} queries, {elapsed:.2f}s")


# --- every time names its zone -----------------------------------------------------------------


def test_detail_times_are_in_host_time_and_say_so(staff_client, edition, staff):
    from core.audit.models import AuditEntry

    edition.time_zone = "Asia/Bangkok"
    edition.save()
    application = application_for(edition, status="approved")
    decided = datetime.datetime(2030, 3, 1, 2, 5, tzinfo=datetime.UTC)  # 09:05 in Bangkok
    Application.objects.filter(pk=application.pk).update(decided_at=decided, decided_by=staff)
    entry = AuditEntry.objects.create(
        actor=staff, action="application.approved", target=application, note=""
    )
    AuditEntry.objects.filter(pk=entry.pk).update(created_at=decided)

    page = " ".join(
        staff_client.get(reverse("conferences_staff:application", args=[17, application.pk]))
        .content.decode()
        .split()
    )

    assert f"Approved on 1 Mar 2030, 09:05 (Asia/Bangkok) by {staff}." in page
    assert ">1 Mar 2030, 09:05 (Asia/Bangkok)</time>" in page
    assert "02:05" not in page


def test_list_dates_say_their_zone(staff_client, edition):
    edition.time_zone = "Asia/Bangkok"
    edition.save()
    application = application_for(edition)
    applied = datetime.datetime(2030, 2, 28, 20, 0, tzinfo=datetime.UTC)  # 1 March in Bangkok
    Application.objects.filter(pk=application.pk).update(created_at=applied)

    page = staff_client.get(reverse("conferences_staff:applications", args=[17])).content.decode()

    assert 'title="1 Mar 2030, 03:00 (Asia/Bangkok)">1 Mar 2030</time>' in page
