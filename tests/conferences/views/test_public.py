"""The public conferences pages: who sees what, and their query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CollaborationFactory, EditionFactory, TeacherProfileFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "unverified_teacher", "teacher", "judge", "staff"]


@pytest.fixture
def as_role(client, request):
    def log_in(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return log_in


def _edition(number, starts_on, **kwargs):
    return EditionFactory(
        number=number,
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=4),
        **kwargs,
    )


@pytest.fixture
def editions():
    today = timezone.localdate()
    return {
        "held": _edition(
            14, datetime.date(2018, 11, 27), title="Gender Equality in STEM", status="held"
        ),
        "coming": _edition(
            17,
            today + datetime.timedelta(days=360),
            title="Digital Citizenship",
            city="Bangkok",
            status="applications_open",
            applications_open_at=timezone.now() - datetime.timedelta(days=1),
            applications_close_at=datetime.datetime(2099, 3, 1, 16, 59, tzinfo=datetime.UTC),
            time_zone="Asia/Bangkok",
        ),
        "draft": _edition(
            18, today + datetime.timedelta(days=700), title="Secret Plans", status="draft"
        ),
    }


@pytest.mark.parametrize("role", ROLES)
def test_index_lists_coming_then_past_editions_without_drafts(as_role, role, editions):
    response = as_role(role).get(reverse("conferences:index"))

    content = response.content.decode()
    assert response.status_code == 200
    assert [e.number for e in response.context["coming"]] == [17]
    assert [e.number for e in response.context["past"]] == [14]
    assert content.index("Digital Citizenship") < content.index("Gender Equality in STEM")
    assert "Applications open until 1 Mar 2099" in content  # 16:59 UTC is 23:59 in Bangkok
    assert "Secret Plans" not in content


def test_index_without_editions_shows_the_empty_state(client):
    response = client.get(reverse("conferences:index"))

    assert "No editions are listed yet" in response.content.decode()


@pytest.mark.parametrize("count", [1, 20])
def test_index_runs_a_fixed_number_of_queries(client, count, django_assert_num_queries):
    for number in range(1, count + 1):
        edition = _edition(number, datetime.date(2000 + number, 11, 1))
        CollaborationFactory(initiated_at=edition)

    with django_assert_num_queries(1):
        response = client.get(reverse("conferences:index"))

    assert len(response.context["past"]) == count
    assert "1 collaboration initiated" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_detail_shows_the_edition_in_host_time(as_role, role, editions):
    collaboration = CollaborationFactory(initiated_at=editions["coming"], title="Mekong Rivers")
    CollaborationFactory(initiated_at=editions["coming"], title="Hidden Draft", status="draft")

    response = as_role(role).get(reverse("conferences:detail", args=[17]))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Digital Citizenship" in content
    assert "Applications are open until 1 Mar 2099, 23:59" in content
    assert "Times in Asia/Bangkok" in content
    assert collaboration.get_absolute_url() in content
    assert "Hidden Draft" not in content
    assert f"?edition={editions['coming'].pk}" in content
    assert response.context["edition"].figures.collaborations == 1


@pytest.mark.parametrize(
    ("role", "status_code"),
    [
        ("anonymous", 404),
        ("unverified_teacher", 404),
        ("teacher", 404),
        ("judge", 404),
        ("staff", 200),
    ],
)
def test_detail_of_a_draft_is_only_for_staff(as_role, role, status_code, editions):
    response = as_role(role).get(reverse("conferences:detail", args=[18]))

    assert response.status_code == status_code
    assert ("Secret Plans" in response.content.decode()) is (status_code == 200)


def test_detail_of_an_unknown_edition_is_404(client):
    assert client.get(reverse("conferences:detail", args=[99])).status_code == 404


@pytest.mark.parametrize("count", [1, 20])
def test_detail_runs_a_fixed_number_of_queries(client, count, django_assert_num_queries):
    edition = _edition(14, datetime.date(2018, 11, 27))
    lead = TeacherProfileFactory()
    CollaborationFactory.create_batch(count, initiated_at=edition, lead=lead)

    with django_assert_num_queries(4):
        response = client.get(reverse("conferences:detail", args=[14]))

    assert len(response.context["edition"].collaborations_shown) == min(count, 12)
    assert response.context["edition"].figures.collaborations == count
