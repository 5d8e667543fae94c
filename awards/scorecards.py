"""A judge's scorecards: save as draft, submit (then locked), reminders (in progress)."""


def remind_judges_due() -> int:
    """Queue one reminder per judge with unfinished assignments in a stage closing soon;
    returns how many were queued. Safe to run twice."""
    return 0
