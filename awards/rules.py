"""Who may do what with the Awards, readable in one file.

Staff run the cycles. A cycle is public once it leaves draft. An entry is seen by the teacher
who entered it, the collaboration's current lead (collaborations.rules.is_main_lead: the lead,
not the co-leads) and staff; only the current lead changes it, while the cycle takes entries.
A scorecard belongs to its active judge alone; a judge declares their own conflicts; an
entrant reads the judges' feedback once the results are published.

The objects come from the views' selectors (`request.permission_object`); every predicate
reads what they already loaded, so a check adds no query beyond the membership it needs.
"""

import rules

from collaborations.rules import is_main_lead
from core.roles import is_asef_staff
from teachers.rules import is_teacher

from .models import AwardCycle, CycleJudge
from .selectors.entries import entry_editable


@rules.predicate
def is_public_cycle(user, cycle) -> bool:
    """The cycle has left draft: its call (and later its results) is public."""
    return cycle is not None and cycle.status != AwardCycle.Status.DRAFT


@rules.predicate
def is_entry_submitter(user, entry) -> bool:
    return entry is not None and user.is_authenticated and entry.submitted_by.user_id == user.pk


@rules.predicate
def leads_entry_collaboration(user, entry) -> bool:
    """The entry's collaboration's current lead (the one who may change it)."""
    return entry is not None and is_main_lead(user, entry.collaboration)


@rules.predicate
def is_editable_entry(user, entry) -> bool:
    return entry is not None and entry_editable(entry)


@rules.predicate
def is_published_entry(user, entry) -> bool:
    return entry is not None and entry.cycle.is_published


@rules.predicate
def is_assignment_judge(user, assignment) -> bool:
    """The assignment's own judge, still active on the panel."""
    return (
        assignment is not None
        and user.is_authenticated
        and assignment.judge.user_id == user.pk
        and assignment.judge.status == CycleJudge.Status.ACTIVE
    )


@rules.predicate
def is_the_active_judge(user, judge) -> bool:
    """`judge` (a CycleJudge) is this user's active judgeship."""
    return (
        judge is not None
        and user.is_authenticated
        and judge.user_id == user.pk
        and judge.status == CycleJudge.Status.ACTIVE
    )


@rules.predicate
def is_invited_person(user, judge) -> bool:
    """The addressee of a judge's invitation."""
    return judge is not None and user.is_authenticated and judge.user_id == user.pk


# Staff: set-up, entries list, judges and assignments, results and publication.
@rules.predicate
def may_see_evidence_entry(user, evidence) -> bool:
    """Those who see the entry: its submitter, its collaboration's lead."""
    return evidence is not None and (
        is_entry_submitter(user, evidence.entry) or leads_entry_collaboration(user, evidence.entry)
    )


@rules.predicate
def judges_evidence_entry(user, evidence) -> bool:
    """An active judge with an assignment for the evidence's entry."""
    return (
        evidence is not None
        and user.is_authenticated
        and evidence.entry.assignments.filter(
            judge__user=user, judge__status=CycleJudge.Status.ACTIVE
        ).exists()
    )


rules.add_perm("awards.manage_cycles", is_asef_staff)
# Signed in: the judge's dashboard says itself when there is nothing to judge.
rules.add_perm("awards.view_judging", rules.is_authenticated)
# Teachers enter (eligibility, with its reasons, is checked on the collaboration chosen).
rules.add_perm("awards.enter", is_teacher)
rules.add_perm("awards.view_cycle", is_asef_staff | is_public_cycle)
rules.add_perm("awards.view_entry", is_asef_staff | is_entry_submitter | leads_entry_collaboration)
rules.add_perm("awards.change_entry", leads_entry_collaboration & is_editable_entry)
rules.add_perm("awards.view_feedback", (is_entry_submitter | is_asef_staff) & is_published_entry)
rules.add_perm("awards.score_assignment", is_assignment_judge)
# An evidence file: the entry's submitter and lead, the judges assigned to it, staff.
rules.add_perm(
    "awards.view_evidence", is_asef_staff | may_see_evidence_entry | judges_evidence_entry
)
rules.add_perm("awards.declare_conflicts", is_the_active_judge)
rules.add_perm("awards.answer_invitation", is_invited_person)


def may_change_entry(user, entry) -> bool:
    """For the entry's pages: whether to offer editing (the edit page sends others back to the
    entry with the reason, which a 403 could not give)."""
    return user.has_perm("awards.change_entry", entry)
