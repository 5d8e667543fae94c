"""Entries to the Awards: who may enter which collaboration (eligibility, with the reasons
when not), and the writes of the lead teacher (draft, submit, edit, withdraw, evidence) and of
staff (disqualify).

Who enters: the collaboration's LEAD only (Membership.Role.LEAD, one per collaboration), not
its co-leads: an entry speaks for all the partner schools, so one accountable person signs it,
the one the partners chose to lead. The submitter and the collaboration's current lead (the
same person unless the lead changed) may see the entry; only the current lead may change it.

Every write locks the entry's row (or, when entering, the collaboration's row: two clicks on
"Enter" queue, and the database's one-active-entry constraint is the last word), re-checks the
rules against fresh rows and raises AwardsError with a message for the teacher; nothing is
changed then. Changes are allowed while the cycle accepts entries; after the deadline an entry
is read-only.
"""

import io
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from collaborations.models import Collaboration, Membership
from collaborations.selectors.collaborations import bi_regional
from core.audit.services import audit_record
from core.images import process_image
from core.mail import absolute_url, send_templated_email
from schools.models import Region
from teachers.models import TeacherProfile, User

from .errors import AwardsError
from .models import Award, AwardCategory, AwardCycle, Entry, Evidence
from .results import AMENDED

__all__ = [
    "EVIDENCE_MAX_BYTES",
    "EVIDENCE_MAX_ITEMS",
    "Eligibility",
    "check_eligibility",
    "disqualifiable_statuses",
    "entries_for_staff",
    "entry_disqualify",
    "entry_editable",
    "entry_is_visible_to",
    "entry_save",
    "entry_submit",
    "entry_withdraw",
    "evidence_add",
    "evidence_file_prepare",
    "evidence_remove",
    "led_collaborations",
    "recheck",
]

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_MAX_ITEMS = 10
STUDENT_COUNT_MAX = 100_000


# ---------------------------------------------------------------------------------------------
# Eligibility


@dataclass(frozen=True)
class Eligibility:
    """Whether `collaboration` may be entered now, and if not, every reason, for the teacher."""

    collaboration: Collaboration
    reasons: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.reasons


def memberships_prefetch() -> Prefetch:
    """What eligibility and bi_regional read: every membership with its school's country."""
    return Prefetch(
        "memberships",
        queryset=Membership.objects.select_related("school__country", "teacher"),
    )


def led_collaborations(profile: TeacherProfile | None) -> QuerySet[Collaboration]:
    """The collaborations this teacher leads (not drafts), memberships prefetched: 2 queries."""
    if profile is None:
        return Collaboration.objects.none()
    return (
        Collaboration.objects.public()
        .filter(memberships__teacher=profile, memberships__role=Membership.Role.LEAD)
        .prefetch_related(memberships_prefetch())
        .order_by("-created_at", "-pk")
        .distinct()
    )


def _lead_membership(collaboration: Collaboration) -> Membership | None:
    return next(
        (m for m in collaboration.memberships.all() if m.role == Membership.Role.LEAD), None
    )


def _is_lead(collaboration: Collaboration, profile: TeacherProfile | None) -> bool:
    lead = _lead_membership(collaboration)
    return profile is not None and lead is not None and lead.teacher_id == profile.pk


def _status_reason(cycle: AwardCycle, collaboration: Collaboration) -> str | None:
    allowed = []
    if cycle.accept_running:
        allowed.append(Collaboration.Status.RUNNING)
    if cycle.accept_completed:
        allowed.append(Collaboration.Status.COMPLETED)
    if collaboration.status in allowed:
        return None
    if not allowed:
        return _("The %(cycle)s does not take collaborations of any status.") % {"cycle": cycle}
    wanted = {
        (Collaboration.Status.RUNNING,): _("only running collaborations can enter"),
        (Collaboration.Status.COMPLETED,): _("only completed collaborations can enter"),
    }.get(tuple(allowed), _("only running or completed collaborations can enter"))
    hint = ""
    if collaboration.status in (Collaboration.Status.DRAFT, Collaboration.Status.OPEN):
        hint = " " + _("Start the work with your partners first, then enter.")
    return (
        _("This collaboration is “%(status)s”: %(wanted)s.")
        % {"status": collaboration.get_status_display(), "wanted": wanted}
        + hint
    )


def _bi_regional_reason(collaboration: Collaboration) -> str | None:
    result = bi_regional(collaboration)
    if result.ok:
        return None
    if not result.regions:
        return _(
            "This collaboration has no member schools yet: the Awards are for collaborations "
            "between Asia and Europe."
        )
    present = " " + _("and") + " "
    present = present.join(str(Region(r).label) for r in sorted(result.regions))
    missing = result.missing
    if missing:
        return _(
            "This collaboration has member schools only in %(present)s: the Awards are for "
            "collaborations between Asia and Europe. Invite a partner school from %(missing)s "
            "first."
        ) % {"present": present, "missing": missing}
    return _(  # pragma: no cover - both regions present means two countries
        "The Awards are for collaborations between schools of at least two countries."
    )


def _window_reason(cycle: AwardCycle) -> str | None:
    if cycle.accepts_entries:
        return None
    now = timezone.now()
    if (
        cycle.status == AwardCycle.Status.OPEN
        and cycle.entries_open_at
        and now < cycle.entries_open_at
    ):
        return _("Entries to the %(cycle)s open on %(when)s.") % {
            "cycle": cycle,
            "when": date_format(timezone.localtime(cycle.entries_open_at), "j M Y, H:i T"),
        }
    if cycle.entries_close_at and now >= cycle.entries_close_at:
        return _("Entries to the %(cycle)s closed on %(when)s.") % {
            "cycle": cycle,
            "when": date_format(timezone.localtime(cycle.entries_close_at), "j M Y, H:i T"),
        }
    return _("The %(cycle)s is not accepting entries now.") % {"cycle": cycle}


def check_eligibility(
    *,
    cycle: AwardCycle,
    collaboration: Collaboration,
    profile: TeacherProfile | None,
    entered_ids: set[int] | None = None,
    ignore_entry: Entry | None = None,
) -> Eligibility:
    """Every reason why `profile` may not enter `collaboration` in `cycle` now (none: it may).

    Reads the collaboration's prefetched memberships (led_collaborations fetches them).
    `entered_ids`: the ids of the collaborations with an active entry in the cycle, when the
    caller checks many at once (one query for all); otherwise it is queried here.
    `ignore_entry`: the entry being submitted, which does not count as a duplicate of itself.
    """
    reasons = []
    if profile is None or not profile.is_verified:
        reasons.append(
            _(
                "Only teachers whose school staff have verified can enter the Awards. "
                "Complete your profile in My ClassNet; staff will verify it."
            )
        )
    if not _is_lead(collaboration, profile):
        reasons.append(_("Only the lead teacher of a collaboration can enter it."))
    window = _window_reason(cycle)
    if window:
        reasons.append(window)
    status = _status_reason(cycle, collaboration)
    if status:
        reasons.append(status)
    if cycle.require_bi_regional:
        regional = _bi_regional_reason(collaboration)
        if regional:
            reasons.append(regional)
    if entered_ids is None:
        active = Entry.objects.filter(cycle=cycle, collaboration=collaboration).exclude(
            status=Entry.Status.WITHDRAWN
        )
        if ignore_entry is not None:
            active = active.exclude(pk=ignore_entry.pk)
        duplicate = active.exists()
    else:
        duplicate = collaboration.pk in entered_ids
    if duplicate:
        reasons.append(
            _("This collaboration is already entered in the %(cycle)s.") % {"cycle": cycle}
        )
    return Eligibility(collaboration=collaboration, reasons=reasons)


def entered_collaboration_ids(cycle: AwardCycle) -> set[int]:
    return set(
        Entry.objects.filter(cycle=cycle)
        .exclude(status=Entry.Status.WITHDRAWN)
        .values_list("collaboration_id", flat=True)
    )


def recheck(entry: Entry) -> list[str]:
    """For staff: what no longer holds of an entry's eligibility (the collaboration lost its
    Asian partner, the submitter is no longer its lead, its status changed). The window and
    the duplicate rule are not re-checked. Reads prefetched memberships."""
    cycle, collaboration = entry.cycle, entry.collaboration
    reasons = []
    lead = _lead_membership(collaboration)
    if lead is None or lead.teacher_id != entry.submitted_by_id:
        reasons.append(_("The teacher who entered it no longer leads the collaboration."))
    status = _status_reason(cycle, collaboration)
    if status:
        reasons.append(status)
    if cycle.require_bi_regional:
        regional = _bi_regional_reason(collaboration)
        if regional:
            reasons.append(regional)
    return reasons


def entries_for_staff(*, cycle: AwardCycle, status: str | None = None, category=None):
    """A cycle's entries with what the list shows, in a fixed number of queries."""
    entries = (
        Entry.objects.filter(cycle=cycle)
        .select_related("collaboration", "category", "submitted_by__user", "cycle__edition")
        .prefetch_related(
            Prefetch(
                "collaboration__memberships",
                queryset=Membership.objects.select_related("school__country"),
            )
        )
        .annotate(evidence_count=Count("evidence", distinct=True))
        .order_by("-submitted_at", "-pk")
    )
    if status:
        entries = entries.filter(status=status)
    if category is not None:
        entries = entries.filter(category=category)
    return entries


# ---------------------------------------------------------------------------------------------
# Who may see and change an entry


def _profile(user: User) -> TeacherProfile | None:
    return TeacherProfile.objects.filter(user=user).first() if user.is_authenticated else None


def entry_is_visible_to(entry: Entry, user: User) -> bool:
    """The teacher who entered it, the collaboration's current lead and staff; not judges
    (they score through their scorecards), not partners, not anyone else."""
    if user.has_perm("awards.manage_cycles"):
        return True
    profile = getattr(user, "teacher_profile", None)
    if profile is None:
        return False
    if entry.submitted_by_id == profile.pk:
        return True
    return entry.collaboration.memberships.filter(
        teacher=profile, role=Membership.Role.LEAD
    ).exists()


def entry_editable(entry: Entry) -> bool:
    """An entry can be changed (edited, given evidence, withdrawn) while the cycle accepts
    entries and the entry is a draft or submitted."""
    return entry.cycle.accepts_entries and entry.status in (
        Entry.Status.DRAFT,
        Entry.Status.SUBMITTED,
    )


def _locked(entry: Entry) -> Entry:
    return (
        Entry.objects.select_for_update(of=("self",))
        .select_related("cycle__edition", "collaboration", "category", "submitted_by__user")
        .get(pk=entry.pk)
    )


def _check_can_change(entry: Entry, by: User) -> TeacherProfile:
    """Raise AwardsError unless `by` leads the entry's collaboration and it can still change."""
    profile = _profile(by)
    is_lead = (
        profile is not None
        and Membership.objects.filter(
            collaboration_id=entry.collaboration_id, teacher=profile, role=Membership.Role.LEAD
        ).exists()
    )
    if not is_lead:
        raise AwardsError(_("Only the lead teacher of a collaboration can change its entry."))
    if entry.status == Entry.Status.WITHDRAWN:
        raise AwardsError(_("This entry is withdrawn: it can no longer be changed."))
    if entry.status == Entry.Status.DISQUALIFIED:
        raise AwardsError(_("This entry was disqualified: it can no longer be changed."))
    if not entry.cycle.accepts_entries:
        raise AwardsError(_window_reason(entry.cycle) + " " + _("Entries can no longer change."))
    return profile


def _clean_fields(*, cycle: AwardCycle, category: AwardCategory, student_count: int) -> None:
    if category.cycle_id != cycle.pk:
        raise AwardsError(_("Choose one of this cycle's categories."))
    if not 1 <= student_count <= STUDENT_COUNT_MAX:
        raise AwardsError(
            _("The number of students must be between 1 and %(max)s.") % {"max": STUDENT_COUNT_MAX}
        )


def _require_statement(entry: Entry) -> None:
    if not entry.statement.strip():
        raise AwardsError(
            _("Write your statement before you submit: it is what the judges read first.")
        )


# ---------------------------------------------------------------------------------------------
# The lead teacher's writes


@transaction.atomic
def entry_save(
    *,
    by: User,
    category: AwardCategory,
    statement: str,
    student_count: int,
    entry: Entry | None = None,
    cycle: AwardCycle | None = None,
    collaboration: Collaboration | None = None,
    submit: bool = False,
) -> Entry:
    """Create a draft entry of `collaboration` in `cycle` (entry None; the full eligibility
    check) or update `entry` (draft or submitted, before the deadline, by the current lead).
    With submit=True a draft is submitted in the same transaction (see entry_submit)."""
    statement = statement.strip()
    if entry is None:
        if cycle is None or collaboration is None:
            raise ValueError("entry_save needs an entry, or a cycle and a collaboration")
        cycle = AwardCycle.objects.select_related("edition").get(pk=cycle.pk)
        # Lock the collaboration: two "Enter" clicks at once queue here.
        Collaboration.objects.select_for_update().filter(pk=collaboration.pk).first()
        collaboration = Collaboration.objects.prefetch_related(memberships_prefetch()).get(
            pk=collaboration.pk
        )
        profile = _profile(by)
        eligibility = check_eligibility(cycle=cycle, collaboration=collaboration, profile=profile)
        if not eligibility.ok:
            raise AwardsError(" ".join(eligibility.reasons))
        _clean_fields(cycle=cycle, category=category, student_count=student_count)
        entry = Entry(
            cycle=cycle,
            collaboration=collaboration,
            category=category,
            submitted_by=profile,
            statement=statement,
            student_count=student_count,
            status=Entry.Status.DRAFT,
        )
        entry.full_clean(exclude=["statement"], validate_constraints=False)
        try:
            with transaction.atomic():
                entry.save()
        except IntegrityError:
            raise AwardsError(
                _("This collaboration is already entered in the %(cycle)s.") % {"cycle": cycle}
            ) from None
        audit_record(actor=by, action="award_entry.created", target=entry)
    else:
        entry = _locked(entry)
        _check_can_change(entry, by)
        _clean_fields(cycle=entry.cycle, category=category, student_count=student_count)
        entry.category = category
        entry.statement = statement
        entry.student_count = student_count
        if entry.status == Entry.Status.SUBMITTED:
            _require_statement(entry)
        entry.full_clean(exclude=["statement"], validate_constraints=False)
        entry.save(update_fields=["category", "statement", "student_count", "updated_at"])
        audit_record(actor=by, action="award_entry.edited", target=entry)
    if submit and entry.status == Entry.Status.DRAFT:
        entry = _submit(entry, by)
    return entry


def _submit(entry: Entry, by: User) -> Entry:
    profile = _check_can_change(entry, by)
    if entry.status != Entry.Status.DRAFT:
        raise AwardsError(_("This entry is already submitted."))
    _require_statement(entry)
    collaboration = Collaboration.objects.prefetch_related(memberships_prefetch()).get(
        pk=entry.collaboration_id
    )
    eligibility = check_eligibility(
        cycle=entry.cycle, collaboration=collaboration, profile=profile, ignore_entry=entry
    )
    if not eligibility.ok:
        raise AwardsError(" ".join(eligibility.reasons))
    entry.status = Entry.Status.SUBMITTED
    entry.submitted_at = timezone.now()
    entry.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_record(actor=by, action="award_entry.submitted", target=entry)
    send_templated_email(
        template="award_entry_submitted",
        to=[profile.user.email],
        context={
            "entry": entry,
            "cycle": entry.cycle,
            "collaboration": collaboration,
            "teacher": profile.user,
            "deadline": entry.cycle.entries_close_at,
            "url": absolute_url(entry_url(entry)),
        },
    )
    return entry


def entry_url(entry: Entry) -> str:
    from django.urls import reverse

    return reverse("awards:entry", args=[entry.pk])


@transaction.atomic
def entry_submit(*, entry: Entry, by: User) -> Entry:
    """The lead submits a draft: the statement is written and the collaboration is eligible
    now; an e-mail confirms it (sent after commit, once)."""
    return _submit(_locked(entry), by)


@transaction.atomic
def entry_withdraw(*, entry: Entry, by: User) -> Entry:
    """The lead takes the entry back before the deadline; the collaboration may enter again."""
    entry = _locked(entry)
    _check_can_change(entry, by)
    entry.status = Entry.Status.WITHDRAWN
    entry.save(update_fields=["status", "updated_at"])
    audit_record(actor=by, action="award_entry.withdrawn", target=entry)
    return entry


# ---------------------------------------------------------------------------------------------
# Evidence


def evidence_file_prepare(upload) -> ContentFile:
    """Check an uploaded evidence file by its content (never its name) and return what is
    stored: a PDF as it is, under a random name; a JPEG, PNG or WebP picture re-encoded by
    core.images (no EXIF, no GPS). Raises a ValidationError a form can show."""
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is 10 MB.")
            % {"size": f"{upload.size / 1024 / 1024:.1f}"},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        data = upload.read()
        upload.seek(0)
        if b"%%EOF" not in data[-2048:]:
            raise ValidationError(
                _("This PDF is incomplete or damaged. Export it again and upload the new file."),
                code="pdf_damaged",
            )
        return ContentFile(data, name=f"{uuid.uuid4().hex}.pdf")
    try:
        with Image.open(io.BytesIO(upload.read())) as probe:
            image_format = probe.format
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        image_format = None
    finally:
        upload.seek(0)
    if image_format not in {"JPEG", "PNG", "WEBP"}:
        raise ValidationError(
            _(
                "This file is not a PDF or a picture we can read, whatever its name says. "
                "Upload a PDF, JPEG, PNG or WebP file, or add a link instead."
            ),
            code="file_type",
        )
    return process_image(upload).image


@transaction.atomic
def evidence_add(
    *, entry: Entry, by: User, title: str, url: str = "", file: ContentFile | None = None
) -> Evidence:
    """Add a link or a file (prepared by evidence_file_prepare) to an entry that can change."""
    entry = _locked(entry)
    _check_can_change(entry, by)
    if bool(url) == bool(file):
        raise AwardsError(_("Give either a link or a file for each piece of evidence."))
    if entry.evidence.count() >= EVIDENCE_MAX_ITEMS:
        raise AwardsError(
            _("An entry has at most %(n)s pieces of evidence: remove one to add another.")
            % {"n": EVIDENCE_MAX_ITEMS}
        )
    evidence = Evidence(entry=entry, title=title.strip(), url=url)
    if file is not None:
        evidence.file.save(file.name, file, save=False)
    evidence.full_clean(validate_constraints=False)
    evidence.save()
    audit_record(actor=by, action="award_entry.evidence_added", target=entry, note=evidence.title)
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: Evidence, by: User) -> None:
    entry = _locked(evidence.entry)
    _check_can_change(entry, by)
    evidence = Evidence.objects.get(pk=evidence.pk, entry=entry)
    title = evidence.title
    stored = evidence.file.name
    evidence.delete()
    if stored:
        storage = Evidence._meta.get_field("file").storage
        transaction.on_commit(lambda: storage.delete(stored))
    audit_record(actor=by, action="award_entry.evidence_removed", target=entry, note=title)


# ---------------------------------------------------------------------------------------------
# Staff


def disqualifiable_statuses(cycle: AwardCycle) -> tuple[str, ...]:
    """Which entries staff may disqualify: drafts and submitted entries; once the results are
    published, only submitted ones (a draft was never judged: there is nothing to amend)."""
    if cycle.is_published:
        return (Entry.Status.SUBMITTED,)
    return (Entry.Status.DRAFT, Entry.Status.SUBMITTED)


@transaction.atomic
def entry_disqualify(*, entry: Entry, by: User, reason: str, notify: bool = False) -> Entry:
    """Staff rule an entry out, with a reason kept in the audit history (and, when `notify`,
    e-mailed to the teacher who entered it).

    Once the results are published this is an amendment of them: the entry leaves the
    figures, its award (if it won one) is withdrawn, and the change is recorded as an
    amendment whose note, naming the entry and giving the reason, is shown on the public
    page."""
    if not by.has_perm("awards.manage_cycles"):
        raise AwardsError(_("Only ClassNet staff can disqualify an entry."))
    # The cycle's row first (as every results write locks it), then the entry's.
    cycle = AwardCycle.objects.select_for_update().get(pk=entry.cycle_id)
    entry = _locked(entry)
    reason = reason.strip()
    if not reason:
        raise AwardsError(_("Give the reason: it is recorded, and sent if you tell the teacher."))
    if entry.status not in disqualifiable_statuses(cycle):
        if cycle.is_published:
            raise AwardsError(
                _(
                    "The results are published: only a submitted entry can be disqualified, "
                    "as an amendment. This one is %(status)s and was never judged."
                )
                % {"status": entry.get_status_display().lower()}
            )
        raise AwardsError(
            _("This entry is %(status)s: only drafts and submitted entries can be disqualified.")
            % {"status": entry.get_status_display().lower()}
        )
    entry.status = Entry.Status.DISQUALIFIED
    entry.save(update_fields=["status", "updated_at"])
    audit_record(actor=by, action="award_entry.disqualified", target=entry, note=reason)
    if cycle.is_published:
        award = Award.objects.filter(entry=entry).select_related("level").first()
        if award is not None:
            award.delete()
            note = _("“%(title)s” was disqualified and its %(level)s award withdrawn: %(reason)s")
        else:
            note = _("“%(title)s” was disqualified: %(reason)s")
        audit_record(
            actor=by,
            action=AMENDED,
            target=cycle,
            note=note
            % {
                "title": entry.collaboration.title,
                "level": award.level.name if award is not None else "",
                "reason": reason,
            },
        )
    if notify:
        send_templated_email(
            template="award_entry_disqualified",
            to=[entry.submitted_by.user.email],
            context={
                "entry": entry,
                "cycle": entry.cycle,
                "collaboration": entry.collaboration,
                "teacher": entry.submitted_by.user,
                "reason": reason,
                "url": absolute_url(entry_url(entry)),
            },
        )
    return entry
