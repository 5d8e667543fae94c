"""The conference e-mails' old staff addresses (/staff/conferences/emails/...): the general
editor of core/emails now edits them, so these send there, keeping the edition the pages were
opened from (?edition=<number>, for the preview)."""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from core.permissions import permission_required

from ..emails import EMAIL_KINDS, email_key


def _query(request) -> str:
    query = request.GET.urlencode()
    return f"?{query}" if query else ""


@permission_required("emails.edit_email_templates")
def emails(request):
    """The list of the conference's e-mails: the general list, at its conference part."""
    return redirect(reverse("emails:list") + _query(request) + "#emails-conferences")


@permission_required("emails.edit_email_templates")
def email_edit(request, kind: str):
    """One conference e-mail's editor."""
    if kind not in EMAIL_KINDS:
        raise Http404
    return redirect(reverse("emails:edit", args=[email_key(kind)]) + _query(request))
