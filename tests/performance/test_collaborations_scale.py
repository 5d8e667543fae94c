"""The browse page at network scale: 20,000 collaborations cost the same number of queries per
page as one (the literal budgets pinned in tests/collaborations/test_views_browse.py) and answer
quickly; on PostgreSQL the full-text search uses its GIN index.

Run with `-s` to see the timings and, on PostgreSQL, the query plans of a search.
"""

import time
from itertools import cycle

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from collaborations.models import Collaboration, Membership
from collaborations.selectors.collaborations import CollaborationFilters, collaborations_for_browse
from schools.models import Country, Language
from teachers.models import Subject
from tests.factories import TeacherProfileFactory

pytestmark = pytest.mark.django_db

COLLABORATIONS = 20_000
RARE_EVERY = 1_000  # one collaboration in a thousand is about volcanoes
SECONDS_PER_REQUEST = 1.0

TOPICS = ["Rivers", "Poetry", "Robots", "Climate", "Food", "Music", "Migration", "Forests"]
COUNTRY_CODES = ["FI", "JP", "DE", "KR", "FR", "VN", "ES", "IN", "IT", "TH", "PL", "CN"]


def _seed_collaborations() -> dict:
    """Bulk-create 20,000 collaborations led by a dozen teachers, a third with a partner school
    from the next teacher's country: a few dozen statements, not 60,000 saves."""
    profiles = [
        TeacherProfileFactory(user__country=Country.objects.get(code=code))
        for code in COUNTRY_CODES
    ]
    subjects = list(Subject.objects.order_by("pk"))
    languages = list(Language.objects.order_by("pk"))
    statuses = cycle(["open", "open", "running", "completed", "archived", "draft"])
    regions = cycle(["any", "asia", "europe"])
    today = timezone.localdate()
    collaborations = Collaboration.objects.bulk_create(
        [
            Collaboration(
                title=(
                    f"Volcanoes and earthquakes {n}"
                    if n % RARE_EVERY == 0
                    else f"{TOPICS[n % len(TOPICS)]} across two continents {n}"
                ),
                summary=f"Classes compare {TOPICS[(n * 3) % len(TOPICS)].lower()} at home.",
                description="Students in Asia and Europe meet online every month and share.",
                kind="exchange" if n % 4 == 0 else "online",
                student_age_min=10 + n % 6,
                student_age_max=15 + n % 6,
                starts_on=today,
                ends_on=today + timezone.timedelta(days=180),
                partner_schools_wanted=1 + n % 5,
                wanted_region=next(regions),
                status=next(statuses),
            )
            for n in range(COLLABORATIONS)
        ],
        batch_size=2000,
    )
    memberships = []
    for n, collaboration in enumerate(collaborations):
        lead = profiles[n % len(profiles)]
        memberships.append(
            Membership(
                collaboration=collaboration,
                school=lead.school,
                teacher=lead,
                role=Membership.Role.LEAD,
                student_count=20,
            )
        )
        if n % 3 == 0:
            partner = profiles[(n + 1) % len(profiles)]
            memberships.append(
                Membership(
                    collaboration=collaboration,
                    school=partner.school,
                    teacher=partner,
                    student_count=15,
                )
            )
    Membership.objects.bulk_create(memberships, batch_size=5000)
    Collaboration.subjects.through.objects.bulk_create(
        [
            Collaboration.subjects.through(collaboration_id=c.pk, subject_id=subject.pk)
            for n, c in enumerate(collaborations)
            for subject in {subjects[n % len(subjects)], subjects[(n * 7 + 3) % len(subjects)]}
        ],
        batch_size=5000,
    )
    Collaboration.languages.through.objects.bulk_create(
        [
            Collaboration.languages.through(collaboration_id=c.pk, language_id=language.pk)
            for n, c in enumerate(collaborations)
            for language in {languages[0], languages[n % len(languages)]}
        ],
        batch_size=5000,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, as autovacuum would give them
    return {"lead": profiles[0].user, "subject": subjects[1], "japan": profiles[1].school.country}


def _measure(client, url: str) -> tuple[int, float, object]:
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - start
    assert response.status_code == 200, url
    return len(queries), elapsed, response


def test_browse_keeps_its_query_budget_with_20000_collaborations(client):
    start = time.perf_counter()
    seeded = _seed_collaborations()
    seeding = time.perf_counter() - start
    assert Collaboration.objects.count() == COLLABORATIONS

    index = reverse("collaborations:index")
    subject, japan = seeded["subject"], seeded["japan"]
    filtered = f"{index}?subject={subject.pk}&country={japan.pk}&age=14&status=open&kind=online"
    # (who, url, the budget pinned in tests/collaborations/test_views_browse.py, rows expected)
    visits = [
        (None, index, 9, 20),
        (None, f"{index}?page=500", 9, 20),
        (None, f"{index}?region=europe&wanted=europe", 9, 20),
        (None, filtered, 11, None),
        (None, f"{index}?q=volcanoes&sort=relevance", 9, 20),
        (None, f"{index}?q=rivers+compare&sort=newest", 9, 20),
        ("lead", index, 15, 20),
        ("lead", f"{index}?q=poetry+online&sort=relevance", 15, 20),
    ]
    report = [f"seeded {COLLABORATIONS} collaborations in {seeding:.1f} s"]
    for who, url, budget, rows in visits:
        client.logout()
        if who:
            client.force_login(seeded["lead"])
        client.get(url)  # warm up: sessions, caches, prepared plans

        count, elapsed, response = _measure(client, url)

        report.append(f"{elapsed * 1000:7.1f} ms  {count:2d} queries  {who or 'visitor'}  {url}")
        assert count == budget, url
        assert elapsed < SECONDS_PER_REQUEST, url
        page = response.context["page_obj"]
        if rows is not None:
            assert len(page) == rows, url
        else:
            assert len(page) > 0, url
        assert all(c.status != "draft" for c in page), url
    print("\n" + "\n".join(report))
    if connection.vendor == "postgresql":
        _check_search_plans()


def _check_search_plans() -> None:
    """A search filters through the GIN index on the weighted vector (migration 0002), for a
    rare word and a common one, ranked or newest first; the plans are printed as well."""
    for query, sort in [("volcanoes", "relevance"), ("volcanoes", "newest"), ("rivers", "")]:
        queryset = collaborations_for_browse(filters=CollaborationFilters(query=query, sort=sort))
        plan = queryset[:20].explain(analyze=True)
        print(f"\nEXPLAIN ANALYZE first page of a search for {query!r} ({sort or 'newest'}):")
        print(plan)
        assert "collaboration_search_gin" in plan, query
        sql, params = queryset.order_by().values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            # The SQL is the ORM's own, with its parameters passed apart.
            cursor.execute(f"EXPLAIN ANALYZE SELECT COUNT(*) FROM ({sql}) AS page", params)  # noqa: S608
            count_plan = "\n".join(row[0] for row in cursor.fetchall())
        print(f"EXPLAIN ANALYZE count of the search for {query!r}:")
        print(count_plan)
        assert "collaboration_search_gin" in count_plan, query
