"""Reads for answering a survey: the published survey, its structure in order, the person's
invitation (or why they may not answer now), and their invitations for My surveys and the
My ClassNet panel."""

from dataclasses import dataclass, field

from django.db.models import Case, Prefetch, Q, QuerySet, When
from django.utils import timezone

from teachers.models import TeacherProfile, User

from ..models import Choice, Invitation, Question, Section, Survey

# Why a person may not answer (the page says so and shows no form).
NOT_INVITED, NOT_OPEN_YET, CLOSED = "not_invited", "not_open_yet", "closed"


@dataclass
class Access:
    survey: Survey
    invitation: Invitation | None
    refusal: str | None = None

    @property
    def answered(self) -> bool:
        return bool(self.invitation and self.invitation.answered_at)


@dataclass
class SurveyStructure:
    sections: list[Section]
    questions: list[Question] = field(default_factory=list)


def survey_to_answer(*, pk: int) -> Survey | None:
    """The survey `pk` if it was published (open or closed); None for a draft or none."""
    return Survey.objects.exclude(status=Survey.Status.DRAFT).filter(pk=pk).first()


def survey_structure(survey: Survey) -> SurveyStructure:
    """Sections with their questions and choices, in order: three queries."""
    sections = list(
        survey.sections.prefetch_related(
            Prefetch(
                "questions",
                queryset=Question.objects.prefetch_related(
                    Prefetch("choices", queryset=Choice.objects.order_by("position", "pk"))
                ).order_by("position", "pk"),
            )
        ).order_by("position", "pk")
    )
    questions = [q for s in sections for q in s.questions.all()]
    return SurveyStructure(sections=sections, questions=questions)


def survey_for_answering(survey: Survey, user: User) -> Access:
    """The person's invitation to `survey`, or why they may not answer it now."""
    invitation = None
    if getattr(user, "is_authenticated", False):
        invitation = Invitation.objects.filter(survey=survey, user=user).first()
    if invitation is None:
        return Access(survey=survey, invitation=None, refusal=NOT_INVITED)
    if invitation.answered_at:
        return Access(survey=survey, invitation=invitation)
    if not survey.accepts_answers:
        now = timezone.now()
        not_yet = survey.status == Survey.Status.OPEN and survey.opens_at and now < survey.opens_at
        return Access(
            survey=survey, invitation=invitation, refusal=NOT_OPEN_YET if not_yet else CLOSED
        )
    return Access(survey=survey, invitation=invitation)


def _open_now() -> Q:
    now = timezone.now()
    return (
        Q(survey__status=Survey.Status.OPEN)
        & (Q(survey__opens_at__isnull=True) | Q(survey__opens_at__lte=now))
        & (Q(survey__closes_at__isnull=True) | Q(survey__closes_at__gt=now))
    )


def invitations_for(user: User) -> QuerySet[Invitation]:
    """The person's invitations to surveys that were published (open or closed), those still to
    answer first, then newest first, with their survey: one query."""
    return (
        Invitation.objects.filter(user=user)
        .exclude(survey__status=Survey.Status.DRAFT)
        .select_related("survey")
        .annotate(
            to_answer=Case(
                When(answered_at__isnull=True, survey__status=Survey.Status.OPEN, then=0),
                default=1,
            )
        )
        .order_by("to_answer", "-survey__created_at", "-pk")
    )


def invitations_to_answer(user: User) -> QuerySet[Invitation]:
    """Invitations the person can answer right now (for the My ClassNet panel)."""
    return (
        Invitation.objects.filter(_open_now(), user=user, answered_at__isnull=True)
        .select_related("survey")
        .order_by("survey__closes_at", "-pk")
    )


def respondent_profile(*, user: User) -> TeacherProfile | None:
    """The respondent's teacher profile with its school's country (what a Response keeps)."""
    return TeacherProfile.objects.filter(user=user).select_related("school__country").first()
