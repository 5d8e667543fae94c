"""Judges of an award cycle: invitations, conflicts of interest and the assignment of entries
to judges for a stage, automatic and by hand.

Conflicts come from two places. Found from the data (never stored, computed by
conflicts_for in a fixed number of queries): the judge's school is a member school of the
entry's collaboration, the judge teaches in it, or, when the cycle says so, the judge's
country is one of the collaboration's countries. Declared by the judge or added by staff: a
Conflict row. A conflicted judge is never assigned; a conflict declared after assignment
removes the unsubmitted assignment, and the entry then shows as short of judges.

Automatic assignment (assign_stage) gives each entry of a stage k = cycle.judges_per_entry
active judges: never a conflicted one; loads within one of each other (counting this stage
only); at least one judge from Asia and one from Europe per entry where the panel allows.
Existing assignments are kept and only the missing ones filled, so running it again is safe.
Given the same data it gives the same result (ties are broken by an order seeded by the
stage). See _Planner for the steps.
"""

from .assignment import (
    AssignmentReport,
    Board,
    BoardRow,
    assign_stage,
    assignment_add,
    assignment_board,
    assignment_remove,
)
from .panel import (
    InviteResult,
    conflict_add,
    conflicts_declare,
    invitation_accept,
    invitation_decline,
    judge_by_token,
    judge_make_chair,
    judge_reinvite,
    judge_remove,
    judges_invite,
)
from .selectors import (
    conflicts_closed_reason,
    conflicts_for,
    entries_with_schools,
    entry_countries,
    judge_country,
    judge_regions,
    judged_entries,
    judges_for_staff,
    panel_frozen_reason,
)

__all__ = [
    "AssignmentReport",
    "Board",
    "BoardRow",
    "InviteResult",
    "assign_stage",
    "assignment_add",
    "assignment_board",
    "assignment_remove",
    "conflict_add",
    "conflicts_closed_reason",
    "conflicts_declare",
    "conflicts_for",
    "entries_with_schools",
    "entry_countries",
    "invitation_accept",
    "invitation_decline",
    "judge_by_token",
    "judge_country",
    "judge_make_chair",
    "judge_regions",
    "judge_reinvite",
    "judge_remove",
    "judged_entries",
    "judges_for_staff",
    "judges_invite",
    "panel_frozen_reason",
]
