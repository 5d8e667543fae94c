"""Building a survey (staff): its set-up, audience, sections, questions and choices; opening it
invites everyone in the audience (one Invitation each, e-mailed by a task), then reminders and
closing. Every service is keyword-only and atomic and raises SurveyError with a message for the
person who tried. The structure is frozen once the survey is open."""

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from conferences.models import Application
from core.audit.services import audit_record
from core.errors import DomainError
from teachers.models import TeacherProfile, User

from . import tasks
from .answering import drafts_clear
from .models import Choice, Invitation, Question, Section, Survey

CHOICE_KINDS = (Question.Kind.SINGLE, Question.Kind.MULTIPLE)
INVITE_BATCH = 500


class SurveyError(DomainError):
    """A survey action that cannot be done; the message is for the person who tried."""


def audience_users(survey: Survey):
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


def _check_dates(opens_at, closes_at) -> None:
    if opens_at and closes_at and closes_at <= opens_at:
        raise SurveyError(_("The survey must close after it opens."))


def _check_audience(*, audience, countries, regions, school_kinds, edition) -> None:
    Audience = Survey.Audience
    if audience == Audience.COUNTRIES and not countries:
        raise SurveyError(_("Choose at least one country for the audience."))
    if audience == Audience.REGIONS and not regions:
        raise SurveyError(_("Choose at least one region for the audience."))
    if audience == Audience.SCHOOL_KINDS and not school_kinds:
        raise SurveyError(_("Choose at least one school kind for the audience."))
    if audience == Audience.EDITION and edition is None:
        raise SurveyError(_("Choose the edition whose participants the survey is for."))


def _apply(
    survey,
    *,
    title,
    introduction,
    anonymous,
    opens_at,
    closes_at,
    audience,
    countries,
    regions,
    school_kinds,
    edition,
) -> None:
    _check_dates(opens_at, closes_at)
    _check_audience(
        audience=audience,
        countries=countries,
        regions=regions,
        school_kinds=school_kinds,
        edition=edition,
    )
    Audience = Survey.Audience
    survey.title = title
    survey.introduction = introduction
    survey.anonymous = anonymous
    survey.opens_at = opens_at
    survey.closes_at = closes_at
    survey.audience = audience
    survey.audience_regions = list(regions) if audience == Audience.REGIONS else []
    survey.audience_school_kinds = list(school_kinds) if audience == Audience.SCHOOL_KINDS else []
    survey.audience_edition = edition if audience == Audience.EDITION else None
    survey.save()
    survey.audience_countries.set(countries if audience == Audience.COUNTRIES else [])


@transaction.atomic
def survey_create(
    *,
    actor,
    title: str,
    introduction: str = "",
    anonymous: bool = True,
    opens_at=None,
    closes_at=None,
    audience: str = Survey.Audience.ALL,
    countries=(),
    regions=(),
    school_kinds=(),
    edition=None,
) -> Survey:
    survey = Survey(created_by=actor)
    _apply(
        survey,
        title=title,
        introduction=introduction,
        anonymous=anonymous,
        opens_at=opens_at,
        closes_at=closes_at,
        audience=audience,
        countries=countries,
        regions=regions,
        school_kinds=school_kinds,
        edition=edition,
    )
    audit_record(actor=actor, action="survey.created", target=survey)
    return survey


def _locked(survey: Survey) -> Survey:
    return Survey.objects.select_for_update().get(pk=survey.pk)


def _editable(survey: Survey) -> Survey:
    survey = _locked(survey)
    if survey.status != Survey.Status.DRAFT:
        raise SurveyError(
            _("The survey is open or closed: its questions and audience can no longer change.")
        )
    return survey


@transaction.atomic
def survey_update(
    *,
    actor,
    survey: Survey,
    title: str,
    introduction: str = "",
    anonymous: bool = True,
    opens_at=None,
    closes_at=None,
    audience: str = Survey.Audience.ALL,
    countries=(),
    regions=(),
    school_kinds=(),
    edition=None,
) -> Survey:
    locked = _locked(survey)
    if locked.status == Survey.Status.CLOSED:
        raise SurveyError(_("The survey is closed and can no longer change."))
    if locked.status == Survey.Status.OPEN:
        # Only the wording and the closing date; audience and anonymity are frozen.
        if closes_at and closes_at <= timezone.now():
            raise SurveyError(_("The closing date must be in the future."))
        _check_dates(locked.opens_at, closes_at)
        locked.title, locked.introduction, locked.closes_at = title, introduction, closes_at
        locked.save(update_fields=["title", "introduction", "closes_at"])
    else:
        _apply(
            locked,
            title=title,
            introduction=introduction,
            anonymous=anonymous,
            opens_at=opens_at,
            closes_at=closes_at,
            audience=audience,
            countries=countries,
            regions=regions,
            school_kinds=school_kinds,
            edition=edition,
        )
    audit_record(actor=actor, action="survey.edited", target=locked)
    return locked


# Sections ------------------------------------------------------------------------------------


def _next_position(queryset) -> int:
    top = queryset.aggregate(top=Max("position"))["top"]
    return 0 if top is None else top + 1


@transaction.atomic
def section_save(
    *, survey: Survey, section: Section | None = None, title: str, description: str = ""
) -> Section:
    _editable(survey)
    if not title.strip():
        raise SurveyError(_("Give the section a title."))
    if section is None:
        section = Section(survey=survey, position=_next_position(survey.sections.all()))
    section.title, section.description = title.strip(), description
    section.save()
    return section


@transaction.atomic
def section_delete(*, section: Section) -> None:
    _editable(section.survey)
    section.delete()


def _swap(items: list, item, direction: int) -> None:
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + direction
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    for position, other in enumerate(items):
        if other.position != position:
            other.position = position
            other.save(update_fields=["position"])


@transaction.atomic
def section_move(*, section: Section, direction: int) -> None:
    _editable(section.survey)
    _swap(list(section.survey.sections.all()), section, direction)


# Questions -----------------------------------------------------------------------------------


def _clean_choices(kind: str, choices) -> list[str]:
    labels = [label.strip() for label in choices if label and label.strip()]
    if kind in CHOICE_KINDS:
        if len(labels) < 2:
            raise SurveyError(_("A choice question needs at least two choices, one a line."))
        if len({label.lower() for label in labels}) != len(labels):
            raise SurveyError(_("Two choices have the same wording."))
    return labels if kind in CHOICE_KINDS else []


@transaction.atomic
def question_save(
    *,
    section: Section,
    question: Question | None = None,
    kind: str,
    text: str,
    help_text: str = "",
    required: bool = True,
    choices=(),
    scale_low_label: str = "",
    scale_high_label: str = "",
    number_min: int | None = None,
    number_max: int | None = None,
) -> Question:
    _editable(section.survey)
    if kind not in Question.Kind.values:
        raise SurveyError(_("Choose the kind of question."))
    if not text.strip():
        raise SurveyError(_("Write the question."))
    has_range = number_min is not None and number_max is not None
    if kind == Question.Kind.NUMBER and has_range and number_max < number_min:
        raise SurveyError(_("The highest number must not be below the lowest."))
    labels = _clean_choices(kind, choices)
    if question is None:
        question = Question(section=section, position=_next_position(section.questions.all()))
    question.kind, question.text, question.help_text = kind, text.strip(), help_text
    question.required = required
    is_likert, is_number = kind == Question.Kind.LIKERT, kind == Question.Kind.NUMBER
    question.scale_low_label = scale_low_label if is_likert else ""
    question.scale_high_label = scale_high_label if is_likert else ""
    question.number_min = number_min if is_number else None
    question.number_max = number_max if is_number else None
    question.save()
    question.choices.all().delete()
    Choice.objects.bulk_create(
        Choice(question=question, label=label, position=i) for i, label in enumerate(labels)
    )
    return question


@transaction.atomic
def question_delete(*, question: Question) -> None:
    _editable(question.section.survey)
    question.delete()


@transaction.atomic
def question_move(*, question: Question, direction: int) -> None:
    _editable(question.section.survey)
    _swap(list(question.section.questions.all()), question, direction)


# Opening, reminding, closing -----------------------------------------------------------------


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


@transaction.atomic
def survey_open(*, actor, survey: Survey) -> int:
    """Open the survey and invite its audience; returns the number of new invitations."""
    survey = _editable(survey)
    problems = open_problems(survey)
    if problems:
        raise SurveyError(" ".join(problems))
    if not survey.opens_at:
        survey.opens_at = timezone.now()
    survey.status = Survey.Status.OPEN
    survey.save(update_fields=["status", "opens_at"])
    already = set(survey.invitations.values_list("user_id", flat=True))
    new = [
        Invitation(survey=survey, user_id=user_id)
        for user_id in audience_users(survey).values_list("pk", flat=True).iterator()
        if user_id not in already
    ]
    Invitation.objects.bulk_create(new, batch_size=INVITE_BATCH, ignore_conflicts=True)
    audit_record(actor=actor, action="survey.opened", target=survey, note=f"{len(new)} invited")
    survey_id = survey.pk
    transaction.on_commit(lambda: _enqueue("surveys.send_invitations", survey_id))
    return len(new)


def _enqueue(name: str, survey_id: int) -> None:
    task = tasks.send_invitations if name == "surveys.send_invitations" else tasks.send_reminders
    task.delay(survey_id)


@transaction.atomic
def survey_remind(*, actor, survey: Survey) -> int:
    """Queue a reminder to everyone invited who has not answered nor been reminded yet."""
    survey = _locked(survey)
    if not survey.accepts_answers:
        raise SurveyError(_("Reminders go only while the survey accepts answers."))
    due = survey.invitations.filter(
        answered_at__isnull=True, reminded_at__isnull=True, invited_at__isnull=False
    ).count()
    if not due:
        raise SurveyError(_("Everyone invited has answered or has already been reminded."))
    audit_record(actor=actor, action="survey.reminded", target=survey, note=f"{due} due")
    survey_id = survey.pk
    transaction.on_commit(lambda: _enqueue("surveys.send_reminders", survey_id))
    return due


@transaction.atomic
def survey_close(*, actor, survey: Survey) -> Survey:
    survey = _locked(survey)
    if survey.status != Survey.Status.OPEN:
        raise SurveyError(_("Only an open survey can be closed."))
    survey.status = Survey.Status.CLOSED
    now = timezone.now()
    if survey.opens_at and survey.opens_at >= now:
        survey.opens_at = None
    if not survey.closes_at or survey.closes_at > now:
        survey.closes_at = now
    survey.save(update_fields=["status", "opens_at", "closes_at"])
    drafts_clear(survey_ids=[survey.pk])
    audit_record(actor=actor, action="survey.closed", target=survey)
    return survey
