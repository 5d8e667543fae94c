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

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError, PyPdfError

from collaborations.models import Collaboration
from core.audit.services import audit_record
from core.files import PRIVATE_PREFIX, file_set_private
from core.images import process_image
from core.mail import absolute_url, send_templated_email
from teachers.models import TeacherProfile, User

from ..errors import AwardsError
from ..models import Award, AwardCategory, AwardCycle, Entry, Evidence
from ..rules import leads_entry_collaboration
from ..selectors.entries import (
    check_eligibility,
    disqualifiable_statuses,
    memberships_prefetch,
    profile_of,
    window_reason,
)
from ..selectors.results import AMENDED

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


EVIDENCE_MAX_ITEMS = 10


STUDENT_COUNT_MAX = 100_000


def _locked(entry: Entry) -> Entry:
    return (
        Entry.objects.select_for_update(of=("self",))
        .select_related("cycle__edition", "collaboration", "category", "submitted_by__user")
        .get(pk=entry.pk)
    )


def _check_can_change(entry: Entry, by: User) -> TeacherProfile:
    """Raise AwardsError unless `by` leads the entry's collaboration and it can still change."""
    profile = profile_of(by)
    if profile is None or not leads_entry_collaboration(by, entry):
        raise AwardsError(_("Only the lead teacher of a collaboration can change its entry."))
    if entry.status == Entry.Status.WITHDRAWN:
        raise AwardsError(_("This entry is withdrawn: it can no longer be changed."))
    if entry.status == Entry.Status.DISQUALIFIED:
        raise AwardsError(_("This entry was disqualified: it can no longer be changed."))
    if not entry.cycle.accepts_entries:
        raise AwardsError(window_reason(entry.cycle) + " " + _("Entries can no longer change."))
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
        profile = profile_of(by)
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


# Actions a link may keep: open a web address, go to a place in the document. Every other kind
# (JavaScript, launching a program, submitting or importing form data, ...) is taken away.
_SAFE_ACTIONS = {"/URI", "/GoTo"}


def _annotations_disarm(page) -> None:
    """Take the scripts and other active actions off the page's annotations (links, widgets),
    keeping web links and links inside the document."""
    annotations = page.get("/Annots")
    if annotations is None:
        return
    for reference in annotations.get_object():
        annotation = reference.get_object()
        annotation.pop("/AA", None)  # actions on mouse and focus events
        action = annotation.get("/A")
        if action is None:
            continue
        action = action.get_object()
        if action.get("/S") in _SAFE_ACTIONS:
            action.pop("/Next", None)  # a chained action, which may be a script
        else:
            annotation.pop("/A")


def pdf_clean(data: bytes) -> bytes:
    """The PDF rewritten without its document information (author, producer, creator, title,
    dates), its XMP metadata, its JavaScript and its open actions: only the pages are copied
    into a new document (the catalogue, which holds XMP, scripts, open actions and forms, is
    not), without their own open actions, and their annotations keep only web links and links
    inside the document. Raises a ValidationError for a PDF that cannot be
    read or is encrypted."""
    damaged = ValidationError(
        _("This PDF is incomplete or damaged. Export it again and upload the new file."),
        code="pdf_damaged",
    )
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(
                _("This PDF is protected by a password. Upload a copy without one."),
                code="pdf_encrypted",
            )
        writer = PdfWriter()
        for page in reader.pages:
            page_object = writer.add_page(page)
            page_object.pop("/AA", None)  # actions when the page opens
            _annotations_disarm(page_object)
        writer.metadata = None  # not even pypdf's own /Producer
        out = io.BytesIO()
        writer.write(out)
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, RecursionError):
        raise damaged from None
    return out.getvalue()


def evidence_file_prepare(upload) -> ContentFile:
    """Check an uploaded evidence file by its content (never its name) and return what is
    stored: a PDF rewritten without its metadata or scripts (pdf_clean), under a random name;
    a JPEG, PNG or WebP picture re-encoded by core.images (no EXIF, no GPS). Raises a
    ValidationError a form can show."""
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
        return ContentFile(pdf_clean(data), name=f"{uuid.uuid4().hex}.pdf")
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


def evidence_files_privatise() -> int:
    """Move evidence files stored before private media to the private storage, one row at a
    time, without loss (copy, then delete once the row is saved). Returns how many moved."""
    moved = 0
    still_public = Evidence.objects.exclude(file="").exclude(file__startswith=PRIVATE_PREFIX)
    for evidence in still_public.iterator():
        with transaction.atomic():
            if file_set_private(evidence.file, private=True):
                evidence.save(update_fields=["file"])
                moved += 1
    return moved
