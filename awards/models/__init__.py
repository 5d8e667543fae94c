"""The ClassNet Awards: one cycle per edition; entries; judges, conflicts and assignments per
stage; scorecards; results published by staff.

Every score belongs to one stage's assignment: the final never overwrites the shortlist.
A judge's scorecard is a draft until submitted, then locked.

A module per aggregate (cycles, entries, judges, scorecards, results); this package re-exports
every name, so `from awards.models import Entry` works for the app, Django and the migrations.
"""

from .cycles import AwardCategory, AwardCycle, AwardLevel, Criterion, Stage, TieBreak
from .entries import Entry, Evidence, evidence_path
from .judges import Conflict, CycleJudge, new_token
from .results import Award, ChairDecision
from .scorecards import Assignment, AssignmentNotice, Score

__all__ = [
    "Assignment",
    "AssignmentNotice",
    "Award",
    "AwardCategory",
    "AwardCycle",
    "AwardLevel",
    "ChairDecision",
    "Conflict",
    "Criterion",
    "CycleJudge",
    "Entry",
    "Evidence",
    "Score",
    "Stage",
    "TieBreak",
    "evidence_path",
    "new_token",
]
