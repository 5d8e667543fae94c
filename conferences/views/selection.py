"""The staff's selection of an edition's participants, under /staff/conferences/<n>/:
the applications list with its filters, counts and bulk decision, and one application with its
history and a decision. Staff only: visitors log in first, everyone else gets a 403."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from core.audit.selectors import audit_history
from core.permissions import permission_required

from ..errors import ConferenceError
from ..forms.selection import ApplicationFilterForm, BulkDecisionForm, DecisionForm
from ..models import Application, Edition
from ..selectors.applications import application_for_staff
from ..selectors.selection import applications_for_staff, selection_counts, waitlist_positions
from ..services.applications import (
    APPROVABLE,
    application_approve,
    application_reject,
    application_waitlist,
)
from ..services.selection import (
    APPROVE,
    REJECT,
    WAITLIST,
    BulkResult,
    applications_decide_bulk,
    teacher_and_school,
)
from ._access import edition_any

PER_PAGE = 50
REFUSED_NAMES_SHOWN = 10

ACTION_LABELS = {
    "application.submitted": gettext_lazy("Applied"),
    "application.approved": gettext_lazy("Approved"),
    "application.waitlisted": gettext_lazy("Put on the waitlist"),
    "application.rejected": gettext_lazy("Rejected"),
    "application.withdrawn": gettext_lazy("Withdrawn by the teacher"),
    "application.attended": gettext_lazy("Marked as attended"),
    "application.offered": gettext_lazy("Offered a place from the waitlist"),
    "application.offer_expired": gettext_lazy("Let the offered place expire"),
    "application.offer_declined": gettext_lazy("Declined the offered place"),
    "application.checked_in": gettext_lazy("Checked in"),
    "application.check_in_undone": gettext_lazy("Check-in undone"),
}


STATUS_BADGES = {
    Application.Status.SUBMITTED: "text-bg-secondary",
    Application.Status.UNDER_REVIEW: "text-bg-info",
    Application.Status.APPROVED: "text-bg-success",
    Application.Status.WAITLISTED: "text-bg-warning",
    Application.Status.REJECTED: "text-bg-danger",
    Application.Status.WITHDRAWN: "text-bg-light border",
    Application.Status.ATTENDED: "text-bg-primary",
}


def _list_url(edition: Edition, query: str = "") -> str:
    url = reverse("conferences_staff:applications", args=[edition.number])
    return f"{url}?{query}" if query else url


def _render_list(request, edition: Edition, bulk_form: BulkDecisionForm):
    filters = ApplicationFilterForm(request.GET or None)
    page = Paginator(
        applications_for_staff(edition=edition, **filters.filters()), PER_PAGE
    ).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    positions = waitlist_positions(
        edition=edition,
        application_ids=[row.pk for row in rows if row.status == Application.Status.WAITLISTED],
    )
    for row in rows:
        row.waitlist_position = positions.get(row.pk)
        row.badge = STATUS_BADGES.get(row.status, "text-bg-secondary")
    return render(
        request,
        "conferences/staff/applications.html",
        {
            "edition": edition,
            "page": page,
            "rows": rows,
            "filters": filters,
            "counts": selection_counts(edition=edition),
            "bulk_form": bulk_form,
            "checked": set(bulk_form.data.getlist("applications")) if bulk_form.is_bound else (),
        },
    )


@permission_required("conferences.select_participants", obj=edition_any)
@require_http_methods(["GET"])
def applications(request, number: int):
    """An edition's applications, oldest first: filters, places and quotas, a bulk decision."""
    edition = request.permission_object
    return _render_list(request, edition, BulkDecisionForm())


def _names(names: list[str]) -> str:
    """At most REFUSED_NAMES_SHOWN names, then how many more."""
    shown = ", ".join(names[:REFUSED_NAMES_SHOWN])
    more = len(names) - REFUSED_NAMES_SHOWN
    if more > 0:
        shown = ngettext("%(names)s and %(n)s more", "%(names)s and %(n)s more", more) % {
            "names": shown,
            "n": more,
        }
    return shown


def _done_sentences(action: str, n: int) -> str:
    """What was done, and that the teachers decided are told by e-mail: whole sentences."""
    if action == APPROVE:
        if not n:
            return _("No application approved.")
        return ngettext(
            "%(n)s application approved. The approved teacher is told by e-mail.",
            "%(n)s applications approved. The %(n)s approved teachers are told by e-mail.",
            n,
        ) % {"n": n}
    if action == WAITLIST:
        if not n:
            return _("No application put on the waitlist.")
        return ngettext(
            "%(n)s application put on the waitlist. The teacher is told by e-mail.",
            "%(n)s applications put on the waitlist. The %(n)s teachers are told by e-mail.",
            n,
        ) % {"n": n}
    if not n:
        return _("No application rejected.")
    return ngettext(
        "%(n)s application rejected. The teacher is told why by e-mail.",
        "%(n)s applications rejected. The %(n)s teachers are told why by e-mail.",
        n,
    ) % {"n": n}


def _already_sentence(action: str, n: int) -> str:
    return {
        APPROVE: ngettext(
            "%(n)s was already approved: nothing changed for it.",
            "%(n)s were already approved: nothing changed for them.",
            n,
        ),
        WAITLIST: ngettext(
            "%(n)s was already on the waitlist: nothing changed for it.",
            "%(n)s were already on the waitlist: nothing changed for them.",
            n,
        ),
        REJECT: ngettext(
            "%(n)s was already rejected: nothing changed for it.",
            "%(n)s were already rejected: nothing changed for them.",
            n,
        ),
    }[action] % {"n": n}


def _refused_sentence(action: str, n: int) -> str:
    return {
        APPROVE: ngettext(
            "%(n)s could not be approved; the reason is below.",
            "%(n)s could not be approved; the reasons are below.",
            n,
        ),
        WAITLIST: ngettext(
            "%(n)s could not be put on the waitlist; the reason is below.",
            "%(n)s could not be put on the waitlist; the reasons are below.",
            n,
        ),
        REJECT: ngettext(
            "%(n)s could not be rejected; the reason is below.",
            "%(n)s could not be rejected; the reasons are below.",
            n,
        ),
    }[action] % {"n": n}


def _already_detail(action: str, names: str) -> str:
    return {
        APPROVE: _("Already approved: %(names)s."),
        WAITLIST: _("Already on the waitlist: %(names)s."),
        REJECT: _("Already rejected: %(names)s."),
    }[action] % {"names": names}


def _bulk_messages(request, result: BulkResult) -> None:
    """One summary of separate sentences (done and e-mailed, already so, refused), then one
    message per reason refused and one naming those already so."""
    done, already, refused = len(result.done), len(result.already), len(result.refused)
    sentences = [_done_sentences(result.action, done)]
    if already:
        sentences.append(_already_sentence(result.action, already))
    if refused:
        sentences.append(_refused_sentence(result.action, refused))
    if refused:
        level = messages.warning if done else messages.error
    else:
        level = messages.success if done else messages.info
    level(request, " ".join(sentences))
    by_message: dict[str, list[str]] = {}
    for refusal in result.refused:
        by_message.setdefault(refusal.message, []).append(
            refusal.name or _("application #%(pk)s") % {"pk": refusal.application_id}
        )
    for message, names in by_message.items():
        messages.info(
            request,
            _("%(message)s Not done for: %(names)s.")
            % {"message": message, "names": _names(names)},
        )
    if already:
        names = [teacher_and_school(application) for application in result.already]
        messages.info(request, _already_detail(result.action, _names(names)))


@permission_required("conferences.select_participants", obj=edition_any)
@require_POST
def applications_bulk(request, number: int):
    """Decide every ticked application the same way, each through its locked service; then back
    to the list (with the same filters), saying what was done and what was refused and why."""
    edition = request.permission_object
    form = BulkDecisionForm(request.POST)
    if not form.is_valid():
        return _render_list(request, edition, form)
    try:
        result = applications_decide_bulk(
            edition=edition,
            application_ids=form.cleaned_data["applications"],
            action=form.cleaned_data["action"],
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
    except ConferenceError as error:
        form.add_error(None, str(error))
        return _render_list(request, edition, form)
    _bulk_messages(request, result)
    return redirect(_list_url(edition, request.GET.urlencode()))


@permission_required("conferences.select_participants", obj=edition_any)
@require_http_methods(["GET", "POST"])
def application(request, number: int, pk: int):
    """One application in full, its history, and a decision through the locked services: a
    refusal (no places left, a quota full) is shown on the page and nothing changes."""
    edition = request.permission_object
    application = application_for_staff(edition=edition, pk=pk)
    if application is None:
        raise Http404
    form = DecisionForm()
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid():
            action = form.cleaned_data["action"]
            try:
                if action == APPROVE:
                    application_approve(application=application, by=request.user)
                    done = _("%(name)s is approved and has been told by e-mail.")
                elif action == WAITLIST:
                    application_waitlist(application=application, by=request.user)
                    done = _("%(name)s is on the waitlist and has been told by e-mail.")
                else:
                    application_reject(
                        application=application,
                        by=request.user,
                        reason=form.cleaned_data["reason"],
                    )
                    done = _("%(name)s is rejected and has been told why by e-mail.")
            except ConferenceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, done % {"name": application.teacher.user})
                return redirect(
                    "conferences_staff:application", number=edition.number, pk=application.pk
                )
    counts = selection_counts(edition=edition)
    position = waitlist_positions(edition=edition, application_ids=[application.pk]).get(
        application.pk
    )
    status = application.status
    return render(
        request,
        "conferences/staff/application.html",
        {
            "edition": edition,
            "application": application,
            "form": form,
            "counts": counts,
            "country_count": next(
                (
                    row
                    for row in counts.countries
                    if row.country_id == application.school.country_id
                ),
                None,
            ),
            "waitlist_position": position,
            "can_approve": status in APPROVABLE,
            "can_waitlist": status
            in (Application.Status.SUBMITTED, Application.Status.UNDER_REVIEW),
            "can_reject": status in (*APPROVABLE, Application.Status.APPROVED),
            "badge": STATUS_BADGES.get(status, "text-bg-secondary"),
            "history": audit_history(target=application, labels=ACTION_LABELS),
        },
    )
