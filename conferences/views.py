from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from .selectors import edition_for_page, editions_for_public


def index(request):
    """Coming editions (soonest first), then past ones (newest first). Open to everyone."""
    today = timezone.localdate()
    editions = list(editions_for_public())
    coming = sorted((e for e in editions if e.ends_on >= today), key=lambda e: e.starts_on)
    past = [e for e in editions if e.ends_on < today]
    return render(request, "conferences/index.html", {"coming": coming, "past": past})


def detail(request, number: int):
    """An edition's public page; drafts are 404 for everyone but staff."""
    edition = edition_for_page(
        number=number, include_drafts=request.user.has_perm("teachers.access_staff_area")
    )
    if edition is None:
        raise Http404
    return render(request, "conferences/detail.html", {"edition": edition})
