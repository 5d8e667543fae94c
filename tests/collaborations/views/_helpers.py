"""Helpers of the collaboration view tests: a user in each role towards the collaboration,
a response's text and messages, a valid propose/edit form."""

import datetime

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from collaborations.models import Collaboration, Membership
from schools.models import Language
from teachers.models import Subject

from ...factories import (
    CountryFactory,
    JudgeFactory,
    StaffFactory,
    TeacherProfileFactory,
)

ROLES = ["anonymous", "unverified", "teacher", "member", "lead", "staff", "judge"]


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def text(response) -> str:
    return (
        response.content.decode()
        .replace("&#x27;", "'")
        .replace("&quot;", '"')
        .replace("&amp;", "&")
    )


def member_of(collaboration: Collaboration, role: str = Membership.Role.MEMBER) -> Membership:
    return collaboration.memberships.select_related("teacher__user").get(role=role)


def person(role: str, collaboration: Collaboration):
    """A user in the given role towards the collaboration (None: anonymous)."""
    match role:
        case "anonymous":
            return None
        case "unverified":
            return TeacherProfileFactory(pending=True).user
        case "teacher":
            return TeacherProfileFactory(user__country=CountryFactory(code="JP")).user
        case "member":
            return member_of(collaboration).teacher.user
        case "lead":
            return member_of(collaboration, Membership.Role.LEAD).teacher.user
        case "staff":
            return StaffFactory()
        case "judge":
            return JudgeFactory()
    raise AssertionError(role)


def client_as(client, user):
    if user is not None:
        client.force_login(user)
    return client


def login_url(url: str) -> str:
    return f"{reverse('account_login')}?next={url}"


def plan(**changes) -> dict:
    """A valid propose/edit form submission."""
    today = timezone.localdate()
    data = {
        "title": "Bees and cities",
        "summary": "Classes count pollinators in their city parks.",
        "description": "Every month, both classes count bees and share photos and charts.",
        "subjects": [Subject.objects.get(slug="biology").pk],
        "themes": "climate, Urban nature , ",
        "kind": "online",
        "student_age_min": 12,
        "student_age_max": 15,
        "languages": [Language.objects.get(code="en").pk],
        "ict_tools": "Padlet",
        "starts_on": (today + datetime.timedelta(days=30)).isoformat(),
        "ends_on": (today + datetime.timedelta(days=200)).isoformat(),
        "partner_schools_wanted": 4,
        "wanted_region": "asia",
        "student_count": 24,
    }
    return data | changes
