"""Reads of entries: who may enter which collaboration (eligibility, with the reasons when
not), what still holds of an entry for staff, the staff list, and the entries with their
schools that results and winners lists show.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from collaborations.models import Collaboration, Membership
from collaborations.selectors.collaborations import bi_regional
from schools.models import Region
from teachers.models import TeacherProfile, User

from ..models import AwardCycle, Entry, Evidence


@dataclass(frozen=True)
class Eligibility:
    """Whether `collaboration` may be entered now, and if not, every reason, for the teacher."""

    collaboration: Collaboration
    reasons: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.reasons


def memberships_prefetch() -> Prefetch:
    """What eligibility and bi_regional read: every membership with its school's country."""
    return Prefetch(
        "memberships",
        queryset=Membership.objects.select_related("school__country", "teacher"),
    )


def led_collaborations(profile: TeacherProfile | None) -> QuerySet[Collaboration]:
    """The collaborations this teacher leads (not drafts), memberships prefetched: 2 queries."""
    if profile is None:
        return Collaboration.objects.none()
    return (
        Collaboration.objects.public()
        .filter(memberships__teacher=profile, memberships__role=Membership.Role.LEAD)
        .prefetch_related(memberships_prefetch())
        .order_by("-created_at", "-pk")
        .distinct()
    )


def _lead_membership(collaboration: Collaboration) -> Membership | None:
    return next(
        (m for m in collaboration.memberships.all() if m.role == Membership.Role.LEAD), None
    )


def _is_lead(collaboration: Collaboration, profile: TeacherProfile | None) -> bool:
    lead = _lead_membership(collaboration)
    return profile is not None and lead is not None and lead.teacher_id == profile.pk


def _status_reason(cycle: AwardCycle, collaboration: Collaboration) -> str | None:
    allowed = []
    if cycle.accept_running:
        allowed.append(Collaboration.Status.RUNNING)
    if cycle.accept_completed:
        allowed.append(Collaboration.Status.COMPLETED)
    if collaboration.status in allowed:
        return None
    if not allowed:
        return _("The %(cycle)s does not take collaborations of any status.") % {"cycle": cycle}
    wanted = {
        (Collaboration.Status.RUNNING,): _("only running collaborations can enter"),
        (Collaboration.Status.COMPLETED,): _("only completed collaborations can enter"),
    }.get(tuple(allowed), _("only running or completed collaborations can enter"))
    hint = ""
    if collaboration.status in (Collaboration.Status.DRAFT, Collaboration.Status.OPEN):
        hint = " " + _("Start the work with your partners first, then enter.")
    return (
        _("This collaboration is “%(status)s”: %(wanted)s.")
        % {"status": collaboration.get_status_display(), "wanted": wanted}
        + hint
    )


def _bi_regional_reason(collaboration: Collaboration) -> str | None:
    result = bi_regional(collaboration)
    if result.ok:
        return None
    if not result.regions:
        return _(
            "This collaboration has no member schools yet: the Awards are for collaborations "
            "between Asia and Europe."
        )
    present = " " + _("and") + " "
    present = present.join(str(Region(r).label) for r in sorted(result.regions))
    missing = result.missing
    if missing:
        return _(
            "This collaboration has member schools only in %(present)s: the Awards are for "
            "collaborations between Asia and Europe. Invite a partner school from %(missing)s "
            "first."
        ) % {"present": present, "missing": missing}
    return _(  # pragma: no cover - both regions present means two countries
        "The Awards are for collaborations between schools of at least two countries."
    )


def window_reason(cycle: AwardCycle) -> str | None:
    if cycle.accepts_entries:
        return None
    now = timezone.now()
    if (
        cycle.status == AwardCycle.Status.OPEN
        and cycle.entries_open_at
        and now < cycle.entries_open_at
    ):
        return _("Entries to the %(cycle)s open on %(when)s.") % {
            "cycle": cycle,
            "when": date_format(timezone.localtime(cycle.entries_open_at), "j M Y, H:i T"),
        }
    if cycle.entries_close_at and now >= cycle.entries_close_at:
        return _("Entries to the %(cycle)s closed on %(when)s.") % {
            "cycle": cycle,
            "when": date_format(timezone.localtime(cycle.entries_close_at), "j M Y, H:i T"),
        }
    return _("The %(cycle)s is not accepting entries now.") % {"cycle": cycle}


def check_eligibility(
    *,
    cycle: AwardCycle,
    collaboration: Collaboration,
    profile: TeacherProfile | None,
    entered_ids: set[int] | None = None,
    ignore_entry: Entry | None = None,
) -> Eligibility:
    """Every reason why `profile` may not enter `collaboration` in `cycle` now (none: it may).

    Reads the collaboration's prefetched memberships (led_collaborations fetches them).
    `entered_ids`: the ids of the collaborations with an active entry in the cycle, when the
    caller checks many at once (one query for all); otherwise it is queried here.
    `ignore_entry`: the entry being submitted, which does not count as a duplicate of itself.
    """
    reasons = []
    if profile is None or not profile.is_verified:
        reasons.append(
            _(
                "Only teachers whose school staff have verified can enter the Awards. "
                "Complete your profile in My ClassNet; staff will verify it."
            )
        )
    if not _is_lead(collaboration, profile):
        reasons.append(_("Only the lead teacher of a collaboration can enter it."))
    window = window_reason(cycle)
    if window:
        reasons.append(window)
    status = _status_reason(cycle, collaboration)
    if status:
        reasons.append(status)
    if cycle.require_bi_regional:
        regional = _bi_regional_reason(collaboration)
        if regional:
            reasons.append(regional)
    if entered_ids is None:
        active = Entry.objects.filter(cycle=cycle, collaboration=collaboration).exclude(
            status=Entry.Status.WITHDRAWN
        )
        if ignore_entry is not None:
            active = active.exclude(pk=ignore_entry.pk)
        duplicate = active.exists()
    else:
        duplicate = collaboration.pk in entered_ids
    if duplicate:
        reasons.append(
            _("This collaboration is already entered in the %(cycle)s.") % {"cycle": cycle}
        )
    return Eligibility(collaboration=collaboration, reasons=reasons)


def entered_collaboration_ids(cycle: AwardCycle) -> set[int]:
    return set(
        Entry.objects.filter(cycle=cycle)
        .exclude(status=Entry.Status.WITHDRAWN)
        .values_list("collaboration_id", flat=True)
    )


def recheck(entry: Entry) -> list[str]:
    """For staff: what no longer holds of an entry's eligibility (the collaboration lost its
    Asian partner, the submitter is no longer its lead, its status changed). The window and
    the duplicate rule are not re-checked. Reads prefetched memberships."""
    cycle, collaboration = entry.cycle, entry.collaboration
    reasons = []
    lead = _lead_membership(collaboration)
    if lead is None or lead.teacher_id != entry.submitted_by_id:
        reasons.append(_("The teacher who entered it no longer leads the collaboration."))
    status = _status_reason(cycle, collaboration)
    if status:
        reasons.append(status)
    if cycle.require_bi_regional:
        regional = _bi_regional_reason(collaboration)
        if regional:
            reasons.append(regional)
    return reasons


def entries_for_staff(*, cycle: AwardCycle, status: str | None = None, category=None):
    """A cycle's entries with what the list shows, in a fixed number of queries."""
    entries = (
        Entry.objects.filter(cycle=cycle)
        .select_related("collaboration", "category", "submitted_by__user", "cycle__edition")
        .prefetch_related(
            Prefetch(
                "collaboration__memberships",
                queryset=Membership.objects.select_related("school__country"),
            )
        )
        .annotate(evidence_count=Count("evidence", distinct=True))
        .order_by("-submitted_at", "-pk")
    )
    if status:
        entries = entries.filter(status=status)
    if category is not None:
        entries = entries.filter(category=category)
    return entries


def profile_of(user: User) -> TeacherProfile | None:
    return TeacherProfile.objects.filter(user=user).first() if user.is_authenticated else None


def entry_editable(entry: Entry) -> bool:
    """An entry can be changed (edited, given evidence, withdrawn) while the cycle accepts
    entries and the entry is a draft or submitted."""
    return entry.cycle.accepts_entries and entry.status in (
        Entry.Status.DRAFT,
        Entry.Status.SUBMITTED,
    )


def disqualifiable_statuses(cycle: AwardCycle) -> tuple[str, ...]:
    """Which entries staff may disqualify: drafts and submitted entries; once the results are
    published, only submitted ones (a draft was never judged: there is nothing to amend)."""
    if cycle.is_published:
        return (Entry.Status.SUBMITTED,)
    return (Entry.Status.DRAFT, Entry.Status.SUBMITTED)


def entries_with_schools(
    queryset: QuerySet[Entry] | None = None, *, schools_by_country: bool = False
) -> QuerySet[Entry]:
    """Entries (all, or those of `queryset`) with what a results row, a winners list or an
    assignment board shows: collaboration, category, who submitted it, and the member schools
    with their countries (in the order they joined, or by country then school for the judges'
    boards). One query and one prefetch."""
    entries = Entry.objects.all() if queryset is None else queryset
    memberships = Membership.objects.select_related("school__country", "teacher__user")
    if schools_by_country:
        memberships = memberships.order_by("school__country__name", "school__name")
    return entries.select_related(
        "collaboration", "category", "submitted_by__user", "submitted_by__school__country"
    ).prefetch_related(Prefetch("collaboration__memberships", queryset=memberships))


def entry_for_feedback() -> QuerySet[Entry]:
    """Entries with what the feedback page shows (the award and its level included)."""
    return Entry.objects.select_related(
        "cycle__edition", "collaboration", "category", "submitted_by", "award__level"
    )


def entry_for_page() -> QuerySet[Entry]:
    """Entries with what the entry pages and their permission read."""
    return Entry.objects.select_related(
        "cycle__edition", "collaboration", "category", "submitted_by__user"
    )


def entries_not_withdrawn(*, cycle: AwardCycle, collaborations) -> dict[int, Entry]:
    """Per collaboration pk, its entry in the cycle that is not withdrawn."""
    return {
        e.collaboration_id: e
        for e in Entry.objects.filter(cycle=cycle, collaboration__in=collaborations).exclude(
            status=Entry.Status.WITHDRAWN
        )
    }


def collaboration_to_enter(pk: int) -> Collaboration:
    """A public collaboration with its memberships (what eligibility reads); a 404 if none."""
    return get_object_or_404(
        Collaboration.objects.public().prefetch_related(memberships_prefetch()), pk=pk
    )


def collaboration_with_members(pk: int) -> Collaboration:
    return Collaboration.objects.prefetch_related(memberships_prefetch()).get(pk=pk)


def evidence_with_entry(pk: int) -> Evidence:
    """A piece of evidence with its entry, collaboration and submitter (for who may see it).
    Raises Evidence.DoesNotExist."""
    return Evidence.objects.select_related("entry__collaboration", "entry__submitted_by").get(pk=pk)


def evidence_of(*, entry: Entry, pk: str):
    """The entry's evidence item `pk` (a posted string), or None."""
    return Evidence.objects.filter(entry=entry, pk=int(pk)).first() if pk.isdigit() else None


def entry_of_cycle(*, cycle: AwardCycle, pk: int) -> Entry:
    return get_object_or_404(Entry, cycle=cycle, pk=pk)


def entry_totals(cycle: AwardCycle) -> dict:
    """The staff list's totals: entries per status and the students of submitted ones."""
    totals = dict(
        Entry.objects.filter(cycle=cycle).values_list("status").annotate(n=Count("pk")).order_by()
    )
    students = (
        Entry.objects.filter(cycle=cycle, status=Entry.Status.SUBMITTED).aggregate(
            n=Sum("student_count")
        )["n"]
        or 0
    )
    return {
        "submitted": totals.get(Entry.Status.SUBMITTED, 0),
        "draft": totals.get(Entry.Status.DRAFT, 0),
        "withdrawn": totals.get(Entry.Status.WITHDRAWN, 0),
        "disqualified": totals.get(Entry.Status.DISQUALIFIED, 0),
        "students": students,
    }
