"""Who may see the cycle pages (awards/views/cycles.py): staff only, visitors log in."""

import pytest
from django.urls import reverse

from awards.models import AwardCycle

from ._helpers import ROLES, STATUS_BY_ROLE

pytestmark = pytest.mark.django_db

# --- who may see the pages ----------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_every_cycle_page_is_for_staff_only(as_role, role, cycle):
    client = as_role(role)
    n = cycle.edition.number
    urls = [
        reverse("awards_staff:cycles"),
        reverse("awards_staff:cycle_create"),
        reverse("awards_staff:cycle", args=[n]),
        reverse("awards_staff:cycle_edit", args=[n]),
    ]

    for url in urls:
        response = client.get(url)

        assert response.status_code == STATUS_BY_ROLE[role], url
        if role == "anonymous":
            assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["teacher", "cycle_judge"])
def test_a_step_posted_by_a_non_staff_changes_nothing(as_role, role, cycle):
    client = as_role(role)

    response = client.post(reverse("awards_staff:cycle_open", args=[18]))

    assert response.status_code == 403
    assert AwardCycle.objects.get(pk=cycle.pk).status == "draft"


def test_unknown_cycle_is_404(client, staff, tokyo):
    client.force_login(staff)

    assert client.get(reverse("awards_staff:cycle", args=[18])).status_code == 404
    assert client.get(reverse("awards_staff:cycle_edit", args=[99])).status_code == 404
