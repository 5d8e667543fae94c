"""The "ClassNet Awards" panel of My ClassNet (registered in AwardsConfig.ready): the teacher's
entries with their status and next step, and a call to enter while a cycle accepts entries and
they lead a collaboration that may enter it."""

from django.db.models import Q

from collaborations.models import Membership

from .models import AwardCycle, Entry
from .selectors.entries import check_eligibility, entered_collaboration_ids, led_collaborations

RECENT_ENTRIES = 5


def awards_panel(request) -> dict | None:
    """Entries the teacher made or that belong to collaborations they lead (newest cycle
    first; withdrawn ones left out), and the open cycles with the collaborations they could
    enter now. A fixed number of queries: entries, open cycles, and for each open cycle the
    led collaborations' eligibility (in practice there is one open cycle).
    None without a teacher profile, and when there is nothing to show."""
    profile = getattr(request.user, "teacher_profile", None)
    if profile is None:
        return None
    entries = list(
        Entry.objects.filter(
            Q(submitted_by=profile)
            | Q(
                collaboration__memberships__teacher=profile,
                collaboration__memberships__role=Membership.Role.LEAD,
            )
        )
        .exclude(status=Entry.Status.WITHDRAWN)
        .select_related("cycle__edition", "collaboration", "category")
        .distinct()
        .order_by("-cycle__edition__number", "-pk")[:RECENT_ENTRIES]
    )
    calls = []
    if profile.is_verified:
        open_cycles = [
            cycle
            for cycle in AwardCycle.objects.filter(status=AwardCycle.Status.OPEN).select_related(
                "edition"
            )
            if cycle.accepts_entries
        ]
        led = list(led_collaborations(profile)) if open_cycles else []
        for cycle in open_cycles:
            entered = entered_collaboration_ids(cycle)
            eligible = [
                c
                for c in led
                if check_eligibility(
                    cycle=cycle, collaboration=c, profile=profile, entered_ids=entered
                ).ok
            ]
            if eligible:
                calls.append({"cycle": cycle, "collaborations": eligible})
    if not entries and not calls:
        return None
    return {"entries": entries, "calls": calls}
