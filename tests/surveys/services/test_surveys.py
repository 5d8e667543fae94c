"""Building a survey: set-up and audience, the question editor, opening (validation and one
invitation per person), reminding and closing."""

import datetime

import pytest
from django.utils import timezone

from conferences.models import Application
from schools.models import SchoolKind
from surveys.errors import SurveyError
from surveys.models import Invitation, Question, Survey
from surveys.selectors.surveys import audience_summary, audience_users
from surveys.services import structure, surveys

from ...factories import (
    CountryFactory,
    EditionFactory,
    SchoolFactory,
    StaffFactory,
    SurveyChoiceFactory,
    SurveyFactory,
    SurveyQuestionFactory,
    SurveySectionFactory,
    TeacherProfileFactory,
)

pytestmark = pytest.mark.django_db

LATER = timezone.now() + datetime.timedelta(days=14)


def _draft(**fields):
    return SurveyFactory(status="draft", closes_at=LATER, **fields)


def _ready(**fields):
    survey = _draft(**fields)
    SurveyQuestionFactory(section=SurveySectionFactory(survey=survey))
    return survey


def _teacher(country=None, kind=SchoolKind.SECONDARY, **fields):
    country = country or CountryFactory()
    school = SchoolFactory(country=country, kind=kind)
    return TeacherProfileFactory(user__country=country, school=school, **fields)


def _application(edition, profile, status):
    return Application.objects.create(
        edition=edition, teacher=profile, school=profile.school, motivation="Yes", status=status
    )


def test_audience_all_is_verified_active_teachers_only():
    verified = _teacher()
    _teacher(pending=True)
    inactive = _teacher()
    inactive.user.is_active = False
    inactive.user.save()
    StaffFactory()
    assert list(audience_users(_draft())) == [verified.user]


def test_audience_by_country_region_and_kind_follow_the_school():
    finland = CountryFactory(code="FI", name="Finland", region="europe")
    vietnam = CountryFactory(code="VN", name="Viet Nam", region="asia")
    finn = _teacher(finland, kind=SchoolKind.HIGH)
    viet = _teacher(vietnam, kind=SchoolKind.VOCATIONAL)

    by_country = _draft(audience="countries")
    by_country.audience_countries.set([finland])
    assert list(audience_users(by_country)) == [finn.user]

    by_region = _draft(audience="regions", audience_regions=["asia"])
    assert list(audience_users(by_region)) == [viet.user]

    by_kind = _draft(audience="school_kinds", audience_school_kinds=["high"])
    assert list(audience_users(by_kind)) == [finn.user]
    assert audience_summary(by_kind) == {"people": 1, "countries": 1}


def test_audience_edition_is_approved_and_attended_participants():
    edition = EditionFactory()
    approved, attended, waitlisted = _teacher(), _teacher(), _teacher()
    _application(edition, approved, Application.Status.APPROVED)
    _application(edition, attended, Application.Status.ATTENDED)
    _application(edition, waitlisted, Application.Status.WAITLISTED)
    survey = _draft(audience="edition", audience_edition=edition)
    assert set(audience_users(survey)) == {approved.user, attended.user}


def test_create_and_update_check_audience_and_dates():
    staff = StaffFactory()
    survey = surveys.survey_create(by=staff, title="Teaching with robots", closes_at=LATER)
    assert survey.status == Survey.Status.DRAFT
    assert survey.created_by == staff
    with pytest.raises(SurveyError, match="country"):
        surveys.survey_update(by=staff, survey=survey, title="x", audience="countries")
    with pytest.raises(SurveyError, match="close after"):
        surveys.survey_update(
            by=staff, survey=survey, title="x", opens_at=LATER, closes_at=timezone.now()
        )
    surveys.survey_update(
        by=staff, survey=survey, title="Robots", audience="regions", regions=["asia"]
    )
    survey.refresh_from_db()
    assert (survey.title, survey.audience_regions) == ("Robots", ["asia"])


def test_question_editor_saves_choices_and_moves():
    staff = StaffFactory()
    survey = _draft()
    section = structure.section_save(by=staff, survey=survey, title="About you")
    first = structure.question_save(
        by=staff,
        section=section,
        kind="single",
        text="Your subject?",
        choices=["Maths", "", "Physics"],
    )
    assert [c.label for c in first.choices.all()] == ["Maths", "Physics"]
    second = structure.question_save(
        by=staff, section=section, kind="number", text="Years?", number_min=0
    )
    structure.question_move(by=staff, question=second, direction=-1)
    assert list(section.questions.values_list("text", flat=True)) == ["Years?", "Your subject?"]
    with pytest.raises(SurveyError, match="two choices"):
        structure.question_save(
            by=staff, section=section, kind="multiple", text="Which?", choices=["A"]
        )
    with pytest.raises(SurveyError, match="highest"):
        structure.question_save(
            by=staff, section=section, kind="number", text="N?", number_min=5, number_max=1
        )
    structure.question_delete(by=staff, question=first)
    assert section.questions.count() == 1


def test_structure_is_frozen_once_open():
    staff = StaffFactory()
    survey = _ready()
    survey.status = "open"
    survey.save()
    section = survey.sections.get()
    with pytest.raises(SurveyError, match="no longer change"):
        structure.question_save(by=staff, section=section, kind="short_text", text="Late?")
    with pytest.raises(SurveyError, match="no longer change"):
        structure.section_delete(by=staff, section=section)


@pytest.mark.parametrize(
    ("setup", "problem"),
    [
        (lambda s: None, "at least one question"),
        (
            lambda s: SurveyChoiceFactory(
                question=SurveyQuestionFactory(
                    section=SurveySectionFactory(survey=s), kind="single", text="Pick"
                )
            ),
            "two choices",
        ),
    ],
)
def test_open_refuses_an_incomplete_survey(setup, problem):
    survey = _draft()
    setup(survey)
    with pytest.raises(SurveyError, match=problem):
        surveys.survey_open(by=StaffFactory(), survey=survey)
    survey.refresh_from_db()
    assert survey.status == "draft"
    assert not survey.invitations.exists()


def test_open_refuses_a_past_closing_date():
    survey = _ready()
    survey.closes_at = timezone.now() - datetime.timedelta(hours=1)
    survey.save()
    with pytest.raises(SurveyError, match="closing date has passed"):
        surveys.survey_open(by=StaffFactory(), survey=survey)


def test_open_invites_everyone_once_and_sends_the_emails(
    django_capture_on_commit_callbacks, celery_eager, mailoutbox
):
    teachers = [_teacher() for _ in range(3)]
    _teacher(pending=True)
    survey = _ready()
    with django_capture_on_commit_callbacks(execute=True):
        invited = surveys.survey_open(by=StaffFactory(), survey=survey)
    assert invited == 3
    assert set(Invitation.objects.values_list("user", flat=True)) == {t.user.pk for t in teachers}
    assert not Invitation.objects.filter(invited_at__isnull=True).exists()
    assert sorted(m.to[0] for m in mailoutbox) == sorted(t.user.email for t in teachers)
    survey.refresh_from_db()
    assert survey.status == "open"
    assert survey.opens_at is not None
    with pytest.raises(SurveyError):
        surveys.survey_open(by=StaffFactory(), survey=survey)
    assert Invitation.objects.count() == 3


def test_close_and_remind():
    survey = _ready()
    staff = StaffFactory()
    surveys.survey_open(by=staff, survey=survey)
    with pytest.raises(SurveyError, match="already been reminded"):
        surveys.survey_remind(by=staff, survey=survey)  # no one invited
    surveys.survey_close(by=staff, survey=survey)
    survey.refresh_from_db()
    assert survey.status == "closed"
    assert not survey.accepts_answers
    assert survey.closes_at <= timezone.now()
    with pytest.raises(SurveyError, match="open survey"):
        surveys.survey_close(by=staff, survey=survey)
    with pytest.raises(SurveyError, match="accepts answers"):
        surveys.survey_remind(by=staff, survey=survey)
    assert Question.objects.count() == 1


def test_closing_forgets_the_unsubmitted_drafts(staff, celery_eager):
    """A draft links a person to answers; once the survey closes it can never be submitted."""
    import datetime

    from django.utils import timezone

    from surveys.models import Invitation
    from surveys.services.surveys import survey_close
    from surveys.tasks import clear_stale_drafts

    from ...factories import SurveyFactory, SurveyInvitationFactory

    closing = SurveyFactory(status="open")
    past = SurveyFactory(status="open", closes_at=timezone.now() - datetime.timedelta(days=1))
    running = SurveyFactory(status="open")
    drafts = {
        survey.pk: SurveyInvitationFactory(survey=survey, draft_answers={"1": "yes"}).pk
        for survey in (closing, past, running)
    }

    survey_close(by=staff, survey=closing)
    assert Invitation.objects.get(pk=drafts[closing.pk]).draft_answers == {}
    assert Invitation.objects.get(pk=drafts[past.pk]).draft_answers == {"1": "yes"}

    assert clear_stale_drafts.apply().get() == 1
    assert Invitation.objects.get(pk=drafts[past.pk]).draft_answers == {}
    assert Invitation.objects.get(pk=drafts[running.pk]).draft_answers == {"1": "yes"}
