from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEntry


def audit_entries_for(*, target: models.Model, limit: int = 50):
    """The newest activity on one record, with the actor, in one query."""
    return AuditEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=True),
        target_id=target.pk,
    ).select_related("actor")[:limit]
