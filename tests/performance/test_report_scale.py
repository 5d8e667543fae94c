"""The edition report at network scale: 100,000 teachers, 20,000 collaborations, 3,000 award
entries in the edition's cycle. The report aggregates in the database, so it must be generated
within a minute and under 300 MB.

Slow (seeding takes a while), so it runs only with RUN_SCALE=1:

    RUN_SCALE=1 .venv/bin/pytest -s tests/performance/test_report_scale.py

scripts/measure-report seeds the same network into a database once and times the report in a
fresh process, reporting the process's peak memory (the numbers in README.md).
"""

import datetime
import os
import time
import tracemalloc
from itertools import cycle

import pytest
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from awards.models import Award, AwardCategory, AwardCycle, AwardLevel, Entry
from collaborations.models import Collaboration, Membership
from conferences.models import Application, CheckIn, Edition, Session, WorkshopSignup
from schools.models import Country, School, SchoolKind
from teachers.models import TeacherProfile, User

TEACHERS = 100_000
SCHOOLS = 10_000
COLLABORATIONS = 20_000
ENTRIES = 3_000
PARTICIPANTS = 2_000  # attended the reported edition (a real one has ~100: this is a stress)
EDITIONS = 20
REPORTED = 20  # the edition reported on
SECONDS = 60
PEAK_MB = 300
BATCH = 5_000


def seed_network() -> Edition:
    """Bulk-create the network (a few hundred statements, no per-row saves); returns the
    edition to report on."""
    countries = list(Country.objects.order_by("pk"))
    kinds = cycle(SchoolKind.values)
    now = timezone.now()
    editions = Edition.objects.bulk_create(
        [
            Edition(
                number=n,
                title=f"Edition {n}",
                city=f"City {n}",
                country=countries[n % len(countries)],
                starts_on=datetime.date(2004 + n, 11, 27),
                ends_on=datetime.date(2004 + n, 11, 30),
                capacity=5_000,
                status=Edition.Status.HELD,
            )
            for n in range(1, EDITIONS + 1)
        ]
    )
    reported = editions[REPORTED - 1]
    schools = School.objects.bulk_create(
        (
            School(
                name=f"Scale school {n}",
                city=f"City {n % 97}",
                country=countries[n % len(countries)],
                kind=next(kinds),
                status=School.Status.VERIFIED,
                verified_at=now,
            )
            for n in range(SCHOOLS)
        ),
        batch_size=BATCH,
    )
    password = make_password("a-Long-scale-passw0rd")
    users = User.objects.bulk_create(
        (
            User(
                email=f"scale{n}@scale.example",
                full_name=f"Teacher {n}",
                country_id=schools[n % SCHOOLS].country_id,
                password=password,
            )
            for n in range(TEACHERS)
        ),
        batch_size=BATCH,
    )
    profiles = TeacherProfile.objects.bulk_create(
        (
            TeacherProfile(
                user=user,
                school=schools[n % SCHOOLS],
                verification=TeacherProfile.Verification.VERIFIED,
                verified_at=now,
                student_age_min=12,
                student_age_max=16,
            )
            for n, user in enumerate(users)
        ),
        batch_size=BATCH,
    )
    del users
    # Applications: 500 to each earlier edition, PARTICIPANTS attended the reported one
    Application.objects.bulk_create(
        (
            Application(
                edition=edition,
                teacher=profiles[(e * 500 + k) % TEACHERS],
                school=profiles[(e * 500 + k) % TEACHERS].school,
                motivation="To meet partners.",
                status=Application.Status.ATTENDED,
            )
            for e, edition in enumerate(editions[: REPORTED - 1])
            for k in range(500)
        ),
        batch_size=BATCH,
    )
    attended = Application.objects.bulk_create(
        (
            Application(
                edition=reported,
                teacher=profiles[k * 7 % TEACHERS],
                school=profiles[k * 7 % TEACHERS].school,
                motivation="To meet partners.",
                status=Application.Status.ATTENDED if k < PARTICIPANTS else "approved",
            )
            for k in range(PARTICIPANTS + 300)
        ),
        batch_size=BATCH,
    )[:PARTICIPANTS]
    sessions = Session.objects.bulk_create(
        Session(
            edition=reported,
            kind=Session.Kind.WORKSHOP,
            title=f"Workshop {n}",
            starts_at=datetime.datetime(2024, 11, 28, 8 + n % 8, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(2024, 11, 28, 9 + n % 8, tzinfo=datetime.UTC),
        )
        for n in range(40)
    )
    WorkshopSignup.objects.bulk_create(
        (WorkshopSignup(session=sessions[k % 40], application=a) for k, a in enumerate(attended)),
        batch_size=BATCH,
    )
    CheckIn.objects.bulk_create(
        (
            CheckIn(application=a, day=datetime.date(2024, 11, 27 + d))
            for a in attended
            for d in range(4)
        ),
        batch_size=BATCH,
    )
    # Collaborations: 20,000 with 3 member schools each; 5,000 initiated at the reported edition
    statuses = cycle(["open", "running", "completed", "completed", "draft"])
    collaborations = Collaboration.objects.bulk_create(
        (
            Collaboration(
                title=f"Scale collaboration {n}",
                summary="Classes compare their rivers.",
                description="Students in Asia and Europe sample rivers and share results.",
                student_age_min=12,
                student_age_max=16,
                starts_on=datetime.date(2024, 1, 1),
                ends_on=datetime.date(2025, 1, 1),
                partner_schools_wanted=3,
                wanted_region="any",
                status=next(statuses) if n >= ENTRIES else "completed",
                initiated_at=(reported, editions[n % EDITIONS], None, None)[n % 4],
            )
            for n in range(COLLABORATIONS)
        ),
        batch_size=BATCH,
    )
    Membership.objects.bulk_create(
        (
            Membership(
                collaboration=c,
                school=profiles[(n * 3 + k) * 11 % TEACHERS].school,
                teacher=profiles[(n * 3 + k) * 11 % TEACHERS],
                role="lead" if k == 0 else "member",
                student_count=25,
            )
            for n, c in enumerate(collaborations)
            for k in range(3)
        ),
        batch_size=BATCH,
        ignore_conflicts=True,  # the rare collaboration that would list a school twice
    )
    award_cycle = AwardCycle.objects.create(edition=reported, status="published")
    categories = AwardCategory.objects.bulk_create(
        AwardCategory(cycle=award_cycle, name=f"Category {n}", position=n) for n in range(5)
    )
    levels = AwardLevel.objects.bulk_create(
        AwardLevel(cycle=award_cycle, name=name, rank=rank, winners=2)
        for rank, name in enumerate(["Winner", "Runner-up", "Special mention"], start=1)
    )
    entries = Entry.objects.bulk_create(
        (
            Entry(
                cycle=award_cycle,
                collaboration=collaborations[n],
                category=categories[n % 5],
                submitted_by=profiles[n * 3 * 11 % TEACHERS],
                statement="Our students compared their rivers.",
                student_count=40 + n % 60,
                status="submitted" if n % 10 else "withdrawn",
                submitted_at=now,
            )
            for n in range(ENTRIES)
        ),
        batch_size=BATCH,
    )
    Award.objects.bulk_create(
        Award(cycle=award_cycle, entry=entries[1 + n], level=levels[n % 3]) for n in range(30)
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return reported


def measure(edition: Edition, directory) -> tuple[float, list]:
    from reports.edition import generate_edition_report

    started = time.perf_counter()
    files = generate_edition_report(edition=edition, directory=directory, progress=lambda p: None)
    return time.perf_counter() - started, files


@pytest.mark.skipif(os.environ.get("RUN_SCALE") != "1", reason="slow: set RUN_SCALE=1")
@pytest.mark.django_db
def test_the_edition_report_at_network_scale(tmp_path):
    edition = seed_network()
    tracemalloc.start()
    seconds, files = measure(edition, tmp_path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_mb = peak / 2**20
    print(f"\nedition report at scale: {seconds:.1f} s, Python peak {peak_mb:.0f} MB")
    assert [f.format for f in files] == ["pdf", "xlsx", "csv"]
    assert seconds < SECONDS
    assert peak_mb < PEAK_MB
    text = files[2].path.read_text(encoding="utf-8-sig")
    assert f"about {PARTICIPANTS:,} teachers" in text
    assert "2,700 school collaborations" in text  # 3,000 entries less the withdrawn tenth
    initiated = Collaboration.objects.public().filter(initiated_at=edition)
    assert initiated.count() > 4_000  # a quarter of them, drafts left out
    both_regions = (
        initiated.annotate(regions=Count("memberships__school__country__region", distinct=True))
        .filter(regions=2)
        .count()
    )
    assert (
        f"{both_regions:,} project collaborations initiated by Asian and European schools "
        "for 2025" in text
    )
