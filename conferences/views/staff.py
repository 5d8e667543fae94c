"""Staff pages for running editions (under /staff/conferences/): the list of editions, one
edition's hub (status and its next step, key numbers, links to each part), its details form
and its programme. Staff only: visitors log in first, everyone else gets a 403."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.audit.selectors import audit_history
from core.permissions import permission_required

from ..forms.editions import (
    EditionForm,
    EditionStatusForm,
    SessionForm,
    add_service_error,
    quota_formset,
    target_formset,
)
from ..models import Application, Edition, Session
from ..selectors.editions import (
    TO_DECIDE,
    applications_by_status,
    editions_for_staff,
    next_edition_number,
    open_offer_count,
    quotas_of,
    targets_of,
)
from ..selectors.programme import programme_for_staff, session_of, signup_count
from ..services import editions as services
from ..services.editions import NEXT_STATUS, PREVIOUS_STATUS, EditionError
from ._access import edition_staff

Status = Edition.Status

ACTION_LABELS = {
    "edition.created": gettext_lazy("Created the edition"),
    "edition.edited": gettext_lazy("Edited the details"),
    "edition.draft": gettext_lazy("Back to draft"),
    "edition.published": gettext_lazy("Published"),
    "edition.applications_open": gettext_lazy("Opened applications"),
    "edition.closed": gettext_lazy("Closed applications"),
    "edition.held": gettext_lazy("Marked as held"),
    "edition.archived": gettext_lazy("Archived"),
    "session.created": gettext_lazy("Added a session"),
    "session.edited": gettext_lazy("Edited a session"),
    "session.deleted": gettext_lazy("Deleted a session"),
}

# The buttons that move an edition on, and back.
NEXT_LABELS = {
    Status.PUBLISHED: gettext_lazy("Publish"),
    Status.APPLICATIONS_OPEN: gettext_lazy("Open applications"),
    Status.CLOSED: gettext_lazy("Close applications"),
    Status.HELD: gettext_lazy("Mark as held"),
    Status.ARCHIVED: gettext_lazy("Archive"),
}
BACK_LABELS = {
    Status.DRAFT: gettext_lazy("Back to draft"),
    Status.APPLICATIONS_OPEN: gettext_lazy("Reopen applications"),
    Status.HELD: gettext_lazy("Take out of the archive"),
}
NEXT_HINTS = {
    Status.DRAFT: gettext_lazy(
        "Only staff can see a draft. Publish it to show it on the public conferences page."
    ),
    Status.PUBLISHED: gettext_lazy(
        "The edition is public. Open applications when the call goes out: teachers can apply "
        "within the window set in the details."
    ),
    Status.APPLICATIONS_OPEN: gettext_lazy(
        "Teachers can apply. Decide on applications as they come; close applications when "
        "the call ends."
    ),
    Status.CLOSED: gettext_lazy(
        "No new applications. Finish the selection, then check participants in on the days "
        "and mark the edition as held."
    ),
    Status.HELD: gettext_lazy(
        "The edition took place. Archive it once certificates and reports are done."
    ),
    Status.ARCHIVED: gettext_lazy("Archived: the edition stays on the public page of past ones."),
}


def _session(edition: Edition, pk: int) -> Session:
    session = session_of(edition=edition, pk=pk)
    if session is None:
        raise Http404
    return session


@permission_required("conferences.manage_editions")
def editions(request):
    """Every edition, newest first: status, dates, applications and places, in one query."""
    return render(request, "conferences/staff/editions.html", {"editions": editions_for_staff()})


@permission_required("conferences.manage_editions")
@require_http_methods(["GET", "POST"])
def edition_create(request):
    """A new edition, as a draft; its hub comes next."""
    post = request.method == "POST"
    form = EditionForm(
        request.POST if post else None,
        request.FILES if post else None,
        initial={"number": next_edition_number()},
    )
    quotas = quota_formset(request.POST if post else None)
    targets = target_formset(request.POST if post else None)
    if post and all([form.is_valid(), quotas.is_valid(), targets.is_valid()]):
        try:
            edition = services.edition_create(
                by=request.user,
                fields=form.edition_fields(),
                cover=form.cleaned_data["cover"],
                quotas=quotas.rows(),
                targets=targets.rows(),
            )
        except EditionError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("The %(edition)s is saved as a draft. Add its programme, then publish it.")
                % {"edition": edition},
            )
            return redirect("conferences_staff:edition", edition.number)
    return render(
        request,
        "conferences/staff/edition_form.html",
        {"form": form, "quotas": quotas, "targets": targets, "edition": None},
    )


@permission_required("conferences.manage_edition", obj=edition_staff)
@require_http_methods(["GET", "POST"])
def edition(request, number: int):
    """One edition's hub: its status and the next step, key numbers, and its parts.
    POST moves the status (to= the status wanted)."""
    edition = request.permission_object
    if request.method == "POST":
        form = EditionStatusForm(request.POST)
        if form.is_valid():
            try:
                services.edition_set_status(
                    edition=edition, by=request.user, to=form.cleaned_data["to"]
                )
            except EditionError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _("The edition is now “%(status)s”.")
                    % {"status": Status(form.cleaned_data["to"]).label},
                )
        else:
            messages.error(request, _("That is not a status an edition can have."))
        return redirect("conferences_staff:edition", edition.number)
    by_status = applications_by_status(edition=edition)
    next_status = NEXT_STATUS.get(edition.status)
    back_status = PREVIOUS_STATUS.get(edition.status)
    return render(
        request,
        "conferences/staff/edition.html",
        {
            "edition": edition,
            "by_status": [
                (value, label, by_status[value]) for value, label in Application.Status.choices
            ],
            "to_decide": sum(by_status[s] for s in TO_DECIDE),
            "open_offers": open_offer_count(edition=edition),
            "next_status": next_status,
            "next_label": NEXT_LABELS.get(next_status, ""),
            "back_status": back_status,
            "back_label": BACK_LABELS.get(back_status, ""),
            "hint": NEXT_HINTS[edition.status],
            "quotas": quotas_of(edition=edition),
            "targets": targets_of(edition=edition),
            "history": audit_history(target=edition, labels=ACTION_LABELS),
        },
    )


@permission_required("conferences.manage_edition", obj=edition_staff)
@require_http_methods(["GET", "POST"])
def edition_edit(request, number: int):
    """The edition's details, quotas and targets; times typed in the host's zone."""
    edition = request.permission_object
    post = request.method == "POST"
    form = EditionForm(
        request.POST if post else None, request.FILES if post else None, edition=edition
    )
    quotas = quota_formset(request.POST if post else None, edition=edition)
    targets = target_formset(request.POST if post else None, edition=edition)
    if post and all([form.is_valid(), quotas.is_valid(), targets.is_valid()]):
        try:
            services.edition_update(
                edition=edition,
                by=request.user,
                fields=form.edition_fields(),
                cover=form.cleaned_data["cover"],
                remove_cover=form.cleaned_data.get("remove_cover", False),
                quotas=quotas.rows(),
                targets=targets.rows(),
            )
        except EditionError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The edition's details are saved."))
            return redirect("conferences_staff:edition", form.cleaned_data["number"])
    return render(
        request,
        "conferences/staff/edition_form.html",
        {"form": form, "quotas": quotas, "targets": targets, "edition": edition},
    )


@permission_required("conferences.manage_edition", obj=edition_staff)
def programme(request, number: int):
    """The edition's sessions by day on the host's clock, with sign-ups, to add and edit."""
    edition = request.permission_object
    return render(
        request,
        "conferences/staff/programme.html",
        {"edition": edition, "days": programme_for_staff(edition=edition)},
    )


@permission_required("conferences.manage_edition", obj=edition_staff)
@require_http_methods(["GET", "POST"])
def session_create(request, number: int):
    """A new session of the programme."""
    edition = request.permission_object
    form = SessionForm(request.POST or None, edition=edition)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(
                edition=edition, by=request.user, fields=form.session_fields()
            )
        except EditionError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("“%(title)s” is in the programme.") % {"title": session})
            return redirect("conferences_staff:programme", edition.number)
    return render(
        request,
        "conferences/staff/session_form.html",
        {"edition": edition, "form": form, "session": None},
    )


@permission_required("conferences.manage_edition", obj=edition_staff)
@require_http_methods(["GET", "POST"])
def session_edit(request, number: int, pk: int):
    """Change a session (a workshop's capacity stays at or above its sign-ups)."""
    edition = request.permission_object
    session = _session(edition, pk)
    form = SessionForm(request.POST or None, edition=edition, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(session=session, by=request.user, fields=form.session_fields())
        except EditionError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("“%(title)s” is saved.") % {"title": session.title})
            return redirect("conferences_staff:programme", edition.number)
    return render(
        request,
        "conferences/staff/session_form.html",
        {"edition": edition, "form": form, "session": session},
    )


@permission_required("conferences.manage_edition", obj=edition_staff)
@require_http_methods(["GET", "POST"])
def session_delete(request, number: int, pk: int):
    """GET asks to confirm; POST deletes, unless participants signed up for the session."""
    edition = request.permission_object
    session = _session(edition, pk)
    if request.method == "POST":
        try:
            services.session_delete(session=session, by=request.user)
        except EditionError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("“%(title)s” is removed from the programme.") % {"title": session.title}
            )
        return redirect("conferences_staff:programme", edition.number)
    return render(
        request,
        "conferences/staff/session_delete.html",
        {
            "edition": edition,
            "session": session,
            "signup_count": signup_count(session=session),
        },
    )
