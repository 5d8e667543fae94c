"""The public network statistics page, /network/: open to everyone, aggregate counts only."""

from django.contrib.humanize.templatetags.humanize import ordinal
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core import charts
from core.permissions import public

from ..statistics import NetworkStatistics, network_statistics


def _region_chart(region) -> str:
    return charts.bar_chart(
        chart_id=f"chart-{region.region}",
        title=_("Verified schools and teachers per country, %(region)s") % {"region": region.label},
        description=_(
            "%(with)s of %(all)s countries have a verified school; the table beside the chart "
            "has the same numbers."
        )
        % {"with": region.countries_with_schools, "all": len(region.countries)},
        labels=[country.name for country in region.countries],
        series=[
            charts.Series(_("Schools"), [country.schools for country in region.countries]),
            charts.Series(_("Teachers"), [country.teachers for country in region.countries]),
        ],
        empty_label=_("no school yet"),
    )


def _years_chart(figures: NetworkStatistics) -> str:
    return charts.column_chart(
        chart_id="chart-years",
        title=_("Collaborations per year"),
        description=_(
            "Public collaborations by the year they were created and by the year of the "
            "conference edition they were initiated at; the table below has the numbers."
        ),
        labels=[str(year.year) for year in figures.years],
        series=[
            charts.Series(_("Created"), [year.created for year in figures.years]),
            charts.Series(
                _("Initiated at that year's edition"), [year.initiated for year in figures.years]
            ),
        ],
    )


def _editions_chart(figures: NetworkStatistics) -> str:
    return charts.column_chart(
        chart_id="chart-editions",
        title=_("Editions over time"),
        description=_(
            "Teachers taking part and their countries at each edition held; the table below "
            "has the numbers."
        ),
        labels=[str(row.year) for row in figures.edition_rows],
        series=[
            charts.Series(_("Teachers"), [row.participants for row in figures.edition_rows]),
            charts.Series(_("Countries"), [row.countries for row in figures.edition_rows]),
        ],
    )


@public
@require_safe
def statistics(request):
    """The network at a glance. The figures come from the cache (no query) or are computed
    in a fixed number of queries (reports.statistics); the charts cost no query."""
    figures = network_statistics()
    regions = [(region, _region_chart(region)) for region in figures.regions]
    editions = [(row, ordinal(row.number)) for row in figures.edition_rows]
    return render(
        request,
        "reports/statistics.html",
        {
            "figures": figures,
            "regions": regions,
            "years_chart": _years_chart(figures) if figures.years else "",
            "editions": editions,
            "editions_chart": _editions_chart(figures) if figures.edition_rows else "",
        },
    )
