"""Two-factor authentication is required of staff, judges and superusers (issue 14).

`MFARequiredMiddleware` sends a signed-in person with one of those roles and no authenticator
(allauth.mfa) to the set-up page, wherever they were going; until they have set one up only the
set-up pages, the log-out and static files answer. The page they asked for is kept in the
session and offered once the set-up is done. Teachers are never forced: they may switch it on
from their account settings.

settings.MFA_REQUIRED_FOR_ROLES (default True) switches the requirement off, for a local
experiment only. The verdict is kept in the session once an authenticator is found (at log-in or
on the first request), so that a page costs no query for it; removing an authenticator clears it.
"""

from allauth.mfa.signals import authenticator_added, authenticator_removed
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.shortcuts import redirect

from .roles import is_asef_staff, is_judge

SESSION_VERIFIED = "mfa_required_ok"
SESSION_NEXT = "mfa_setup_next"
SETUP_URL_NAME = "teachers:mfa_setup"

# What answers before the set-up is done: allauth's MFA pages (names "mfa_..."), logging out,
# re-entering the password that allauth asks for before adding an authenticator, our set-up page.
# Machines' endpoints too: the health check must cost its one query, whoever's cookie it
# carries; browsers post CSP reports with the cookie of whoever was looking.
ALLOWED_URL_NAMES = {
    "account_logout",
    "account_reauthenticate",
    SETUP_URL_NAME,
    "healthz",
    "csp_report",
}


def mfa_is_required(user) -> bool:
    """Whether this person's roles require a second factor: staff, judges and superusers."""
    return bool(user.is_superuser or is_asef_staff(user) or is_judge(user))


def _allowed(request) -> bool:
    if request.path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
        return True
    match = request.resolver_match
    if match is None:
        return False
    return match.view_name in ALLOWED_URL_NAMES or (match.url_name or "").startswith("mfa_")


class MFARequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(settings, "MFA_REQUIRED_FOR_ROLES", True):
            return None
        if _allowed(request):  # before the user is looked at: these pages cost no query for it
            return None
        user = request.user
        if not user.is_authenticated or request.session.get(SESSION_VERIFIED) == user.pk:
            return None
        if not mfa_is_required(user):
            return None
        if is_mfa_enabled(user):
            request.session[SESSION_VERIFIED] = user.pk
            return None
        if request.method == "GET":
            request.session[SESSION_NEXT] = request.get_full_path()
        return redirect(SETUP_URL_NAME)


def remember_mfa_at_login(sender, request, user, **kwargs) -> None:
    """At log-in (allauth's, or a test's force_login) note that the person has a second factor."""
    if request is not None and hasattr(request, "session") and is_mfa_enabled(user):
        request.session[SESSION_VERIFIED] = user.pk


def forget_mfa_on_removal(sender, request, user, **kwargs) -> None:
    if request is not None and not is_mfa_enabled(user):
        request.session.pop(SESSION_VERIFIED, None)


def remember_mfa_on_added(sender, request, user, **kwargs) -> None:
    if request is not None:
        request.session[SESSION_VERIFIED] = user.pk


def connect_signals() -> None:
    """Called from an AppConfig.ready (teachers): core has no app config of its own."""
    user_logged_in.connect(remember_mfa_at_login, dispatch_uid="core.mfa.login")
    authenticator_removed.connect(forget_mfa_on_removal, dispatch_uid="core.mfa.removed")
    authenticator_added.connect(remember_mfa_on_added, dispatch_uid="core.mfa.added")
