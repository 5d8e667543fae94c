"""Rate limits on the actions that send e-mail (issue 14): nobody can turn ClassNet into a
mailer by repeating a join request, an invitation or an application.

The limits are allauth's (allauth.core.ratelimit, counted in the cache like its log-in limits),
named in settings.ACCOUNT_RATE_LIMITS beside allauth's own:

    "collaborations_join_request"   a teacher asks to join a collaboration (the leads are told)
    "collaborations_invitation"     a lead invites a school (its teachers are told)
    "conferences_application"       a teacher applies to a conference (a receipt is sent)
    "awards_entry_submit"           a teacher submits an award entry (a receipt is sent)
    "awards_judge_invitation"       staff invite judges or invite one again

Every one of these needs a signed-in person, so they count per user ("10/h/user"); an action open
to visitors would count per IP ("10/h/ip"). A view asks `limited(request, action, form)` once the
form is valid and before it calls the service: past the limit the form says why and nothing is sent.
"""

from allauth.core import ratelimit
from django.utils.translation import gettext_lazy as _

LIMITED_MESSAGE = _(
    "You have done this many times in a short while, and each time sends e-mail: please wait "
    "an hour and try again. If you need more, write to the ClassNet team."
)


def limited(request, action: str, form=None) -> bool:
    """Count one use of `action` by this person (or, for a visitor, this IP address). True if
    they are over the limit: then the form, if given, carries the message and nothing is sent."""
    user = request.user if request.user.is_authenticated else None
    if ratelimit.consume(request, action=action, user=user):
        return False
    if form is not None:
        form.add_error(None, LIMITED_MESSAGE)
    return True
