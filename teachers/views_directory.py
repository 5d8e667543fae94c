"""Placeholder: being written."""

from django.http import HttpResponse


def directory(request, **kwargs):
    return HttpResponse("todo")


def detail(request, **kwargs):
    return HttpResponse("todo")
