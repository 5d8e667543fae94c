"""The directories at network scale: 5,000 schools and 20,000 teachers cost the same number of
queries per page as one school or one teacher (the literal budgets pinned in
tests/schools/test_views.py and tests/teachers/test_views_directory.py), and answer quickly.

Run with `-s` to see the timings (and, on PostgreSQL, the query plans of the directory pages,
unfiltered and filtered by country, with their counts).
"""

import time
from itertools import cycle

import pytest
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from schools.models import Country, Language, School, SchoolKind
from schools.selectors import SchoolFilters, schools_for_directory
from teachers.models import Subject, TeacherProfile, User
from teachers.selectors import TeacherFilters, teachers_for_directory
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

SCHOOLS = 5_000
TEACHERS = 20_000
BIG_SCHOOL_TEACHERS = 100  # one school has many teachers: its page still costs the same
SECONDS_PER_REQUEST = 1.0

GIVEN = ["Aino", "Kenji", "Marie", "Lan", "Jonas", "Priya", "Sofia", "Minh", "Eva", "Arjun"]
FAMILY = ["Virtanen", "Watanabe", "Dubois", "Nguyen", "Schmidt", "Sharma", "Rossi", "Kim"]


def _seed_network() -> dict:
    """Bulk-create the network: a few dozen statements, not 100,000 saves."""
    countries = list(Country.objects.order_by("pk"))
    languages = list(Language.objects.order_by("pk"))
    english = Language.objects.get(code="en")
    subjects = list(Subject.objects.order_by("pk"))
    kinds = cycle(SchoolKind.values)
    now = timezone.now()

    schools = School.objects.bulk_create(
        [
            School(
                name=f"School {n} of {countries[n % len(countries)].name}",
                city=f"City {n % 97}",
                country=countries[n % len(countries)],
                kind=next(kinds),
                status=School.Status.VERIFIED,
                verified_at=now,
            )
            for n in range(SCHOOLS)
        ],
        batch_size=1000,
    )
    School.languages.through.objects.bulk_create(
        [
            School.languages.through(school_id=school.pk, language_id=language.pk)
            for n, school in enumerate(schools)
            for language in {english, languages[n % len(languages)]}
        ],
        batch_size=5000,
    )

    password = make_password("a-Long-test-passw0rd")  # hashed once, shared by all
    school_of = [schools[0]] * BIG_SCHOOL_TEACHERS + [
        schools[n % SCHOOLS] for n in range(BIG_SCHOOL_TEACHERS, TEACHERS)
    ]
    users = User.objects.bulk_create(
        [
            User(
                email=f"teacher{n}@scale.example",
                full_name=f"{GIVEN[n % len(GIVEN)]} {FAMILY[n % len(FAMILY)]} {n}",
                country_id=school_of[n].country_id,
                password=password,
            )
            for n in range(TEACHERS)
        ],
        batch_size=2000,
    )
    profiles = TeacherProfile.objects.bulk_create(
        [
            TeacherProfile(
                user=user,
                school=school_of[n],
                verification=TeacherProfile.Verification.VERIFIED,
                verified_at=now,
                student_age_min=10 + n % 6,
                student_age_max=16 + n % 6,
            )
            for n, user in enumerate(users)
        ],
        batch_size=2000,
    )
    TeacherProfile.subjects.through.objects.bulk_create(
        [
            TeacherProfile.subjects.through(teacherprofile_id=profile.pk, subject_id=subject.pk)
            for n, profile in enumerate(profiles)
            for subject in {subjects[n % len(subjects)], subjects[(n * 7 + 3) % len(subjects)]}
        ],
        batch_size=5000,
    )
    TeacherProfile.languages.through.objects.bulk_create(
        [
            TeacherProfile.languages.through(teacherprofile_id=profile.pk, language_id=lang.pk)
            for n, profile in enumerate(profiles)
            for lang in {english, languages[n % len(languages)]}
        ],
        batch_size=5000,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, as autovacuum would give them
    return {
        "big_school": schools[0],
        "japan": Country.objects.get(code="JP"),
        "english": english,
        "biology": Subject.objects.get(name="Biology"),
        "teacher": users[BIG_SCHOOL_TEACHERS + 1],
        "profile": profiles[BIG_SCHOOL_TEACHERS + 2],
    }


def _measure(client, url: str) -> tuple[int, float, object]:
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - start
    assert response.status_code == 200, url
    return len(queries), elapsed, response


def test_directory_pages_keep_their_query_budget_with_5000_schools_and_20000_teachers(client):
    start = time.perf_counter()
    network = _seed_network()
    seeded = time.perf_counter() - start
    assert School.objects.verified().count() == SCHOOLS
    assert TeacherProfile.objects.verified().count() >= TEACHERS

    japan, english, biology = network["japan"], network["english"], network["biology"]
    schools = reverse("schools:index")
    teachers = reverse("teachers:directory")
    # (who, url, the query budget pinned with 1 row, rows expected on the page)
    visits = [
        (None, schools, 5, 24),
        (None, f"{schools}?page=150", 5, 24),
        (None, f"{schools}?q=city+42", 5, 24),
        (
            None,
            f"{schools}?q=school&region=asia&country={japan.pk}&kind=high&language={english.pk}",
            7,
            None,
        ),
        (None, network["big_school"].get_absolute_url(), 5, 25),
        ("staff", teachers, 13, 25),
        ("staff", f"{teachers}?page=500", 13, 25),
        (
            "teacher",
            f"{teachers}?q=school&region=asia&country={japan.pk}&subject={biology.pk}"
            f"&language={english.pk}&age=15",
            16,
            None,
        ),
        ("teacher", network["profile"].get_absolute_url(), 9, None),
    ]
    viewers = {"staff": StaffFactory(), "teacher": network["teacher"]}
    report = [f"seeded {SCHOOLS} schools and {TEACHERS} teachers in {seeded:.1f} s"]
    for who, url, budget, rows in visits:
        client.logout()
        if who:
            client.force_login(viewers[who])
        client.get(url)  # warm up: sessions, caches, prepared plans

        count, elapsed, response = _measure(client, url)

        report.append(f"{elapsed * 1000:7.1f} ms  {count:2d} queries  {who or 'visitor'}  {url}")
        assert count == budget, url
        assert elapsed < SECONDS_PER_REQUEST, url
        page = response.context.get("page_obj")
        if rows is not None:
            assert len(page) == rows, url
        elif page is not None:
            assert len(page) > 0, url
    print("\n" + "\n".join(report))
    if connection.vendor == "postgresql":
        _print_plans(japan)


def _print_plans(country) -> None:
    """What PostgreSQL does for a directory page, unfiltered, filtered by country and searched,
    and for the paginator's count (reported, not asserted: plans change with data and
    versions)."""
    for title, filters, selector, size in [
        ("schools", SchoolFilters(), schools_for_directory, 24),
        (f"schools in {country}", SchoolFilters(country=country), schools_for_directory, 24),
        ("schools matching 'city 42'", SchoolFilters(query="city 42"), schools_for_directory, 24),
        ("teachers", TeacherFilters(), teachers_for_directory, 25),
        (f"teachers in {country}", TeacherFilters(country=country), teachers_for_directory, 25),
    ]:
        queryset = selector(filters=filters)
        print(f"\nEXPLAIN ANALYZE page of {title}:")
        print(queryset[:size].explain(analyze=True))
        sql, params = queryset.order_by().values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            # The SQL is the ORM's own, with its parameters passed apart.
            cursor.execute(f"EXPLAIN ANALYZE SELECT COUNT(*) FROM ({sql}) AS page", params)  # noqa: S608
            print(f"EXPLAIN ANALYZE count of {title}:")
            print("\n".join(row[0] for row in cursor.fetchall()))
