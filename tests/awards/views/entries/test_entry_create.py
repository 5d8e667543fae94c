"""Entering a collaboration (awards/views/entries.py: entry_create): choose, refuse with
reasons, draft, submit; for every role."""

import pytest
from django.core import mail

from awards.models import Entry
from tests.awards._entries import (
    close,
    collaboration_led_by,
    open_cycle,
)
from tests.factories import (
    AwardCycleFactory,
    EditionFactory,
    MembershipFactory,
)

from ._helpers import edit_url, enter_url, form_data

pytestmark = pytest.mark.django_db


# --- enter ---------------------------------------------------------------------------------------


def test_enter_page_lists_led_collaborations_with_eligibility(client, teacher):
    cycle = open_cycle()
    good = collaboration_led_by(teacher)
    europe_only = collaboration_led_by(teacher, with_asia=False)
    client.force_login(teacher)

    response = client.get(enter_url(cycle))

    body = response.content.decode()
    assert response.status_code == 200
    assert [c.collaboration for c in response.context["choices"]] == [europe_only, good]
    assert f'href="?collaboration={good.pk}"' in body
    assert f'href="?collaboration={europe_only.pk}"' not in body
    assert "Invite a partner school from Asia first." in body


def test_enter_page_without_led_collaborations_guides(client, teacher):
    cycle = open_cycle()
    client.force_login(teacher)

    response = client.get(enter_url(cycle))

    assert "You do not lead a collaboration yet" in response.content.decode()


def test_enter_form_prefills_the_students_of_all_schools(client, teacher):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher)  # lead 20 + member 30
    client.force_login(teacher)

    response = client.get(enter_url(cycle, collaboration))

    assert response.context["form"].initial["student_count"] == 50
    assert "never the names of students" in response.content.decode()


@pytest.mark.parametrize("blind", [True, False])
def test_enter_form_warns_not_to_name_schools_or_places_in_blind_judging(client, teacher, blind):
    cycle = open_cycle()
    cycle.blind = blind
    cycle.save()
    collaboration = collaboration_led_by(teacher)
    client.force_login(teacher)

    body = client.get(enter_url(cycle, collaboration)).content.decode()

    warning = "Do not name your schools, teachers, towns or cities in it"
    assert (warning in body) is blind
    assert ('data-testid="blind-warning"' in body) is blind


def test_save_draft_then_land_on_edit_to_add_evidence(client, teacher):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher)
    client.force_login(teacher)

    response = client.post(enter_url(cycle), form_data(cycle, collaboration))

    entry = Entry.objects.get()
    assert response.status_code == 302
    assert response.url == edit_url(entry)
    assert (entry.status, entry.student_count, entry.collaboration) == ("draft", 55, collaboration)


def test_submit_from_the_enter_page_sends_the_email(
    client, teacher, django_capture_on_commit_callbacks
):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher)
    client.force_login(teacher)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(enter_url(cycle), form_data(cycle, collaboration, action="submit"))

    assert Entry.objects.get().status == Entry.Status.SUBMITTED
    assert len(mail.outbox) == 1


def test_submit_without_statement_shows_the_error(client, teacher):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher)
    client.force_login(teacher)

    response = client.post(
        enter_url(cycle), form_data(cycle, collaboration, action="submit", statement="")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["statement"] == [
        "Write your statement before you submit: it is what the judges read first."
    ]
    assert Entry.objects.count() == 0


@pytest.mark.parametrize("count", ["0", "100001", "many"])
def test_bad_student_count_shows_the_error(client, teacher, count):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher)
    client.force_login(teacher)

    response = client.post(enter_url(cycle), form_data(cycle, collaboration, student_count=count))

    assert response.status_code == 200
    assert "student_count" in response.context["form"].errors
    assert Entry.objects.count() == 0


def test_non_lead_entering_is_refused_with_the_reason(client, teacher, other_teacher):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher)
    MembershipFactory(collaboration=collaboration, teacher=other_teacher.teacher_profile)
    client.force_login(other_teacher)

    shown = client.get(enter_url(cycle, collaboration))
    posted = client.post(enter_url(cycle), form_data(cycle, collaboration))

    assert "Only the lead teacher of a collaboration can enter it." in shown.content.decode()
    assert "form" not in shown.context
    assert posted.status_code == 403
    assert Entry.objects.count() == 0


def test_ineligible_collaboration_is_refused_on_post(client, teacher):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher, status="open")
    client.force_login(teacher)

    response = client.post(enter_url(cycle), form_data(cycle, collaboration))

    assert response.status_code == 403
    assert "only running or completed collaborations can enter" in response.content.decode()
    assert Entry.objects.count() == 0


def test_enter_a_closed_cycle_says_so(client, teacher):
    cycle = open_cycle()
    close(cycle)
    collaboration = collaboration_led_by(teacher)
    client.force_login(teacher)

    shown = client.get(enter_url(cycle))
    posted = client.post(enter_url(cycle), form_data(cycle, collaboration))

    assert "This cycle is not accepting entries now." in shown.content.decode()
    assert posted.status_code == 403
    assert Entry.objects.count() == 0


def test_draft_cycle_is_404_for_teachers(client, teacher):
    cycle = AwardCycleFactory(edition=EditionFactory(number=60), status="draft")
    client.force_login(teacher)

    assert client.get(enter_url(cycle)).status_code == 404


@pytest.mark.parametrize("who", ["staff", "judge"])
def test_people_without_teacher_profile_cannot_enter(client, request, who):
    cycle = open_cycle()
    client.force_login(request.getfixturevalue(who))

    response = client.get(enter_url(cycle))

    assert response.status_code == 403
    assert "Who can enter" in response.content.decode()


def test_enter_with_unknown_collaboration_is_404(client, teacher):
    cycle = open_cycle()
    client.force_login(teacher)

    assert client.get(enter_url(cycle) + "?collaboration=999999").status_code == 404
    assert client.get(enter_url(cycle) + "?collaboration=x").status_code == 404


def test_submit_past_the_rate_limit_says_so_and_sends_nothing(
    client, teacher, use_up_rate_limit, django_capture_on_commit_callbacks
):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher)
    use_up_rate_limit("awards_entry_submit", teacher)
    client.force_login(teacher)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(enter_url(cycle), form_data(cycle, collaboration, action="submit"))

    assert response.status_code == 200
    assert "please wait an hour and try again" in response.content.decode()
    assert not Entry.objects.exists()
    assert mail.outbox == []
