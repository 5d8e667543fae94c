"""The teacher's survey pages: their list, the answer page for every role and state, and the
"Surveys for you" panel of My ClassNet."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from surveys.models import Invitation, Response
from tests.factories import SurveyFactory, SurveyInvitationFactory

from ..services.test_answering import build_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    return build_survey(title="Teaching across borders 2026")


@pytest.fixture
def invited(s, teacher):
    SurveyInvitationFactory(survey=s.survey, user=teacher)
    return teacher


def url(s) -> str:
    return reverse("surveys:answer", args=[s.survey.pk])


def post_data(s, **overrides) -> dict:
    data = {
        f"q_{s.level.pk}": str(s.upper.pk),
        f"q_{s.tools.pk}": [str(s.video.pk), str(s.chat.pk)],
        f"q_{s.useful.pk}": "5",
        f"q_{s.students.pk}": "42",
        f"q_{s.idea.pk}": "Twin classes",
        f"q_{s.story.pk}": "We wrote a book together.",
        "action": "submit",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# --- roles ---------------------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_log_in(client, s):
    response = client.get(url(s))
    assertRedirects(response, f"{reverse('account_login')}?next={url(s)}")


def test_invited_teacher_sees_the_form_with_sections_and_likert_labels(client, s, invited):
    client.force_login(invited)
    response = client.get(url(s))
    assert response.status_code == 200
    assertContains(response, 'data-testid="survey-form"')
    assertContains(response, "About your teaching</legend>")
    assertContains(response, "Your practice</legend>")
    assertContains(response, f'name="q_{s.useful.pk}"', count=5)
    assertContains(response, "Strongly disagree")
    assertContains(response, '<span class="visually-hidden"> (Strongly agree)</span>', html=False)
    assertContains(response, "Save and come back")


@pytest.mark.parametrize("role", ["other_teacher", "staff", "judge", "unverified_teacher"])
def test_people_not_invited_get_a_403_saying_whom_it_is_for(client, s, invited, role, request):
    client.force_login(request.getfixturevalue(role))
    response = client.get(url(s))
    assert response.status_code == 403
    assertContains(response, "This survey is for all verified teachers who were invited", 1, 403)
    assertNotContains(response, "survey-form", status_code=403)


def test_not_invited_post_saves_nothing(client, s, invited, other_teacher):
    client.force_login(other_teacher)
    response = client.post(url(s), post_data(s))
    assert (response.status_code, Response.objects.count()) == (403, 0)


def test_draft_survey_is_not_found(client, teacher):
    survey = SurveyFactory(status="draft")
    SurveyInvitationFactory(survey=survey, user=teacher)
    client.force_login(teacher)
    assert client.get(reverse("surveys:answer", args=[survey.pk])).status_code == 404


# --- states --------------------------------------------------------------------------------


def test_closed_survey_says_so_and_shows_no_form(client, s, invited):
    s.survey.status = "closed"
    s.survey.save()
    client.force_login(invited)
    response = client.get(url(s))
    assertContains(response, "This survey is closed: answers can no longer be given or changed.")
    assertNotContains(response, "survey-form")


def test_survey_not_open_yet_says_when(client, s, invited):
    s.survey.opens_at = timezone.now() + datetime.timedelta(days=3)
    s.survey.save()
    client.force_login(invited)
    response = client.get(url(s))
    assertContains(response, "This survey opens on")
    assertNotContains(response, "survey-form")


def test_post_after_the_close_date_saves_nothing(client, s, invited):
    s.survey.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    s.survey.save()
    client.force_login(invited)
    response = client.post(url(s), post_data(s, action="save"), follow=True)
    assertContains(response, "This survey is not open for answers: nothing was saved.")
    assert Invitation.objects.get().draft_answers == {}


# --- drafts and submission -----------------------------------------------------------------


def test_save_and_come_back_keeps_the_draft(client, s, invited):
    client.force_login(invited)
    data = post_data(s, action="save", **{f"q_{s.level.pk}": None, f"q_{s.useful.pk}": "2"})
    response = client.post(url(s), data)
    assertRedirects(response, url(s))
    assert Invitation.objects.get().draft_answers == {
        str(s.tools.pk): sorted([s.video.pk, s.chat.pk]),
        str(s.useful.pk): 2,
        str(s.students.pk): 42,
        str(s.idea.pk): "Twin classes",
        str(s.story.pk): "We wrote a book together.",
    }
    page = client.get(url(s))
    assertContains(page, f'value="{s.video.pk}" checked')
    assertContains(page, f'id="id_q_{s.useful.pk}_2" value="2" checked')
    assertContains(page, 'value="Twin classes"')
    assertContains(page, "We wrote a book together.</textarea>")
    assert Response.objects.count() == 0


def test_submit_with_a_required_answer_missing_keeps_what_was_typed(client, s, invited):
    client.force_login(invited)
    response = client.post(url(s), post_data(s, **{f"q_{s.level.pk}": None}))
    assert response.status_code == 200
    assertContains(response, "Nothing was submitted: please answer the questions marked below.")
    assertContains(response, "Answer this question before you submit.", count=1)
    assertContains(response, 'value="Twin classes"')
    assertContains(response, f'id="id_q_{s.useful.pk}_5" value="5" checked')
    assert (Response.objects.count(), Invitation.objects.get().answered_at) == (0, None)


def test_submit_with_a_number_out_of_range_shows_the_error_by_the_question(client, s, invited):
    client.force_login(invited)
    response = client.post(url(s), post_data(s, **{f"q_{s.students.pk}": "900"}))
    assertContains(response, "Ensure this value is less than or equal to 500.")
    assertContains(response, 'value="900"')
    assert Response.objects.count() == 0


def test_submit_with_a_forged_choice_is_refused(client, s, invited):
    client.force_login(invited)
    response = client.post(url(s), post_data(s, **{f"q_{s.level.pk}": str(s.video.pk)}))
    assertContains(response, "Choose one of the answers offered.")
    assert Response.objects.count() == 0


def test_submit_thanks_and_answers_are_final(client, s, invited):
    client.force_login(invited)
    response = client.post(url(s), post_data(s), follow=True)
    assertContains(response, "Thank you for your answers!")
    assertContains(response, "Your answers are sent. Thank you!")
    assertNotContains(response, "survey-form")
    again = client.post(url(s), post_data(s, **{f"q_{s.useful.pk}": "1"}), follow=True)
    assertContains(again, "Thank you for your answers!")
    assert Response.objects.count() == 1
    assert Response.objects.get().answers.get(question=s.useful).number == 5


# --- the list and the panel ----------------------------------------------------------------


def test_my_surveys_sends_visitors_to_log_in(client):
    response = client.get(reverse("surveys:mine"))
    assertRedirects(response, f"{reverse('account_login')}?next={reverse('surveys:mine')}")


def test_my_surveys_lists_only_mine_and_never_draft_surveys(client, teacher, other_teacher):
    SurveyInvitationFactory(user=teacher, survey=SurveyFactory(title="Open for me"))
    SurveyInvitationFactory(
        user=teacher, survey=SurveyFactory(title="Secret draft", status="draft")
    )
    SurveyInvitationFactory(user=other_teacher, survey=SurveyFactory(title="For someone else"))
    client.force_login(teacher)
    response = client.get(reverse("surveys:mine"))
    assertContains(response, "Open for me")
    assertNotContains(response, "Secret draft")
    assertNotContains(response, "For someone else")


@pytest.mark.parametrize("rows", [1, 20])
def test_my_surveys_queries_do_not_grow_with_the_list(
    client, teacher, rows, django_assert_num_queries
):
    for n in range(rows):
        status = ["open", "closed"][n % 2]
        SurveyInvitationFactory(user=teacher, survey=SurveyFactory(status=status))
    client.force_login(teacher)
    with django_assert_num_queries(8):
        response = client.get(reverse("surveys:mine"))
    assert len(response.context["rows"]) == rows


def test_my_classnet_shows_surveys_for_you(client, s, invited):
    client.force_login(invited)
    response = client.get(reverse("teachers:dashboard"))
    assertContains(response, "Surveys for you")
    assertContains(response, url(s))


def test_my_classnet_has_no_survey_panel_without_an_open_invitation(client, s, teacher):
    SurveyInvitationFactory(user=teacher, survey=SurveyFactory(status="closed"))
    client.force_login(teacher)
    response = client.get(reverse("teachers:dashboard"))
    assertNotContains(response, "Surveys for you")
