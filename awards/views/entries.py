"""Awards pages of the entries: the lead teacher enters a collaboration (choosing among those
they lead, each shown eligible or with why not), edits it and its evidence until the deadline,
withdraws it; staff list a cycle's entries and disqualify one with a reason.

The entry page is for the teacher who entered it, the collaboration's current lead and staff;
everyone else gets a 404 (judges score through their scorecards, never here)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from collaborations.models import Collaboration, Membership
from teachers.views_staff import staff_only

from ..errors import AwardsError
from ..forms.entries import SUBMIT, DisqualifyForm, EntryFilterForm, EntryForm, EvidenceForm
from ..models import AwardCycle, Entry, Evidence
from ..selectors.entries import (
    check_eligibility,
    disqualifiable_statuses,
    entered_collaboration_ids,
    entries_for_staff,
    entry_editable,
    entry_is_visible_to,
    led_collaborations,
    memberships_prefetch,
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
    """A cycle teachers may see: any but drafts (staff see drafts too)."""
    cycles = AwardCycle.objects.select_related("edition")
    if not request.user.has_perm("awards.manage_cycles"):
        cycles = cycles.exclude(status=AwardCycle.Status.DRAFT)
    return get_object_or_404(cycles, edition__number=number)


def _member_students(collaboration: Collaboration) -> int:
    return sum(m.student_count for m in collaboration.memberships.all())


# ---------------------------------------------------------------------------------------------
# Enter


@require_http_methods(["GET", "POST"])
@login_required
def entry_create(request, number: int):
    """Choose one of the collaborations you lead (each shown eligible, or why not), then write
    the entry; save it as a draft or submit it."""
    cycle = _cycle(request, number)
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
    existing = {
        e.collaboration_id: e
        for e in Entry.objects.filter(cycle=cycle, collaboration__in=led).exclude(
            status=Entry.Status.WITHDRAWN
        )
    }
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
        chosen = get_object_or_404(
            Collaboration.objects.public().prefetch_related(memberships_prefetch()), pk=chosen_pk
        )
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
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == SUBMIT
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


def _entry_or_404(request, pk: int) -> Entry:
    entry = get_object_or_404(
        Entry.objects.select_related(
            "cycle__edition", "collaboration", "category", "submitted_by__user"
        ),
        pk=pk,
    )
    if not entry_is_visible_to(entry, request.user):
        raise Http404
    return entry


def _is_current_lead(entry: Entry, user) -> bool:
    profile = getattr(user, "teacher_profile", None)
    return profile is not None and any(
        m.teacher_id == profile.pk and m.role == Membership.Role.LEAD
        for m in entry.collaboration.memberships.all()
    )


def _award(entry: Entry):
    try:
        return entry.award
    except ObjectDoesNotExist:
        return None


def _entry_context(request, entry: Entry) -> dict:
    collaboration = Collaboration.objects.prefetch_related(memberships_prefetch()).get(
        pk=entry.collaboration_id
    )
    entry.collaboration = collaboration
    can_change = entry_editable(entry) and _is_current_lead(entry, request.user)
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
        "is_staff": request.user.has_perm("awards.manage_cycles"),
        "badge": STATUS_BADGES.get(entry.status, "text-bg-secondary"),
        "published": published,
        "award": _award(entry) if published else None,
        "closed": not cycle.accepts_entries,
        "max_evidence": EVIDENCE_MAX_ITEMS,
    }


@require_http_methods(["GET"])
@login_required
def entry(request, pk: int):
    """The entry as the judges will read it, its status and what happens next."""
    entry = _entry_or_404(request, pk)
    return render(request, "awards/entry.html", _entry_context(request, entry))


@require_http_methods(["GET", "POST"])
@login_required
def entry_edit(request, pk: int):
    """Change the entry and its evidence until the deadline (the current lead only); after
    it, or for anyone else who may see the entry, back to the read-only page, saying why."""
    entry = _entry_or_404(request, pk)
    context = _entry_context(request, entry)
    if not context["can_change"]:
        if not _is_current_lead(entry, request.user):
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
    if action in ("save", SUBMIT) and form.is_valid():
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
        evidence = (
            Evidence.objects.filter(entry=entry, pk=int(evidence_id)).first()
            if evidence_id.isdigit()
            else None
        )
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
@login_required
def entry_withdraw(request, pk: int):
    """The lead withdraws the entry before the deadline; the collaboration may enter again."""
    entry = _entry_or_404(request, pk)
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
    totals = dict(
        Entry.objects.filter(cycle=cycle).values_list("status").annotate(n=Count("pk")).order_by()
    )
    students = (
        Entry.objects.filter(cycle=cycle, status=Entry.Status.SUBMITTED).aggregate(
            n=Sum("student_count")
        )["n"]
        or 0
    )
    return render(
        request,
        "awards/staff/entries.html",
        {
            "cycle": cycle,
            "page": page,
            "rows": rows,
            "filters": filters,
            "totals": {
                "submitted": totals.get(Entry.Status.SUBMITTED, 0),
                "draft": totals.get(Entry.Status.DRAFT, 0),
                "withdrawn": totals.get(Entry.Status.WITHDRAWN, 0),
                "disqualified": totals.get(Entry.Status.DISQUALIFIED, 0),
                "students": students,
            },
            "disqualify_form": disqualify_form,
        },
        status=status,
    )


@staff_only
@require_http_methods(["GET", "POST"])
def staff_entries(request, number: int):
    """A cycle's entries: collaboration, lead, countries and regions, category, students,
    status, a flag where eligibility no longer holds; staff may disqualify one with a reason."""
    cycle = get_object_or_404(AwardCycle.objects.select_related("edition"), edition__number=number)
    if request.method == "GET":
        return _render_staff_list(request, cycle)
    form = DisqualifyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed: give the reason for disqualifying."))
        return _render_staff_list(request, cycle, form, status=400)
    entry = get_object_or_404(Entry, cycle=cycle, pk=form.cleaned_data["entry"])
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
