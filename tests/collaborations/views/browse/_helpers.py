"""Helpers of the browse tests: the roles, signing in as one, the titles a page lists."""

from django.urls import reverse

ROLES = ["anonymous", "unverified_teacher", "teacher", "member", "lead", "staff", "judge"]


def _sign_in(client, request, role):
    if role == "lead":
        client.force_login(request.getfixturevalue("lead").user)
    elif role != "anonymous":
        client.force_login(request.getfixturevalue(role))


def _titles(response) -> list[str]:
    return [collaboration.title for collaboration in response.context["page_obj"]]


INDEX = reverse("collaborations:index")
