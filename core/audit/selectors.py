from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEntry


def audit_entries_for(*, target: models.Model, limit: int = 50):
    """The newest activity on one record, with the actor, in one query."""
    return AuditEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=True),
        target_id=target.pk,
    ).select_related("actor")[:limit]


def audit_history(*, target: models.Model, labels: dict[str, str]) -> list[dict]:
    """A record's history for a page: each entry with a readable label for its action."""
    return [
        {"entry": entry, "label": labels.get(entry.action, entry.action)}
        for entry in audit_entries_for(target=target)
    ]
