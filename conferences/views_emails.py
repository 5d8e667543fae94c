"""Staff pages for the conference's e-mail texts: the list of the seven e-mails, and the
editor of one (subject and text with placeholders, a preview with a sample teacher, save,
and reset to the default wording). Staff only."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
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


@staff_only
def emails(request):
    """The e-mails teachers receive about their applications, each with its wording's state."""
    return render(request, "conferences/staff/emails.html", {"rows": email_texts_overview()})


@require_http_methods(["GET", "POST"])
@staff_only
def email_edit(request, kind: str):
    """Edit one e-mail's subject and text. POST action: preview (nothing saved), save, reset."""
    spec = EMAIL_KINDS.get(kind)
    if spec is None:
        raise Http404
    subject, body, template = current_text(kind)
    action = request.POST.get("action", "save")
    preview = None
    if request.method == "POST" and action == "reset":
        if email_text_reset(kind=kind, by=request.user):
            messages.success(request, _("Back to the default text: it is sent from now on."))
        else:
            messages.info(request, _("This e-mail already uses the default text."))
        return redirect("conferences_staff:email_edit", kind=kind)
    if request.method == "POST":
        form = EmailTextForm(request.POST, kind=kind)
        if form.is_valid() and action == "preview":
            preview = preview_email(kind=kind, **form.cleaned_data)
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
                return redirect("conferences_staff:emails")
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
        },
    )
