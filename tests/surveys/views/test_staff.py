"""The staff survey pages per role: the list (pinned queries), creating, the hub and its
question editor, opening, reminding and closing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from surveys.models import Invitation, Question, Survey

from ...factories import (
    SurveyFactory,
    SurveyInvitationFactory,
    SurveyQuestionFactory,
    SurveySectionFactory,
)

pytestmark = pytest.mark.django_db

LATER = timezone.now() + datetime.timedelta(days=14)


def _draft():
    return SurveyFactory(status="draft", closes_at=LATER)


def _pages(survey):
    return [
        reverse("surveys_staff:surveys"),
        reverse("surveys_staff:survey_create"),
        reverse("surveys_staff:survey", args=[survey.pk]),
        reverse("surveys_staff:survey_edit", args=[survey.pk]),
    ]


def test_anonymous_visitors_log_in_first(client):
    for url in _pages(_draft()):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]


@pytest.mark.parametrize("role", ["teacher", "other_teacher", "judge"])
def test_non_staff_are_refused(client, request, role):
    client.force_login(request.getfixturevalue(role))
    for url in _pages(_draft()):
        assert client.get(url).status_code == 403


def test_staff_see_every_page(client, staff):
    survey = _draft()
    SurveyQuestionFactory(section=SurveySectionFactory(survey=survey), text="Your subject?")
    client.force_login(staff)
    for url in _pages(survey):
        assert client.get(url).status_code == 200
    assert "Your subject?" in client.get(_pages(survey)[2]).content.decode()


def _list_queries(client, staff, django_assert_num_queries):
    client.force_login(staff)
    url = reverse("surveys_staff:surveys")
    client.get(url)
    with django_assert_num_queries(7):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_list_queries_are_pinned_with_one_survey(client, staff, django_assert_num_queries):
    SurveyInvitationFactory(answered_at=timezone.now())
    assert "1 of 1 answered" in _list_queries(client, staff, django_assert_num_queries)


def test_list_queries_are_pinned_with_many(client, staff, django_assert_num_queries):
    for _ in range(6):
        survey = SurveyFactory()
        SurveyQuestionFactory(section=SurveySectionFactory(survey=survey))
        SurveyInvitationFactory(survey=survey)
    assert "6 surveys" in _list_queries(client, staff, django_assert_num_queries)


def test_staff_create_a_survey_and_bad_input_is_explained(client, staff):
    client.force_login(staff)
    url = reverse("surveys_staff:survey_create")
    response = client.post(url, {"title": "Robots", "audience": "countries"})
    assert response.status_code == 200
    assert "Choose at least one country" in response.content.decode()
    response = client.post(
        url, {"title": "Robots", "audience": "regions", "audience_regions": ["asia"]}
    )
    survey = Survey.objects.get()
    assert response["Location"] == reverse("surveys_staff:survey", args=[survey.pk])
    assert survey.audience_regions == ["asia"]
    assert survey.created_by == staff


def test_the_question_editor(client, staff):
    survey = _draft()
    client.force_login(staff)
    hub = reverse("surveys_staff:survey", args=[survey.pk])
    assert client.get(hub + "?add_section=1").status_code == 200
    client.post(reverse("surveys_staff:section_add", args=[survey.pk]), {"title": "About you"})
    section = survey.sections.get()
    assert "New question" in client.get(f"{hub}?add_question={section.pk}").content.decode()
    add_question = reverse("surveys_staff:question_add", args=[survey.pk, section.pk])
    response = client.post(add_question, {"kind": "single", "text": "Pick"})
    assert response.status_code == 200
    assert "at least two choices" in response.content.decode()
    client.post(
        add_question,
        {
            "kind": "single",
            "text": "Pick one",
            "required": "on",
            "choices_text": "Yes\nNo\n",
        },
    )
    question = Question.objects.get()
    assert [c.label for c in question.choices.all()] == ["Yes", "No"]
    assert client.get(f"{hub}?edit_question={question.pk}").status_code == 200
    client.post(reverse("surveys_staff:question_delete", args=[survey.pk, question.pk]))
    assert not Question.objects.exists()
    # A form of a page older than the per-action URLs still posts an `action` to the hub.
    response = client.post(hub, {"action": "nonsense", "question": "x"}, follow=True)
    assert "not possible" in response.content.decode()


def test_open_remind_close_from_the_hub(
    client, staff, teacher, django_capture_on_commit_callbacks, celery_eager, mailoutbox
):
    survey = _draft()
    SurveyQuestionFactory(section=SurveySectionFactory(survey=survey))
    client.force_login(staff)
    hub = reverse("surveys_staff:survey", args=[survey.pk])
    assert "1 teacher" in client.get(hub).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("surveys_staff:survey_open", args=[survey.pk]), follow=True)
    assert "An invitation is on its way to 1 person" in response.content.decode()
    assert [m.to[0] for m in mailoutbox] == [teacher.email]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("surveys_staff:survey_remind", args=[survey.pk]))
    assert len(mailoutbox) == 2
    assert Invitation.objects.get().reminded_at
    response = client.post(reverse("surveys_staff:survey_remind", args=[survey.pk]), follow=True)
    assert "already been reminded" in response.content.decode()
    response = client.post(
        reverse("surveys_staff:section_add", args=[survey.pk]), {"title": "Too late"}, follow=True
    )
    assert "no longer change" in response.content.decode()
    client.post(reverse("surveys_staff:survey_close", args=[survey.pk]))
    survey.refresh_from_db()
    assert survey.status == "closed"
    assert client.get(reverse("surveys_staff:survey_edit", args=[survey.pk])).status_code == 302


def _action_urls(survey, section, question):
    pk = survey.pk
    return [
        reverse("surveys_staff:survey_open", args=[pk]),
        reverse("surveys_staff:survey_remind", args=[pk]),
        reverse("surveys_staff:survey_close", args=[pk]),
        reverse("surveys_staff:section_add", args=[pk]),
        reverse("surveys_staff:section_edit", args=[pk, section.pk]),
        reverse("surveys_staff:section_delete", args=[pk, section.pk]),
        reverse("surveys_staff:section_up", args=[pk, section.pk]),
        reverse("surveys_staff:section_down", args=[pk, section.pk]),
        reverse("surveys_staff:question_add", args=[pk, section.pk]),
        reverse("surveys_staff:question_edit", args=[pk, question.pk]),
        reverse("surveys_staff:question_delete", args=[pk, question.pk]),
        reverse("surveys_staff:question_up", args=[pk, question.pk]),
        reverse("surveys_staff:question_down", args=[pk, question.pk]),
    ]


def _built():
    survey = _draft()
    section = SurveySectionFactory(survey=survey)
    return survey, section, SurveyQuestionFactory(section=section)


def test_every_action_is_for_staff_and_changes_nothing_for_others(client, teacher):
    survey, section, question = _built()
    for url in _action_urls(survey, section, question):
        response = client.post(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    client.force_login(teacher)
    for url in _action_urls(survey, section, question):
        assert client.post(url).status_code == 403
    survey.refresh_from_db()
    assert (survey.status, survey.sections.count(), Question.objects.count()) == ("draft", 1, 1)


def test_actions_take_posts_only_and_a_section_of_another_survey_is_not_found(client, staff):
    survey, _section, _question = _built()
    client.force_login(staff)
    assert client.get(reverse("surveys_staff:survey_open", args=[survey.pk])).status_code == 405
    _other, other_section, other_question = _built()
    assert (
        client.post(
            reverse("surveys_staff:section_delete", args=[survey.pk, other_section.pk])
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("surveys_staff:question_delete", args=[survey.pk, other_question.pk])
        ).status_code
        == 404
    )
    assert client.post(reverse("surveys_staff:survey_open", args=[999999])).status_code == 404
    assert Question.objects.count() == 2


def test_sections_and_questions_move_and_are_edited_from_their_urls(client, staff):
    survey = _draft()
    first = SurveySectionFactory(survey=survey, title="First", position=0)
    second = SurveySectionFactory(survey=survey, title="Second", position=1)
    q1 = SurveyQuestionFactory(section=first, text="One", position=0)
    SurveyQuestionFactory(section=first, text="Two", position=1)
    client.force_login(staff)

    client.post(reverse("surveys_staff:section_up", args=[survey.pk, second.pk]))
    assert list(survey.sections.values_list("title", flat=True)) == ["Second", "First"]
    client.post(reverse("surveys_staff:question_down", args=[survey.pk, q1.pk]))
    assert list(first.questions.values_list("text", flat=True)) == ["Two", "One"]
    response = client.post(
        reverse("surveys_staff:section_edit", args=[survey.pk, first.pk]), {"title": "Renamed"}
    )
    assert response["Location"] == reverse("surveys_staff:survey", args=[survey.pk])
    first.refresh_from_db()
    assert first.title == "Renamed"
    response = client.post(
        reverse("surveys_staff:section_edit", args=[survey.pk, first.pk]), {"title": ""}
    )
    assert response.status_code == 200  # the hub again, with the form and its error
    assert "Edit the section" in response.content.decode()
