"""The public browse page (collaborations/views/browse.py: index): who sees what, filters,
queries."""

import pytest
from django.urls import reverse

from collaborations.models import Membership
from schools.models import Country, Language
from teachers.models import Subject
from tests.factories import (
    CollaborationFactory,
    CountryFactory,
    LanguageFactory,
    MembershipFactory,
    SubjectFactory,
    TeacherProfileFactory,
)

from ._helpers import INDEX, ROLES, _sign_in, _titles

pytestmark = pytest.mark.django_db


# --- Browse ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_index_lists_public_collaborations_and_never_drafts_for_every_role(
    client, request, role, collaboration, lead, member
):
    # Drafts of the signed-in lead and member could leak: the browse page never lists drafts.
    draft = CollaborationFactory(lead=lead, title="Secret draft of the lead", status="draft")
    MembershipFactory(collaboration=draft, teacher=member.teacher_profile)
    finished = CollaborationFactory(title="Finished poetry exchange", status="completed")
    _sign_in(client, request, role)

    response = client.get(INDEX)

    assert response.status_code == 200
    assert _titles(response) == [finished.title, collaboration.title]
    body = response.content.decode()
    assert "Rivers of two continents" in body
    assert "Secret draft of the lead" not in body
    assert draft.get_absolute_url() not in body


def test_index_card_shows_status_kind_subjects_languages_ages_flags_and_places(client):
    japan, finland = CountryFactory(code="JP"), CountryFactory(code="FI")
    germany = Country.objects.get(code="DE")
    collaboration = CollaborationFactory(
        lead=TeacherProfileFactory(user__country=germany),
        title="Weather diaries",
        summary="Pupils keep a weather diary.",
        kind="exchange",
        student_age_min=12,
        student_age_max=15,
        subjects=[SubjectFactory(name="Geography"), SubjectFactory(name="Biology")],
        languages=[LanguageFactory(code="en"), LanguageFactory(code="fi")],
        wanted_region="asia",
        partner_schools_wanted=3,
    )
    # Joined before the lead's row sorts: the lead's country still comes first.
    MembershipFactory(collaboration=collaboration, teacher__user__country=japan)
    MembershipFactory(collaboration=collaboration, teacher__user__country=finland)
    Membership.objects.filter(role="lead").update(joined_at="2099-01-01T00:00:00Z")

    body = client.get(INDEX).content.decode()

    assert "Weather diaries" in body
    assert collaboration.get_absolute_url() in body
    assert "Pupils keep a weather diary." in body
    assert ">Open for partners</span>" in body
    assert "School exchange" in body
    assert ">Biology</span>" in body
    assert ">Geography</span>" in body
    assert "English, Finnish" in body
    assert "Students aged 12–15" in body
    assert "1 place left" in body
    assert "Looking for partners from Asia" in body
    flags = [body.index(f'alt="{name}"') for name in ("Germany", "Japan", "Finland")]
    assert flags == sorted(flags)


def test_index_card_names_the_lead_schools_country_in_text(client):
    japan = CountryFactory(code="JP")
    collaboration = CollaborationFactory(lead=TeacherProfileFactory(user__country=japan))
    MembershipFactory(collaboration=collaboration, teacher__user__country=CountryFactory(code="FI"))

    body = client.get(INDEX).content.decode()

    assert 'data-testid="lead-country">Led from Japan</span>' in body
    assert "Led from Finland" not in body


def test_index_card_says_full_and_does_not_ask_for_partners_when_no_place_is_left(client):
    collaboration = CollaborationFactory(partner_schools_wanted=1, wanted_region="europe")
    MembershipFactory(collaboration=collaboration)

    body = client.get(INDEX).content.decode()

    assert ">Full</span>" in body
    assert "places left" not in body
    assert "Looking for partners from Europe" not in body


def test_index_card_shows_places_left_in_plural(client):
    CollaborationFactory(partner_schools_wanted=2)

    body = client.get(INDEX).content.decode()

    assert "2 places left" in body
    assert "Looking for partners from Asia or Europe" in body


@pytest.fixture
def catalogue(db):
    """Collaborations that differ in one thing each, to test every filter."""
    japan, finland = CountryFactory(code="JP"), CountryFactory(code="FI")
    physics = SubjectFactory(name="Physics")
    poetry = CollaborationFactory(
        title="Haiku and sonnets",
        summary="Poems across continents",
        lead=TeacherProfileFactory(user__country=japan),
        subjects=[SubjectFactory(name="Literature")],
        languages=[LanguageFactory(code="fr")],
        student_age_min=16,
        student_age_max=18,
        status="running",
        kind="exchange",
        wanted_region="europe",
    )
    rivers = CollaborationFactory(
        title="Rivers",
        summary="Water quality measured together",
        description="Volcanic lakes in spring.",
        lead=TeacherProfileFactory(user__country=finland),
        subjects=[physics],
        languages=[LanguageFactory(code="en")],
        student_age_min=12,
        student_age_max=14,
        wanted_region="asia",
    )
    return {"poetry": poetry, "rivers": rivers, "japan": japan, "physics": physics}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["rivers", "poetry"]),
        ("?q=haiku", ["poetry"]),
        ("?q=volcanic+lakes", ["rivers"]),
        ("?q=water+haiku", []),
        ("?subject={physics}", ["rivers"]),
        ("?region=asia", ["poetry"]),
        ("?region=europe", ["rivers"]),
        ("?country={japan}", ["poetry"]),
        ("?age=17", ["poetry"]),
        ("?age=12", ["rivers"]),
        ("?language={english}", ["rivers"]),
        ("?status=running", ["poetry"]),
        ("?kind=exchange", ["poetry"]),
        ("?wanted=asia", ["rivers"]),
        # poetry wants Europe but is running: it takes no partners now (issue 12)
        ("?wanted=europe", []),
        ("?region=asia&wanted=asia", []),
        ("?sort=relevance", ["rivers", "poetry"]),
    ],
)
def test_index_filters_narrow_the_list(client, catalogue, query, expected):
    url = INDEX + query.format(
        physics=catalogue["physics"].pk,
        japan=catalogue["japan"].pk,
        english=Language.objects.get(code="en").pk,
    )

    response = client.get(url)

    assert _titles(response) == [catalogue[name].title for name in expected]
    assert response.context["form"].errors == {}


def test_index_search_finds_the_word_in_title_summary_or_description(client, catalogue):
    assert _titles(client.get(INDEX + "?q=poems")) == ["Haiku and sonnets"]
    assert _titles(client.get(INDEX + "?q=Water")) == ["Rivers"]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("?age=9", "age", "Give an age from 10 to 21, in whole years."),
        ("?age=old", "age", "Give an age from 10 to 21, in whole years."),
        ("?subject=99999", "subject", "That subject is not in our list."),
        ("?country=99999", "country", "That country is not one of the ASEM partner countries."),
        ("?status=draft", "status", None),
        ("?kind=camp", "kind", None),
        ("?wanted=africa", "wanted", None),
        ("?sort=random", "sort", None),
    ],
)
def test_index_reports_invalid_filters_and_still_lists(client, catalogue, query, field, message):
    CollaborationFactory(title="Hidden draft", status="draft")

    response = client.get(INDEX + query)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    if message:
        assert response.context["form"].errors[field] == [message]
    assert _titles(response) == ["Rivers", "Haiku and sonnets"]
    body = response.content.decode()
    assert "Some filters could not be used" in body
    assert "Hidden draft" not in body


def test_index_says_when_nothing_matches_the_filters(client, catalogue):
    body = client.get(INDEX + "?q=astronomy").content.decode()

    assert "0 collaborations match your search" in body
    assert "No collaboration matches these filters" in body
    assert "Clear the filters" in body


@pytest.mark.parametrize("role", ["anonymous", "teacher"])
def test_index_empty_state_when_nothing_is_public(client, request, role):
    CollaborationFactory(title="Only a draft", status="draft")
    _sign_in(client, request, role)

    body = client.get(INDEX).content.decode()

    assert "No collaborations are listed yet" in body
    assert "Only a draft" not in body
    assert ("Propose the first one" in body) is (role == "teacher")
    assert ("Join as a teacher" in body) is (role == "anonymous")


@pytest.mark.parametrize(
    ("role", "line"),
    [
        ("anonymous", "Verified teachers propose collaborations."),
        ("unverified_teacher", "once ClassNet staff have verified your profile"),
        ("teacher", None),
        ("member", None),
        ("lead", None),
        ("staff", "Verified teachers of the network propose collaborations."),
        ("judge", "Verified teachers of the network propose collaborations."),
    ],
)
def test_index_offers_to_propose_to_verified_teachers_only(
    client, request, role, line, collaboration, member
):
    _sign_in(client, request, role)

    response = client.get(INDEX)

    body = response.content.decode()
    propose = reverse("collaborations:propose")
    assert response.context["can_propose"] is (line is None)
    assert (f'href="{propose}"' in body) is (line is None)
    if line:
        assert line in body


def test_index_shows_20_per_page_newest_first(client):
    lead = TeacherProfileFactory()
    collaborations = [CollaborationFactory(lead=lead, title=f"Project {n:02}") for n in range(21)]

    first = client.get(INDEX)
    second = client.get(INDEX + "?page=2")

    assert _titles(first) == [c.title for c in reversed(collaborations[1:])]
    assert _titles(second) == ["Project 00"]
    assert "Page 1 of 2" in first.content.decode()


def _browse_rows(rows: int) -> None:
    """`rows` public collaborations, each with a lead, a partner, two subjects and languages."""
    japan = CountryFactory(code="JP")
    subjects = [SubjectFactory(name="Physics"), SubjectFactory(name="Biology")]
    languages = [LanguageFactory(code="en"), LanguageFactory(code="fi")]
    for _ in range(rows):
        collaboration = CollaborationFactory(subjects=subjects, languages=languages)
        MembershipFactory(collaboration=collaboration, teacher__user__country=japan)


@pytest.mark.parametrize("rows", [1, 20])
def test_index_query_count_is_fixed_for_a_visitor(client, django_assert_num_queries, rows):
    _browse_rows(rows)

    # count, page, members, subjects, languages;
    # the form's subject, country, language and edition options
    with django_assert_num_queries(9):
        response = client.get(INDEX)

    assert len(response.context["page_obj"]) == rows


@pytest.mark.parametrize("rows", [1, 20])
def test_index_query_count_is_fixed_when_searched_and_filtered(
    client, django_assert_num_queries, rows
):
    _browse_rows(rows)
    subject, japan = Subject.objects.get(name="Physics"), Country.objects.get(code="JP")
    url = (
        f"{INDEX}?q=rivers&subject={subject.pk}&country={japan.pk}&region=asia&age=14"
        "&sort=relevance&status=open&kind=online&wanted=asia&language=&page=1"
    )

    # and the subject's and the country's validation
    with django_assert_num_queries(11):
        response = client.get(url)

    assert len(response.context["page_obj"]) == rows


@pytest.mark.parametrize("rows", [1, 20])
def test_index_query_count_is_fixed_for_a_lead(
    client, django_assert_num_queries, rows, collaboration, lead
):
    _browse_rows(rows - 1)
    client.force_login(lead.user)

    # and session, user, teacher profile, groups, model permissions (user's, groups')
    with django_assert_num_queries(15):
        response = client.get(INDEX)

    assert len(response.context["page_obj"]) == rows


def test_index_looking_for_partners_counts_only_what_takes_partners_now(client):
    for status in ["running", "completed", "archived"]:
        CollaborationFactory(wanted_region="asia", status=status)
    full = CollaborationFactory(wanted_region="asia", partner_schools_wanted=1)
    MembershipFactory(collaboration=full)
    CollaborationFactory(title="Open for Asia", wanted_region="asia")

    response = client.get(INDEX + "?wanted=asia")

    assert _titles(response) == ["Open for Asia"]
    assert response.context["page_obj"].paginator.count == 1
    assert "1 collaboration matches your search" in " ".join(response.content.decode().split())
