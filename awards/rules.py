"""Who may do what with the Awards, readable in one file."""

import rules

from core.roles import is_asef_staff, is_judge

rules.add_perm("awards.manage_cycles", is_asef_staff)
rules.add_perm("awards.judge", is_judge)
