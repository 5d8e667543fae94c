"""Demo data: a small living network. Every function is idempotent (safe to run again)."""

import random

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from core.roles import JUDGES_GROUP, STAFF_GROUP
from schools.models import Country, Language, School, SchoolKind, StudentCountBand
from schools.services import countries_sync
from teachers.models import Subject, TeacherProfile, User

from .awards import seed_awards
from .common import (
    DEMO_LOGINS,
    DEMO_PASSWORD,
    SCHOOL_PATTERNS,
    DemoLogin,
    account_get_or_create,
)
from .places import ASIAN_FAMILY, ASIAN_GIVEN, CITIES, EUROPEAN_FAMILY, EUROPEAN_GIVEN
from .projects import FOURTEENTH_PROJECTS, PROJECTS
from .surveys_gallery import seed_gallery, seed_surveys


@transaction.atomic
def seed_schools() -> dict[str, list[School]]:
    """Three verified schools in each of the 51 countries."""
    english = Language.objects.get(code="en")
    languages = {language.code: language for language in Language.objects.all()}
    bands = list(StudentCountBand.values)
    schools: dict[str, list[School]] = {}
    now = timezone.now()
    for country in Country.objects.all():
        first, second, language_code = CITIES[country.code.code]
        for index, (pattern, kind, city_index) in enumerate(SCHOOL_PATTERNS):
            city = (first, second)[city_index]
            name = pattern.format(first=first, second=second)
            school, created = School.objects.get_or_create(
                name=name,
                city=city,
                country=country,
                defaults={
                    "kind": kind,
                    "status": School.Status.VERIFIED,
                    "verified_at": now,
                    "student_count": bands[(len(name) + index) % len(bands)],
                    "website": f"https://www.{slugify(name)}.example",
                    "description": (
                        f"A {kind} school in {city}, {country.name}, teaching in "
                        f"{languages[language_code].name}"
                        + (" and English." if language_code != "en" else ".")
                    ),
                },
            )
            if created:
                school.languages.set({languages[language_code], english})
            schools.setdefault(country.code.code, []).append(school)
    return schools


@transaction.atomic
def seed_teachers(schools: dict[str, list[School]]) -> None:
    """Two verified teachers per country, some waiting for verification, and two schools a
    teacher proposed: a network with something in every list and queue."""
    rng = random.Random(2018)  # noqa: S311 - the same demo every time, not security
    password_hash = make_password(DEMO_PASSWORD)
    subjects = list(Subject.objects.order_by("name"))
    english = Language.objects.get(code="en")
    languages = {language.code: language for language in Language.objects.all()}
    for country in Country.objects.order_by("code"):
        code = country.code.code
        asian = country.region == "asia"
        given, family = (ASIAN_GIVEN, ASIAN_FAMILY) if asian else (EUROPEAN_GIVEN, EUROPEAN_FAMILY)
        for number in range(3):
            pending = number == 2 and code in {"DE", "JP", "PH", "PL"}
            proposer = number == 2 and code in {"VN", "IT"}
            if number == 2 and not (pending or proposer):
                continue
            if asian:
                full_name = f"{rng.choice(family)} {rng.choice(given)}"
            else:
                full_name = f"{rng.choice(given)} {rng.choice(family)}"
            user = account_get_or_create(
                email=f"teacher{number + 1}.{code.lower()}@classnet.demo",
                full_name=full_name,
                country=country,
                password_hash=password_hash,
            )
            if proposer:
                continue  # gets the school they propose, below
            youngest = rng.choice([12, 13, 14, 15])
            profile, created = TeacherProfile.objects.get_or_create(
                user=user,
                defaults={
                    "school": schools[code][number % 3],
                    "verification": (
                        TeacherProfile.Verification.PENDING
                        if pending
                        else TeacherProfile.Verification.VERIFIED
                    ),
                    "verified_at": None if pending else timezone.now(),
                    "student_age_min": youngest,
                    "student_age_max": youngest + rng.choice([3, 4, 5]),
                    "bio": (
                        f"I teach at {schools[code][number % 3].name} and look for partner "
                        f"classes in {'Europe' if asian else 'Asia'}."
                    ),
                },
            )
            if created:
                profile.subjects.set(rng.sample(subjects, 2))
                profile.languages.set({english, languages[CITIES[code][2]]})
    # Two schools proposed by teachers, waiting for staff.
    for code, name, city in [
        ("VN", "Hue Gifted High School", "Hue"),
        ("IT", "Liceo Galilei", "Pisa"),
    ]:
        country = Country.objects.get(code=code)
        proposer = User.objects.get(email=f"teacher3.{code.lower()}@classnet.demo")
        school, _created = School.objects.get_or_create(
            name=name,
            city=city,
            country=country,
            defaults={"kind": SchoolKind.HIGH, "proposed_by": proposer},
        )
        TeacherProfile.objects.get_or_create(
            user=proposer, defaults={"school": school, "student_age_min": 15, "student_age_max": 18}
        )


@transaction.atomic
def seed_people(schools: dict[str, list[School]]) -> list[DemoLogin]:
    password_hash = make_password(DEMO_PASSWORD)
    users = {
        login.role: account_get_or_create(
            email=login.email,
            full_name=login.full_name,
            country=Country.objects.get(code=login.country_code),
            password_hash=password_hash,
        )
        for login in DEMO_LOGINS
    }
    profile, created = TeacherProfile.objects.get_or_create(
        user=users["teacher"],
        defaults={
            "school": schools["FI"][0],
            "verification": TeacherProfile.Verification.VERIFIED,
            "verified_at": timezone.now(),
            "student_age_min": 15,
            "student_age_max": 18,
            "bio": "Physics and mathematics teacher in Helsinki. My students love robotics "
            "and would like to build something with a class in Asia.",
        },
    )
    if created:
        profile.subjects.set(Subject.objects.filter(name__in=["Physics", "Mathematics"]))
        profile.languages.set(Language.objects.filter(code__in=["fi", "en", "sv"]))

    staff = users["staff"]
    staff.groups.add(Group.objects.get(name=STAFF_GROUP))
    if not staff.is_staff:
        staff.is_staff = True
        staff.save(update_fields=["is_staff"])

    users["judge"].groups.add(Group.objects.get(name=JUDGES_GROUP))
    return DEMO_LOGINS


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


@transaction.atomic
def seed_editions() -> dict[int, object]:
    """Past ClassNet Conference editions (held) and a coming one open for applications."""
    import datetime

    from conferences.models import Edition, EditionCountryQuota, EditionRegionTarget
    from schools.timezones import country_timezone

    editions = {}
    for number, title, theme, city, code, start, end in EDITIONS:
        venue, edition_format, capacity = EDITION_DETAILS[number]
        editions[number], _created = Edition.objects.update_or_create(
            number=number,
            defaults={
                "title": title,
                "theme": theme,
                "city": city,
                "country": Country.objects.get(code=code),
                "time_zone": country_timezone(code),
                "starts_on": datetime.date(*start),
                "ends_on": datetime.date(*end),
                "venue": venue,
                "format": edition_format,
                "capacity": capacity,
                "status": Edition.Status.HELD,
            },
        )

    for number, city, code, year in EARLIER_EDITIONS:
        Edition.objects.update_or_create(
            number=number,
            defaults={
                "title": f"ClassNet Conference {year}",
                "city": city,
                "country": Country.objects.get(code=code),
                "time_zone": country_timezone(code),
                "starts_on": datetime.date(year, 11, 10),
                "ends_on": datetime.date(year, 11, 13),
                "description": "An earlier edition: the demo records its place and dates only.",
                "status": Edition.Status.ARCHIVED,
            },
        )

    # The coming edition: about a year from today, applications open now for about 3 months.
    now = timezone.now()
    starts_on = timezone.localdate() + datetime.timedelta(days=360)
    coming, _created = Edition.objects.update_or_create(
        number=17,
        defaults={
            "title": "Learning Together in a Connected World: Digital Citizenship in the Classroom",
            "theme": "Digital citizenship",
            "city": "Bangkok",
            "country": Country.objects.get(code="TH"),
            "time_zone": country_timezone("TH"),
            "starts_on": starts_on,
            "ends_on": starts_on + datetime.timedelta(days=4),
            "venue": "Chulalongkorn University, Phayathai Road, Pathum Wan, Bangkok",
            "format": Edition.Format.IN_PERSON,
            "capacity": 100,
            "applications_open_at": now - datetime.timedelta(days=7),
            "applications_close_at": now + datetime.timedelta(days=90),
            "description": (
                "Five days of plenaries, capacity trainings, school visits and a collaboration "
                "fair for about 100 secondary teachers from Asia and Europe.\n\n"
                "Verified teachers apply with a short motivation and the collaboration they "
                "lead or plan. Places are shared between the regions; each country has at most "
                "a few places so that the whole network meets."
            ),
            "status": Edition.Status.APPLICATIONS_OPEN,
        },
    )
    editions[17] = coming
    for code, max_teachers in [("TH", 10), ("JP", 6), ("FI", 6)]:
        EditionCountryQuota.objects.update_or_create(
            edition=coming,
            country=Country.objects.get(code=code),
            defaults={"max_teachers": max_teachers},
        )
    for region in ("asia", "europe"):
        EditionRegionTarget.objects.update_or_create(
            edition=coming, region=region, defaults={"target": 50}
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
    """A small programme for the 15th (held) and the coming 17th edition, in host time."""
    import datetime

    from django.contrib.humanize.templatetags.humanize import ordinal

    from conferences.models import Session

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
            Session.objects.update_or_create(
                edition=edition,
                title=title,
                defaults={
                    "kind": kind,
                    "starts_at": starts_at,
                    "ends_at": starts_at + datetime.timedelta(minutes=minutes),
                    "room": room,
                    "speakers": speakers,
                    "description": f"{Session.Kind(kind).label} at the "
                    f"{ordinal(edition.number)} ClassNet Conference.",
                    "capacity": capacity,
                },
            )


STATUS_PLAN = (
    ["open"] * 14 + ["running"] * 12 + ["completed"] * 8 + ["archived"] * 3 + ["draft"] * 3
)


@transaction.atomic
def seed_collaborations(editions: dict) -> None:
    """About 40 collaborations in every status, led from both regions, with member schools,
    and join requests waiting for the demo teacher (a lead) and others. Written directly, not
    through the services: the demo must not send a burst of e-mails."""
    from collaborations.models import Collaboration, JoinRequest, Membership
    from collaborations.services import themes_from_names

    rng = random.Random(2019)  # noqa: S311 - the same demo every time, not security
    teachers = list(
        TeacherProfile.objects.verified()
        .select_related("school__country", "user")
        .order_by("user__email")
    )
    asia = [t for t in teachers if t.school.country.region == "asia"]
    europe = [t for t in teachers if t.school.country.region == "europe"]
    demo_teacher = next(t for t in teachers if t.user.email == "teacher@classnet.demo")
    subjects = {subject.name: subject for subject in Subject.objects.all()}
    english = Language.objects.get(code="en")
    today = timezone.localdate()
    # Created oldest-plan first, so that the open ones (listed first in PROJECTS) are newest.
    for index, (title, summary, subject_names, themes) in reversed(list(enumerate(PROJECTS))):
        if Collaboration.objects.filter(title=title).exists():
            continue
        status = STATUS_PLAN[index % len(STATUS_PLAN)]
        lead = demo_teacher if index == 1 else rng.choice(europe if index % 2 == 0 else asia)
        from_europe = lead.school.country.region == "europe"
        started_days_ago = {"open": -30, "draft": -60, "running": 60, "completed": 300}.get(
            status, 500
        )
        starts_on = today - timezone.timedelta(days=started_days_ago)
        youngest = rng.choice([12, 13, 14, 15])
        collaboration = Collaboration.objects.create(
            title=title,
            summary=summary,
            description=(
                f"{summary}\n\nEach month the partner classes meet online for one lesson and "
                "share their work on a common board. Students work in mixed teams across "
                "countries; teachers plan together in a monthly call."
            ),
            kind="exchange" if index % 9 == 4 else "online",
            student_age_min=youngest,
            student_age_max=youngest + 3,
            ict_tools=rng.choice(["Padlet, Zoom", "Google Classroom, Meet", "Teams, Miro"]),
            starts_on=starts_on,
            ends_on=starts_on + timezone.timedelta(days=rng.choice([120, 180, 240, 300])),
            partner_schools_wanted=rng.choice([2, 3, 4, 5]),
            wanted_region="asia" if from_europe else "europe",
            status=status,
            # The 14th's initiated collaborations are its own (seed_fourteenth_initiated).
            initiated_at=editions.get((None, 15, 16, None)[index % 4]),
            created_by=lead.user,
        )
        collaboration.subjects.set([subjects[name] for name in subject_names])
        collaboration.languages.set([english])
        collaboration.themes.set(themes_from_names(themes))
        Membership.objects.create(
            collaboration=collaboration,
            school=lead.school,
            teacher=lead,
            role=Membership.Role.LEAD,
            student_count=rng.randint(12, 30),
        )
        partners = {
            "open": rng.choice([0, 0, 1]),
            "draft": 0,
        }.get(status, min(collaboration.partner_schools_wanted, rng.choice([2, 3, 4])))
        other_region = asia if from_europe else europe
        pool = [t for t in other_region + (europe if from_europe else asia) if t != lead]
        chosen = []
        for candidate in rng.sample(other_region, len(other_region)) + rng.sample(pool, len(pool)):
            if len(chosen) == partners:
                break
            if (
                candidate.school_id != lead.school_id
                and candidate not in chosen
                and all(c.school_id != candidate.school_id for c in chosen)
            ):
                chosen.append(candidate)
        # Open collaborations led from Europe wait for Asia: their partners come from Europe.
        if status == "open" and from_europe:
            chosen = [c for c in chosen if c.school.country.region == "europe"]
        for member in chosen:
            Membership.objects.create(
                collaboration=collaboration,
                school=member.school,
                teacher=member,
                student_count=rng.randint(10, 32),
            )
        if status == "open" and index % 3 != 2:
            requester = next(
                t
                for t in rng.sample(other_region, len(other_region))
                if t.school_id not in {m.school_id for m in [lead, *chosen]}
            )
            JoinRequest.objects.create(
                collaboration=collaboration,
                teacher=requester,
                school=requester.school,
                student_count=rng.randint(15, 28),
                message=(
                    f"Dear colleagues, my class in {requester.school.city} would love to join. "
                    "We can meet online on Tuesday and Thursday mornings."
                ),
            )


DIARY_LINES = [
    (
        "public",
        "Our first online meeting! Students introduced their towns with three photos each "
        "and were surprised how much they have in common.",
    ),
    (
        "members",
        "Reminder for teachers: next call on Thursday. Please upload your class's "
        "results to the shared board before then.",
    ),
    (
        "public",
        "This month's results are in. The charts from both regions are on our board; "
        "the students will present them at the end-of-term assembly.",
    ),
]


@transaction.atomic
def seed_diary() -> None:
    """A few diary posts in running and completed collaborations (text only)."""
    from collaborations.models import Collaboration, DiaryPost

    for collaboration in Collaboration.objects.filter(status__in=["running", "completed"]):
        if collaboration.posts.exists():
            continue
        members = list(collaboration.memberships.select_related("teacher", "school"))
        for index, (visibility, text) in enumerate(DIARY_LINES):
            member = members[index % len(members)]
            DiaryPost.objects.create(
                collaboration=collaboration,
                author=member.teacher,
                school=member.school,
                text=text,
                visibility=visibility,
            )


# Held editions: how many of the demo's verified teachers took part in each.
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
    certificate is on My ClassNet) and has not applied to the 17th yet. Rows are written
    directly (no e-mails): this is the past, not something happening now."""
    import datetime

    from conferences.models import Application, WorkshopSignup

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
        _attend(edition, people)

    coming = editions[17]
    if coming.applications.exists():
        return
    order = rng.sample(others, len(others))
    now = timezone.now()
    statuses = (
        [Application.Status.APPROVED] * COMING_APPROVED
        + [Application.Status.WAITLISTED] * COMING_WAITLISTED
        + [Application.Status.SUBMITTED] * (len(order) - COMING_APPROVED - COMING_WAITLISTED)
    )
    Application.objects.bulk_create(
        Application(
            edition=coming,
            teacher=profile,
            school=profile.school,
            motivation=(
                f"My students at {profile.school.name} would love a partner class in the other "
                "region; I want to learn how to run a collaboration on digital citizenship."
            ),
            collaboration_plan="A shared project on staying safe and kind online.",
            needs_dietary="Vegetarian" if index % 7 == 0 else "",
            consent_to_list=index % 5 != 0,
            status=status,
            decided_at=now if status != Application.Status.SUBMITTED else None,
            waitlisted_at=(
                now + datetime.timedelta(seconds=index)
                if status == Application.Status.WAITLISTED
                else None
            ),
        )
        for index, (profile, status) in enumerate(zip(order, statuses, strict=True))
    )
    # Participants have started choosing workshops: one is full, the others fill up.
    participants = list(coming.applications.filter(status=Application.Status.APPROVED))
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
        WorkshopSignup.objects.bulk_create(
            WorkshopSignup(session=session, application=application) for application in chosen
        )


def _attend(edition, people: list[TeacherProfile]) -> None:
    """Past participation: applications attended, checked in every day (no e-mails)."""
    import datetime

    from conferences.models import Application, CheckIn

    decided = datetime.datetime.combine(
        edition.starts_on - datetime.timedelta(days=60), datetime.time(9), tzinfo=edition.zone
    )
    applications = Application.objects.bulk_create(
        Application(
            edition=edition,
            teacher=profile,
            school=profile.school,
            motivation="I want to meet partner teachers from the other region.",
            consent_to_list=True,
            status=Application.Status.ATTENDED,
            decided_at=decided,
        )
        for profile in people
    )
    days = [
        edition.starts_on + datetime.timedelta(days=offset)
        for offset in range((edition.ends_on - edition.starts_on).days + 1)
    ]
    CheckIn.objects.bulk_create(
        CheckIn(application=application, day=day) for application in applications for day in days
    )


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
    _attend(edition, firsts + awarded)


@transaction.atomic
def seed_fourteenth_initiated(editions: dict) -> None:
    """The 22 collaborations initiated at the 14th for 2019 by its participants: 11 led from
    Asia, 11 from Europe, each with partner schools of the other region (and of another
    country), run in 2019 and archived since. Written directly, like seed_collaborations."""
    import datetime

    from collaborations.models import Collaboration, Membership
    from collaborations.services import themes_from_names

    edition = editions[14]
    if Collaboration.objects.filter(title=FOURTEENTH_PROJECTS[0][0]).exists():
        return
    rng = random.Random(2018)  # noqa: S311 - the same demo every time, not security
    participants = [
        application.teacher
        for application in edition.applications.select_related("teacher__school__country")
        .filter(teacher__user__email__regex=r"^teacher[12]\.")
        .order_by("teacher__user__email")
    ]
    regions = {
        region: [t for t in participants if t.school.country.region == region]
        for region in ("asia", "europe")
    }
    subjects = {subject.name: subject for subject in Subject.objects.all()}
    english = Language.objects.get(code="en")
    initiated_on = datetime.datetime.combine(
        edition.ends_on, datetime.time(12), tzinfo=edition.zone
    )
    for index, (title, summary, subject_names, themes) in enumerate(FOURTEENTH_PROJECTS):
        home, away = ("asia", "europe") if index % 2 == 0 else ("europe", "asia")
        lead = regions[home][(index // 2) % len(regions[home])]
        partners = []
        for candidate in rng.sample(regions[away], len(regions[away])):
            if len(partners) == 1 + index % 3:
                break
            if all(candidate.school.country_id != p.school.country_id for p in partners):
                partners.append(candidate)
        starts_on = datetime.date(2019, 1 + index % 3, 7)
        youngest = rng.choice([12, 13, 14, 15])
        collaboration = Collaboration.objects.create(
            title=title,
            summary=summary,
            description=(
                f"{summary}\n\nInitiated at the 14th ClassNet Conference in Helsinki by teachers "
                "who met there; the partner classes worked together through 2019."
            ),
            kind="online",
            student_age_min=youngest,
            student_age_max=youngest + 3,
            ict_tools=rng.choice(["Padlet, Zoom", "Google Classroom, Meet", "Teams, Miro"]),
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=rng.choice([150, 180, 240])),
            partner_schools_wanted=len(partners),
            wanted_region=away,
            status=Collaboration.Status.ARCHIVED,
            initiated_at=edition,
            created_by=lead.user,
        )
        collaboration.subjects.set([subjects[name] for name in subject_names])
        collaboration.languages.set([english])
        collaboration.themes.set(themes_from_names(themes))
        Membership.objects.bulk_create(
            Membership(
                collaboration=collaboration,
                school=teacher.school,
                teacher=teacher,
                role=Membership.Role.LEAD if teacher == lead else Membership.Role.MEMBER,
                student_count=rng.randint(12, 30),
            )
            for teacher in [lead, *partners]
        )
        Collaboration.objects.filter(pk=collaboration.pk).update(
            created_at=initiated_on, updated_at=initiated_on
        )
        Membership.objects.filter(collaboration=collaboration).update(joined_at=initiated_on)


def seed_all() -> list[DemoLogin]:
    countries_sync()
    schools = seed_schools()
    seed_teachers(schools)
    logins = seed_people(schools)
    editions = seed_editions()
    seed_programme(editions)
    seed_applications(editions)
    seed_collaborations(editions)
    seed_awards(editions)
    seed_fourteenth_participants(editions)
    seed_fourteenth_initiated(editions)
    seed_diary()
    seed_surveys(editions)
    seed_gallery(editions)
    return logins
