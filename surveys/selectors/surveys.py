"""Reads of surveys for staff: the list, one survey for its hub with its sections and
questions, who is in its audience, its invitations counted and what stops it from opening; and
the choices of the set-up form (countries, editions)."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from conferences.models import Application, Edition
from schools.models import Country
from teachers.models import TeacherProfile, User

from ..models import Question, Section, Survey

CHOICE_KINDS = (Question.Kind.SINGLE, Question.Kind.MULTIPLE)


def surveys_for_staff() -> QuerySet[Survey]:
    """Every survey, newest first, with its questions, invitations and answers counted."""
    return Survey.objects.annotate(
        question_count=Count("sections__questions", distinct=True),
        invited_count=Count("invitations", distinct=True),
        answered_count=Count(
            "invitations", filter=Q(invitations__answered_at__isnull=False), distinct=True
        ),
    ).order_by("-created_at", "-pk")


def survey_for_staff(*, pk: int) -> Survey | None:
    """One survey with its audience edition and author, or None."""
    return Survey.objects.select_related("audience_edition", "created_by").filter(pk=pk).first()


def sections_for_hub(*, survey: Survey) -> QuerySet[Section]:
    """The survey's sections with their questions and choices (three queries)."""
    return survey.sections.prefetch_related(
        Prefetch("questions", queryset=Question.objects.prefetch_related("choices"))
    )


def section_of(*, survey_id: int, pk) -> Section | None:
    """The section `pk` of the survey, with its survey, or None."""
    return Section.objects.select_related("survey").filter(pk=pk, survey_id=survey_id).first()


def question_of(*, survey_id: int, pk) -> Question | None:
    """The question `pk` of the survey, with its section and survey, or None."""
    return (
        Question.objects.select_related("section__survey")
        .filter(pk=pk, section__survey_id=survey_id)
        .first()
    )


def audience_countries(*, survey: Survey) -> list[Country]:
    return list(survey.audience_countries.order_by("name"))


def country_choices() -> QuerySet[Country]:
    """The countries an audience may be made of, by name (the set-up form's choices)."""
    return Country.objects.order_by("name")


def edition_choices() -> QuerySet[Edition]:
    """The editions whose participants a survey may be for, newest first."""
    return Edition.objects.order_by("-number")


def audience_users(survey: Survey) -> QuerySet[User]:
    """The active users the survey is meant for (verified teachers, or an edition's people)."""
    Audience = Survey.Audience
    if survey.audience == Audience.EDITION:
        teacher_ids = Application.objects.filter(
            edition_id=survey.audience_edition_id, status__in=Application.HOLDS_PLACE
        ).values("teacher__user_id")
        return User.objects.filter(pk__in=teacher_ids, is_active=True)
    profiles = TeacherProfile.objects.verified()
    if survey.audience == Audience.COUNTRIES:
        profiles = profiles.filter(school__country__in=survey.audience_countries.all())
    elif survey.audience == Audience.REGIONS:
        profiles = profiles.filter(school__country__region__in=survey.audience_regions or [])
    elif survey.audience == Audience.SCHOOL_KINDS:
        profiles = profiles.filter(school__kind__in=survey.audience_school_kinds or [])
    return User.objects.filter(pk__in=profiles.values("user_id"), is_active=True)


def audience_summary(survey: Survey) -> dict:
    """How many people are in the audience, and in how many countries (of their school)."""
    users = audience_users(survey)
    return users.aggregate(
        people=Count("pk", distinct=True),
        countries=Count("teacher_profile__school__country", distinct=True),
    )


def invitation_counts(survey: Survey) -> dict:
    counts = survey.invitations.aggregate(
        invited=Count("pk", filter=Q(invited_at__isnull=False)),
        total=Count("pk"),
        answered=Count("pk", filter=Q(answered_at__isnull=False)),
        reminded=Count("pk", filter=Q(reminded_at__isnull=False)),
    )
    counts["rate"] = round(100 * counts["answered"] / counts["total"]) if counts["total"] else 0
    return counts


def open_problems(survey: Survey) -> list[str]:
    """What stops the survey from opening, in words; empty when it can open."""
    problems = []
    questions = Question.objects.filter(section__survey=survey).annotate(n=Count("choices"))
    if not questions:
        problems.append(_("Add at least one question."))
    for question in questions:
        if question.kind in CHOICE_KINDS and question.n < 2:
            problems.append(_("“%(text)s” needs at least two choices.") % {"text": question.text})
    if not survey.closes_at:
        problems.append(_("Set the closing date."))
    elif survey.closes_at <= timezone.now():
        problems.append(_("The closing date has passed: choose a later one."))
    return problems


def reminders_due(*, survey: Survey) -> int:
    """Invited people who have neither answered nor been reminded."""
    return survey.invitations.filter(
        answered_at__isnull=True, reminded_at__isnull=True, invited_at__isnull=False
    ).count()


def open_survey_count() -> int:
    """Surveys open now (the staff area's "waiting" count)."""
    return Survey.objects.filter(status=Survey.Status.OPEN).count()
