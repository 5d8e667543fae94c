"""Small helpers the apps' emails.py share to turn objects into placeholder text."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format


def local(moment: datetime.datetime | None, fmt: str) -> str:
    """A moment on the site's clock (as templates showed it), or "" for none."""
    if moment is None:
        return ""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return date_format(moment, fmt)


def on_its_clock(moment: datetime.datetime | None, fmt: str) -> str:
    """A moment on the clock it already carries (e.g. an edition's zone), or "" for none."""
    return date_format(moment, fmt) if moment is not None else ""
