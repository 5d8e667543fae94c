"""Form fields every app's staff forms share (below every app: imports only Django).

Times are typed on a host's clock: LocalDateTimeField reads a naive date and time, and the form
makes it aware in the right zone with aware_in() (an edition's zone, the zone chosen on the
form, ...)."""

import datetime
import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

LOCAL_INPUT_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeField(forms.DateTimeField):
    """A date and time on the host's clock: cleans to a naive datetime (the form makes it
    aware in the right zone) and shows an aware value on that clock."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_INPUT_FORMAT)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.zone: zoneinfo.ZoneInfo | None = None

    def prepare_value(self, value):
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            zone = self.zone or timezone.get_current_timezone()
            return value.astimezone(zone).replace(tzinfo=None)
        return value

    def to_python(self, value):
        result = super().to_python(value)
        if result is not None and timezone.is_aware(result):
            result = timezone.make_naive(result)
        return result


def aware_in(value: datetime.datetime | None, zone) -> datetime.datetime | None:
    """A naive value typed on `zone`'s clock made aware in it; aware values and None as they
    are."""
    if value is None:
        return None
    return value.replace(tzinfo=zone) if timezone.is_naive(value) else value


def add_domain_error(form: forms.Form, error: Exception, *, field: str | None = None) -> None:
    """Show a service's refusal on the field it names (`field` overrides it), or at the top of
    the form when the form has no such field."""
    name = field or getattr(error, "field", None)
    form.add_error(
        name if name in form.fields else None, ValidationError(str(error), code="service")
    )
