"""What the conference views share about access: the objects their permissions are about,
looked up through selectors (a 404 for what the user may not know of), and the pages that
explain a refusal instead of the bare 403."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from ..models import Edition
from ..selectors.editions import edition_by_number, edition_for_staff, visible_edition


def _found(value):
    if value is None:
        raise Http404
    return value


def edition_visible(request, number: int, **kwargs) -> Edition:
    """The edition with its host country; drafts are 404 for everyone but staff."""
    return _found(visible_edition(number=number, user=request.user))


def edition_any(request, number: int, **kwargs) -> Edition:
    """Any edition, drafts included, with its host country (staff pages)."""
    return _found(edition_by_number(number=number))


def edition_staff(request, number: int, **kwargs) -> Edition:
    """The edition with the staff list's annotations (the edition's hub and programme)."""
    return _found(edition_for_staff(number=number))


def same_object(request, *args, **kwargs):
    """The object an outer permission_required looked up already (no second query)."""
    return request.permission_object


def explained_refusal(template: str):
    """Turn the 403 of the permission_required below into `template` rendered with the edition
    (the outer permission's object) and refused=True, status 403: the page says who may."""

    def decorator(view):
        @wraps(view)
        def explained(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except PermissionDenied:
                context = {"edition": request.permission_object, "refused": True}
                return render(request, template, context, status=403)

        return explained

    return decorator
