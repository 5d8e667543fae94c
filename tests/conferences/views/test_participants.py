"""Staff pages for participants (list, CSV, XLSX, check-in) and the certificate download."""

import csv
import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from openpyxl import load_workbook

from conferences.models import Application, CheckIn
from tests.factories import CountryFactory, EditionFactory, TeacherProfileFactory

pytestmark = pytest.mark.django_db

DAY_1 = datetime.date(2019, 11, 25)
DAY_2 = datetime.date(2019, 11, 26)
ROLES = ["anonymous", "teacher", "other_teacher", "judge", "staff"]


@pytest.fixture
def edition():
    return EditionFactory(
        number=15,
        title="ESD and AI",
        city="Tokyo",
        country=CountryFactory(code="JP"),
        starts_on=DAY_1,
        ends_on=datetime.date(2019, 11, 29),
        time_zone="Asia/Tokyo",
    )


@pytest.fixture
def as_role(client, request):
    def log_in(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return log_in


def application_of(edition, profile, status="approved", **fields):
    return Application.objects.create(
        edition=edition,
        teacher=profile,
        school=profile.school,
        motivation="Hello",
        status=status,
        **fields,
    )


def participant(edition, *, name="Aino Virtanen", code="FI", status="approved", **fields):
    profile = TeacherProfileFactory(user__full_name=name, user__country=CountryFactory(code=code))
    return application_of(edition, profile, status=status, **fields)


def messages_of(response) -> list[str]:
    """The messages a response adds (or, followed to its page, shows)."""
    if response.context and "messages" in response.context:
        return [str(m) for m in response.context["messages"]]
    return [str(m) for m in get_messages(response.wsgi_request)]


STAFF_PAGES = ["participants", "participants_csv", "participants_xlsx", "checkin"]


@pytest.mark.parametrize("page", STAFF_PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_staff_pages_are_for_staff(as_role, edition, role, page):
    participant(edition)
    url = reverse(f"conferences_staff:{page}", args=[edition.number])

    response = as_role(role).get(url)

    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif role == "staff":
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_staff_pages_of_a_missing_edition_are_404(client, staff, page):
    client.force_login(staff)

    assert client.get(reverse(f"conferences_staff:{page}", args=[99])).status_code == 404


@pytest.mark.parametrize("role", ["teacher", "judge"])
def test_checkin_post_is_for_staff(as_role, edition, role):
    application = participant(edition)

    response = as_role(role).post(
        reverse("conferences_staff:checkin", args=[edition.number]),
        {"application": application.pk, "day": "2019-11-25", "action": "mark"},
    )

    assert response.status_code == 403
    assert not CheckIn.objects.exists()


# --- the list ---------------------------------------------------------------------------------


def test_participants_page_lists_participants_with_needs(client, staff, edition):
    participant(
        edition,
        name="Nguyễn Thị Hằng",
        code="VN",
        needs_dietary="Vegan",
        needs_access="Step-free room",
        consent_to_list=True,
        status="attended",
    )
    participant(edition, name="Waiting Person", status="waitlisted")
    hang = Application.objects.get(teacher__user__full_name="Nguyễn Thị Hằng")
    CheckIn.objects.create(application=hang, day=DAY_2)
    client.force_login(staff)

    body = client.get(reverse("conferences_staff:participants", args=[edition.number])).content
    body = body.decode()

    assert "Nguyễn Thị Hằng" in body
    assert "Vegan" in body
    assert "Step-free room" in body
    assert "Viet Nam" in body
    assert "vn.gif" in body
    assert "1 of 5 day" in body
    assert "26 Nov" in body
    assert "Waiting Person" not in body
    certificate = reverse("conferences:certificate", args=[15])
    assert f"{certificate}?application={hang.pk}" in body
    assert reverse("conferences_staff:participants_csv", args=[15]) in body
    assert reverse("conferences_staff:participants_xlsx", args=[15]) in body
    assert reverse("conferences_staff:checkin", args=[15]) in body


def test_participants_page_filters_by_country_and_region(client, staff, edition):
    participant(edition, name="Aino Virtanen", code="FI")
    participant(edition, name="Yuki Tanaka", code="JP")
    client.force_login(staff)
    url = reverse("conferences_staff:participants", args=[edition.number])

    by_country = client.get(url, {"country": "JP"}).content.decode()
    by_region = client.get(url, {"region": "europe"}).content.decode()

    assert "Yuki Tanaka" in by_country
    assert "Aino Virtanen" not in by_country
    assert "Aino Virtanen" in by_region
    assert "Yuki Tanaka" not in by_region


def test_participants_page_bad_filter_shows_everyone_with_a_message(client, staff, edition):
    participant(edition, name="Aino Virtanen")
    client.force_login(staff)

    response = client.get(
        reverse("conferences_staff:participants", args=[edition.number]), {"country": "XX"}
    )

    assert response.status_code == 200
    assert "Aino Virtanen" in response.content.decode()
    assert messages_of(response) == ["That filter is not one of the choices; showing everyone."]


def test_participants_page_empty_state_guides_to_applications(client, staff, edition):
    client.force_login(staff)

    body = client.get(reverse("conferences_staff:participants", args=[edition.number]))
    body = body.content.decode()

    assert "No participants yet" in body
    assert reverse("conferences_staff:applications", args=[edition.number]) in body


@pytest.mark.parametrize("rows", [1, 20])
def test_participants_page_queries(client, staff, edition, rows, django_assert_num_queries):
    for n in range(rows):
        application = participant(edition, name=f"Teacher {n}", code=("FI", "JP", "VN")[n % 3])
        CheckIn.objects.create(application=application, day=DAY_1)
    client.force_login(staff)

    # session, user, groups (staff_only), edition, counts by country, participants, their
    # check-ins; the menu: the user's teacher profile and two of permissions
    with django_assert_num_queries(10):
        response = client.get(reverse("conferences_staff:participants", args=[edition.number]))

    assert response.content.decode().count('class="badge text-bg-success"') == rows


# --- export -----------------------------------------------------------------------------------


def test_csv_download(client, staff, edition):
    participant(edition, name="Łukasz Żółć", code="PL", needs_dietary="=1+2")
    participant(edition, name="Waiting Person", status="waitlisted")
    client.force_login(staff)

    response = client.get(reverse("conferences_staff:participants_csv", args=[edition.number]))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="classnet-conference-15-participants.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response["Cache-Control"] == "private, no-store"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows] == ["Name", "Łukasz Żółć"]
    assert rows[1][5:8] == ["Poland", "Europe", "'=1+2"]


def test_xlsx_download(client, staff, edition):
    participant(edition, name="Łukasz Żółć", code="PL", needs_access="+44 call me")
    client.force_login(staff)

    response = client.get(reverse("conferences_staff:participants_xlsx", args=[edition.number]))

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="classnet-conference-15-participants.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content))["Participants"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "Łukasz Żółć"
    # XLSX: as typed, in a string cell (CSV neutralises it with an apostrophe instead)
    assert rows[1][8] == "+44 call me"
    assert sheet["I2"].data_type == "s"


@pytest.mark.parametrize("page", ["participants_csv", "participants_xlsx"])
@pytest.mark.parametrize("rows", [1, 20])
def test_export_queries(client, staff, edition, page, rows, django_assert_num_queries):
    for n in range(rows):
        participant(edition, name=f"Teacher {n}")
    client.force_login(staff)

    # session, user, groups and permissions (staff_only), edition, participants, check-ins
    with django_assert_num_queries(6):
        response = client.get(reverse(f"conferences_staff:{page}", args=[edition.number]))

    assert response.status_code == 200


# --- check-in ---------------------------------------------------------------------------------


def checkin_url(edition, **query):
    url = reverse("conferences_staff:checkin", args=[edition.number])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_checkin_page_defaults_to_the_first_day_after_the_edition(client, staff, edition):
    participant(edition, name="Aino Virtanen")
    client.force_login(staff)

    response = client.get(checkin_url(edition))

    assert response.context["day"] == DAY_1
    body = response.content.decode()
    assert "Aino Virtanen" in body
    assert "0 of 1 checked in on Monday 25 November" in body


def test_checkin_page_shows_who_is_in_on_the_day(client, staff, edition):
    aino = participant(edition, name="Aino Virtanen", status="attended")
    participant(edition, name="Yuki Tanaka")
    CheckIn.objects.create(application=aino, day=DAY_2)
    client.force_login(staff)

    day_2 = client.get(checkin_url(edition, day="2019-11-26"))
    day_1 = client.get(checkin_url(edition, day="2019-11-25"))

    assert [a.is_in for a in day_2.context["participants"]] == [True, False]
    assert "1 of 2 checked in on Tuesday 26 November" in day_2.content.decode()
    assert [a.is_in for a in day_1.context["participants"]] == [False, False]


def test_checkin_page_search(client, staff, edition):
    participant(edition, name="Aino Virtanen")
    participant(edition, name="Yuki Tanaka")
    client.force_login(staff)

    response = client.get(checkin_url(edition, day="2019-11-25", q="yuki"))

    assert [a.teacher.user.full_name for a in response.context["participants"]] == ["Yuki Tanaka"]
    nobody = client.get(checkin_url(edition, q="zzz")).content.decode()
    assert "Nobody matches “zzz”" in nobody


@pytest.mark.parametrize("day", ["2019-11-30", "yesterday"])
def test_checkin_page_with_a_day_outside_the_edition(client, staff, edition, day):
    participant(edition)
    client.force_login(staff)

    response = client.get(checkin_url(edition, day=day))

    assert response.status_code == 200
    assert response.context["day"] == DAY_1
    assert messages_of(response) == ["Choose one of the conference's days."]


def test_checkin_mark_and_undo(client, staff, edition):
    application = participant(edition, name="Aino Virtanen")
    client.force_login(staff)
    url = checkin_url(edition)

    response = client.post(
        url,
        {"application": application.pk, "day": "2019-11-26", "action": "mark", "q": "aino"},
        follow=True,
    )

    assert response.redirect_chain == [(f"{url}?day=2019-11-26&q=aino#p{application.pk}", 302)]
    assert response.context["day"] == DAY_2
    assert "1 of 1 checked in on Tuesday 26 November" in response.content.decode()
    assert messages_of(response) == ["Aino Virtanen is checked in."]
    application.refresh_from_db()
    assert application.status == "attended"
    assert list(application.checkins.values_list("day", "checked_in_by")) == [(DAY_2, staff.pk)]

    response = client.post(
        url,
        {"application": application.pk, "day": "2019-11-26", "action": "undo", "q": ""},
        follow=True,
    )

    assert messages_of(response) == ["Check-in of Aino Virtanen undone."]
    application.refresh_from_db()
    assert application.status == "approved"
    assert not application.checkins.exists()


def test_checkin_twice_is_no_error(client, staff, edition):
    application = participant(edition, name="Aino Virtanen")
    client.force_login(staff)
    data = {"application": application.pk, "day": "2019-11-26", "action": "mark"}

    client.post(checkin_url(edition), data, follow=True)
    response = client.post(checkin_url(edition), data, follow=True)

    assert messages_of(response) == ["Aino Virtanen is checked in."]
    assert application.checkins.count() == 1


def test_checkin_refusals_are_messages(client, staff, edition):
    waiting = participant(edition, name="Waiting Person", status="waitlisted")
    approved = participant(edition, name="Aino Virtanen")
    other = participant(EditionFactory(number=16), name="Other Edition")
    client.force_login(staff)
    url = checkin_url(edition)

    not_participant = client.post(
        url, {"application": waiting.pk, "day": "2019-11-26", "action": "mark"}, follow=True
    )
    outside = client.post(
        url, {"application": approved.pk, "day": "2019-12-01", "action": "mark"}, follow=True
    )
    elsewhere = client.post(
        url, {"application": other.pk, "day": "2019-11-26", "action": "mark"}, follow=True
    )
    garbage = client.post(
        url, {"application": "x", "day": "soon", "action": "explode"}, follow=True
    )

    assert messages_of(not_participant) == ["Only approved participants can be checked in."]
    assert messages_of(outside) == [
        "Dec. 1, 2019 is not a day of the conference (Nov. 25, 2019 to Nov. 29, 2019)."
    ]
    assert messages_of(elsewhere) == ["That person is not a participant of this edition."]
    assert messages_of(garbage) == ["That check-in could not be read; try again."]
    assert garbage.redirect_chain == [(url, 302)]
    assert not CheckIn.objects.exists()
    assert set(Application.objects.values_list("status", flat=True)) == {
        "waitlisted",
        "approved",
    }


@pytest.mark.parametrize("rows", [1, 20])
def test_checkin_page_queries(client, staff, edition, rows, django_assert_num_queries):
    for n in range(rows):
        application = participant(edition, name=f"Teacher {n}")
        CheckIn.objects.create(application=application, day=DAY_1)
    client.force_login(staff)

    # session, user, groups (staff_only), edition, participants, their check-ins, the day's
    # totals; the menu: the user's teacher profile and two of permissions
    with django_assert_num_queries(10):
        response = client.get(checkin_url(edition, day="2019-11-25"))

    assert response.content.decode().count('aria-pressed="true"') == rows


# --- certificate ------------------------------------------------------------------------------


def certificate_url(edition, **query):
    url = reverse("conferences:certificate", args=[edition.number])
    return url + (f"?application={query['application']}" if query else "")


@pytest.fixture
def attended(edition, teacher):
    application = application_of(edition, teacher.teacher_profile, status="attended")
    CheckIn.objects.create(application=application, day=DAY_1)
    return application


def test_certificate_for_the_attended_teacher(client, teacher, attended, edition):
    teacher.full_name = "Łukasz Żółć"
    teacher.save()
    client.force_login(teacher)

    response = client.get(certificate_url(edition))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="classnet-certificate-15-lukasz-zolc.pdf"'
    )
    assert response.content.startswith(b"%PDF-")


def test_certificate_anonymous_logs_in(client, attended, edition):
    response = client.get(certificate_url(edition))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["other_teacher", "judge", "staff"])
def test_certificate_is_404_for_others(as_role, attended, edition, role):
    assert as_role(role).get(certificate_url(edition)).status_code == 404


@pytest.mark.parametrize("status", ["approved", "submitted", "waitlisted", "rejected"])
def test_no_certificate_before_attending(client, teacher, edition, status):
    application_of(edition, teacher.teacher_profile, status=status)
    client.force_login(teacher)

    assert client.get(certificate_url(edition)).status_code == 404


def test_no_certificate_for_an_edition_they_did_not_attend(client, teacher, attended):
    other = EditionFactory(number=16)
    client.force_login(teacher)

    assert client.get(certificate_url(other)).status_code == 404


def test_staff_download_any_attended_teachers_certificate(client, staff, attended, edition):
    client.force_login(staff)

    response = client.get(certificate_url(edition, application=attended.pk))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize("wanted", ["approved", "other_edition", "garbage"])
def test_staff_certificate_of_a_non_attended_application_is_404(client, staff, edition, wanted):
    target = {
        "approved": lambda: participant(edition).pk,
        "other_edition": lambda: participant(EditionFactory(number=16), status="attended").pk,
        "garbage": lambda: "1; DROP",
    }[wanted]()
    client.force_login(staff)

    assert client.get(certificate_url(edition, application=target)).status_code == 404


@pytest.mark.parametrize("role", ["other_teacher", "judge"])
def test_only_staff_choose_whose_certificate(as_role, attended, edition, role):
    assert as_role(role).get(certificate_url(edition, application=attended.pk)).status_code == 404


# --- check-in and certificates only from days that have begun (host time) ----------------------


@pytest.fixture
def first_evening(monkeypatch):
    """23:30 on the first day in Tokyo (14:30 UTC): the second day is still to come."""
    from django.utils import timezone

    moment = datetime.datetime(2019, 11, 25, 14, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def test_checkin_page_hides_check_in_for_a_day_still_to_come(client, staff, edition, first_evening):
    participant(edition, name="Aino Virtanen")
    early = participant(edition, name="Bea Santos", status="attended")
    CheckIn.objects.create(application=early, day=DAY_2)  # recorded before the rule
    client.force_login(staff)

    tomorrow = client.get(checkin_url(edition, day="2019-11-26")).content.decode()
    today = client.get(checkin_url(edition, day="2019-11-25")).content.decode()

    assert 'value="mark"' not in tomorrow
    assert "Not open yet" in tomorrow
    assert (
        "Check-in for Tuesday 26 November opens when that day starts in Tokyo (Asia/Tokyo); "
        "it is 25 Nov, 23:30 there now."
    ) in " ".join(tomorrow.split())
    assert tomorrow.count('value="undo"') == 1  # a mistake can still be undone
    assert today.count('value="mark"') == 2
    assert 'data-testid="checkin-not-yet"' not in today


def test_checkin_post_for_a_day_still_to_come_is_refused(client, staff, edition, first_evening):
    application = participant(edition, name="Aino Virtanen")
    client.force_login(staff)

    response = client.post(
        checkin_url(edition),
        {"application": application.pk, "day": "2019-11-26", "action": "mark"},
        follow=True,
    )

    assert messages_of(response) == [
        "Check-in for Nov. 26, 2019 opens when that day starts in Tokyo (Asia/Tokyo): "
        "nobody can be checked in for a day still to come."
    ]
    assert not CheckIn.objects.exists()
    application.refresh_from_db()
    assert application.status == "approved"


def test_no_certificate_before_the_first_day_checked_in_begins(
    client, teacher, staff, edition, first_evening
):
    application = application_of(edition, teacher.teacher_profile, status="attended")
    CheckIn.objects.create(application=application, day=DAY_2)  # recorded before the rule
    client.force_login(teacher)

    assert client.get(certificate_url(edition)).status_code == 404

    client.force_login(staff)
    assert client.get(certificate_url(edition, application=application.pk)).status_code == 404
    page = client.get(reverse("conferences_staff:participants", args=[edition.number]))
    assert "Certificate (PDF)" not in page.content.decode()


def test_certificate_from_the_first_day_checked_in(client, teacher, edition, first_evening):
    application = application_of(edition, teacher.teacher_profile, status="attended")
    CheckIn.objects.create(application=application, day=DAY_1)
    client.force_login(teacher)

    response = client.get(certificate_url(edition))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
