"""Staff pages for the e-mails' wording: the list of every registered e-mail (grouped by app),
the editor of one (subject and text with its placeholders beside them, a preview with the
e-mail's sample, save) and reset to the default wording, after a confirmation. Staff only.

The query string the pages were opened with (a conference's ?edition=17) is kept on their
links and handed to the e-mail's sample, so a preview can show that edition."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.csp import CSP
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_http_methods

from core.forms import add_domain_error
from core.permissions import permission_required

from .errors import EmailTextError
from .forms import EmailTextForm
from .registry import Email, email
from .selectors import current_text, email_texts_overview
from .sending import preview_email
from .services import email_text_reset, email_text_save

PERMISSION = "emails.edit_email_templates"


def _email_or_404(key: str) -> Email:
    try:
        return email(key)
    except LookupError:
        raise Http404 from None


def _options(request) -> tuple[dict[str, str], str]:
    """The options the pages were opened with, and the query that keeps them on links."""
    options = {name: value for name, value in request.GET.items() if len(value) < 40}
    return options, f"?{urlencode(options)}" if options else ""


@permission_required(PERMISSION)
def email_list(request):
    """Every e-mail the portal sends, by app, each with its wording's state."""
    options, query = _options(request)
    groups = email_texts_overview()
    if options:
        for group in groups:
            group["sample"] = group["rows"][0]["email"].describe_sample(options)
    return render(request, "emails/staff/list.html", {"groups": groups, "query": query})


# The HTML preview is a sandboxed iframe (no scripts, no origin) whose srcdoc inherits this page's
# policy: e-mail clients need inline style attributes, so this one page allows them.
PREVIEW_CSP = {**settings.SECURE_CSP, "style-src-attr": [CSP.UNSAFE_INLINE]}


@csp_override(PREVIEW_CSP)
@require_http_methods(["GET", "POST"])
@permission_required(PERMISSION)
def email_edit(request, key: str):
    """Edit one e-mail's subject and text. POST action: preview (nothing saved) or save."""
    item = _email_or_404(key)
    subject, body, template = current_text(item)
    options, query = _options(request)
    preview = None
    if request.method == "POST":
        form = EmailTextForm(request.POST, email=item)
        if form.is_valid() and request.POST.get("action") == "preview":
            preview = preview_email(item=item, options=options, **form.cleaned_data)
        elif form.is_valid():
            try:
                email_text_save(email=item, by=request.user, **form.cleaned_data)
            except EmailTextError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request,
                    _("Saved: “%(label)s” is sent with your text from now on.")
                    % {"label": item.label},
                )
                return redirect(reverse("emails:list") + query)
    else:
        form = EmailTextForm(initial={"subject": subject, "body": body}, email=item)
    return render(
        request,
        "emails/staff/edit.html",
        {
            "email": item,
            "form": form,
            "template": template,
            "preview": preview,
            "query": query,
            "subject_prefix": settings.ACCOUNT_EMAIL_SUBJECT_PREFIX,
            "sample": item.describe_sample(options),
            "options": options,
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required(PERMISSION)
def email_reset(request, key: str):
    """Confirm, then go back to the default wording."""
    item = _email_or_404(key)
    _opts, query = _options(request)
    edit_url = reverse("emails:edit", args=[item.key]) + query
    if request.method == "POST":
        if email_text_reset(email=item, by=request.user):
            messages.success(request, _("Back to the default text: it is sent from now on."))
        else:
            messages.info(request, _("This e-mail already uses the default text."))
        return redirect(edit_url)
    _subject, _body, template = current_text(item)
    return render(
        request,
        "emails/staff/reset.html",
        {"email": item, "template": template, "edit_url": edit_url, "query": query},
    )
