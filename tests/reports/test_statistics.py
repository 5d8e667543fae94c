"""The network statistics: exact figures with distractors, a fixed number of queries, the
cache and what invalidates it, refresh() and the beat task; the SVG charts."""

import datetime

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from collaborations.models import Membership
from conferences.models import Application
from core import charts
from reports import statistics
from reports.tasks import refresh_statistics
from schools.models import Country, School
from tests.factories import (
    CollaborationFactory,
    CountryFactory,
    EditionFactory,
    EntryFactory,
    MembershipFactory,
    SchoolFactory,
    TeacherProfileFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def teacher_in(code: str, **kwargs):
    user = UserFactory(country=CountryFactory(code=code))
    return TeacherProfileFactory(user=user, **kwargs)


def attend(edition, profile, status="attended"):
    return Application.objects.create(
        edition=edition,
        teacher=profile,
        school=profile.school,
        motivation="I teach robotics.",
        collaboration_plan="Rivers",
        status=status,
    )


def country_figures(figures, code):
    return next(
        country
        for region in figures.regions
        for country in region.countries
        if country.code == code
    )


@pytest.fixture
def network():
    """A Finnish lead and a Japanese partner in a bi-regional collaboration, with distractors:
    a proposed school, a pending teacher, a draft collaboration, an edition not held, a
    withdrawn entry, a rejected application."""
    fi = teacher_in("FI")
    jp = teacher_in("JP")
    collaboration = CollaborationFactory(lead=fi, status="running")  # 20 students
    MembershipFactory(collaboration=collaboration, teacher=jp, student_count=25)
    CollaborationFactory(lead=fi, status="completed")  # Finland only: 20 more students
    SchoolFactory(country=CountryFactory(code="DE"), proposed=True)
    teacher_in("FR", pending=True)  # a verified school in France, a pending teacher
    CollaborationFactory(lead=teacher_in("IT"), status="draft")
    held = EditionFactory(number=14, status="held")
    attend(held, fi)
    attend(held, jp)
    attend(held, teacher_in("ES"), status="rejected")
    coming = EditionFactory(
        number=15,
        status="published",
        starts_on=datetime.date(2030, 1, 1),
        ends_on=datetime.date(2030, 1, 3),
    )
    attend(coming, fi, status="approved")
    entry = EntryFactory(cycle__edition=held, collaboration=collaboration, submitted_by=fi)
    EntryFactory(cycle=entry.cycle, status="withdrawn")  # its lead: a new Finnish teacher
    return {"fi": fi, "jp": jp, "collaboration": collaboration, "held": held}


def test_compute_counts_exactly_and_leaves_out_the_distractors(network):
    figures = statistics.compute()

    # Verified schools: FI, JP, FR (pending teacher), IT (draft lead), ES (rejected applicant)
    # and the withdrawn entry's lead school in FI; Germany's school is only proposed.
    assert figures.partner_countries == Country.objects.count() == 51
    assert figures.schools == School.objects.verified().count() == 6
    assert figures.countries == 5
    assert figures.teachers == 5  # all but the pending French teacher
    # Public: the bi-regional one, the Finnish one, the withdrawn entry's (completed); no draft.
    assert figures.collaborations == 3
    assert figures.bi_regional == 1
    assert figures.students == 20 + 25 + 20 + 20
    assert figures.editions == 1
    assert figures.conference_teachers == 2
    assert figures.award_entries == 1
    assert [
        (row.number, row.year, row.city, row.participants, row.countries)
        for row in figures.edition_rows
    ] == [(14, 2018, "Helsinki", 2, 2)]


def test_compute_lists_every_country_with_the_gaps(network):
    figures = statistics.compute()

    assert [region.region for region in figures.regions] == ["asia", "europe"]
    assert sum(len(region.countries) for region in figures.regions) == 51
    germany = country_figures(figures, "DE")
    assert (germany.name, germany.schools, germany.teachers) == ("Germany", 0, 0)
    japan = country_figures(figures, "JP")
    assert (japan.region, japan.schools, japan.teachers) == ("asia", 1, 1)
    assert japan.flag_url.endswith("jp.gif")
    assert country_figures(figures, "FR").teachers == 0  # pending


def test_compute_counts_collaborations_per_created_and_initiated_year(network):
    CollaborationFactory(initiated_at=network["held"])

    figures = statistics.compute()

    this_year = timezone.localdate().year
    assert [(y.year, y.created, y.initiated) for y in figures.years] == [
        (2018, 0, 1),
        *((year, 0, 0) for year in range(2019, this_year)),  # quiet years stay on the axis
        (this_year, 4, 0),
    ]
    assert figures.collaborations_initiated == 1


def test_compute_on_an_empty_network():
    figures = statistics.compute()

    assert (figures.countries, figures.schools, figures.collaborations, figures.students) == (
        0,
        0,
        0,
        0,
    )
    assert (figures.years, figures.edition_rows) == ([], [])
    assert figures.partner_countries == 51


def grow(*, countries: int, editions: int):
    codes = list(Country.objects.order_by("code").values_list("code", flat=True))[:countries]
    for code in codes:
        profile = teacher_in(code)
        CollaborationFactory(lead=profile)
    for number in range(1, editions + 1):
        edition = EditionFactory(
            number=number,
            starts_on=datetime.date(2000 + number, 5, 1),
            ends_on=datetime.date(2000 + number, 5, 3),
        )
        attend(edition, profile)
    EntryFactory(cycle__edition=edition, submitted_by=profile)


@pytest.mark.parametrize(("countries", "editions"), [(1, 1), (30, 20)])
def test_compute_runs_a_fixed_number_of_queries(countries, editions, django_assert_num_queries):
    grow(countries=countries, editions=editions)

    with django_assert_num_queries(statistics.QUERIES):
        figures = statistics.compute()

    assert (figures.countries, figures.editions) == (countries, editions)


def test_network_statistics_costs_no_query_once_cached(network, django_assert_num_queries):
    first = statistics.network_statistics()

    with django_assert_num_queries(0):
        second = statistics.network_statistics()

    assert second == first


def test_saving_a_school_invalidates_the_cache(network):
    assert statistics.network_statistics().schools == 6

    SchoolFactory(country=CountryFactory(code="DE"))

    figures = statistics.network_statistics()
    assert (figures.schools, country_figures(figures, "DE").schools) == (7, 1)


def test_a_membership_invalidates_the_students(network):
    assert statistics.network_statistics().students == 85

    MembershipFactory(collaboration=network["collaboration"], student_count=30)
    Membership.objects.get(student_count=25).delete()

    assert statistics.network_statistics().students == 85 + 30 - 25


@pytest.mark.parametrize(
    "change",
    [
        lambda n: n["fi"].save(),
        lambda n: n["collaboration"].save(),
        lambda n: n["held"].save(),
        lambda n: Application.objects.first().save(),
        lambda n: n["collaboration"].award_entries.first().save(),
    ],
    ids=["teacher", "collaboration", "edition", "application", "entry"],
)
def test_each_counted_model_invalidates(network, change):
    statistics.network_statistics()
    generation = cache.get(statistics.GENERATION_KEY)

    change(network)

    assert cache.get(statistics.GENERATION_KEY) > generation


def test_an_unrelated_save_does_not_invalidate(network):
    statistics.network_statistics()
    generation = cache.get(statistics.GENERATION_KEY)

    Country.objects.get(code="FI").save()

    assert cache.get(statistics.GENERATION_KEY) == generation


def test_figures_computed_just_after_a_change_are_kept_briefly(network, monkeypatch):
    now = 10_000 * 1_000_000_000
    monkeypatch.setattr(statistics.time, "time_ns", lambda: now)

    recent = statistics._timeout(now - (statistics.SETTLE - 1) * 1_000_000_000)
    settled = statistics._timeout(now - (statistics.SETTLE + 1) * 1_000_000_000)

    assert (recent, settled) == (statistics.SETTLE, statistics.TIMEOUT)


@pytest.mark.django_db(transaction=True)
def test_a_committed_transaction_shows_on_the_next_page():
    before = statistics.network_statistics().schools

    SchoolFactory(country=CountryFactory(code="FI"))  # autocommit
    assert statistics.network_statistics().schools == before + 1
    with transaction.atomic():
        SchoolFactory(country=CountryFactory(code="JP"))
        SchoolFactory(country=CountryFactory(code="JP"))

    assert statistics.network_statistics().schools == before + 3


def test_invalidate_survives_an_evicted_generation(network):
    stale = statistics.network_statistics()
    School.objects.filter(country__code="JP").update(status="proposed")  # no signal
    cache.delete(statistics.GENERATION_KEY)

    figures = statistics.network_statistics()

    assert (stale.schools, figures.schools) == (6, 5)


def test_invalidate_when_the_generation_was_evicted_still_moves_on(network):
    statistics.network_statistics()
    cache.delete(statistics.GENERATION_KEY)
    School.objects.filter(country__code="JP").update(status="proposed")

    statistics.invalidate()

    assert cache.get(statistics.GENERATION_KEY) is not None
    assert statistics.network_statistics().schools == 5


def test_refresh_recomputes_what_update_changed_without_a_signal(network):
    assert statistics.network_statistics().countries == 5
    School.objects.filter(country__code="JP").update(status="proposed")
    assert statistics.network_statistics().countries == 5  # cached, no signal

    refreshed = statistics.refresh()

    assert refreshed.countries == 4
    assert statistics.network_statistics().countries == 4


def test_the_beat_task_refreshes_the_cache(network, celery_eager, django_assert_num_queries):
    School.objects.filter(country__code="JP").update(status="proposed")

    refresh_statistics.apply()

    with django_assert_num_queries(0):
        figures = statistics.network_statistics()
    assert figures.countries == 4


def test_the_cache_key_carries_the_schema_version(network):
    statistics.network_statistics()

    keys = [statistics._key(statistics._generation())]

    assert keys[0].startswith(f"reports:network-statistics:v{statistics.SCHEMA}:")
    assert cache.get(keys[0]) is not None


# --- Charts ----------------------------------------------------------------------------------


def test_bar_chart_names_itself_and_escapes_every_text():
    svg = charts.bar_chart(
        chart_id="chart-x",
        title="Schools <per> country",
        description="Same as the table & more",
        labels=["Finland", "<script>alert(1)</script>"],
        series=[charts.Series("Schools", [3, 0]), charts.Series("Teachers", [5, 0])],
        empty_label="no school yet",
    )

    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert 'role="img" aria-labelledby="chart-x-title chart-x-desc"' in svg
    assert '<title id="chart-x-title">Schools &lt;per&gt; country</title>' in svg
    assert '<desc id="chart-x-desc">Same as the table &amp; more</desc>' in svg
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert svg.count("<rect") == 2 + 2  # two bars for Finland, two legend swatches
    assert "no school yet" in svg
    assert "viewBox" not in svg  # text stays at its pixel size on a phone


def test_bar_chart_scales_to_the_largest_value():
    svg = charts.bar_chart(
        chart_id="c",
        title="t",
        description="d",
        labels=["A", "B"],
        series=[charts.Series("Schools", [10, 5])],
    )

    assert 'width="45.00%"' in svg
    assert 'width="22.50%"' in svg
    assert "<g transform" not in svg  # one series: no legend


def test_column_chart_draws_a_column_per_value_and_labels_years():
    svg = charts.column_chart(
        chart_id="years",
        title="Per year",
        description="d",
        labels=["2018", "2019"],
        series=[charts.Series("Created", [4, 0]), charts.Series("Initiated", [2, 6])],
    )

    assert svg.count("<rect") == 3 + 2  # zero draws nothing; two legend swatches
    assert ">2018</text>" in svg
    assert ">2019</text>" in svg
    assert ">6</text>" in svg


def test_column_chart_thins_the_axis_labels_when_crowded():
    labels = [str(year) for year in range(2000, 2020)]

    svg = charts.column_chart(
        chart_id="c",
        title="t",
        description="d",
        labels=labels,
        series=[charts.Series("Editions", list(range(1, 21)))],
    )

    assert [year for year in labels if f">{year}</text>" in svg] == labels[::2]
    assert ">20</text>" not in svg  # 20 values: too many to print on the columns


def test_chart_refuses_a_series_of_the_wrong_length():
    with pytest.raises(ValueError, match="has 1 values for 2 labels"):
        charts.bar_chart(
            chart_id="c",
            title="t",
            description="d",
            labels=["A", "B"],
            series=[charts.Series("Schools", [1])],
        )
