"""Partner matching: which collaborations a teacher is offered and which teachers a lead is, in
what order and why; what is never suggested; queries; the My ClassNet panel."""

import pytest
from django.urls import reverse

from collaborations.models import Collaboration, JoinRequest
from collaborations.selectors.collaborations import collaboration_for_page
from collaborations.selectors.matching import collaborations_suggested_for, teachers_suggested_for
from teachers.models import TeacherProfile
from tests.factories import (
    CollaborationFactory,
    CountryFactory,
    LanguageFactory,
    MembershipFactory,
    SubjectFactory,
    TeacherProfileFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def physics():
    return SubjectFactory(name="Physics")


@pytest.fixture
def biology():
    return SubjectFactory(name="Biology")


@pytest.fixture
def english():
    return LanguageFactory(code="en")


@pytest.fixture
def finnish():
    return LanguageFactory(code="fi")


@pytest.fixture
def japan():
    return CountryFactory(code="JP")


def _finn(**kwargs) -> TeacherProfile:
    return TeacherProfileFactory(user__country=CountryFactory(code="FI"), **kwargs)


def _japanese(**kwargs) -> TeacherProfile:
    return TeacherProfileFactory(user__country=CountryFactory(code="JP"), **kwargs)


def _profile(profile: TeacherProfile) -> TeacherProfile:
    """As My ClassNet has it: with school and country."""
    return TeacherProfile.objects.select_related("school__country").get(pk=profile.pk)


@pytest.fixture
def kenji(physics, english):
    """A Japanese physics teacher who speaks English, students 14 to 18."""
    return _japanese(user__full_name="Kenji", subjects=[physics], languages=[english])


def _collaboration(title, *, lead=None, subjects, languages, **kwargs) -> Collaboration:
    return CollaborationFactory(
        title=title, lead=lead or _finn(), subjects=subjects, languages=languages, **kwargs
    )


# --- For a teacher ----------------------------------------------------------------------------


def test_collaborations_are_ranked_for_a_teacher_with_one_line_reasons(
    kenji, physics, biology, english, finnish
):
    region_ages = _collaboration(
        "Nothing shared", subjects=[biology], languages=[finnish], student_age_min=10,
        student_age_max=12,
    )  # fmt: skip
    ages_only = _collaboration(
        "Same ages only", lead=_japanese(), subjects=[biology], languages=[finnish]
    )
    best = _collaboration(
        "Physics with Asia", subjects=[physics], languages=[english], wanted_region="asia"
    )
    english_only = _collaboration("English only", subjects=[biology], languages=[english])
    physics_asia_led = _collaboration(
        "Physics led from Japan", lead=_japanese(), subjects=[physics], languages=[finnish]
    )
    _collaboration("Wants Europe", subjects=[physics], languages=[english], wanted_region="europe")

    suggestions = collaborations_suggested_for(profile=_profile(kenji), limit=10)

    assert [(s.collaboration, s.score, s.reason) for s in suggestions] == [
        (best, 11, "shares Physics and English; from Asia, which this project needs"),
        (english_only, 8, "shares English; from Asia, which this project needs"),
        (region_ages, 5, "from Asia, which this project needs"),
        (physics_asia_led, 4, "shares Physics"),
        (ages_only, 1, "students aged 13–16"),
    ]


def test_collaborations_reason_names_three_shared_items_at_most(physics, biology, english, finnish):
    chemistry = SubjectFactory(name="Chemistry")
    teacher = _japanese(subjects=[physics, biology, chemistry], languages=[english, finnish])
    collaboration = _collaboration(
        "Science", subjects=[physics, biology, chemistry], languages=[english, finnish]
    )

    [suggestion] = collaborations_suggested_for(profile=_profile(teacher))

    assert suggestion.collaboration == collaboration
    assert suggestion.reason == (
        "shares Biology, Chemistry and 3 more; from Asia, which this project needs"
    )


def test_collaborations_suggested_leave_out_memberships_requests_full_drafts_and_closed(
    kenji, physics, english
):
    def perfect(title, **kwargs):
        return _collaboration(title, subjects=[physics], languages=[english], **kwargs)

    member = perfect("Kenji's school is in it")
    MembershipFactory(collaboration=member, teacher=kenji)
    own = perfect("Led by Kenji", lead=kenji)
    waiting = perfect("Kenji asked to join")
    JoinRequest.objects.create(
        collaboration=waiting, teacher=kenji, school=kenji.school, student_count=10, message="Hi"
    )
    full = perfect("Full", partner_schools_wanted=1)
    MembershipFactory(collaboration=full, teacher=_finn())
    for status in ["draft", "completed", "archived"]:
        perfect(status, status=status)
    running = perfect("Running", status="running")
    declined = perfect("Declined before")
    JoinRequest.objects.create(
        collaboration=declined,
        teacher=kenji,
        school=kenji.school,
        student_count=10,
        message="Hi",
        status=JoinRequest.Status.DECLINED,
    )

    suggestions = collaborations_suggested_for(profile=_profile(kenji), limit=20)

    assert {s.collaboration for s in suggestions} == {running, declined}
    assert member not in [s.collaboration for s in suggestions]
    assert own not in [s.collaboration for s in suggestions]


def test_collaborations_suggested_for_a_teacher_without_school_is_empty(physics, english):
    _collaboration("Open", subjects=[physics], languages=[english])
    profile = TeacherProfileFactory(pending=True, school=None)

    assert collaborations_suggested_for(profile=profile) == []


@pytest.mark.parametrize("rows", [1, 20])
def test_collaborations_suggested_in_three_queries(
    django_assert_num_queries, rows, kenji, physics, english
):
    lead = _finn()
    for n in range(rows):
        _collaboration(f"Physics {n}", lead=lead, subjects=[physics], languages=[english])
    profile = _profile(kenji)

    # the collaborations with their scores, their shared subjects, their shared languages
    with django_assert_num_queries(3):
        suggestions = collaborations_suggested_for(profile=profile)

    assert len(suggestions) == min(rows, 5)


# --- For a lead -------------------------------------------------------------------------------


@pytest.fixture
def rivers(physics, english):
    """Led from Finland, wants partners from Asia: Physics in English, students 13 to 16."""
    return _collaboration("Rivers", subjects=[physics], languages=[english], wanted_region="asia")


def test_teachers_from_the_missing_region_are_ranked_for_a_lead(
    rivers, kenji, physics, biology, english, finnish
):
    speaks = _japanese(user__full_name="Aiko", subjects=[biology], languages=[english])
    nothing = _japanese(
        user__full_name="Haruto", student_age_min=None, student_age_max=None, languages=[finnish]
    )
    ages = _japanese(user__full_name="Yui")
    _finn(user__full_name="Physics in Finland", subjects=[physics], languages=[english])

    suggestions = teachers_suggested_for(collaboration=collaboration_for_page(pk=rivers.pk))

    assert [(s.profile, s.score, s.reason) for s in suggestions] == [
        (kenji, 11, "teaches Physics, speaks English; from Asia, which this project needs"),
        (speaks, 8, "speaks English; from Asia, which this project needs"),
        (ages, 6, "students aged 14–18; from Asia, which this project needs"),
        (nothing, 5, "from Asia, which this project needs"),
    ]


def test_teachers_suggested_leave_out_members_requests_and_unverified(
    rivers, kenji, physics, english
):
    member = _japanese(subjects=[physics], languages=[english])
    MembershipFactory(collaboration=rivers, teacher=member)
    colleague = _japanese(school=member.school, subjects=[physics], languages=[english])
    waiting = _japanese(subjects=[physics], languages=[english])
    JoinRequest.objects.create(
        collaboration=rivers, teacher=waiting, school=waiting.school, student_count=5, message="Hi"
    )
    TeacherProfileFactory(pending=True, user__country=CountryFactory(code="JP"), subjects=[physics])
    inactive = _japanese(subjects=[physics])
    inactive.user.is_active = False
    inactive.user.save()

    suggestions = teachers_suggested_for(collaboration=collaboration_for_page(pk=rivers.pk))

    assert colleague not in [s.profile for s in suggestions]
    # now bi-regional, the lead still wants Asia: no longer "needs"
    assert [(s.profile, s.reason) for s in suggestions] == [
        (kenji, "teaches Physics, speaks English; from Asia"),
    ]


def test_teachers_suggested_for_a_project_led_from_asia_come_from_europe(physics, english):
    collaboration = _collaboration(
        "Led from Japan", lead=_japanese(), subjects=[physics], languages=[english]
    )
    finn = _finn(user__full_name="Aino", subjects=[physics])
    _japanese(subjects=[physics], languages=[english])

    suggestions = teachers_suggested_for(collaboration=collaboration_for_page(pk=collaboration.pk))

    assert [(s.profile, s.reason) for s in suggestions] == [
        (finn, "teaches Physics; from Europe, which this project needs"),
    ]


def test_teachers_suggested_for_a_bi_regional_project_open_to_any_share_something(
    physics, biology, english, finnish
):
    collaboration = _collaboration("Both", subjects=[physics], languages=[english])
    MembershipFactory(collaboration=collaboration, teacher=_japanese())
    finn = _finn(user__full_name="Aino", subjects=[physics])
    japanese = _japanese(user__full_name="Ren", languages=[english])
    _finn(subjects=[biology], languages=[finnish], student_age_min=19, student_age_max=21)

    suggestions = teachers_suggested_for(collaboration=collaboration_for_page(pk=collaboration.pk))

    assert [(s.profile, s.reason) for s in suggestions] == [
        (finn, "teaches Physics; from Europe"),
        (japanese, "speaks English; from Asia"),
    ]


@pytest.mark.parametrize("rows", [1, 20])
def test_teachers_suggested_in_three_queries(django_assert_num_queries, rows, rivers, physics):
    for _ in range(rows):
        _japanese(subjects=[physics])
    collaboration = collaboration_for_page(pk=rivers.pk)

    # the teachers with their scores, their shared subjects, their shared languages
    with django_assert_num_queries(3):
        suggestions = teachers_suggested_for(collaboration=collaboration)

    assert len(suggestions) == min(rows, 5)


# --- Where they show --------------------------------------------------------------------------


def test_dashboard_suggests_collaborations_to_a_verified_teacher(client, kenji, rivers):
    client.force_login(kenji.user)

    body = client.get(reverse("teachers:dashboard")).content.decode()

    assert 'data-testid="suggestions-panel"' in body
    assert f'href="{rivers.get_absolute_url()}"' in body
    assert "Shares Physics and English; from Asia, which this project needs" in body


def test_dashboard_suggestions_empty_state(client, teacher):
    client.force_login(teacher)

    body = client.get(reverse("teachers:dashboard")).content.decode()

    assert 'data-testid="suggestions-panel"' in body
    assert "No open collaboration matches your subjects" in body


@pytest.mark.parametrize("role", ["unverified_teacher", "staff", "judge"])
def test_dashboard_has_no_suggestions_for_others(client, request, role, rivers):
    client.force_login(request.getfixturevalue(role))

    body = client.get(reverse("teachers:dashboard")).content.decode()

    assert 'data-testid="suggestions-panel"' not in body
    assert rivers.title not in body


def test_detail_suggests_teachers_to_the_lead_only(client, rivers, kenji, teacher, staff):
    lead = rivers.memberships.get().teacher

    client.force_login(lead.user)
    response = client.get(rivers.get_absolute_url())
    body = response.content.decode()
    assert [s.profile for s in response.context["partner_suggestions"]] == [kenji]
    assert f'href="{reverse("teachers:detail", args=[kenji.pk])}"' in body
    assert kenji.school.name in body
    assert "Teaches Physics, speaks English; from Asia, which this project needs" in body

    for user in [teacher, staff, kenji.user]:
        client.force_login(user)
        response = client.get(rivers.get_absolute_url())
        assert response.context["partner_suggestions"] is None
        assert 'data-testid="partner-suggestions"' not in response.content.decode()


def test_detail_suggests_no_teachers_when_full_or_not_taking_requests(client, rivers, kenji):
    lead = rivers.memberships.get().teacher
    client.force_login(lead.user)

    Collaboration.objects.filter(pk=rivers.pk).update(status="completed")
    assert client.get(rivers.get_absolute_url()).context["partner_suggestions"] is None


def test_detail_says_when_no_teacher_matches(client, rivers):
    client.force_login(rivers.memberships.get().teacher.user)

    body = client.get(rivers.get_absolute_url()).content.decode()

    assert "No verified teacher from the region this project needs matches it yet." in body
