"""The entry services (awards/services/entries.py): draft, submit, edit, withdraw, evidence,
disqualify; refusals change nothing."""

import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link

from awards.errors import AwardsError
from awards.models import Entry, Evidence
from awards.services.entries import (
    EVIDENCE_MAX_ITEMS,
    entry_disqualify,
    entry_save,
    entry_submit,
    entry_withdraw,
    evidence_add,
    evidence_file_prepare,
    evidence_remove,
)
from core.audit.models import AuditEntry
from tests.browser.support_journey import phone_photo
from tests.factories import (
    AwardCategoryFactory,
    MembershipFactory,
)
from tests.security.forms import pdf_with_javascript

from .._entries import PDF, close, collaboration_led_by, draft_of, make_pdf, open_cycle, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


# --- entry_save / entry_submit ------------------------------------------------------------------


def test_save_creates_a_draft_without_email(teacher, django_capture_on_commit_callbacks):
    cycle = open_cycle()
    with django_capture_on_commit_callbacks(execute=True):
        entry = draft_of(cycle, teacher, statement="")

    assert entry.status == Entry.Status.DRAFT
    assert entry.submitted_by == teacher.teacher_profile
    assert entry.submitted_at is None
    assert mail.outbox == []


def test_non_lead_entering_is_refused_and_nothing_saved(teacher, other_teacher):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher)
    MembershipFactory(collaboration=collaboration, teacher=other_teacher.teacher_profile)

    with pytest.raises(AwardsError, match="Only the lead teacher"):
        draft_of(cycle, other_teacher, collaboration)

    assert Entry.objects.count() == 0


def test_ineligible_collaboration_is_refused_and_nothing_saved(teacher):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher, with_asia=False)

    with pytest.raises(AwardsError, match="Invite a partner school from Asia first"):
        draft_of(cycle, teacher, collaboration)

    assert Entry.objects.count() == 0


def test_category_of_another_cycle_is_refused(teacher):
    cycle = open_cycle()
    other = AwardCategoryFactory()

    with pytest.raises(AwardsError, match="this cycle's categories"):
        entry_save(
            by=teacher,
            cycle=cycle,
            collaboration=collaboration_led_by(teacher),
            category=other,
            statement="x",
            student_count=5,
        )

    assert Entry.objects.count() == 0


@pytest.mark.parametrize("count", [0, 100_001])
def test_student_count_out_of_range_is_refused(teacher, count):
    cycle = open_cycle()

    with pytest.raises(AwardsError, match="between 1 and 100000"):
        draft_of(cycle, teacher, student_count=count)

    assert Entry.objects.count() == 0


def test_submit_sends_one_email_after_commit(teacher, django_capture_on_commit_callbacks):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)

    with django_capture_on_commit_callbacks(execute=True):
        entry = entry_submit(entry=entry, by=teacher)

    entry.refresh_from_db()
    assert entry.status == Entry.Status.SUBMITTED
    assert entry.submitted_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [teacher.email]
    assert entry.collaboration.title in message.subject
    assert f"/awards/entries/{entry.pk}/" in message.body
    assert AuditEntry.objects.filter(action="award_entry.submitted", target_id=entry.pk).exists()


def test_save_and_submit_at_once(teacher, django_capture_on_commit_callbacks):
    cycle = open_cycle()

    with django_capture_on_commit_callbacks(execute=True):
        entry = draft_of(cycle, teacher, submit=True)

    assert entry.status == Entry.Status.SUBMITTED
    assert len(mail.outbox) == 1


def test_submit_without_statement_is_refused(teacher, django_capture_on_commit_callbacks):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, statement="  ")

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(AwardsError, match="Write your statement"),
    ):
        entry_submit(entry=entry, by=teacher)

    entry.refresh_from_db()
    assert entry.status == Entry.Status.DRAFT
    assert mail.outbox == []


def test_submit_refused_when_collaboration_lost_its_asian_partner(teacher):
    cycle = open_cycle()
    collaboration = collaboration_led_by(teacher)
    entry = draft_of(cycle, teacher, collaboration)
    collaboration.memberships.exclude(role="lead").delete()

    with pytest.raises(AwardsError, match="only in Europe"):
        entry_submit(entry=entry, by=teacher)

    entry.refresh_from_db()
    assert entry.status == Entry.Status.DRAFT


def test_edit_a_submitted_entry_before_the_deadline(teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)

    entry_save(
        by=teacher,
        entry=entry,
        category=entry.category,
        statement="Rewritten.",
        student_count=75,
    )

    entry.refresh_from_db()
    assert (entry.statement, entry.student_count, entry.status) == (
        "Rewritten.",
        75,
        Entry.Status.SUBMITTED,
    )


def test_emptying_the_statement_of_a_submitted_entry_is_refused(teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)

    with pytest.raises(AwardsError, match="Write your statement"):
        entry_save(by=teacher, entry=entry, category=entry.category, statement="", student_count=5)

    entry.refresh_from_db()
    assert entry.statement == "We built weather stations together."


def test_edit_after_the_deadline_is_refused_and_nothing_changes(teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)
    close(cycle)

    with pytest.raises(AwardsError, match="closed on"):
        entry_save(
            by=teacher, entry=entry, category=entry.category, statement="Late", student_count=9
        )

    entry.refresh_from_db()
    assert (entry.statement, entry.student_count) == ("We built weather stations together.", 50)


def test_edit_by_another_teacher_is_refused(teacher, other_teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)

    with pytest.raises(AwardsError, match="Only the lead teacher"):
        entry_save(
            by=other_teacher,
            entry=entry,
            category=entry.category,
            statement="Mine",
            student_count=9,
        )

    entry.refresh_from_db()
    assert entry.statement == "We built weather stations together."


# --- withdraw --------------------------------------------------------------------------------


def test_withdraw_before_the_deadline(teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)

    entry_withdraw(entry=entry, by=teacher)

    entry.refresh_from_db()
    assert entry.status == Entry.Status.WITHDRAWN
    assert AuditEntry.objects.filter(action="award_entry.withdrawn", target_id=entry.pk).exists()


def test_withdraw_after_the_deadline_is_refused(teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)
    close(cycle)

    with pytest.raises(AwardsError, match="closed on"):
        entry_withdraw(entry=entry, by=teacher)

    entry.refresh_from_db()
    assert entry.status == Entry.Status.SUBMITTED


def test_withdraw_by_someone_else_is_refused(teacher, other_teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)

    with pytest.raises(AwardsError, match="Only the lead teacher"):
        entry_withdraw(entry=entry, by=other_teacher)

    entry.refresh_from_db()
    assert entry.status == Entry.Status.SUBMITTED


# --- evidence --------------------------------------------------------------------------------


def test_pdf_is_stored_privately_under_a_random_name(teacher):
    """Behaviour changed (issue 14): the PDF is rewritten without its metadata, and kept in
    the private storage."""
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)
    prepared = evidence_file_prepare(SimpleUploadedFile("our report.pdf", PDF))

    evidence = evidence_add(entry=entry, by=teacher, title="Report", file=prepared)

    evidence.refresh_from_db()
    assert evidence.file.name.endswith(".pdf")
    assert "our report" not in evidence.file.name
    assert evidence.file.name.startswith("private/awards/evidence/")
    assert evidence.file_url == reverse("awards:evidence_file", args=[evidence.pk])
    with evidence.file.open("rb") as stored:
        assert len(PdfReader(stored).pages) == 1


XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
    b"<dc:creator>Ms Teacher of Class 7B</dc:creator></rdf:Description></rdf:RDF>"
    b'</x:xmpmeta><?xpacket end="w"?>'
)


def test_pdf_loses_its_metadata_xmp_and_scripts():
    data = make_pdf(
        metadata={"/Author": "Ms Teacher", "/Producer": "Scanner 3000", "/Title": "Class 7B"},
        xmp=XMP,
        javascript="app.alert('hi')",
    )
    original = PdfReader(io.BytesIO(data))
    assert original.metadata["/Author"] == "Ms Teacher"  # the test PDF does carry them
    assert "/Metadata" in original.trailer["/Root"]
    assert "/JavaScript" in original.trailer["/Root"]["/Names"]
    assert "/OpenAction" in original.trailer["/Root"]

    prepared = evidence_file_prepare(SimpleUploadedFile("report.pdf", data))

    cleaned_bytes = prepared.read()
    cleaned = PdfReader(io.BytesIO(cleaned_bytes))
    assert len(cleaned.pages) == 1
    info = cleaned.metadata or {}
    assert "/Author" not in info
    assert "/Title" not in info
    assert "/Metadata" not in cleaned.trailer["/Root"]
    assert "/OpenAction" not in cleaned.trailer["/Root"]
    names = cleaned.trailer["/Root"].get("/Names")
    assert names is None or "/JavaScript" not in names
    for secret in (b"Ms Teacher", b"Scanner 3000", b"Class 7B", b"app.alert"):
        assert secret not in cleaned_bytes


def test_pdf_annotations_lose_their_scripts_and_keep_their_web_links():
    data = pdf_with_javascript()
    page = PdfReader(io.BytesIO(data)).pages[0]
    assert page["/Annots"][0].get_object()["/A"]["/S"] == "/JavaScript"  # the test's script
    link = PdfWriter(clone_from=io.BytesIO(data))
    link.add_annotation(0, Link(rect=(10, 50, 200, 80), url="https://classnet.example/report"))
    out = io.BytesIO()
    link.write(out)

    cleaned_bytes = evidence_file_prepare(SimpleUploadedFile("report.pdf", out.getvalue())).read()

    assert b"/JavaScript" not in cleaned_bytes
    assert b"app.alert" not in cleaned_bytes
    annotations = [a.get_object() for a in PdfReader(io.BytesIO(cleaned_bytes)).pages[0]["/Annots"]]
    assert [a.get("/A", {}).get("/URI") for a in annotations] == [
        None,
        "https://classnet.example/report",
    ]


def test_encrypted_pdf_is_refused_with_a_message():
    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)

    with pytest.raises(ValidationError, match="protected by a password"):
        evidence_file_prepare(SimpleUploadedFile("locked.pdf", out.getvalue()))


def test_pdf_with_a_valid_end_but_garbage_inside_is_refused():
    upload = SimpleUploadedFile("report.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 50 + b"\n%%EOF\n")

    with pytest.raises(ValidationError, match="incomplete or damaged"):
        evidence_file_prepare(upload)


def test_old_public_evidence_files_are_moved_private_without_loss(
    teacher, django_capture_on_commit_callbacks
):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)
    # stored the way files were before private media: under MEDIA_ROOT, a public name
    name = default_storage.save("awards/evidence/old/report.pdf", ContentFile(PDF))
    evidence = Evidence.objects.create(entry=entry, title="Old report", file=name)
    assert not evidence.file.name.startswith("private/")
    out = io.StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("evidence_privatise", stdout=out)

    evidence.refresh_from_db()
    assert out.getvalue().strip() == "1 files moved."
    assert evidence.file.name.startswith("private/")
    with evidence.file.open("rb") as stored:
        assert stored.read() == PDF
    again = io.StringIO()
    call_command("evidence_privatise", stdout=again)
    assert again.getvalue().strip() == "0 files moved."


def test_file_named_pdf_that_is_not_a_pdf_is_refused():
    upload = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 this is a program, not a PDF")

    with pytest.raises(ValidationError, match="not a PDF or a picture"):
        evidence_file_prepare(upload)


def test_truncated_pdf_is_refused():
    upload = SimpleUploadedFile("report.pdf", PDF[:30])

    with pytest.raises(ValidationError, match="incomplete or damaged"):
        evidence_file_prepare(upload)


def test_oversize_file_is_refused():
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * (10 * 1024 * 1024))

    with pytest.raises(ValidationError, match="the limit is 10 MB"):
        evidence_file_prepare(upload)


def test_gif_is_refused():
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="GIF")

    with pytest.raises(ValidationError, match="Upload a PDF, JPEG, PNG or WebP"):
        evidence_file_prepare(SimpleUploadedFile("a.gif", buffer.getvalue()))


def test_photo_with_gps_is_stored_without_it(teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)
    original = phone_photo()
    assert b"WGS-84" in original
    assert b"PhoneMaker" in original
    prepared = evidence_file_prepare(SimpleUploadedFile("IMG_0001.jpg", original))

    evidence = evidence_add(entry=entry, by=teacher, title="Science fair", file=prepared)

    with evidence.file.open("rb") as stored:
        data = stored.read()
    assert b"WGS-84" not in data
    assert b"PhoneMaker" not in data
    assert "IMG_0001" not in evidence.file.name
    with Image.open(io.BytesIO(data)) as image:
        assert image.getexif() == {}
        assert image.size == (320, 240)


def test_png_named_pdf_is_taken_as_a_picture():
    prepared = evidence_file_prepare(SimpleUploadedFile("sneaky.pdf", png_bytes()))

    assert prepared.name.endswith(".jpg")


def test_link_evidence(teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)

    evidence = evidence_add(entry=entry, by=teacher, title="Site", url="https://example.org/x")

    assert list(entry.evidence.all()) == [evidence]


def test_eleventh_evidence_is_refused(teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)
    for n in range(EVIDENCE_MAX_ITEMS):
        Evidence.objects.create(entry=entry, title=f"Link {n}", url=f"https://e.org/{n}")

    with pytest.raises(AwardsError, match="at most 10"):
        evidence_add(entry=entry, by=teacher, title="One more", url="https://e.org/more")

    assert entry.evidence.count() == EVIDENCE_MAX_ITEMS


def test_evidence_after_the_deadline_is_refused(teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)
    item = Evidence.objects.create(entry=entry, title="Site", url="https://e.org/")
    close(cycle)

    with pytest.raises(AwardsError, match="closed on"):
        evidence_add(entry=entry, by=teacher, title="Late", url="https://e.org/late")
    with pytest.raises(AwardsError, match="closed on"):
        evidence_remove(evidence=item, by=teacher)

    assert list(entry.evidence.all()) == [item]


def test_evidence_remove_deletes_the_file_after_commit(teacher, django_capture_on_commit_callbacks):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)
    prepared = evidence_file_prepare(SimpleUploadedFile("r.pdf", PDF))
    item = evidence_add(entry=entry, by=teacher, title="Report", file=prepared)
    storage, name = item.file.storage, item.file.name

    with django_capture_on_commit_callbacks(execute=True):
        evidence_remove(evidence=item, by=teacher)

    assert entry.evidence.count() == 0
    assert not storage.exists(name)


def test_evidence_remove_by_another_teacher_is_refused(teacher, other_teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)
    item = Evidence.objects.create(entry=entry, title="Site", url="https://e.org/")

    with pytest.raises(AwardsError, match="Only the lead teacher"):
        evidence_remove(evidence=item, by=other_teacher)

    assert list(entry.evidence.all()) == [item]


# --- staff: recheck and disqualify -------------------------------------------------------------


def test_disqualify_records_the_reason_and_may_tell_the_teacher(
    teacher, staff, django_capture_on_commit_callbacks
):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        entry_disqualify(entry=entry, by=staff, reason="Plagiarised statement.", notify=True)

    entry.refresh_from_db()
    assert entry.status == Entry.Status.DISQUALIFIED
    record = AuditEntry.objects.get(action="award_entry.disqualified", target_id=entry.pk)
    assert (record.actor, record.note) == (staff, "Plagiarised statement.")
    assert len(mail.outbox) == 1
    assert "Plagiarised statement." in mail.outbox[0].body


def test_disqualify_without_email(teacher, staff, django_capture_on_commit_callbacks):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)

    with django_capture_on_commit_callbacks(execute=True):
        entry_disqualify(entry=entry, by=staff, reason="Not a real collaboration.")

    assert mail.outbox == []


def test_disqualify_needs_a_reason_and_staff(teacher, staff):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)

    with pytest.raises(AwardsError, match="Give the reason"):
        entry_disqualify(entry=entry, by=staff, reason=" ")
    with pytest.raises(AwardsError, match="Only ClassNet staff"):
        entry_disqualify(entry=entry, by=teacher, reason="Me")

    entry.refresh_from_db()
    assert entry.status == Entry.Status.DRAFT
