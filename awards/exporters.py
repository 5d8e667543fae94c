"""Exports of the staff's Awards lists (registered in AwardsConfig.ready()): a cycle's entries
with exactly the entries page's filters, and the submitted scores of a stage (one row per
scorecard and criterion) for the entries its results page lists.

Both take cycle=<edition number>; the scores also stage=<shortlist|final>."""

from django.core.exceptions import ValidationError
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _

from core.exports import Exporter

from .forms.entries import EntryFilterForm
from .models import Assignment, AwardCycle, Entry, Score, Stage
from .selectors.entries import entries_for_staff

CHUNK = 2000

ENTRY_COLUMNS = (
    "Entry",
    "Collaboration",
    "Category",
    "Entered by",
    "E-mail",
    "Countries",
    "Regions",
    "Students",
    "Status",
    "Submitted at",
    "Evidence files",
)

SCORE_COLUMNS = (
    "Entry",
    "Collaboration",
    "Category",
    "Judge",
    "Criterion",
    "Weight",
    "Score",
    "Scale",
    "Submitted at",
)


def _cycle(params: QueryDict) -> AwardCycle:
    number = params.get("cycle", "")
    if not number.isdigit():
        raise ValidationError(_("Say which Awards cycle to export (cycle=<edition number>)."))
    try:
        return AwardCycle.objects.select_related("edition").get(edition__number=int(number))
    except AwardCycle.DoesNotExist as error:
        raise Http404 from error


def _entries(params: QueryDict):
    cycle = _cycle(params)
    filters = EntryFilterForm(params, cycle=cycle)
    if not filters.is_valid():
        raise ValidationError(
            [
                _("%(field)s: %(errors)s")
                % {"field": filters.fields[name].label, "errors": " ".join(errors)}
                for name, errors in filters.errors.items()
            ]
        )
    return cycle, entries_for_staff(cycle=cycle, **filters.filters())


def entries_count(params: QueryDict, user) -> int:
    return _entries(params)[1].count()


def entries_rows(params: QueryDict, user):
    cycle, entries = _entries(params)

    def rows():
        for entry in entries.iterator(chunk_size=CHUNK):
            countries = {}
            for membership in entry.collaboration.memberships.all():
                countries[membership.school.country_id] = membership.school.country
            ordered = sorted(countries.values(), key=lambda c: (c.region, c.name))
            lead = entry.submitted_by.user
            yield (
                entry.pk,
                entry.collaboration.title,
                entry.category.name,
                lead.full_name,
                lead.email,
                "; ".join(country.name for country in ordered),
                "; ".join(sorted({country.get_region_display() for country in ordered})),
                entry.student_count,
                entry.get_status_display(),
                entry.submitted_at.isoformat(timespec="minutes") if entry.submitted_at else "",
                entry.evidence_count,
            )

    return f"Awards {cycle.edition.number} entries", rows()


def _scores(params: QueryDict):
    cycle = _cycle(params)
    kind = params.get("stage", "")
    if kind not in Stage.Kind.values:
        raise ValidationError(_("Say which stage to export (stage=shortlist or stage=final)."))
    stage = Stage.objects.filter(cycle=cycle, kind=kind).first()
    if stage is None:
        raise Http404
    # The entries the results page lists (submitted ones), their submitted scorecards.
    scores = (
        Score.objects.filter(
            assignment__stage=stage,
            assignment__status=Assignment.Status.SUBMITTED,
            assignment__entry__status=Entry.Status.SUBMITTED,
        )
        .select_related(
            "criterion",
            "assignment__judge__user",
            "assignment__entry__collaboration",
            "assignment__entry__category",
        )
        .order_by(
            "assignment__entry_id",
            "assignment__judge__user__full_name",
            "assignment_id",
            "criterion__position",
            "criterion_id",
        )
    )
    return cycle, stage, scores


def scores_count(params: QueryDict, user) -> int:
    return _scores(params)[2].count()


def scores_rows(params: QueryDict, user):
    cycle, stage, scores = _scores(params)

    def rows():
        for score in scores.iterator(chunk_size=CHUNK):
            assignment = score.assignment
            entry = assignment.entry
            judge = assignment.judge.user
            criterion = score.criterion
            yield (
                entry.pk,
                entry.collaboration.title,
                entry.category.name,
                judge.full_name or judge.email,
                criterion.name,
                float(criterion.weight),
                score.value,
                f"{criterion.scale_min}-{criterion.scale_max}",
                (
                    assignment.submitted_at.isoformat(timespec="minutes")
                    if assignment.submitted_at
                    else ""
                ),
            )

    return f"Awards {cycle.edition.number} {stage.kind} scores", rows()


ENTRIES = Exporter(
    name="awards.entries",
    title="Entries to the ClassNet Awards",
    columns=ENTRY_COLUMNS,
    rows=entries_rows,
    count=entries_count,
)

SCORES = Exporter(
    name="awards.scores",
    title="Scores of an Awards stage",
    columns=SCORE_COLUMNS,
    rows=scores_rows,
    count=scores_count,
)
