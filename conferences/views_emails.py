"""Staff pages for the conference's e-mail texts: the list of the seven e-mails, and the
editor of one (subject and text with placeholders, a preview with a sample teacher at the
edition the pages were opened from, save, and reset to the default wording). Staff only."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from teachers.views_staff import staff_only

from .emails import (
    EMAIL_KINDS,
    current_text,
    email_text_reset,
    email_text_save,
    email_texts_overview,
    preview_email,
)
from .errors import ConferenceError
from .forms_emails import EmailTextForm
from .models import Edition


def _opened_from(request) -> tuple[Edition | None, str]:
    """The edition the e-mail pages were opened from (?edition=<number>), and the query that
    keeps it on the next links; an edition that is not there is said and left out."""
    wanted = request.GET.get("edition", "")
    if not wanted:
        return None, ""
    edition = None
    if wanted.isdigit() and len(wanted) < 6:
        edition = Edition.objects.select_related("country").filter(number=int(wanted)).first()
    if edition is None:
        messages.warning(
            request, _("There is no such edition: the preview uses a sample edition instead.")
        )
        return None, ""
    return edition, f"?{urlencode({'edition': edition.number})}"


@staff_only
def emails(request):
    """The e-mails teachers receive about their applications, each with its wording's state."""
    edition, query = _opened_from(request)
    return render(
        request,
        "conferences/staff/emails.html",
        {"rows": email_texts_overview(), "edition": edition, "query": query},
    )


@require_http_methods(["GET", "POST"])
@staff_only
def email_edit(request, kind: str):
    """Edit one e-mail's subject and text. POST action: preview (nothing saved), save, reset."""
    spec = EMAIL_KINDS.get(kind)
    if spec is None:
        raise Http404
    subject, body, template = current_text(kind)
    edition, query = _opened_from(request)
    action = request.POST.get("action", "save")
    preview = None
    if request.method == "POST" and action == "reset":
        if email_text_reset(kind=kind, by=request.user):
            messages.success(request, _("Back to the default text: it is sent from now on."))
        else:
            messages.info(request, _("This e-mail already uses the default text."))
        return redirect(reverse("conferences_staff:email_edit", args=[kind]) + query)
    if request.method == "POST":
        form = EmailTextForm(request.POST, kind=kind)
        if form.is_valid() and action == "preview":
            preview = preview_email(kind=kind, edition=edition, **form.cleaned_data)
        elif form.is_valid():
            try:
                email_text_save(kind=kind, by=request.user, **form.cleaned_data)
            except ConferenceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Saved: “%(label)s” is sent with your text from now on.")
                    % {"label": spec.label},
                )
                return redirect(reverse("conferences_staff:emails") + query)
    else:
        form = EmailTextForm(initial={"subject": subject, "body": body}, kind=kind)
    return render(
        request,
        "conferences/staff/email_edit.html",
        {
            "spec": spec,
            "form": form,
            "template": template,
            "preview": preview,
            "default_subject": spec.subject,
            "default_body": spec.body,
            "edition": edition,
            "query": query,
        },
    )
