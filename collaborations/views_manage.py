"""Placeholder: being written."""

from django.http import HttpResponse


def _todo(request, **kwargs):
    return HttpResponse("todo")


propose = mine = edit = set_status = join = answer_request = withdraw_request = member = _todo
