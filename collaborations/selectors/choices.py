"""The choices the collaboration forms offer (subjects, languages, conference editions)."""

from django.db.models import QuerySet

from conferences.models import Edition
from schools.models import Language
from teachers.models import Subject


def subject_choices() -> QuerySet[Subject]:
    return Subject.objects.order_by("name")


def language_choices() -> QuerySet[Language]:
    return Language.objects.order_by("name")


def edition_choices() -> QuerySet[Edition]:
    """Editions a collaboration can say it was initiated at, with their countries."""
    return Edition.objects.select_related("country")


def edition_filter_choices() -> QuerySet[Edition]:
    """Editions the browse page can filter by."""
    return Edition.objects.all()
