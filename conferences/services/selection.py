"""The staff's bulk decision on an edition's applications, which runs the same locked services
as a single decision (the reads of the applications page are in selectors/selection.py)."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teachers.models import User

from ..errors import ConferenceError
from ..models import Application, Edition
from .applications import application_approve, application_reject, application_waitlist

# --- the bulk decision -------------------------------------------------------------------------

APPROVE, WAITLIST, REJECT = "approve", "waitlist", "reject"
BULK_ACTIONS = (APPROVE, WAITLIST, REJECT)


@dataclass(frozen=True)
class Refusal:
    application_id: int
    name: str  # the teacher and school; blank for an id that is not the edition's
    message: str


@dataclass
class BulkResult:
    action: str
    done: list[Application] = field(default_factory=list)
    already: list[Application] = field(default_factory=list)  # in the decision's state already
    refused: list[Refusal] = field(default_factory=list)


S = Application.Status

# The states that already are what the decision would make (nothing to do, nothing refused).
ALREADY = {
    APPROVE: (S.APPROVED, S.ATTENDED),
    WAITLIST: (S.WAITLISTED,),
    REJECT: (S.REJECTED,),
}

# Why a row in this state cannot take the decision (the service refuses it too; saying so here
# names the state). Sentences: the page lists the teachers after them.
CANNOT = {
    (APPROVE, S.REJECTED): gettext_lazy(
        "A rejected application cannot be approved; the teacher may apply again."
    ),
    (APPROVE, S.WITHDRAWN): gettext_lazy(
        "A withdrawn application cannot be approved: the teacher took it back."
    ),
    (WAITLIST, S.APPROVED): gettext_lazy(
        "An approved teacher cannot be put on the waitlist: they hold a place."
    ),
    (WAITLIST, S.ATTENDED): gettext_lazy("A teacher who attended cannot be put on the waitlist."),
    (WAITLIST, S.REJECTED): gettext_lazy("A rejected application cannot be put on the waitlist."),
    (WAITLIST, S.WITHDRAWN): gettext_lazy(
        "A withdrawn application cannot be put on the waitlist: the teacher took it back."
    ),
    (REJECT, S.ATTENDED): gettext_lazy("A teacher who attended cannot be rejected."),
    (REJECT, S.WITHDRAWN): gettext_lazy(
        "A withdrawn application cannot be rejected: the teacher took it back."
    ),
}


def applications_decide_bulk(
    *,
    edition: Edition,
    application_ids: Iterable[int],
    action: str,
    by: User,
    reason: str = "",
) -> BulkResult:
    """Approve, waitlist or reject the chosen applications of `edition`, oldest application
    first, each through its own service (application_approve, application_waitlist,
    application_reject) exactly as if staff had decided them one by one.

    Deliberately not one transaction: each decision takes the edition's lock, counts the
    places, writes and commits on its own (and its e-mail is queued once it has committed), so
    the lock is held for one decision at a time and a concurrent approval elsewhere waits for
    one decision, not for the whole batch. Rows already in the decision's state are counted
    as `already` and left alone; rows in a state that cannot take the decision are refused
    saying why (CANNOT), without calling the service. What a service refuses (no places left,
    a quota full, a status changed meanwhile) is reported with its message; nothing of it
    changes. Ids that are not applications of this edition are refused, never touched.
    """
    if action not in BULK_ACTIONS:
        raise ConferenceError(_("Choose approve, waitlist or reject."))
    reason = reason.strip()
    if action == REJECT and not reason:
        raise ConferenceError(_("Say why, so that the teachers understand the decision."))
    wanted = list(dict.fromkeys(int(pk) for pk in application_ids))
    applications = list(
        Application.objects.filter(edition=edition, pk__in=wanted)
        .select_related("teacher__user", "school")
        .order_by("created_at", "pk")
    )
    result = BulkResult(action=action)
    found = {application.pk for application in applications}
    for pk in wanted:
        if pk not in found:
            result.refused.append(
                Refusal(
                    application_id=pk,
                    name="",
                    message=_("Not an application to this edition."),
                )
            )
    for application in applications:
        if application.status in ALREADY[action]:
            result.already.append(application)
            continue
        cannot = CANNOT.get((action, application.status))
        if cannot is not None:
            result.refused.append(_refusal(application, str(cannot)))
            continue
        try:
            if action == APPROVE:
                done = application_approve(application=application, by=by)
            elif action == WAITLIST:
                done = application_waitlist(application=application, by=by)
            else:
                done = application_reject(application=application, by=by, reason=reason)
        except ConferenceError as error:
            result.refused.append(_refusal(application, str(error)))
        else:
            result.done.append(done)
    return result


def _refusal(application: Application, message: str) -> Refusal:
    return Refusal(
        application_id=application.pk,
        name=teacher_and_school(application),
        message=message,
    )


def teacher_and_school(application: Application) -> str:
    return _("%(teacher)s (%(school)s)") % {
        "teacher": application.teacher.user,
        "school": application.school.name,
    }
