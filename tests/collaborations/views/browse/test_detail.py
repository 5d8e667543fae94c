"""A collaboration's page (collaborations/views/browse.py: detail): who sees what, queries."""

import pytest
from django.urls import reverse

from collaborations.models import Collaboration, DiaryPhoto, DiaryPost, JoinRequest, Membership
from tests.factories import (
    CollaborationFactory,
    CountryFactory,
    InvitationFactory,
    MembershipFactory,
    SchoolFactory,
    TeacherProfileFactory,
)

from ._helpers import ROLES, _sign_in

pytestmark = pytest.mark.django_db


# --- Collaboration page ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_detail_shows_a_public_collaboration_to_every_role(
    client, request, role, collaboration, member
):
    _sign_in(client, request, role)

    response = client.get(collaboration.get_absolute_url())

    assert response.status_code == 200
    assert response.context["collaboration"] == collaboration
    body = response.content.decode()
    assert "<h1" in body
    assert "Rivers of two continents" in body
    assert "Classes measure their local river and compare." in body
    assert "<p>First paragraph.</p>" in body
    assert "<p>Second paragraph.</p>" in body
    assert "Aino Lead" in body
    assert "Kenji Member" in body
    assert ">Lead</span>" in body
    assert "Open for partners" in body
    assert "Online collaboration" in body
    assert "2 of 3 partner places left" in body
    assert "Asia or Europe" in body
    assert ">32</td>" in body  # 20 + 12 students


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("anonymous", False),
        ("unverified_teacher", False),
        ("teacher", False),
        ("member", True),
        ("lead", True),
        ("staff", True),
        ("judge", False),
    ],
)
def test_detail_of_a_draft_is_for_members_and_staff_only(
    client, request, role, visible, lead, member
):
    draft = CollaborationFactory(lead=lead, title="Secret draft", status="draft")
    MembershipFactory(collaboration=draft, teacher=member.teacher_profile)
    _sign_in(client, request, role)

    response = client.get(draft.get_absolute_url())
    wrong_slug = client.get(reverse("collaborations:detail", args=[draft.pk, "guess"]))

    assert response.status_code == (200 if visible else 404)
    assert wrong_slug.status_code == (301 if visible else 404)
    assert ("Secret draft" in response.content.decode()) is visible
    if visible:
        assert "This is a draft" in response.content.decode()


@pytest.mark.parametrize(
    ("wanted", "members", "expected"),
    [
        (2, 1, "1 of 2 partner places left"),
        (3, 2, "1 of 3 partner places left"),
        (1, 0, "1 of 1 partner place left"),
    ],
)
def test_detail_places_left_plural_follows_the_places_wanted(client, wanted, members, expected):
    collaboration = CollaborationFactory(partner_schools_wanted=wanted)
    for _ in range(members):
        MembershipFactory(collaboration=collaboration)

    body = client.get(collaboration.get_absolute_url()).content.decode()

    assert expected in body


def test_detail_redirects_a_wrong_slug_to_the_collaboration_address(client, collaboration):
    response = client.get(
        reverse("collaborations:detail", args=[collaboration.pk, "old-title"]) + "?from=mail"
    )

    assert response.status_code == 301
    assert response["Location"] == f"{collaboration.get_absolute_url()}?from=mail"


def test_detail_of_a_missing_collaboration_is_not_found(client):
    response = client.get(reverse("collaborations:detail", args=[4242, "nothing"]))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("role", "contacts"),
    [
        ("anonymous", False),
        ("unverified_teacher", False),
        ("teacher", False),
        ("member", True),
        ("lead", True),
        ("staff", True),
        ("judge", False),
    ],
)
def test_detail_shows_teachers_e_mail_addresses_to_members_and_staff_only(
    client, request, role, contacts, collaboration, member
):
    _sign_in(client, request, role)

    response = client.get(collaboration.get_absolute_url())

    body = response.content.decode()
    assert response.context["show_contacts"] is contacts
    assert ("aino@lead.example" in body) is contacts
    assert ("kenji@member.example" in body) is contacts


@pytest.mark.parametrize(
    ("role", "can_edit", "can_request_join", "can_answer", "is_member"),
    [
        ("anonymous", False, False, False, False),
        ("unverified_teacher", False, False, False, False),
        ("teacher", False, True, False, False),
        ("member", False, False, False, True),
        ("lead", True, False, True, True),
        ("staff", True, False, False, False),
        ("judge", False, False, False, False),
    ],
)
def test_detail_gives_the_panels_what_each_role_may_do(
    client, request, role, can_edit, can_request_join, can_answer, is_member, collaboration, member
):
    asker = TeacherProfileFactory(user__country=CountryFactory(code="JP"))
    pending = JoinRequest.objects.create(
        collaboration=collaboration,
        teacher=asker,
        school=asker.school,
        student_count=10,
        message="May we join?",
    )
    _sign_in(client, request, role)

    response = client.get(collaboration.get_absolute_url())

    context = response.context
    assert context["can_edit"] is can_edit
    assert context["can_request_join"] is can_request_join
    assert context["can_answer"] is can_answer
    assert list(context["pending_requests"]) == ([pending] if can_answer else [])
    assert (context["my_membership"] is not None) is is_member
    assert context["my_pending_request"] is None
    assert [m.role for m in context["members"]] == ["lead", "member"]


def test_detail_gives_a_teacher_their_own_pending_request(client, collaboration):
    asker = TeacherProfileFactory(user__country=CountryFactory(code="JP"))
    JoinRequest.objects.create(
        collaboration=collaboration,
        teacher=asker,
        school=asker.school,
        student_count=10,
        message="Declined earlier",
        status=JoinRequest.Status.DECLINED,
    )
    pending = JoinRequest.objects.create(
        collaboration=collaboration,
        teacher=asker,
        school=asker.school,
        student_count=10,
        message="May we join?",
    )
    client.force_login(asker.user)

    response = client.get(collaboration.get_absolute_url())

    assert response.context["my_pending_request"] == pending
    assert response.context["my_membership"] is None


def test_detail_my_membership_is_the_users_own(client, collaboration, member):
    client.force_login(member)

    response = client.get(collaboration.get_absolute_url())

    assert response.context["my_membership"] == Membership.objects.get(
        collaboration=collaboration, teacher__user=member
    )


def test_detail_is_bi_regional_with_schools_from_asia_and_europe(client, collaboration, member):
    body = client.get(collaboration.get_absolute_url()).content.decode()

    assert "Eligible for the ClassNet Awards" in body
    assert "Schools from Asia and Europe in 2 countries." in body
    assert "Not yet bi-regional" not in body


def test_detail_says_which_region_is_missing(client, collaboration):
    body = client.get(collaboration.get_absolute_url()).content.decode()

    assert "Not yet bi-regional" in body
    assert "Needs a school from Asia to enter the ClassNet Awards." in body
    assert "Eligible for the ClassNet Awards" not in body


def test_detail_links_verified_schools_only(client, collaboration):
    proposed = SchoolFactory(name="Newly proposed school", proposed=True)
    MembershipFactory(
        collaboration=collaboration,
        teacher=TeacherProfileFactory(school=proposed, user__country=proposed.country),
        school=proposed,
    )
    verified = collaboration.memberships.get(role="lead").school

    body = client.get(collaboration.get_absolute_url()).content.decode()

    assert f'href="{verified.get_absolute_url()}"' in body
    assert "Newly proposed school" in body
    assert proposed.get_absolute_url() not in body


def test_detail_shows_themes_ict_tools_dates_and_ages(client, collaboration):
    from collaborations.models import Theme

    collaboration.themes.add(Theme.objects.create(name="Climate", slug="climate"))
    Collaboration.objects.filter(pk=collaboration.pk).update(
        ict_tools="Padlet, Zoom", starts_on="2027-09-01", ends_on="2028-06-30"
    )

    body = client.get(collaboration.get_absolute_url()).content.decode()

    assert ">Climate</span>" in body
    assert "Padlet, Zoom" in body
    assert "1 Sep 2027 – 30 Jun 2028" in body
    assert "13–16" in body


def _members(collaboration, rows: int) -> None:
    """Add partner schools until the collaboration has `rows` members (the lead included)."""
    japan = CountryFactory(code="JP")
    Collaboration.objects.filter(pk=collaboration.pk).update(partner_schools_wanted=20)
    for _ in range(rows - 1):
        MembershipFactory(collaboration=collaboration, teacher__user__country=japan)


@pytest.mark.parametrize("rows", [1, 20])
def test_detail_query_count_is_fixed_for_a_visitor(
    client, django_assert_num_queries, rows, collaboration
):
    _members(collaboration, rows)

    # collaboration, members, subjects, languages, themes, the lead's answer times, diary count
    with django_assert_num_queries(7):
        response = client.get(collaboration.get_absolute_url())

    assert len(response.context["members"]) == rows


@pytest.mark.parametrize("rows", [1, 20])
def test_detail_query_count_is_fixed_for_a_lead(
    client, django_assert_num_queries, rows, collaboration, lead
):
    _members(collaboration, rows)
    for _ in range(rows):
        InvitationFactory(collaboration=collaboration)
    client.force_login(lead.user)

    # and session, user, teacher profile, groups, model permissions (user's, groups'),
    # pending requests, pending invitations, diary count, partner suggestions; the rule checks
    # read the page's prefetched memberships (no query)
    with django_assert_num_queries(16):
        response = client.get(collaboration.get_absolute_url())

    assert len(response.context["members"]) == rows


def _diary(collaboration, rows: int, *, photos: int = 2) -> None:
    """rows public posts, each by a different member school's teacher, each with photos."""
    _members(collaboration, rows)
    for membership in collaboration.memberships.select_related("teacher", "school"):
        post = DiaryPost.objects.create(
            collaboration=collaboration,
            author=membership.teacher,
            school=membership.school,
            text="Our class measured the river.",
            visibility=DiaryPost.Visibility.PUBLIC,
        )
        for n in range(photos):
            DiaryPhoto.objects.create(
                post=post,
                image=f"collaborations/diary/{post.pk}-{n}.jpg",
                thumbnail=f"collaborations/diary/{post.pk}-{n}-thumb.jpg",
            )


@pytest.mark.parametrize("rows", [1, 20])
def test_detail_query_count_is_fixed_whatever_the_diary_holds_for_a_visitor(
    client, django_assert_num_queries, rows, collaboration
):
    _diary(collaboration, rows)

    # as above, and the page of posts (authors, schools, countries) and their photos
    with django_assert_num_queries(9):
        response = client.get(collaboration.get_absolute_url())

    assert len(response.context["diary_page"]) == min(rows, 10)
    assert response.content.decode().count('data-testid="diary-post"') == min(rows, 10)


@pytest.mark.parametrize("rows", [1, 20])
def test_detail_query_count_is_fixed_whatever_the_diary_holds_for_a_lead(
    client, django_assert_num_queries, rows, collaboration, lead
):
    _diary(collaboration, rows)
    client.force_login(lead.user)

    with django_assert_num_queries(18):
        response = client.get(collaboration.get_absolute_url())

    assert len(response.context["diary_page"]) == min(rows, 10)
    assert response.context["diary_form"] is not None
