"""Staff pages for results and publication, under /staff/awards/<n>/:

- results/<stage>/: the stage's table (per-judge weighted scores, raw and normalised figures,
  ranks, flags, progress) and a CSV download; its two forms post to their own views:
  results/<stage>/chair/ (the chair's decision on a tie) and results/<stage>/advance/
  (advancing the shortlist to the final). A form that does not validate shows the page again
  with its errors;
- publish/: in views/publish.py.

Staff only: visitors log in first, everyone else gets a 403.
"""

import csv

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from core.exports import safe_cell
from core.permissions import permission_required

from .. import scoring
from ..errors import AwardsError
from ..forms.results import AdvanceForm, ChairDecisionForm
from ..models import Stage
from ..selectors.cycles import cycle_by_number, stages_in_order
from ..selectors.results import (
    stage_for_results,
    stage_table,
)
from ..services.results import (
    chair_decide,
    stage_advance,
)

FLAG_LABELS = {
    scoring.JUDGES_DISAGREE: gettext_lazy("Judges disagree"),
    scoring.NORMALISATION_MOVED: gettext_lazy("Normalisation moved it"),
    scoring.TIE_NEEDS_CHAIR: gettext_lazy("Tie needs the chair"),
}
FLAG_HELP = {
    scoring.JUDGES_DISAGREE: gettext_lazy(
        "Once each judge's harshness or leniency is taken out, two of its judges are at least "
        "%(points)s points apart (%(z)s times the stage's standard deviation): one thinks it "
        "among the best, another about average or worse. Read their comments."
    ),
    scoring.NORMALISATION_MOVED: gettext_lazy(
        "Its raw and normalised ranks differ by %(moved)s or more: who judged it matters."
    ),
    scoring.TIE_NEEDS_CHAIR: gettext_lazy(
        "Still tied after the cycle's other tie-breaks: the chair decides."
    ),
}
FLAG_BADGES = {
    scoring.JUDGES_DISAGREE: "text-bg-warning",
    scoring.NORMALISATION_MOVED: "text-bg-info",
    scoring.TIE_NEEDS_CHAIR: "text-bg-danger",
}
SORTS = ("normalised", "raw")


def flag_legend(result: scoring.StageResult | None) -> list[dict]:
    """Each flag with its label, badge and what it means in this stage (in points)."""
    points = result.disagree_points if result is not None else None
    values = {
        "points": f"{points:.0f}" if points else f"{scoring.DISAGREE_Z:g} ×",
        "z": f"{scoring.DISAGREE_Z:g}",
        "moved": scoring.MOVED_BY,
    }
    return [
        {
            "flag": flag,
            "label": FLAG_LABELS[flag],
            "badge": FLAG_BADGES[flag],
            "help": FLAG_HELP[flag] % values,
        }
        for flag in FLAG_LABELS
    ]


def with_badges(rows, result: scoring.StageResult | None = None) -> list[dict]:
    legend = {item["flag"]: item for item in flag_legend(result)}
    for row in rows:
        row.flag_badges = [legend[flag] for flag in row.result.flags]
    return list(legend.values())


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _csv(table) -> HttpResponse:
    stage = table.stage
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="awards-{stage.cycle.edition.number}-{stage.kind}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(
        ["rank", "category rank", "raw rank", "entry id", "collaboration", "category"]
        + [safe_cell(column.label) for column in table.judges]
        + ["raw mean", "median", "spread", "judges", "normalised", "flags"]
    )
    for row in table.rows:
        r = row.result
        writer.writerow(
            [r.rank or "", r.category_rank or "", r.raw_rank or "", row.entry.pk]
            + [safe_cell(row.entry.collaboration.title), safe_cell(row.entry.category.name)]
            + [_fmt(score) for score in row.judge_scores]
            + [_fmt(r.raw_mean), _fmt(r.median), _fmt(r.spread), r.n_judges]
            + [_fmt(r.normalised), " ".join(r.flags)]
        )
    return response


def _back(number: int, stage: str):
    return redirect(reverse("awards_staff:results", args=[number, stage]))


def _page(request, cycle, stage_obj, table, *, chair_form=None, advance_form=None):
    """The results page, with the form an action bound (its errors shown) and fresh ones for
    the other."""
    entries = [row.entry for row in table.rows]
    chair_form = chair_form or ChairDecisionForm(entries=[row.entry for row in table.tied_rows])
    advance_form = advance_form or AdvanceForm(entries=entries)
    sort = request.GET.get("sort")
    sort = sort if sort in SORTS else "normalised"
    rows = table.rows
    if sort == "raw":
        rows = sorted(
            rows,
            key=lambda row: (row.result.raw_rank is None, row.result.raw_rank or 0, row.entry.pk),
        )
    legend = with_badges(rows, table.result)
    for row in rows:
        row.moved = (
            None
            if row.result.rank is None
            else row.result.raw_rank - row.result.rank  # > 0: normalisation moved it up
        )
    stages = stages_in_order(cycle)
    return render(
        request,
        "awards/staff/results.html",
        {
            "cycle": cycle,
            "stage": stage_obj,
            "stages": stages,
            "table": table,
            "rows": rows,
            "sort": sort,
            "chair_form": chair_form,
            "advance_form": advance_form,
            "in_chair": "chair" in (cycle.tie_break or []),
            "legend": legend,
            "advance_ready": stage_obj.status == Stage.Status.CLOSED,
            "thresholds": {
                "disagree_z": scoring.DISAGREE_Z,
                "disagree_points": table.result.disagree_points,
                "moved": scoring.MOVED_BY,
                "entries": scoring.MIN_ENTRIES_TO_STANDARDISE,
                "judge_sd": scoring.MIN_JUDGE_SD,
            },
        },
    )


@permission_required("awards.manage_cycles")
@require_http_methods(["GET", "POST"])
def staff_results(request, number: int, stage: str):
    """One stage's results: every figure per entry, both rankings, flags; the forms for the
    chair's decision on tied entries and, for the shortlist, advancing entries to the final
    (each posts to its own view). A POST here comes from a page older than them: nothing is
    done, and the page says so."""
    cycle = cycle_by_number(number)
    stage_obj = stage_for_results(cycle=cycle, kind=stage)
    if request.method == "POST":
        messages.error(request, _("That action is not possible: reload the page and retry."))
        return _back(number, stage)
    table = stage_table(stage=stage_obj)
    if request.GET.get("format") == "csv":
        return _csv(table)
    return _page(request, cycle, stage_obj, table)


@permission_required("awards.manage_cycles")
@require_POST
def staff_results_chair(request, number: int, stage: str):
    """Record the chair's order (with the reason) for an entry still tied after the cycle's
    other tie-breaks; the ranking uses it."""
    cycle = cycle_by_number(number)
    stage_obj = stage_for_results(cycle=cycle, kind=stage)
    table = stage_table(stage=stage_obj)
    entries = [row.entry for row in table.rows]
    form = ChairDecisionForm(request.POST, entries=entries)
    if form.is_valid():
        entry = next(e for e in entries if e.pk == form.cleaned_data["entry"])
        try:
            chair_decide(
                stage=stage_obj,
                entry=entry,
                order=form.cleaned_data["order"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except AwardsError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The chair's decision on “%(title)s” is recorded; the ranking uses it.")
                % {"title": entry.collaboration.title},
            )
            return _back(number, stage)
    return _page(request, cycle, stage_obj, table, chair_form=form)


@permission_required("awards.manage_cycles")
@require_POST
def staff_results_advance(request, number: int, stage: str):
    """Advance the shortlist's top N, or the ticked entries, to the final; then on to the
    final's assignments. Only the shortlist advances: from the final, nothing is done."""
    cycle = cycle_by_number(number)
    stage_obj = stage_for_results(cycle=cycle, kind=stage)
    if stage_obj.kind != Stage.Kind.SHORTLIST:
        messages.error(request, _("Only the shortlist advances entries to the final."))
        return _back(number, stage)
    table = stage_table(stage=stage_obj)
    form = AdvanceForm(request.POST, entries=[row.entry for row in table.rows])
    if form.is_valid():
        try:
            final = stage_advance(
                stage=stage_obj,
                count=form.cleaned_data["count"],
                entry_ids=form.cleaned_data["entries"],
                by=request.user,
            )
        except AwardsError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "The final now has %(n)s entries. Assign its judges next: each "
                    "stage keeps its own scores."
                )
                % {"n": final.entries.count()},
            )
            return redirect(reverse("awards_staff:assignments", args=[number, Stage.Kind.FINAL]))
    return _page(request, cycle, stage_obj, table, advance_form=form)
