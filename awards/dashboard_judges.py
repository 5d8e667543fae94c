"""The "Judging" panel of My ClassNet (registered in AwardsConfig.ready): how many entries the
judge still has to score in each cycle with an open stage, the nearest deadline, and the way
to the judging dashboard. Nothing for people who are not active judges."""

from .selectors.scorecards import judge_panel


def judging_panel(request) -> dict | None:
    """Two queries for a judge (their judgeships, and the counts per open stage); one for
    anyone else. None when the person is not an active judge of any cycle."""
    return judge_panel(request.user)
