"""How a refused permission is explained on the pages of people.

core.permissions.permission_required decides; a few pages answer a refusal with a page of
their own rather than the bare 403: the directory says why it is closed (still a 403), the
profile pages send staff and judges to their dashboard with a word on why.
"""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied


def explained_when_denied(respond: Callable) -> Callable:
    """Wrap a view guarded by permission_required: a refusal (PermissionDenied) becomes
    respond(request). The declared permission stays visible on the wrapped view."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except PermissionDenied:
                return respond(request)

        return wrapper

    return decorator
