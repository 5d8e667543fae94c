"""Participants: the selectors, the check-in services and the CSV/XLSX export."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from conferences.certificates import date_range
from conferences.errors import ConferenceError
from conferences.exporters import export_csv, export_xlsx
from conferences.models import Application, CheckIn
from conferences.selectors.participants import (
    checkin_totals,
    default_checkin_day,
    edition_days,
    participant_counts,
    participants_of,
)
from conferences.services.participants import checkin_mark, checkin_undo
from core.audit.models import AuditEntry
from core.exports import safe_cell
from tests.factories import CountryFactory, EditionFactory, TeacherProfileFactory

pytestmark = pytest.mark.django_db

DAY_1 = datetime.date(2019, 11, 25)
DAY_2 = datetime.date(2019, 11, 26)


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


def participant(edition, *, status="approved", name="Aino Virtanen", code="FI", **fields):
    profile = TeacherProfileFactory(user__full_name=name, user__country=CountryFactory(code=code))
    return Application.objects.create(
        edition=edition,
        teacher=profile,
        school=profile.school,
        motivation="Hello",
        status=status,
        **fields,
    )


# --- selectors --------------------------------------------------------------------------------


def test_participants_are_the_approved_and_attended_by_name(edition):
    bea = participant(edition, name="Bea Santos", status="attended")
    aino = participant(edition, name="Aino Virtanen")
    for status in ("submitted", "under_review", "waitlisted", "rejected", "withdrawn"):
        participant(edition, name=f"Not {status}", status=status)
    participant(EditionFactory(number=16), name="Other edition")

    assert list(participants_of(edition=edition)) == [aino, bea]


def test_participants_filter_by_country_region_and_search(edition):
    aino = participant(edition, name="Aino Virtanen", code="FI")
    yuki = participant(edition, name="Yuki Tanaka", code="JP")

    assert list(participants_of(edition=edition, country="JP")) == [yuki]
    assert list(participants_of(edition=edition, region="europe")) == [aino]
    assert list(participants_of(edition=edition, search="tanaka")) == [yuki]
    assert list(participants_of(edition=edition, search=aino.school.name)) == [aino]


def test_participant_counts_by_country_most_first(edition):
    participant(edition, code="JP")
    participant(edition, code="JP", status="attended")
    participant(edition, code="FI")
    participant(edition, code="FI", status="waitlisted")

    counts = participant_counts(edition=edition)

    assert [(c.code, c.name, c.participants) for c in counts] == [
        ("JP", "Japan", 2),
        ("FI", "Finland", 1),
    ]
    assert counts[0].flag_url.endswith("jp.gif")


def test_edition_days_and_default_day(edition, settings):
    assert edition_days(edition) == [DAY_1 + datetime.timedelta(days=n) for n in range(5)]
    # 2019 is long past: the first day
    assert default_checkin_day(edition) == DAY_1


def test_default_day_is_today_in_the_host_zone_while_the_edition_runs(edition, monkeypatch):
    from django.utils import timezone

    # 23:30 UTC on the 25th is already the 26th in Tokyo
    moment = datetime.datetime(2019, 11, 25, 23, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)

    assert default_checkin_day(edition) == DAY_2


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (DAY_1, datetime.date(2019, 11, 29), "25–29 November 2019"),
        (DAY_1, DAY_1, "25 November 2019"),
        (datetime.date(2019, 11, 30), datetime.date(2019, 12, 2), "30 November – 2 December 2019"),
        (
            datetime.date(2019, 12, 30),
            datetime.date(2020, 1, 2),
            "30 December 2019 – 2 January 2020",
        ),
    ],
)
def test_date_range(start, end, expected):
    assert date_range(start, end) == expected


# --- check-in ---------------------------------------------------------------------------------


def test_first_checkin_marks_attended_and_is_audited(edition, staff):
    application = participant(edition)

    checkin = checkin_mark(application=application, day=DAY_1, by=staff)

    application.refresh_from_db()
    assert application.status == "attended"
    assert (checkin.application, checkin.day, checkin.checked_in_by) == (application, DAY_1, staff)
    entry = AuditEntry.objects.get(action="application.checked_in")
    assert (entry.actor, entry.target_id, entry.note) == (staff, application.pk, "2019-11-25")


def test_marking_a_day_twice_is_a_no_op(edition, staff):
    application = participant(edition)
    first = checkin_mark(application=application, day=DAY_1, by=staff)

    second = checkin_mark(application=application, day=DAY_1, by=staff)

    assert second == first
    assert CheckIn.objects.filter(application=application).count() == 1
    assert AuditEntry.objects.filter(action="application.checked_in").count() == 1


def test_a_second_day_keeps_attended(edition, staff):
    application = participant(edition)
    checkin_mark(application=application, day=DAY_1, by=staff)

    checkin_mark(application=application, day=DAY_2, by=staff)

    assert sorted(application.checkins.values_list("day", flat=True)) == [DAY_1, DAY_2]
    application.refresh_from_db()
    assert application.status == "attended"


@pytest.mark.parametrize(
    "status", ["submitted", "under_review", "waitlisted", "rejected", "withdrawn"]
)
def test_only_participants_can_be_checked_in(edition, staff, status):
    application = participant(edition, status=status)

    with pytest.raises(ConferenceError, match="Only approved participants"):
        checkin_mark(application=application, day=DAY_1, by=staff)

    assert not CheckIn.objects.exists()
    application.refresh_from_db()
    assert application.status == status


@pytest.mark.parametrize("day", [datetime.date(2019, 11, 24), datetime.date(2019, 11, 30)])
def test_only_days_of_the_edition(edition, staff, day):
    application = participant(edition)

    with pytest.raises(ConferenceError, match="is not a day of the conference"):
        checkin_mark(application=application, day=day, by=staff)

    assert not CheckIn.objects.exists()
    application.refresh_from_db()
    assert application.status == "approved"


def test_undo_the_only_checkin_makes_approved_again(edition, staff):
    application = participant(edition)
    checkin_mark(application=application, day=DAY_1, by=staff)

    checkin_undo(application=application, day=DAY_1, by=staff)

    application.refresh_from_db()
    assert application.status == "approved"
    assert not CheckIn.objects.exists()
    assert AuditEntry.objects.filter(action="application.check_in_undone").count() == 1


def test_undo_one_of_two_days_keeps_attended(edition, staff):
    application = participant(edition)
    checkin_mark(application=application, day=DAY_1, by=staff)
    checkin_mark(application=application, day=DAY_2, by=staff)

    checkin_undo(application=application, day=DAY_2, by=staff)

    application.refresh_from_db()
    assert application.status == "attended"
    assert list(application.checkins.values_list("day", flat=True)) == [DAY_1]


def test_undo_a_day_not_checked_in_changes_nothing(edition, staff):
    application = participant(edition, status="attended")
    CheckIn.objects.create(application=application, day=DAY_1)

    checkin_undo(application=application, day=DAY_2, by=staff)

    application.refresh_from_db()
    assert application.status == "attended"
    assert application.checkins.count() == 1
    assert not AuditEntry.objects.filter(action="application.check_in_undone").exists()


def test_checkin_totals(edition, staff):
    first = participant(edition)
    participant(edition)
    participant(edition, status="waitlisted")
    checkin_mark(application=first, day=DAY_1, by=staff)

    assert checkin_totals(edition=edition, day=DAY_1) == (1, 2)
    assert checkin_totals(edition=edition, day=DAY_2) == (0, 2)


# --- export -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Vegetarian", "Vegetarian"),
        ("", ""),
    ],
)
def test_neutralise(value, expected):
    assert safe_cell(value) == expected


HEADER = [
    "Name",
    "E-mail",
    "School",
    "School kind",
    "City",
    "Country",
    "Region",
    "Dietary needs",
    "Access needs",
    "Consent to participant list",
    "Status",
    "Days checked in",
]


@pytest.fixture
def exported(edition, staff):
    hang = participant(
        edition,
        name="Nguyễn Thị Hằng",
        code="VN",
        needs_dietary="=cmd|' /C calc'!A0",
        needs_access="Wheelchair",
        consent_to_list=True,
    )
    hang.school.name = "@Trường THPT Chu Văn An"
    hang.school.save()
    checkin_mark(application=hang, day=DAY_1, by=staff)
    checkin_mark(application=hang, day=DAY_2, by=staff)
    participant(edition, name="Łukasz Żółć", code="PL")
    participant(edition, name="Not taking part", status="waitlisted")
    return hang


def expected_rows(hang, *, guard="'"):
    """CSV neutralises text that looks like a formula with an apostrophe; XLSX stores it as
    typed, in a string cell (guard="")."""
    return [
        HEADER,
        [
            "Nguyễn Thị Hằng",
            hang.teacher.user.email,
            guard + "@Trường THPT Chu Văn An",
            "Secondary school",
            "Helsinki",
            "Viet Nam",
            "Asia",
            guard + "=cmd|' /C calc'!A0",
            "Wheelchair",
            "Yes",
            "Attended",
            "2019-11-25; 2019-11-26",
        ],
    ]


def test_csv_export(edition, exported):
    content = export_csv(participants_of(edition=edition))

    assert content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert len(rows) == 3
    assert rows[:2] == expected_rows(exported)
    assert rows[2][0] == "Łukasz Żółć"
    assert rows[2][9:] == ["No", "Approved", ""]


def test_xlsx_export(edition, exported):
    content = export_xlsx(participants_of(edition=edition))

    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook["Participants"]
    rows = [
        [cell if cell is not None else "" for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    assert len(rows) == 3
    assert rows[:2] == expected_rows(exported, guard="")
    assert {sheet["C2"].data_type, sheet["H2"].data_type} == {"s"}
    assert rows[2][0] == "Łukasz Żółć"
    assert sheet["A1"].font.bold
    assert not sheet["A2"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["C"].width == 36
    # nothing is stored as a formula
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


# --- check-in only for days that have begun (host time) ---------------------------------------


@pytest.fixture
def tokyo_evening(monkeypatch):
    """14:30 UTC on 25 November 2019: 23:30 on the first day in Tokyo, the 26th still to come."""
    from django.utils import timezone

    moment = datetime.datetime(2019, 11, 25, 14, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def test_a_day_still_to_come_cannot_be_checked_in(edition, staff, tokyo_evening):
    application = participant(edition)

    with pytest.raises(ConferenceError) as refused:
        checkin_mark(application=application, day=DAY_2, by=staff)

    assert str(refused.value) == (
        "Check-in for Nov. 26, 2019 opens when that day starts in Tokyo (Asia/Tokyo): "
        "nobody can be checked in for a day still to come."
    )
    assert not CheckIn.objects.exists()
    application.refresh_from_db()
    assert application.status == "approved"
    assert not AuditEntry.objects.exists()


def test_the_day_begun_in_the_host_zone_can_be_checked_in(edition, staff, tokyo_evening):
    application = participant(edition)

    checkin_mark(application=application, day=DAY_1, by=staff)

    assert list(application.checkins.values_list("day", flat=True)) == [DAY_1]


def test_the_host_day_counts_not_the_utc_day(edition, staff, monkeypatch):
    from django.utils import timezone

    # 15:30 UTC on the 25th is already 00:30 on the 26th in Tokyo
    moment = datetime.datetime(2019, 11, 25, 15, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    application = participant(edition)

    checkin_mark(application=application, day=DAY_2, by=staff)

    assert list(application.checkins.values_list("day", flat=True)) == [DAY_2]
