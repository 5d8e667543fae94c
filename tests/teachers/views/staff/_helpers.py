"""Helpers of the tests of the staff area for people (teachers/views/staff.py)."""

from django.contrib.messages import get_messages
from django.urls import reverse

from core.audit.models import AuditEntry

OTHER_ROLES = ["teacher", "unverified_teacher", "other_teacher", "judge"]


def pages(profile):
    return [
        reverse("staff:index"),
        reverse("staff:teacher_queue"),
        reverse("staff:teacher_review", args=[profile.pk]),
        reverse("staff:teacher_edit", args=[profile.pk]),
    ]


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def entries_for(profile) -> list[tuple]:
    return [
        (entry.actor, entry.action, entry.note)
        for entry in AuditEntry.objects.filter(target_id=profile.pk, action__startswith="teacher.")
    ]
