"""Placeholder: being written."""

from django.http import HttpResponse


def school_edit(request, **kwargs):
    return HttpResponse("todo")
