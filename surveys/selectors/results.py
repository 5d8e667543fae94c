"""A survey's results for staff: who answered (response rates) and what (per question).

Only aggregates leave the database: counts grouped by question and choice, by question and
number, by country of the invited people. Each function runs a fixed number of queries
whatever the number of questions, responses or invitations (the results page pins it).

Text answers are listed without anything that says whose they are (no name, no country, no
date, in alphabetical order), at most TEXT_CAP per question; the export has them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from django.db.models import Count, F, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _

from schools.models import Country, Region

from ..models import Answer, Choice, Invitation, Question, Response, Survey

TEXT_CAP = 200  # text answers listed per question (the export has every one)
TEXT_PREVIEW = 5  # of which shown before "show all"
LIKERT_LEVELS = (1, 2, 3, 4, 5)
CHOICE_KINDS = (Question.Kind.SINGLE, Question.Kind.MULTIPLE)
NUMBER_KINDS = (Question.Kind.LIKERT, Question.Kind.NUMBER)
TEXT_KINDS = (Question.Kind.SHORT_TEXT, Question.Kind.LONG_TEXT)


def percent(part: int, whole: int) -> Decimal:
    """part of whole in %, one decimal, halves rounded up; 0 when nobody is counted."""
    if not whole:
        return Decimal("0.0")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


# Response rates ----------------------------------------------------------------------------


@dataclass
class RateRow:
    label: str
    invited: int = 0
    answered: int = 0

    @property
    def rate(self) -> Decimal:
        return percent(self.answered, self.invited)


@dataclass
class ResponseRates:
    overall: RateRow
    regions: list[RateRow]
    countries: list[RateRow]  # by name; people without a school's country last, as "Unknown"


def response_rates(*, survey: Survey) -> ResponseRates:
    """Invited and answered people by the country (and region) of their school: one query.

    "Answered" is the invitation's answered_at, which anonymous surveys keep too (it says that
    someone answered, never what)."""
    grouped = (
        Invitation.objects.filter(survey=survey)
        .values(
            country_name=F("user__teacher_profile__school__country__name"),
            country_region=F("user__teacher_profile__school__country__region"),
        )
        .annotate(invited=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False)))
        .order_by("country_name")
    )
    overall = RateRow(_("All invited"))
    regions = {value: RateRow(str(label)) for value, label in Region.choices}
    unknown_region = RateRow(_("Unknown"))
    countries, unknown = [], None
    for row in grouped:
        country = RateRow(row["country_name"] or _("Unknown"), row["invited"], row["answered"])
        if row["country_name"]:
            countries.append(country)
        else:
            unknown = country
        region = regions.get(row["country_region"], unknown_region)
        for total in (overall, region):
            total.invited += row["invited"]
            total.answered += row["answered"]
    if unknown:
        countries.append(unknown)
    region_rows = list(regions.values()) + ([unknown_region] if unknown_region.invited else [])
    return ResponseRates(overall=overall, regions=region_rows, countries=countries)


# Question results --------------------------------------------------------------------------


@dataclass
class Filters:
    """Which responses count: by the respondent's region, country and school kind."""

    region: str = ""
    country: Country | None = None
    school_kind: str = ""

    def apply(self, responses):
        if self.region:
            responses = responses.filter(region=self.region)
        if self.country:
            responses = responses.filter(country=self.country)
        if self.school_kind:
            responses = responses.filter(school_kind=self.school_kind)
        return responses

    @property
    def active(self) -> bool:
        return bool(self.region or self.country or self.school_kind)


@dataclass
class Bar:
    """One choice (or Likert level) with how many chose it and their share in %."""

    label: str
    count: int
    percent: Decimal


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0  # respondents who answered this question
    bars: list[Bar] = field(default_factory=list)  # choices, or Likert levels 1-5
    mean: Decimal | None = None  # Likert and numbers, 2 decimals
    median: Decimal | None = None  # numbers
    minimum: int | None = None
    maximum: int | None = None
    texts: list[str] = field(default_factory=list)  # at most TEXT_CAP

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def texts_preview(self) -> list[str]:
        return self.texts[:TEXT_PREVIEW]

    @property
    def texts_more(self) -> list[str]:
        return self.texts[TEXT_PREVIEW:]

    @property
    def texts_capped(self) -> bool:
        return self.answered > len(self.texts)


@dataclass
class SurveyResults:
    respondents: int  # responses the filters keep
    questions: list[QuestionResult]


def _decimal(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def question_results(*, survey: Survey, filters: Filters | None = None) -> SurveyResults:
    """Every question's results over the responses the filters keep, in 7 queries."""
    filters = filters or Filters()
    responses = filters.apply(Response.objects.filter(survey=survey))
    answers = Answer.objects.filter(response__in=responses.values("pk"))

    questions = list(
        Question.objects.filter(section__survey=survey).order_by(
            "section__position", "section__pk", "position", "pk"
        )
    )
    choices: dict[int, list[Choice]] = {}
    for choice in Choice.objects.filter(question__section__survey=survey):
        choices.setdefault(choice.question_id, []).append(choice)
    respondents = responses.count()

    # Who answered each question: a chosen choice, a number or a non-empty text.
    answered = {
        row["question_id"]: row["n"]
        for row in answers.filter(
            Q(choice__isnull=False)
            | Q(number__isnull=False)
            | ~Q(text="")
            | Q(choices__isnull=False)
        )
        .values("question_id")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    }
    # How often each choice was chosen: single (choice) and multiple (choices) in one query.
    chosen: dict[int, int] = {}
    for row in (
        answers.filter(question__kind=Question.Kind.SINGLE, choice__isnull=False)
        .values(choice_pk=F("choice_id"))
        .annotate(n=Count("pk"))
        .order_by()
        .union(
            answers.filter(question__kind=Question.Kind.MULTIPLE, choices__isnull=False)
            .values(choice_pk=F("choices__pk"))
            .annotate(n=Count("pk"))
            .order_by(),
            all=True,
        )
    ):
        chosen[row["choice_pk"]] = chosen.get(row["choice_pk"], 0) + row["n"]
    # Likert levels and numbers: how many gave each value (mean, median, min, max from it).
    numbers: dict[int, list[tuple[int, int]]] = {}
    for row in (
        answers.filter(question__kind__in=NUMBER_KINDS, number__isnull=False)
        .values("question_id", "number")
        .annotate(n=Count("pk"))
        .order_by("question_id", "number")
    ):
        numbers.setdefault(row["question_id"], []).append((row["number"], row["n"]))
    # Text answers, at most TEXT_CAP per question, in alphabetical order: the order in which
    # they were given could be matched with the invitations' answered_at.
    texts: dict[int, list[str]] = {}
    for question_id, text in (
        answers.filter(question__kind__in=TEXT_KINDS)
        .exclude(text="")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("question_id")],
                order_by=[F("text").asc(), F("pk").asc()],
            )
        )
        .filter(rank__lte=TEXT_CAP)
        .order_by("question_id", "text", "pk")
        .values_list("question_id", "text")
    ):
        texts.setdefault(question_id, []).append(text)

    results = []
    for question in questions:
        result = QuestionResult(question=question, answered=answered.get(question.pk, 0))
        if question.kind in CHOICE_KINDS:
            # Multiple: the share of those who answered the question that chose each one.
            result.bars = [
                Bar(
                    choice.label,
                    chosen.get(choice.pk, 0),
                    percent(chosen.get(choice.pk, 0), result.answered),
                )
                for choice in choices.get(question.pk, [])
            ]
        elif question.kind in NUMBER_KINDS:
            counted = numbers.get(question.pk, [])
            total = sum(n for _value, n in counted)
            if total:
                result.mean = _decimal(sum(value * n for value, n in counted) / total)
                result.minimum = counted[0][0]
                result.maximum = counted[-1][0]
                result.median = _decimal(median([value for value, n in counted for _ in range(n)]))
            if question.kind == Question.Kind.LIKERT:
                levels = dict(counted)
                result.bars = [
                    Bar(
                        _likert_label(question, level),
                        levels.get(level, 0),
                        percent(levels.get(level, 0), total),
                    )
                    for level in LIKERT_LEVELS
                ]
        else:
            result.texts = texts.get(question.pk, [])
        results.append(result)
    return SurveyResults(respondents=respondents, questions=results)


def _likert_label(question: Question, level: int) -> str:
    if level == 1 and question.scale_low_label:
        return f"1 · {question.scale_low_label}"
    if level == 5 and question.scale_high_label:
        return f"5 · {question.scale_high_label}"
    return str(level)


# The anonymised export (surveys.exporters) -------------------------------------------------


def survey_to_export(*, pk: int) -> Survey | None:
    return Survey.objects.filter(pk=pk).first()


def questions_in_order(*, survey: Survey) -> list[Question]:
    """The survey's questions, section by section, in the editor's order."""
    return list(
        Question.objects.filter(section__survey=survey).order_by(
            "section__position", "section__pk", "position", "pk"
        )
    )


def responses_kept(*, survey: Survey, filters: Filters) -> QuerySet[Response]:
    """The survey's responses that the filters keep."""
    return filters.apply(Response.objects.filter(survey=survey))


def with_answers(responses: QuerySet[Response]) -> QuerySet[Response]:
    """The responses with their country and answers (and the answers' choices) prefetched."""
    return responses.select_related("country").prefetch_related(
        Prefetch(
            "answers",
            queryset=Answer.objects.select_related("choice").prefetch_related("choices"),
        )
    )
