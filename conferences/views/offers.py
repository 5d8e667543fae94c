"""The page behind the one-click links of a waitlist offer e-mail.

The token in the link is the credential: the teacher may open it on a phone where they are not
signed in. A GET only shows the offer (mail scanners fetch links; nothing changes); the answer
is a POST from the page's buttons, with CSRF. `?answer=accept|decline` in the e-mail's links
only highlights the matching button.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.permissions import public

from ..errors import ConferenceError
from ..forms.waitlist import OfferAnswerForm
from ..models import WaitlistOffer
from ..selectors.waitlist import offer_by_token
from ..services.waitlist import offer_accept, offer_decline

ANSWERS = ("accept", "decline")


def _state(offer: WaitlistOffer) -> str:
    """open, accepted, declined, expired (also an open offer past its deadline) or cancelled."""
    if offer.status == WaitlistOffer.Status.OPEN and not offer.is_live:
        return WaitlistOffer.Status.EXPIRED
    return offer.status


@public
@never_cache
@require_http_methods(["GET", "POST"])
def offer(request, token: str):
    """Show a waitlist offer to whoever holds its link; answer it on POST. Unknown token: 404."""
    offer = offer_by_token(token=token)
    if offer is None:
        raise Http404
    teacher_user = offer.application.teacher.user
    is_addressee = request.user.is_authenticated and request.user.pk == teacher_user.pk
    error, status = None, 200
    if request.method == "POST":
        form = OfferAnswerForm(request.POST)
        if not form.is_valid():
            error, status = _("Choose Accept my place or Decline."), 400
        else:
            accept = form.cleaned_data["action"] == "accept"
            answer = offer_accept if accept else offer_decline
            try:
                answer(token=token, by=request.user if is_addressee else None)
            except ConferenceError as refusal:
                error, status = str(refusal), 409
            else:
                messages.success(
                    request,
                    _("Your place is confirmed. Welcome to the conference!")
                    if accept
                    else _("You declined the place; your application is withdrawn."),
                )
                return redirect("conferences:offer", token=token)
        offer = offer_by_token(token=token)  # as the refusal left it (e.g. expired just now)
    highlight = request.GET.get("answer")
    context = {
        "offer": offer,
        "application": offer.application,
        "edition": offer.application.edition,
        "state": _state(offer),
        "highlight": highlight if highlight in ANSWERS else "",
        "error": error,
        "someone_else": request.user.is_authenticated and not is_addressee,
        "teacher_name": teacher_user.full_name or _("the teacher it was sent to"),
    }
    return render(request, "conferences/offer.html", context, status=status)
