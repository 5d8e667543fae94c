"""Setting a survey up and running it (staff): its set-up and audience, then opening it
(one Invitation for everyone in the audience, e-mailed by the `surveys.send_invitations` task),
a reminder (the `surveys.send_reminders` task) and closing. Every service is keyword-only and
atomic, takes the acting staff member `by=`, is audited and raises SurveyError with a message
for the person who tried. The structure and audience are frozen once the survey is open."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit.services import audit_record
from core.tasks import enqueue

from ..errors import SurveyError
from ..models import Invitation, Survey
from ..selectors.surveys import audience_users, open_problems, reminders_due
from .answering import drafts_clear

INVITE_BATCH = 500


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
    by,
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
    survey = Survey(created_by=by)
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
    audit_record(actor=by, action="survey.created", target=survey)
    return survey


def survey_locked(survey: Survey) -> Survey:
    """The survey's row, locked for the rest of the transaction."""
    return Survey.objects.select_for_update().get(pk=survey.pk)


def survey_editable(survey: Survey) -> Survey:
    """The survey locked, or SurveyError when its structure is frozen (open or closed)."""
    survey = survey_locked(survey)
    if survey.status != Survey.Status.DRAFT:
        raise SurveyError(
            _("The survey is open or closed: its questions and audience can no longer change.")
        )
    return survey


@transaction.atomic
def survey_update(
    *,
    by,
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
    locked = survey_locked(survey)
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
    audit_record(actor=by, action="survey.edited", target=locked)
    return locked


@transaction.atomic
def survey_open(*, by, survey: Survey) -> int:
    """Open the survey and invite its audience; returns the number of new invitations. The
    invitations are e-mailed by the `surveys.send_invitations` task once this commits."""
    survey = survey_editable(survey)
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
    audit_record(actor=by, action="survey.opened", target=survey, note=f"{len(new)} invited")
    enqueue("surveys.send_invitations", survey_id=survey.pk)
    return len(new)


@transaction.atomic
def survey_remind(*, by, survey: Survey) -> int:
    """Queue a reminder to everyone invited who has not answered nor been reminded yet."""
    survey = survey_locked(survey)
    if not survey.accepts_answers:
        raise SurveyError(_("Reminders go only while the survey accepts answers."))
    due = reminders_due(survey=survey)
    if not due:
        raise SurveyError(_("Everyone invited has answered or has already been reminded."))
    audit_record(actor=by, action="survey.reminded", target=survey, note=f"{due} due")
    enqueue("surveys.send_reminders", survey_id=survey.pk)
    return due


@transaction.atomic
def survey_close(*, by, survey: Survey) -> Survey:
    survey = survey_locked(survey)
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
    audit_record(actor=by, action="survey.closed", target=survey)
    return survey
