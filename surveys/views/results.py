"""A survey's results for staff: response rates, then each question's results with the
filters, and the anonymised export (served by the reports app)."""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core import charts
from core.permissions import permission_required

from ..forms import ResultsFilterForm
from ..models import Question
from ..selectors.results import QuestionResult, RateRow, question_results, response_rates
from ..selectors.surveys import survey_for_staff

EXPORT_FORMATS = ("csv", "xlsx")


def _rates_chart(chart_id: str, title: str, rows: list[RateRow]) -> str:
    return charts.bar_chart(
        chart_id=chart_id,
        title=title,
        description=_("Invited people and those who answered; the table beside has the numbers."),
        labels=[row.label for row in rows],
        series=[
            charts.Series(_("Invited"), [row.invited for row in rows]),
            charts.Series(_("Answered"), [row.answered for row in rows]),
        ],
        empty_label=_("nobody invited"),
    )


def _question_chart(result: QuestionResult) -> str:
    if not result.bars:
        return ""
    if result.kind == Question.Kind.LIKERT:
        description = _("Answers per level from 1 to 5; mean %(mean)s.") % {
            "mean": result.mean if result.mean is not None else "–"
        }
    else:
        description = _("How many chose each answer; the table beside has the percentages.")
    return charts.bar_chart(
        chart_id=f"chart-q{result.question.pk}",
        title=result.question.text,
        description=description,
        labels=[bar.label for bar in result.bars],
        series=[charts.Series(_("Answers"), [bar.count for bar in result.bars])],
        empty_label=_("nobody"),
    )


def _survey(request, pk: int, **kwargs):
    return survey_for_staff(pk=pk)


def _found(request):
    # Staff get a 404 for a survey that is not there, others a 403 (the check comes first).
    if request.permission_object is None:
        raise Http404
    return request.permission_object


@require_safe
@permission_required("surveys.view_results", obj=_survey)
def results(request, pk: int):
    survey = _found(request)
    rates = response_rates(survey=survey)
    filters = ResultsFilterForm(request.GET or None)
    found = question_results(survey=survey, filters=filters.filters())
    return render(
        request,
        "surveys/staff/results.html",
        {
            "survey": survey,
            "rates": rates,
            "regions_chart": _rates_chart(
                "chart-regions", _("Response rate by region"), rates.regions
            ),
            "countries_chart": _rates_chart(
                "chart-countries", _("Response rate by country"), rates.countries
            )
            if rates.countries
            else "",
            "filters": filters,
            "found": found,
            "questions": [(result, _question_chart(result)) for result in found.questions],
        },
    )


@require_safe
@permission_required("surveys.view_results", obj=_survey)
def results_export(request, pk: int, format: str):
    """The anonymised responses, with the page's filters, from the reports' export."""
    if format not in EXPORT_FORMATS:
        raise Http404
    survey = _found(request)
    query = {"survey": survey.pk}
    for name in ("region", "country", "school_kind"):
        if request.GET.get(name):
            query[name] = request.GET[name]
    url = reverse("reports:export", args=["surveys.responses", format])
    return redirect(f"{url}?{urlencode(query)}")
