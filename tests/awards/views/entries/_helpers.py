"""Helpers of the entries' page tests (awards/views/entries.py): the pages' addresses and a
valid entry form."""

from django.urls import reverse


def enter_url(cycle, collaboration=None):
    url = reverse("awards:entry_create", args=[cycle.edition.number])
    return f"{url}?collaboration={collaboration.pk}" if collaboration else url


def entry_url(entry):
    return reverse("awards:entry", args=[entry.pk])


def edit_url(entry):
    return reverse("awards:entry_edit", args=[entry.pk])


def withdraw_url(entry):
    return reverse("awards:entry_withdraw", args=[entry.pk])


def staff_url(cycle):
    return reverse("awards_staff:entries", args=[cycle.edition.number])


def form_data(cycle, collaboration=None, action="save", **overrides):
    data = {
        "category": cycle.categories.get().pk,
        "statement": "Our classes compared their rivers.",
        "student_count": 55,
        "action": action,
    }
    if collaboration is not None:
        data["collaboration"] = collaboration.pk
    return {**data, **overrides}
