"""Helpers of the cycle pages' tests (awards/views/cycles.py): the roles and what each
gets, the levels of a criterion, the messages shown and a form posted back unchanged."""

import datetime

from django.contrib.messages import get_messages

UTC = datetime.UTC
ROLES = ["anonymous", "teacher", "other_teacher", "judge", "cycle_judge", "staff"]
STATUS_BY_ROLE = {
    "anonymous": 302,
    "teacher": 403,
    "other_teacher": 403,
    "judge": 403,
    "cycle_judge": 403,
    "staff": 200,
}
DESCRIPTORS = {str(n): f"Level {n}" for n in range(1, 6)}


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _data(context) -> dict:
    """What the browser would send back for the page's form and formsets, unchanged."""
    data = {}
    forms = [context["form"], *context["stages"]]
    for part in ("categories", "levels", "criteria"):
        formset = context[part]
        if formset is not None:
            forms.extend([formset.management_form, *formset.forms])
    for form in forms:
        for name, field in form.fields.items():
            if field.disabled:
                continue
            value = form[name].value()
            key = form.add_prefix(name)
            if isinstance(value, bool) or getattr(field.widget, "input_type", "") == "checkbox":
                if value:
                    data[key] = "on"
            elif isinstance(value, datetime.datetime):
                data[key] = value.strftime("%Y-%m-%dT%H:%M")
            else:
                data[key] = "" if value is None else str(value)
    return data
