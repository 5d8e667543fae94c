"""The list of award cycles (`cycles` of awards/views/cycles.py)."""

import pytest
from django.urls import reverse

from tests.factories import (
    AwardCycleFactory,
    CycleJudgeFactory,
    EditionFactory,
    EntryFactory,
    StageFactory,
)

pytestmark = pytest.mark.django_db

# --- the list -----------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 20])
def test_cycles_list_runs_fixed_queries(client, staff, django_assert_num_queries, count):
    for number in range(1, count + 1):
        cycle = AwardCycleFactory(edition=EditionFactory(number=number))
        StageFactory(cycle=cycle)
        EntryFactory(cycle=cycle)
        CycleJudgeFactory(cycle=cycle)
    client.force_login(staff)

    with django_assert_num_queries(9):
        response = client.get(reverse("awards_staff:cycles"))

    assert [c.edition.number for c in response.context["cycles"]] == list(range(count, 0, -1))
    first = response.context["cycles"][0]
    assert (first.entry_count, first.judge_count) == (1, 1)
    assert "Shortlist" in response.content.decode()


def test_cycles_list_empty_state_guides_to_a_new_cycle(client, staff, tokyo):
    client.force_login(staff)

    response = client.get(reverse("awards_staff:cycles"))

    page = response.content.decode()
    assert "No award cycle yet" in page
    assert reverse("awards_staff:cycle_create") in page


def test_staff_home_links_to_the_award_cycles(client, staff):
    client.force_login(staff)

    page = client.get(reverse("staff:index")).content.decode()

    assert f'href="{reverse("awards_staff:cycles")}"' in page
