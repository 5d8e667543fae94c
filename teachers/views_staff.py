"""Placeholder: being written."""

from django.http import HttpResponse


def index(request, **kwargs):
    return HttpResponse("todo")


def teacher_queue(request, **kwargs):
    return HttpResponse("todo")


def teacher_review(request, **kwargs):
    return HttpResponse("todo")


def teacher_edit(request, **kwargs):
    return HttpResponse("todo")
