"""Awards pages of the entries: the lead teacher enters a collaboration (choosing among those
they lead, each shown eligible or with why not), edits it and its evidence until the deadline,
withdraws it; staff list a cycle's entries and disqualify one with a reason.

The entry page is for the teacher who entered it, the collaboration's current lead and staff;
everyone else gets a 404 (judges score through their scorecards, never here)."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collaborations.models import Collaboration
from core.files import private_file_response
from core.permissions import permission_required
from core.ratelimit import limited

from ..errors import AwardsError
from ..forms.entries import SUBMIT, DisqualifyForm, EntryFilterForm, EntryForm, EvidenceForm
from ..models import AwardCycle, Entry, Evidence
from ..rules import leads_entry_collaboration, may_change_entry
from ..selectors.cycles import cycle_by_number
from ..selectors.entries import (
    check_eligibility,
    collaboration_to_enter,
    collaboration_with_members,
    disqualifiable_statuses,
    entered_collaboration_ids,
    entries_for_staff,
    entries_not_withdrawn,
    entry_for_page,
    entry_of_cycle,
    entry_totals,
    evidence_of,
    evidence_with_entry,
    led_collaborations,
    recheck,
)
from ..services.entries import (
    EVIDENCE_MAX_ITEMS,
    entry_disqualify,
    entry_save,
    evidence_add,
    evidence_remove,
)
from ..services.entries import entry_withdraw as withdraw_entry

PER_PAGE = 50

STATUS_BADGES = {
    Entry.Status.DRAFT: "text-bg-secondary",
    Entry.Status.SUBMITTED: "text-bg-success",
    Entry.Status.WITHDRAWN: "text-bg-light border",
    Entry.Status.DISQUALIFIED: "text-bg-danger",
}


def _cycle(request, number: int) -> AwardCycle:
    """The cycle; awards.view_cycle lets teachers see any but drafts (staff see drafts too)."""
    return cycle_by_number(number)


def _entry(request, pk: int) -> Entry:
    return get_object_or_404(entry_for_page(), pk=pk)


def _member_students(collaboration: Collaboration) -> int:
    return sum(m.student_count for m in collaboration.memberships.all())


# ---------------------------------------------------------------------------------------------
# Enter


@require_http_methods(["GET", "POST"])
@permission_required("awards.view_cycle", obj=_cycle, denied=404)
def entry_create(request, number: int):
    """Choose one of the collaborations you lead (each shown eligible, or why not), then write
    the entry; save it as a draft or submit it."""
    cycle = request.permission_object
    profile = getattr(request.user, "teacher_profile", None)
    context = {"cycle": cycle}
    if profile is None:
        return render(request, "awards/entry_form.html", {**context, "refused": True}, status=403)
    entered = entered_collaboration_ids(cycle)
    led = list(led_collaborations(profile))
    choices = [
        check_eligibility(cycle=cycle, collaboration=c, profile=profile, entered_ids=entered)
        for c in led
    ]
    existing = entries_not_withdrawn(cycle=cycle, collaborations=led)
    for choice in choices:
        choice.collaboration.existing_entry = existing.get(choice.collaboration.pk)
    context.update(choices=choices, accepts=cycle.accepts_entries)
    chosen_pk = request.POST.get("collaboration") or request.GET.get("collaboration")
    if not chosen_pk:
        return render(request, "awards/entry_form.html", context)
    try:
        chosen_pk = int(chosen_pk)
    except ValueError:
        raise Http404 from None
    chosen = next((c.collaboration for c in choices if c.collaboration.pk == chosen_pk), None)
    if chosen is None:
        chosen = collaboration_to_enter(chosen_pk)
    eligibility = check_eligibility(
        cycle=cycle, collaboration=chosen, profile=profile, entered_ids=entered
    )
    context.update(chosen=chosen, eligibility=eligibility)
    if not eligibility.ok:
        status = 403 if request.method == "POST" else 200
        return render(request, "awards/entry_form.html", context, status=status)
    form = EntryForm(
        request.POST if request.method == "POST" else None,
        cycle=cycle,
        initial={
            "student_count": _member_students(chosen),
            "category": cycle.categories.first() if cycle.categories.count() == 1 else None,
        },
    )
    submit = request.POST.get("action") == SUBMIT
    if (
        request.method == "POST"
        and form.is_valid()
        and not (submit and limited(request, "awards_entry_submit", form))
    ):
        try:
            entry = entry_save(
                by=request.user,
                cycle=cycle,
                collaboration=chosen,
                submit=submit,
                **form.cleaned_data,
            )
        except AwardsError as error:
            form.add_error(None, str(error))
        else:
            if entry.status == Entry.Status.SUBMITTED:
                messages.success(
                    request,
                    _(
                        "Your entry is submitted and we e-mailed you a confirmation. Add "
                        "evidence, or change it, until the deadline."
                    ),
                )
            else:
                messages.success(
                    request,
                    _(
                        "Your draft is saved. Add evidence below, then submit it before the "
                        "deadline: judges only see submitted entries."
                    ),
                )
            return redirect("awards:entry_edit", pk=entry.pk)
    context["form"] = form
    return render(request, "awards/entry_form.html", context)


# ---------------------------------------------------------------------------------------------
# One entry


def _award(entry: Entry):
    try:
        return entry.award
    except ObjectDoesNotExist:
        return None


def _entry_context(request, entry: Entry) -> dict:
    collaboration = collaboration_with_members(entry.collaboration_id)
    entry.collaboration = collaboration
    # The edit page sends whoever may not change the entry back to it, saying why: a
    # redirect with a reason, which a view decorator cannot give (awards.rules decides).
    can_change = may_change_entry(request.user, entry)
    cycle = entry.cycle
    published = cycle.is_published and entry.status == Entry.Status.SUBMITTED
    return {
        "entry": entry,
        "cycle": cycle,
        "collaboration": collaboration,
        "memberships": list(collaboration.memberships.all()),
        "evidence": list(entry.evidence.all()),
        "stages": list(cycle.stages.all()),
        "can_change": can_change,
        "badge": STATUS_BADGES.get(entry.status, "text-bg-secondary"),
        "published": published,
        "award": _award(entry) if published else None,
        "closed": not cycle.accepts_entries,
        "max_evidence": EVIDENCE_MAX_ITEMS,
    }


@require_http_methods(["GET"])
@permission_required("awards.view_entry", obj=_entry, denied=404)
def entry(request, pk: int):
    """The entry as the judges will read it, its status and what happens next."""
    entry = request.permission_object
    return render(request, "awards/entry.html", _entry_context(request, entry))


@require_http_methods(["GET", "POST"])
@permission_required("awards.view_entry", obj=_entry, denied=404)
def entry_edit(request, pk: int):
    """Change the entry and its evidence until the deadline (the current lead only); after
    it, or for anyone else who may see the entry, back to the read-only page, saying why."""
    entry = request.permission_object
    context = _entry_context(request, entry)
    if not context["can_change"]:
        if not leads_entry_collaboration(request.user, entry):
            messages.info(
                request, _("Only the lead teacher of the collaboration can change this entry.")
            )
        elif entry.status in (Entry.Status.WITHDRAWN, Entry.Status.DISQUALIFIED):
            messages.info(
                request,
                _("This entry is %(status)s: it can no longer be changed.")
                % {"status": entry.get_status_display().lower()},
            )
        else:
            messages.info(
                request,
                _(
                    "Entries are closed: your entry can no longer be changed. It is shown here "
                    "as the judges read it."
                ),
            )
        return redirect("awards:entry", pk=entry.pk)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    form = EntryForm(
        request.POST if action in ("save", SUBMIT) else None,
        cycle=entry.cycle,
        initial={
            "category": entry.category,
            "statement": entry.statement,
            "student_count": entry.student_count,
        },
    )
    evidence_form = EvidenceForm(
        request.POST if action == "evidence_add" else None,
        request.FILES if action == "evidence_add" else None,
    )
    if (
        action in ("save", SUBMIT)
        and form.is_valid()
        and not (action == SUBMIT and limited(request, "awards_entry_submit", form))
    ):
        try:
            entry = entry_save(
                by=request.user, entry=entry, submit=action == SUBMIT, **form.cleaned_data
            )
        except AwardsError as error:
            form.add_error(None, str(error))
        else:
            if action == SUBMIT and entry.status == Entry.Status.SUBMITTED:
                messages.success(
                    request,
                    _("Your entry is submitted and we e-mailed you a confirmation."),
                )
            else:
                messages.success(request, _("Your changes are saved."))
            return redirect("awards:entry", pk=entry.pk)
    elif action == "evidence_add" and evidence_form.is_valid():
        try:
            evidence_add(entry=entry, by=request.user, **evidence_form.cleaned_data)
        except AwardsError as error:
            evidence_form.add_error(None, str(error))
        else:
            messages.success(request, _("The evidence is added."))
            return redirect(reverse("awards:entry_edit", args=[entry.pk]) + "#evidence")
    elif action == "evidence_remove":
        evidence_id = request.POST.get("evidence", "")
        evidence = evidence_of(entry=entry, pk=evidence_id)
        if evidence is None:
            raise Http404
        try:
            evidence_remove(evidence=evidence, by=request.user)
        except AwardsError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("“%(title)s” is removed.") % {"title": evidence.title})
        return redirect(reverse("awards:entry_edit", args=[entry.pk]) + "#evidence")
    return render(
        request,
        "awards/entry_form.html",
        {
            **context,
            "form": form,
            "evidence_form": evidence_form,
            "editing": True,
            "chosen": context["collaboration"],
        },
    )


@require_POST
@permission_required("awards.view_entry", obj=_entry, denied=404)
def entry_withdraw(request, pk: int):
    """The lead withdraws the entry before the deadline; the collaboration may enter again."""
    entry = request.permission_object
    try:
        withdraw_entry(entry=entry, by=request.user)
    except AwardsError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Your entry is withdrawn. You may enter the collaboration again until the deadline."),
        )
    return redirect("awards:entry", pk=entry.pk)


# ---------------------------------------------------------------------------------------------
# Staff


def _render_staff_list(request, cycle: AwardCycle, disqualify_form=None, status=200):
    filters = EntryFilterForm(request.GET or None, cycle=cycle)
    page = Paginator(entries_for_staff(cycle=cycle, **filters.filters()), PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = list(page.object_list)
    can_disqualify = disqualifiable_statuses(cycle)
    for row in rows:
        countries = {}
        for membership in row.collaboration.memberships.all():
            countries[membership.school.country_id] = membership.school.country
        row.countries = sorted(countries.values(), key=lambda c: (c.region, c.name))
        row.regions = sorted({c.get_region_display() for c in row.countries})
        row.recheck = recheck(row) if row.status == Entry.Status.SUBMITTED else []
        row.badge = STATUS_BADGES.get(row.status, "text-bg-secondary")
        row.can_disqualify = row.status in can_disqualify
    return render(
        request,
        "awards/staff/entries.html",
        {
            "cycle": cycle,
            "page": page,
            "rows": rows,
            "filters": filters,
            "totals": entry_totals(cycle),
            "disqualify_form": disqualify_form,
        },
        status=status,
    )


@permission_required("awards.manage_cycles")
@require_http_methods(["GET", "POST"])
def staff_entries(request, number: int):
    """A cycle's entries: collaboration, lead, countries and regions, category, students,
    status, a flag where eligibility no longer holds; staff may disqualify one with a reason."""
    cycle = cycle_by_number(number)
    if request.method == "GET":
        return _render_staff_list(request, cycle)
    form = DisqualifyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed: give the reason for disqualifying."))
        return _render_staff_list(request, cycle, form, status=400)
    entry = entry_of_cycle(cycle=cycle, pk=form.cleaned_data["entry"])
    try:
        entry_disqualify(
            entry=entry,
            by=request.user,
            reason=form.cleaned_data["reason"],
            notify=form.cleaned_data["notify"],
        )
    except AwardsError as error:
        messages.error(request, str(error))
    else:
        if cycle.is_published:
            message = _(
                "“%(name)s” is disqualified and the published results are amended: the reason "
                "is shown on the public page."
            )
        else:
            message = _("“%(name)s” is disqualified; the reason is recorded in its history.")
        messages.success(request, message % {"name": entry.collaboration})
    url = reverse("awards_staff:entries", args=[number])
    query = request.GET.urlencode()
    return redirect(f"{url}?{query}" if query else url)


def _evidence(request, pk: int) -> Evidence:
    try:
        return evidence_with_entry(pk)
    except Evidence.DoesNotExist:
        raise Http404 from None


@require_GET
@permission_required("awards.view_evidence", obj=_evidence, denied=404)
def evidence_file(request, pk: int):
    """An evidence file, for the entry's submitter and lead, its judges and staff; 404 for
    anyone else, never cached on the way."""
    evidence = request.permission_object
    if not evidence.file:
        raise Http404
    return private_file_response(evidence.file)
