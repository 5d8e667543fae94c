"""Demo conferences: the editions, their programme, applications and participants."""

import datetime
import random

from django.contrib.humanize.templatetags.humanize import ordinal
from django.db import transaction
from django.utils import timezone

from conferences.models import Application, CheckIn, Edition, Session
from conferences.services.applications import (
    application_approve,
    application_submit,
    application_waitlist,
)
from conferences.services.editions import (
    QuotaRow,
    TargetRow,
    edition_create,
    edition_set_status,
    session_create,
)
from conferences.services.participants import checkin_mark
from conferences.services.workshops import signup_create
from schools.models import Country
from schools.timezones import country_timezone
from teachers.models import TeacherProfile

from .common import DEMO_LOGINS, backdate, staff_user

EDITIONS = [
    # number, title, theme, city, country, start, end
    (
        14,
        "Gender Equality: Reprogramming STEM Education",
        "Gender equality in STEM",
        "Helsinki",
        "FI",
        (2018, 11, 27),
        (2018, 11, 30),
    ),
    (
        15,
        "Education for Sustainable Development (ESD) and AI: The Role and Readiness of Teachers",
        "ESD and AI",
        "Tokyo",
        "JP",
        (2019, 11, 25),
        (2019, 11, 29),
    ),
    (
        16,
        "Teachers as Changemakers",
        "Teachers as changemakers",
        "Ljubljana",
        "SI",
        (2023, 11, 12),
        (2023, 11, 16),
    ),
]


# The editions before the 14th: only their place and dates are recorded in the demo, so that
# "14 editions organised" comes out of the data like the rest of the report.
EARLIER_EDITIONS = [
    (1, "Singapore", "SG", 2005),
    (2, "Copenhagen", "DK", 2006),
    (3, "Kuala Lumpur", "MY", 2007),
    (4, "Madrid", "ES", 2008),
    (5, "Hanoi", "VN", 2009),
    (6, "Berlin", "DE", 2010),
    (7, "Bangkok", "TH", 2011),
    (8, "Lisbon", "PT", 2012),
    (9, "Manila", "PH", 2013),
    (10, "Prague", "CZ", 2014),
    (11, "Seoul", "KR", 2015),
    (12, "Riga", "LV", 2016),
    (13, "Jakarta", "ID", 2017),
]


EDITION_DETAILS = {
    # number: (venue, format, capacity)
    14: ("Finlandia Hall, Mannerheimintie 13e, Helsinki", "in_person", 100),
    15: ("United Nations University, 5-53-70 Jingumae, Shibuya, Tokyo", "in_person", 100),
    16: ("Cankarjev dom, Prešernova cesta 10, Ljubljana", "hybrid", 110),
}


# The statuses an edition goes through, in order (edition_set_status moves one step).
EDITION_PATH = [
    Edition.Status.DRAFT,
    Edition.Status.PUBLISHED,
    Edition.Status.APPLICATIONS_OPEN,
    Edition.Status.CLOSED,
    Edition.Status.HELD,
    Edition.Status.ARCHIVED,
]


def edition_walk(edition: Edition, *, by, to: str) -> Edition:
    """Staff move the edition along EDITION_PATH, one step at a time, up to `to`."""
    start, end = EDITION_PATH.index(edition.status), EDITION_PATH.index(to)
    for status in EDITION_PATH[start + 1 : end + 1]:
        edition = edition_set_status(edition=edition, by=by, to=status)
    return edition


def _edition(*, staff, to: str, quotas=(), targets=(), **fields) -> Edition:
    """The edition of that number, or staff create it (edition_create) and move it on."""
    edition = Edition.objects.filter(number=fields["number"]).first()
    if edition is None:
        edition = edition_create(by=staff, fields=fields, quotas=quotas, targets=targets)
        edition = edition_walk(edition, by=staff, to=to)
    return Edition.objects.get(pk=edition.pk)


def _opened_before(edition: Edition) -> None:
    """A past edition's application window, as it was: opened 4 months before, closed 2."""
    at_nine = datetime.time(9)
    backdate(
        edition,
        applications_open_at=datetime.datetime.combine(
            edition.starts_on - datetime.timedelta(days=120), at_nine, tzinfo=edition.zone
        ),
        applications_close_at=datetime.datetime.combine(
            edition.starts_on - datetime.timedelta(days=61), at_nine, tzinfo=edition.zone
        ),
    )


@transaction.atomic
def seed_editions() -> dict[int, object]:
    """Past ClassNet Conference editions and a coming one open for applications, created by
    staff (edition_create) and moved on (edition_set_status). The held editions stay open for
    applications until their participants have applied (seed_applications, _attend)."""
    staff = staff_user()
    editions = {}
    for number, title, theme, city, code, start, end in EDITIONS:
        venue, edition_format, capacity = EDITION_DETAILS[number]
        editions[number] = _edition(
            staff=staff,
            to=Edition.Status.APPLICATIONS_OPEN,
            number=number,
            title=title,
            theme=theme,
            city=city,
            country=Country.objects.get(code=code),
            time_zone=country_timezone(code),
            starts_on=datetime.date(*start),
            ends_on=datetime.date(*end),
            venue=venue,
            format=edition_format,
            capacity=capacity,
        )

    for number, city, code, year in EARLIER_EDITIONS:
        edition = _edition(
            staff=staff,
            to=Edition.Status.ARCHIVED,
            number=number,
            title=f"ClassNet Conference {year}",
            city=city,
            country=Country.objects.get(code=code),
            time_zone=country_timezone(code),
            starts_on=datetime.date(year, 11, 10),
            ends_on=datetime.date(year, 11, 13),
            description="An earlier edition: the demo records its place and dates only.",
        )
        _opened_before(edition)

    # The coming edition: about a year from today, applications open now for about 3 months.
    now = timezone.now()
    starts_on = timezone.localdate() + datetime.timedelta(days=360)
    editions[17] = _edition(
        staff=staff,
        to=Edition.Status.APPLICATIONS_OPEN,
        quotas=[
            QuotaRow(country=Country.objects.get(code=code), max_teachers=max_teachers)
            for code, max_teachers in [("TH", 10), ("JP", 6), ("FI", 6)]
        ],
        targets=[TargetRow(region=region, target=50) for region in ("asia", "europe")],
        number=17,
        title="Learning Together in a Connected World: Digital Citizenship in the Classroom",
        theme="Digital citizenship",
        city="Bangkok",
        country=Country.objects.get(code="TH"),
        time_zone=country_timezone("TH"),
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=4),
        venue="Chulalongkorn University, Phayathai Road, Pathum Wan, Bangkok",
        format=Edition.Format.IN_PERSON,
        capacity=100,
        applications_open_at=now - datetime.timedelta(days=7),
        applications_close_at=now + datetime.timedelta(days=90),
        description=(
            "Five days of plenaries, capacity trainings, school visits and a collaboration "
            "fair for about 100 secondary teachers from Asia and Europe.\n\n"
            "Verified teachers apply with a short motivation and the collaboration they "
            "lead or plan. Places are shared between the regions; each country has at most "
            "a few places so that the whole network meets."
        ),
    )
    return editions


# (day index, start "HH:MM", minutes, kind, title, room, speakers, capacity): about a dozen
# sessions over the first four days of an edition, in the host's time zone.
PROGRAMME = [
    (0, "09:00", 60, "plenary", "Opening plenary", "Main hall", "ASEF and the host", None),
    (0, "10:00", 45, "keynote", "Keynote: {theme}", "Main hall", "Invited speaker", None),
    (0, "11:00", 90, "capacity_training", "Designing a cross-border project", "Room A", "", None),
    (0, "19:00", 150, "social", "Welcome dinner", "Terrace", "", None),
    (1, "09:00", 120, "workshop", "Workshop: project-based learning", "Room B", "", 25),
    (1, "09:00", 120, "workshop", "Workshop: assessment across languages", "Room C", "", 20),
    (1, "13:30", 240, "school_visit", "School visits in {city}", "Meet at the lobby", "", None),
    (2, "09:00", 90, "capacity_training", "Digital tools for class exchange", "Room A", "", None),
    (2, "14:00", 180, "collaboration_fair", "Collaboration fair", "Main hall", "", None),
    (3, "09:00", 120, "workshop", "Workshop: planning your collaboration", "Room B", "", 30),
    (3, "11:30", 60, "plenary", "Reporting back and next steps", "Main hall", "", None),
    (3, "12:30", 60, "social", "Closing lunch", "Terrace", "", None),
]


@transaction.atomic
def seed_programme(editions: dict) -> None:
    """A small programme for the 15th (held) and the coming 17th edition, in host time, added
    by staff (session_create)."""
    staff = staff_user()
    for number in (15, 17):
        edition = editions[number]
        zone = edition.zone
        for day, start, minutes, kind, title, room, speakers, capacity in PROGRAMME:
            title = title.format(theme=edition.theme or edition.title, city=edition.city)
            hour, minute = map(int, start.split(":"))
            starts_at = datetime.datetime.combine(
                edition.starts_on + datetime.timedelta(days=day),
                datetime.time(hour, minute),
                tzinfo=zone,
            )
            if edition.sessions.filter(title=title).exists():
                continue
            session_create(
                edition=edition,
                by=staff,
                fields={
                    "kind": kind,
                    "title": title,
                    "starts_at": starts_at,
                    "ends_at": starts_at + datetime.timedelta(minutes=minutes),
                    "room": room,
                    "speakers": speakers,
                    "description": f"{Session.Kind(kind).label} at the "
                    f"{ordinal(edition.number)} ClassNet Conference.",
                    "capacity": capacity,
                },
            )


ATTENDED = {14: 98, 15: 72, 16: 64}
# The 14th as ASEF's record says: about 100 teachers from 46 ASEM partner countries (every
# country but these five), 22 collaborations initiated by Asian and European schools for 2019.
FOURTEENTH_ABSENT_COUNTRIES = ["CY", "LU", "MT", "LA", "NZ"]
FOURTEENTH_COUNTRIES = 46
FOURTEENTH_INITIATED = 22
# The coming edition: places almost all given, a few applications to decide, a short waitlist.
COMING_APPROVED = 92
COMING_WAITLISTED = 2


@transaction.atomic
def seed_applications(editions: dict) -> None:
    """Participants of the held editions (attended, checked in every day) and the coming
    edition's applications: 92 of its 100 places approved, 8 applications waiting for a
    decision, 2 teachers on the waitlist. The demo teacher took part in the 16th (their
    certificate is on My ClassNet) and has not applied to the 17th yet. Teachers apply
    (application_submit), staff decide (application_approve, application_waitlist), the
    participants sign up for workshops (signup_create); the e-mails go to the outbox."""
    staff = staff_user()
    demo_teacher = TeacherProfile.objects.get(user__email=DEMO_LOGINS[0].email)
    others = list(
        TeacherProfile.objects.filter(verification=TeacherProfile.Verification.VERIFIED)
        .exclude(pk=demo_teacher.pk)
        .select_related("school")
        .order_by("user__email")
    )
    rng = random.Random(2019)  # noqa: S311 - the same demo every time, not security
    for number, count in ATTENDED.items():
        edition = editions[number]
        if edition.applications.exists():
            continue
        people = rng.sample(others, count) + ([demo_teacher] if number == 16 else [])
        if number == 14:
            # Seeded after the Awards (seed_fourteenth_participants), whose teachers take part;
            # the draw above stays, so that the later editions' participants stay who they were.
            continue
        _attend(edition, people, staff=staff)

    coming = editions[17]
    if coming.applications.exists():
        return
    order = rng.sample(others, len(others))
    statuses = (
        [Application.Status.APPROVED] * COMING_APPROVED
        + [Application.Status.WAITLISTED] * COMING_WAITLISTED
        + [Application.Status.SUBMITTED] * (len(order) - COMING_APPROVED - COMING_WAITLISTED)
    )
    for index, (profile, status) in enumerate(zip(order, statuses, strict=True)):
        application = application_submit(
            edition=coming,
            by=profile.user,
            motivation=(
                f"My students at {profile.school.name} would love a partner class in the other "
                "region; I want to learn how to run a collaboration on digital citizenship."
            ),
            collaboration_plan="A shared project on staying safe and kind online.",
            needs_dietary="Vegetarian" if index % 7 == 0 else "",
            needs_access="",
            consent_to_list=index % 5 != 0,
        )
        if status == Application.Status.APPROVED:
            application_approve(application=application, by=staff)
        elif status == Application.Status.WAITLISTED:
            application_waitlist(application=application, by=staff)
    # Participants have started choosing workshops: one is full, the others fill up.
    participants = list(
        coming.applications.filter(status=Application.Status.APPROVED).select_related(
            "teacher__user"
        )
    )
    taken = {
        "Workshop: assessment across languages": 20,
        "Workshop: project-based learning": 12,
        "Workshop: planning your collaboration": 19,
    }
    start = 0
    for title, count in taken.items():
        session = coming.sessions.get(title=title)
        if title == "Workshop: project-based learning":
            start = 20  # the same time as the full one: nobody is in both
        chosen = participants[start : start + count]
        for application in chosen:
            signup_create(session=session, by=application.teacher.user)


def _attend(edition: Edition, people: list[TeacherProfile], *, staff) -> None:
    """Past participation: the teachers apply, staff approve them, the edition is held and
    staff check everyone in on every day (conferences' services); then the dates go back to
    the edition's time (demo.common.backdate)."""
    for profile in people:
        application = application_submit(
            edition=edition,
            by=profile.user,
            motivation="I want to meet partner teachers from the other region.",
            collaboration_plan="",
            needs_dietary="",
            needs_access="",
            consent_to_list=True,
        )
        application_approve(application=application, by=staff)
    edition = edition_walk(edition, by=staff, to=Edition.Status.HELD)
    days = [
        edition.starts_on + datetime.timedelta(days=offset)
        for offset in range((edition.ends_on - edition.starts_on).days + 1)
    ]
    applications = list(edition.applications.order_by("pk"))
    for day in days:
        for application in applications:
            checkin_mark(application=application, day=day, by=staff)
    decided = datetime.datetime.combine(
        edition.starts_on - datetime.timedelta(days=60), datetime.time(9), tzinfo=edition.zone
    )
    backdate(
        edition.applications.all(),
        created_at=decided - datetime.timedelta(days=20),
        decided_at=decided,
    )
    for day in days:
        backdate(
            CheckIn.objects.filter(application__edition=edition, day=day),
            checked_in_at=datetime.datetime.combine(day, datetime.time(8, 30), tzinfo=edition.zone),
        )
    _opened_before(edition)


@transaction.atomic
def seed_fourteenth_participants(editions: dict) -> None:
    """The 14th's 98 participants ("about 100") from 46 countries: the first two teachers of
    every country but FOURTEENTH_ABSENT_COUNTRIES, and six of the teachers whose collaborations
    won the Awards announced there. Runs after seed_awards, which creates those teachers."""
    edition = editions[14]
    if edition.applications.exists():
        return
    verified = TeacherProfile.objects.filter(
        verification=TeacherProfile.Verification.VERIFIED
    ).exclude(school__country__code__in=FOURTEENTH_ABSENT_COUNTRIES)
    firsts = list(
        verified.filter(user__email__regex=r"^teacher[12]\.[a-z]{2}@classnet\.demo$")
        .select_related("school")
        .order_by("user__email")
    )
    awarded = list(
        verified.filter(user__email__startswith="teacher.award1.")
        .select_related("school")
        .order_by("user__email")[: ATTENDED[14] - len(firsts)]
    )
    _attend(edition, firsts + awarded, staff=staff_user())
