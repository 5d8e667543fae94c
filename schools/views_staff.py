"""Placeholder: being written."""

from django.http import HttpResponse


def school_queue(request, **kwargs):
    return HttpResponse("todo")


def school_review(request, **kwargs):
    return HttpResponse("todo")
