"""Declaring who may reach a view: one decorator and one mixin for every view of ours.

Every view says what it needs, right above it:

    @permission_required("awards.score_assignment", obj=assignment_for_scoring)
    def scorecard(request, pk): ...

    @public
    def edition_list(request): ...

- `perm` is a django-rules permission named in the app's rules.py (or several, all needed).
- `obj(request, **url_kwargs)` returns the object the permission is about. It looks the object
  up through a selector and may raise Http404 itself (what a user may not even know of is a
  404). The view finds it again, without a second query, as `request.permission_object`.
- A visitor (not signed in) is sent to log in; a signed-in user without the permission gets a
  403, or a 404 with `denied=404` where even saying "forbidden" would tell too much.
- `visitors_log_in=False`: the rule itself decides for visitors too (pages anyone may see
  unless, say, they are a draft); a refusal is then `denied` for them as well.
- `public` marks a view that anyone may reach; it checks nothing. The architecture test
  requires one of the two on every view of our URLconf, so a new view cannot forget it.

Lists are not filtered here: their selectors return only what the user may see.
"""

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.mixins import PermissionRequiredMixin as DjangoPermissionRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

PERMISSION_ATTRIBUTE = "permission_required"
PUBLIC_ATTRIBUTE = "is_public"


def _as_tuple(perm: str | Iterable[str]) -> tuple[str, ...]:
    return (perm,) if isinstance(perm, str) else tuple(perm)


def _deny(denied: int):
    if denied == 404:
        raise Http404
    raise PermissionDenied


def permission_required(
    perm: str | Iterable[str],
    *,
    obj: Callable | None = None,
    denied: int = 403,
    visitors_log_in: bool = True,
) -> Callable:
    """Guard a function view with django-rules permission(s), on an object when `obj` is given.

    visitors_log_in=False is for pages that visitors may see too (a published collaboration,
    a public album): the rule decides for a visitor as for anyone, and a refusal is `denied`
    rather than a trip to the login page."""
    if denied not in (403, 404):
        raise ValueError("denied is 403 or 404")
    perms = _as_tuple(perm)

    def decorator(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if visitors_log_in and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            target = obj(request, *args, **kwargs) if obj is not None else None
            if not request.user.has_perms(perms, target):
                _deny(denied)
            request.permission_object = target
            return view(request, *args, **kwargs)

        setattr(guarded, PERMISSION_ATTRIBUTE, perms)
        return guarded

    return decorator


def public(view):
    """Mark a view that anyone, signed in or not, may reach."""
    setattr(view, PUBLIC_ATTRIBUTE, True)
    return view


class PermissionRequiredMixin(DjangoPermissionRequiredMixin):
    """The class-based twin of permission_required: `permission_required = "app.rule"`, and
    `get_permission_object()` for the object (None: a permission on no object).

    Visitors go to log in, signed-in users without the permission get a 403 (Django's mixin
    does both once the user is authenticated); `permission_denied_status = 404` hides it.
    """

    permission_denied_status = 403

    def get_permission_object(self):
        return None

    def has_permission(self) -> bool:
        self.permission_object = self.get_permission_object()
        return self.request.user.has_perms(self.get_permission_required(), self.permission_object)

    def handle_no_permission(self):
        if not self.request.user.is_authenticated:
            return redirect_to_login(self.request.get_full_path())
        _deny(self.permission_denied_status)

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        setattr(view, PERMISSION_ATTRIBUTE, _as_tuple(cls.permission_required or ()))
        return view


def declared_access(view) -> str | None:
    """'public', the permissions a view requires, or None when it declares nothing."""
    if getattr(view, PUBLIC_ATTRIBUTE, False):
        return "public"
    perms = getattr(view, PERMISSION_ATTRIBUTE, None)
    return ", ".join(perms) if perms else None
