"""Who may do what at the conferences, readable in one file. Predicates combine with & and |.

Staff run editions: their details and programme, the selection of participants, the
participants' list, export and check-in, and the e-mail texts. A verified teacher applies to an
edition; the applicant withdraws their own application; a participant (an application holding a
place) chooses workshops and downloads their own programme and certificate. Waitlist offers are
answered through the link in the e-mail (its token is the credential): that page is public.

The objects: an Edition for the edition's pages, an Application for withdrawing it and for its
certificate.
"""

import rules

from core.roles import is_asef_staff
from teachers.rules import is_verified_teacher

from .models import Application, Edition
from .selectors.workshops import participant_application


@rules.predicate
def is_own_application(user, application: Application | None) -> bool:
    """The application is the user's own (their teacher profile applied)."""
    return (
        application is not None and user.is_authenticated and application.teacher.user_id == user.pk
    )


@rules.predicate
def is_own_certificate(user, application: Application | None) -> bool:
    """The user's own application, asked for as their own (not chosen by its id: choosing
    whose certificate to download is for staff)."""
    return is_own_application(user, application) and not getattr(application, "chosen_by_pk", False)


@rules.predicate
def is_participant(user, edition: Edition | None) -> bool:
    """The user's application to the edition holds a place (approved or attended). The page's
    selector may have looked it up already (`edition.participant_application`)."""
    if edition is None or not user.is_authenticated:
        return False
    if not hasattr(edition, "participant_application"):
        edition.participant_application = participant_application(edition=edition, user=user)
    return edition.participant_application is not None


@rules.predicate
def is_published(user, edition: Edition | None) -> bool:
    """Anyone may know of an edition once it is no longer a draft."""
    return edition is not None and edition.status != Edition.Status.DRAFT


# The public side: drafts are for staff only.
rules.add_perm("conferences.see_edition", is_published | is_asef_staff)
# Applying: only teachers whose school affiliation staff have verified.
rules.add_perm("conferences.apply_to_edition", is_verified_teacher)
rules.add_perm("conferences.withdraw_application", is_own_application)
# Participants: workshops, their own programme, their certificate (staff fetch anyone's).
rules.add_perm("conferences.choose_workshops", is_participant)
rules.add_perm("conferences.view_own_programme", is_participant)
rules.add_perm("conferences.download_certificate", is_own_certificate | is_asef_staff)

# The staff area.
rules.add_perm("conferences.manage_editions", is_asef_staff)
rules.add_perm("conferences.manage_edition", is_asef_staff)
rules.add_perm("conferences.select_participants", is_asef_staff)
rules.add_perm("conferences.manage_participants", is_asef_staff)
