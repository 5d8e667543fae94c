"""Writes for a collaboration itself: propose it, edit its plan, move it along its statuses.

Every function is one action, keyword-only, in one transaction, audited, raising
CollaborationError with a message for the person who tried.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from conferences.models import Edition
from core.audit.services import audit_record
from schools.models import Language
from teachers.models import MAX_STUDENT_AGE, MIN_STUDENT_AGE, Subject, TeacherProfile, User

from ..errors import CollaborationError
from ..models import Collaboration, Membership, Theme
from ..selectors.memberships import partner_count
from ..signals import collaboration_status_changed
from .diary import diary_files_sync

MAX_MONTHS = 24


def _months_between(start: datetime.date, end: datetime.date) -> float:
    return (end - start).days / 30.44


def _check_plan(*, starts_on, ends_on, student_age_min, student_age_max, partner_schools_wanted):
    if ends_on <= starts_on:
        raise CollaborationError(_("The end must come after the start."))
    if _months_between(starts_on, ends_on) > MAX_MONTHS:
        raise CollaborationError(
            _("A collaboration runs for %(months)s months at most (3 to 12 is typical).")
            % {"months": MAX_MONTHS}
        )
    if not (MIN_STUDENT_AGE <= student_age_min <= student_age_max <= MAX_STUDENT_AGE):
        raise CollaborationError(
            _("Students' ages go from %(min)s to %(max)s, the youngest first.")
            % {"min": MIN_STUDENT_AGE, "max": MAX_STUDENT_AGE}
        )
    if not 1 <= partner_schools_wanted <= 20:
        raise CollaborationError(_("Ask for 1 to 20 partner schools."))


def themes_from_names(names: Iterable[str]) -> list[Theme]:
    """Free tags typed by teachers, matched case-insensitively to existing themes."""
    themes = []
    for name in {n.strip()[:60] for n in names if n.strip()}:
        slug = slugify(name)[:60]
        if not slug:
            continue
        theme, _created = Theme.objects.get_or_create(slug=slug, defaults={"name": name})
        themes.append(theme)
    return themes


def _lead_profile(user: User) -> TeacherProfile:
    profile = TeacherProfile.objects.select_related("school").filter(user=user).first()
    if profile is None or not profile.is_verified or profile.school is None:
        raise CollaborationError(
            _("Only teachers whose school staff have verified can do this. See My ClassNet.")
        )
    return profile


@transaction.atomic
def collaboration_propose(
    *,
    by: User,
    title: str,
    summary: str,
    description: str,
    subjects: Iterable[Subject],
    languages: Iterable[Language],
    theme_names: Iterable[str] = (),
    kind: str = Collaboration.Kind.ONLINE,
    student_age_min: int,
    student_age_max: int,
    ict_tools: str = "",
    starts_on: datetime.date,
    ends_on: datetime.date,
    partner_schools_wanted: int,
    wanted_region: str,
    student_count: int,
    publish: bool = False,
    initiated_at: Edition | None = None,
) -> Collaboration:
    """A verified teacher proposes a collaboration and leads it with their own school."""
    lead = _lead_profile(by)
    _check_plan(
        starts_on=starts_on,
        ends_on=ends_on,
        student_age_min=student_age_min,
        student_age_max=student_age_max,
        partner_schools_wanted=partner_schools_wanted,
    )
    collaboration = Collaboration(
        title=title.strip(),
        summary=summary.strip(),
        description=description.strip(),
        kind=kind,
        student_age_min=student_age_min,
        student_age_max=student_age_max,
        ict_tools=ict_tools.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        partner_schools_wanted=partner_schools_wanted,
        wanted_region=wanted_region,
        status=Collaboration.Status.OPEN if publish else Collaboration.Status.DRAFT,
        initiated_at=initiated_at,
        created_by=by,
    )
    collaboration.full_clean(validate_constraints=False)
    collaboration.save()
    collaboration.subjects.set(subjects)
    collaboration.languages.set(languages)
    collaboration.themes.set(themes_from_names(theme_names))
    Membership.objects.create(
        collaboration=collaboration,
        school=lead.school,
        teacher=lead,
        role=Membership.Role.LEAD,
        student_count=student_count,
    )
    audit_record(actor=by, action="collaboration.proposed", target=collaboration)
    return collaboration


@transaction.atomic
def collaboration_update(
    *,
    collaboration: Collaboration,
    by: User,
    title: str,
    summary: str,
    description: str,
    subjects: Iterable[Subject],
    languages: Iterable[Language],
    theme_names: Iterable[str],
    kind: str,
    student_age_min: int,
    student_age_max: int,
    ict_tools: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    partner_schools_wanted: int,
    wanted_region: str,
    initiated_at: Edition | None = None,
) -> Collaboration:
    """A lead edits the plan. Places cannot drop below the partner schools already in."""
    collaboration = Collaboration.objects.select_for_update().get(pk=collaboration.pk)
    _check_plan(
        starts_on=starts_on,
        ends_on=ends_on,
        student_age_min=student_age_min,
        student_age_max=student_age_max,
        partner_schools_wanted=partner_schools_wanted,
    )
    partners = partner_count(collaboration=collaboration)
    if partner_schools_wanted < partners:
        raise CollaborationError(
            _("%(n)s partner schools are already in: ask for at least as many places.")
            % {"n": partners}
        )
    for field, value in {
        "title": title.strip(),
        "summary": summary.strip(),
        "description": description.strip(),
        "kind": kind,
        "student_age_min": student_age_min,
        "student_age_max": student_age_max,
        "ict_tools": ict_tools.strip(),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "partner_schools_wanted": partner_schools_wanted,
        "wanted_region": wanted_region,
        "initiated_at": initiated_at,
    }.items():
        setattr(collaboration, field, value)
    collaboration.full_clean(validate_constraints=False)
    collaboration.save()
    collaboration.subjects.set(subjects)
    collaboration.languages.set(languages)
    collaboration.themes.set(themes_from_names(theme_names))
    audit_record(actor=by, action="collaboration.edited", target=collaboration)
    return collaboration


ALLOWED_TRANSITIONS = {
    Collaboration.Status.DRAFT: {Collaboration.Status.OPEN},
    Collaboration.Status.OPEN: {Collaboration.Status.RUNNING, Collaboration.Status.DRAFT},
    Collaboration.Status.RUNNING: {Collaboration.Status.OPEN, Collaboration.Status.COMPLETED},
    Collaboration.Status.COMPLETED: {Collaboration.Status.ARCHIVED, Collaboration.Status.RUNNING},
    Collaboration.Status.ARCHIVED: set(),
}


@transaction.atomic
def collaboration_set_status(*, collaboration: Collaboration, by: User, status: str):
    """Move a collaboration along draft -> open -> running -> completed -> archived."""
    collaboration = Collaboration.objects.select_for_update().get(pk=collaboration.pk)
    current = Collaboration.Status(collaboration.status)
    if status not in ALLOWED_TRANSITIONS[current]:
        raise CollaborationError(
            _("A collaboration that is %(current)s cannot become %(new)s.")
            % {
                "current": current.label.lower(),
                "new": Collaboration.Status(status).label.lower(),
            }
        )
    collaboration.status = status
    collaboration.save(update_fields=["status", "updated_at"])
    if Collaboration.Status.DRAFT in (current, status):  # its diary's photos go public or private
        diary_files_sync(collaboration=collaboration)
    collaboration_status_changed.send(
        sender=Collaboration, collaboration=collaboration, previous=current.value, status=status
    )
    audit_record(actor=by, action=f"collaboration.{status}", target=collaboration)
    return collaboration
