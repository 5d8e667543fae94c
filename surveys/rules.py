"""Who may do what with surveys, readable in one file.

Staff build, run and read surveys; a signed-in person reaches a published survey's page, which
itself says whether they were invited (the page explains whom the survey is for, with a 403)."""

import rules

from core.roles import is_asef_staff

from .models import Survey


@rules.predicate
def is_published(user, survey) -> bool:
    """The survey was opened (open or closed): drafts are for staff's eyes only."""
    return survey is not None and survey.status != Survey.Status.DRAFT


# The staff list and a new survey.
rules.add_perm("surveys.manage_surveys", is_asef_staff)
# One survey: its hub, set-up, sections and questions, opening, reminding, closing.
rules.add_perm("surveys.manage_survey", is_asef_staff)
# One survey's results and their anonymised export.
rules.add_perm("surveys.view_results", is_asef_staff)
# The person's own invitations (My surveys).
rules.add_perm("surveys.view_own_invitations", rules.is_authenticated)
# A published survey's page (answer it, or read why not).
rules.add_perm("surveys.view_survey", rules.is_authenticated & is_published)
