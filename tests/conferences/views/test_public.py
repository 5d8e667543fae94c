"""The public conferences pages: who sees what, their figures, covers and places left, and their
query counts."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.factories import CollaborationFactory, EditionFactory, TeacherProfileFactory

from ._helpers import _participant, _png

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


# --- the public pages: covers, figures, places left ---------------------------------------


@pytest.fixture
def open_edition():
    today = timezone.localdate()
    return EditionFactory(
        number=17,
        title="Digital Citizenship",
        status="applications_open",
        capacity=5,
        starts_on=today + datetime.timedelta(days=200),
        ends_on=today + datetime.timedelta(days=204),
        applications_open_at=timezone.now() - datetime.timedelta(days=1),
    )


def test_index_shows_places_left_and_participant_figures(client, open_edition):
    _participant(open_edition, country_code="JP")
    _participant(open_edition, country_code="FI")
    _participant(open_edition, status="submitted")
    held = EditionFactory(number=14, status="held")
    _participant(held, status="attended", country_code="FI")
    _participant(held, status="approved", country_code="JP")

    page = client.get(reverse("conferences:index")).content.decode()

    assert "3 places left" in page
    assert "2 teachers" in page
    assert "from 2 countries" in page
    assert "1 teacher\n" in page or "1 teacher " in page
    assert "from 1 country" in page


def test_index_says_when_every_place_is_taken(client, open_edition):
    for _ in range(5):
        _participant(open_edition)

    page = client.get(reverse("conferences:index")).content.decode()

    assert "All places taken" in page
    assert "places left" not in page


def test_detail_shows_the_cover_figures_and_places_left(client, open_edition, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    open_edition.cover.save("c.png", SimpleUploadedFile("c.png", _png()), save=True)
    _participant(open_edition, country_code="JP")
    _participant(open_edition, country_code="JP")

    response = client.get(reverse("conferences:detail", args=[17]))

    page = response.content.decode()
    assert open_edition.cover.url in page
    assert "host of the edition" in page  # the cover's alt text
    assert "3 places left." in page
    edition = response.context["edition"]
    assert (edition.participant_count, edition.participant_country_count) == (2, 1)
    assert "teachers taking part" in page


def test_card_shows_the_cover_thumbnail(client, open_edition, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    open_edition.cover_thumbnail.save("t.png", SimpleUploadedFile("t.png", _png()), save=True)

    page = client.get(reverse("conferences:index")).content.decode()

    assert open_edition.cover_thumbnail.url in page


def test_detail_of_a_held_edition_counts_those_who_attended(client):
    held = EditionFactory(number=14, status="held")
    _participant(held, status="attended", country_code="FI")
    _participant(held, status="attended", country_code="JP")
    _participant(held, status="approved", country_code="TH")

    response = client.get(reverse("conferences:detail", args=[14]))

    edition = response.context["edition"]
    assert (edition.participant_count, edition.participant_country_count) == (2, 2)
    assert "teachers took part" in response.content.decode()
    assert "places left" not in response.content.decode()


@pytest.mark.parametrize("count", [1, 20])
def test_index_with_participants_runs_a_fixed_number_of_queries(
    client, count, django_assert_num_queries
):
    today = timezone.localdate()
    for number in range(1, count + 1):
        starts_on = today + datetime.timedelta(days=30 + number)
        edition = EditionFactory(
            number=number,
            status="applications_open",
            starts_on=starts_on,
            ends_on=starts_on,
            capacity=3,
        )
        _participant(edition)

    with django_assert_num_queries(1):
        response = client.get(reverse("conferences:index"))

    assert len(response.context["coming"]) == count
    assert response.content.decode().count("2 places left") == count


@pytest.mark.parametrize("count", [1, 20])
def test_detail_with_participants_runs_a_fixed_number_of_queries(
    client, open_edition, count, django_assert_num_queries
):
    for _ in range(count):
        _participant(open_edition)

    # the edition with its figures, the collaborations' figures, the collaborations shown
    # (none: no prefetch)
    with django_assert_num_queries(3):
        response = client.get(reverse("conferences:detail", args=[17]))

    assert response.context["edition"].participant_count == count
