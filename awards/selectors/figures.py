"""Award figures the reports compose (the network statistics, the edition report, the staff
area's counts): each one query. Reads awards' own models only."""

from conferences.models import Edition

from ..models import Assignment, AwardCycle, Entry, Stage


def cycle_of_edition(*, edition: Edition) -> AwardCycle | None:
    """The edition's award cycle, or None when it had none."""
    return AwardCycle.objects.filter(edition=edition).first()


def submitted_entry_count() -> int:
    """Award entries submitted, over every cycle (drafts, withdrawn, disqualified left out)."""
    return Entry.objects.filter(status=Entry.Status.SUBMITTED).count()


def scorecards_to_submit_count() -> int:
    """Assignments of open stages whose judge has not submitted the scorecard yet."""
    return (
        Assignment.objects.filter(stage__status=Stage.Status.OPEN)
        .exclude(status=Assignment.Status.SUBMITTED)
        .count()
    )
