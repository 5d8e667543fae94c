"""Proposing, editing, setting the status of and listing one's collaborations over HTTP
(collaborations/views/manage.py), for every role: anonymous, unverified teacher, teacher,
member, lead, staff and judge; and the journey from proposing to an accepted partner."""

import pytest
from django.core import mail
from django.urls import reverse

from collaborations.models import Collaboration, JoinRequest, Membership

from ...factories import (
    CollaborationFactory,
    CountryFactory,
    MembershipFactory,
    TeacherProfileFactory,
)
from ._helpers import client_as, login_url, member_of, messages_of, person, plan, text

pytestmark = pytest.mark.django_db


# --- propose --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status", "shows"),
    [
        ("anonymous", 302, ""),
        ("unverified", 403, "Your account must be verified first"),
        ("teacher", 200, "Save as draft"),
        ("member", 200, "Save as draft"),
        ("lead", 200, "Save as draft"),
        ("staff", 403, "Collaborations are proposed by teachers"),
        ("judge", 403, "Collaborations are proposed by teachers"),
    ],
)
def test_propose_page_for_every_role(client, collaboration, role, status, shows):
    url = reverse("collaborations:propose")
    client = client_as(client, person(role, collaboration))

    response = client.get(url)

    assert response.status_code == status
    if role == "anonymous":
        assert response["Location"] == login_url(url)
        return
    assert shows in text(response)
    if status == 403:
        assert reverse("teachers:dashboard") in text(response)
        assert 'name="title"' not in text(response)


def test_propose_publish_opens_the_collaboration_led_by_the_teacher(client, teacher):
    client.force_login(teacher)

    response = client.post(reverse("collaborations:propose"), plan(publish="1"))

    collaboration = Collaboration.objects.get(title="Bees and cities")
    assert response["Location"] == collaboration.get_absolute_url()
    assert collaboration.status == Collaboration.Status.OPEN
    assert (collaboration.partner_schools_wanted, collaboration.wanted_region) == (4, "asia")
    assert sorted(theme.name for theme in collaboration.themes.all()) == ["Urban nature", "climate"]
    assert [
        (m.teacher.user, m.school, m.role, m.student_count) for m in collaboration.memberships.all()
    ] == [(teacher, teacher.teacher_profile.school, "lead", 24)]
    assert messages_of(response) == ["Bees and cities is published: teachers can now ask to join."]


def test_propose_save_as_draft_keeps_it_a_draft(client, teacher):
    client.force_login(teacher)

    response = client.post(reverse("collaborations:propose"), plan(draft="1"))

    collaboration = Collaboration.objects.get(title="Bees and cities")
    assert collaboration.status == Collaboration.Status.DRAFT
    assert response["Location"] == collaboration.get_absolute_url()
    assert "saved as a draft" in messages_of(response)[0]


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        (
            {"starts_on": "2030-05-01", "ends_on": "2030-04-01"},
            "ends_on",
            "The end must come after the start.",
        ),
        (
            {"starts_on": "2030-01-01", "ends_on": "2033-01-01"},
            "ends_on",
            "A collaboration runs for 24 months at most (3 to 12 is typical).",
        ),
        (
            {"student_age_min": 16, "student_age_max": 12},
            "student_age_max",
            "The oldest students cannot be younger than the youngest (16).",
        ),
        ({"student_age_min": 8}, "student_age_min", "Students' ages go from 10 to 21."),
        (
            {"partner_schools_wanted": 0},
            "partner_schools_wanted",
            "Ask for 1 to 20 partner schools.",
        ),
        (
            {"partner_schools_wanted": 21},
            "partner_schools_wanted",
            "Ask for 1 to 20 partner schools.",
        ),
        ({"student_count": 0}, "student_count", "Between 1 and 500 students can take part."),
        ({"subjects": []}, "subjects", "Choose at least one subject."),
    ],
)
def test_propose_bad_input_shows_on_its_field_and_saves_nothing(
    client, teacher, changes, field, error
):
    client.force_login(teacher)

    response = client.post(reverse("collaborations:propose"), plan(publish="1", **changes))

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [error]}
    assert "Nothing has been saved yet." in text(response)
    assert not Collaboration.objects.exists()


def test_propose_posted_by_an_unverified_teacher_is_refused(client, unverified_teacher):
    client.force_login(unverified_teacher)

    response = client.post(reverse("collaborations:propose"), plan(publish="1"))

    assert response.status_code == 403
    assert not Collaboration.objects.exists()


# --- edit -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("unverified", 404),
        ("teacher", 404),
        ("member", 404),
        ("lead", 200),
        ("staff", 200),
        ("judge", 404),
    ],
)
def test_edit_page_for_every_role(client, collaboration, role, status):
    url = reverse("collaborations:edit", args=[collaboration.pk])
    client = client_as(client, person(role, collaboration))

    response = client.get(url)

    assert response.status_code == status
    if status == 200:
        assert response.context["form"].initial["title"] == "Rivers of two continents"
        assert "student_count" not in response.context["form"].fields
        assert "1 partner school is in." in text(response)


@pytest.mark.parametrize("role", ["unverified", "teacher", "member", "judge"])
def test_edit_posted_by_others_changes_nothing(client, collaboration, role):
    client.force_login(person(role, collaboration))

    response = client.post(reverse("collaborations:edit", args=[collaboration.pk]), plan())

    assert response.status_code == 404
    collaboration.refresh_from_db()
    assert collaboration.title == "Rivers of two continents"


def test_edit_by_a_co_lead_saves_the_plan(client, collaboration):
    co_lead = member_of(collaboration)
    co_lead.role = Membership.Role.CO_LEAD
    co_lead.save()
    client.force_login(co_lead.teacher.user)

    response = client.post(reverse("collaborations:edit", args=[collaboration.pk]), plan())

    collaboration.refresh_from_db()
    assert response["Location"] == collaboration.get_absolute_url()
    assert (collaboration.title, collaboration.partner_schools_wanted) == ("Bees and cities", 4)
    assert messages_of(response) == ["Bees and cities is saved."]


def test_edit_of_a_collaboration_whose_proposer_is_gone(client, collaboration, lead):
    Collaboration.objects.filter(pk=collaboration.pk).update(created_by=None)
    client.force_login(lead.user)

    response = client.post(reverse("collaborations:edit", args=[collaboration.pk]), plan())

    assert response.status_code == 302


def test_edit_cannot_drop_places_below_the_partners_in(client, collaboration, lead):
    MembershipFactory(collaboration=collaboration)
    client.force_login(lead.user)

    response = client.post(
        reverse("collaborations:edit", args=[collaboration.pk]), plan(partner_schools_wanted=1)
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "2 partner schools are already in: ask for at least as many places."
    ]
    collaboration.refresh_from_db()
    assert (collaboration.title, collaboration.partner_schools_wanted) == (
        "Rivers of two continents",
        3,
    )


def test_edit_of_a_draft_is_not_found_for_a_teacher(client, teacher, lead):
    draft = CollaborationFactory(lead=lead, status="draft")
    client.force_login(teacher)

    assert client.get(reverse("collaborations:edit", args=[draft.pk])).status_code == 404


# --- status ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status", "result"),
    [
        ("anonymous", 302, "open"),
        ("unverified", 404, "open"),
        ("teacher", 404, "open"),
        ("member", 404, "open"),
        ("lead", 302, "running"),
        ("staff", 302, "running"),
        ("judge", 404, "open"),
    ],
)
def test_set_status_for_every_role(client, collaboration, role, status, result):
    client = client_as(client, person(role, collaboration))

    response = client.post(
        reverse("collaborations:set_status", args=[collaboration.pk]), {"status": "running"}
    )

    assert response.status_code == status
    collaboration.refresh_from_db()
    assert collaboration.status == result
    if result == "running":
        assert response["Location"] == collaboration.get_absolute_url()
        assert messages_of(response) == ["Rivers of two continents is now: running."]


def test_set_status_refuses_a_transition_not_allowed(client, collaboration, lead):
    client.force_login(lead.user)

    response = client.post(
        reverse("collaborations:set_status", args=[collaboration.pk]), {"status": "archived"}
    )

    assert response["Location"] == collaboration.get_absolute_url()
    assert messages_of(response) == ["A collaboration that is open for partners cannot move there."]
    collaboration.refresh_from_db()
    assert collaboration.status == "open"


def test_set_status_is_post_only(client, collaboration, lead):
    client.force_login(lead.user)

    response = client.get(reverse("collaborations:set_status", args=[collaboration.pk]))

    assert response.status_code == 405


# --- my collaborations ----------------------------------------------------------------------


def test_mine_anonymous_goes_to_log_in(client):
    url = reverse("collaborations:mine")

    assert client.get(url)["Location"] == login_url(url)


@pytest.mark.parametrize("role", ["unverified", "teacher", "staff", "judge"])
def test_mine_without_collaborations_shows_what_to_do(client, collaboration, role):
    client.force_login(person(role, collaboration))

    response = client.get(reverse("collaborations:mine"))

    assert response.status_code == 200
    assert "Your school is not in a collaboration yet." in text(response)
    assert "You have not asked to join a collaboration." in text(response)
    assert "Rivers of two continents" not in text(response)


def test_mine_shows_role_places_waiting_requests_and_own_requests(client, collaboration, lead):
    other_lead = TeacherProfileFactory()
    elsewhere = CollaborationFactory(lead=other_lead, title="Poetry across borders")
    JoinRequest.objects.create(
        collaboration=elsewhere,
        teacher=lead,
        school=lead.school,
        student_count=12,
        message="Hello",
        status="declined",
        reason="We look for a school in Asia.",
    )
    asker = TeacherProfileFactory()
    JoinRequest.objects.create(
        collaboration=collaboration,
        teacher=asker,
        school=asker.school,
        student_count=9,
        message="Hi",
    )
    unrelated = CollaborationFactory(title="Not mine at all")
    client.force_login(lead.user)

    response = client.get(reverse("collaborations:mine"))

    page = text(response)
    assert [c.title for c in response.context["rows"]] == ["Rivers of two continents"]
    row = response.context["rows"][0]
    assert (row.my_membership.role, row.partner_count, row.waiting) == ("lead", 1, 1)
    assert "1 of 3 partner schools" in page
    assert "1 request waiting" in page
    assert [r.collaboration for r in response.context["requests_page"]] == [elsewhere]
    assert "We look for a school in Asia." in page
    assert unrelated.title not in page


def test_mine_for_a_member_shows_no_waiting_count(client, collaboration, join_request):
    client.force_login(member_of(collaboration).teacher.user)

    response = client.get(reverse("collaborations:mine"))

    assert response.context["rows"][0].my_membership.role == "member"
    assert "request waiting" not in text(response)
    assert "No request waiting" not in text(response)


@pytest.mark.parametrize("rows", [1, 20])
def test_mine_query_count_is_the_same_for_1_and_20_rows(client, django_assert_num_queries, rows):
    me = TeacherProfileFactory()
    for n in range(rows):
        collaboration = CollaborationFactory(lead=me if n % 2 == 0 else None)
        if n % 2:
            MembershipFactory(collaboration=collaboration, teacher=me, school=me.school)
        other = MembershipFactory(collaboration=collaboration)
        JoinRequest.objects.create(
            collaboration=collaboration,
            teacher=other.teacher,
            school=TeacherProfileFactory().school,
            student_count=5,
            message="Hi",
        )
        elsewhere = CollaborationFactory()
        JoinRequest.objects.create(
            collaboration=elsewhere, teacher=me, school=me.school, student_count=5, message="Hi"
        )
    client.force_login(me.user)

    with django_assert_num_queries(12):
        response = client.get(reverse("collaborations:mine"))

    assert len(response.context["rows"]) == rows
    assert len(response.context["requests_page"]) == rows


def test_mine_is_paginated(client):
    me = TeacherProfileFactory()
    for _n in range(21):
        CollaborationFactory(lead=me)
    client.force_login(me.user)

    first = client.get(reverse("collaborations:mine"))
    second = client.get(reverse("collaborations:mine"), {"page": 2})

    assert (len(first.context["rows"]), len(second.context["rows"])) == (20, 1)
    assert "Page 1 of 2" in text(first)


# --- journeys -------------------------------------------------------------------------------


def test_journey_propose_publish_join_accept(client, django_capture_on_commit_callbacks):
    lead = TeacherProfileFactory(user__email="lead@school.example")
    asker = TeacherProfileFactory(
        user__email="asker@school.example", user__country=CountryFactory(code="JP")
    )
    client.force_login(lead.user)
    client.post(reverse("collaborations:propose"), plan(draft="1"))
    collaboration = Collaboration.objects.get()
    client.post(reverse("collaborations:set_status", args=[collaboration.pk]), {"status": "open"})

    client.force_login(asker.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("collaborations:join", args=[collaboration.pk]),
            {"student_count": 30, "message": "Our class in Osaka."},
        )
    join_request = JoinRequest.objects.get()

    client.force_login(lead.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("collaborations:answer", args=[collaboration.pk, join_request.pk]),
            {"action": "accept"},
        )

    assert [m.to for m in mail.outbox] == [["lead@school.example"], ["asker@school.example"]]
    assert sorted(collaboration.memberships.values_list("teacher", "role")) == sorted(
        [(lead.pk, "lead"), (asker.pk, "member")]
    )
    client.force_login(asker.user)
    mine = client.get(reverse("collaborations:mine"))
    assert [(c.title, c.my_membership.role) for c in mine.context["rows"]] == [
        ("Bees and cities", "member")
    ]
    assert "Accepted" in text(mine)
