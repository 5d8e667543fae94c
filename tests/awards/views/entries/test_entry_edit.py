"""Editing an entry and its evidence (awards/views/entries.py: entry_edit)."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from awards.models import Entry, Evidence
from tests.awards._entries import (
    PDF,
    close,
    draft_of,
    open_cycle,
)
from tests.browser.support_journey import phone_photo

from ._helpers import edit_url, entry_url, form_data

pytestmark = pytest.mark.django_db


# --- edit, evidence, withdraw --------------------------------------------------------------------


def test_edit_saves_changes(client, teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)
    client.force_login(teacher)

    response = client.post(edit_url(entry), form_data(cycle, statement="New words"))

    entry.refresh_from_db()
    assert response.url == entry_url(entry)
    assert entry.statement == "New words"


def test_edit_submits_a_draft(client, teacher, django_capture_on_commit_callbacks):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)
    client.force_login(teacher)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit_url(entry), form_data(cycle, action="submit"))

    entry.refresh_from_db()
    assert entry.status == Entry.Status.SUBMITTED
    assert len(mail.outbox) == 1


def test_edit_after_the_deadline_is_read_only_and_nothing_changes(client, teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher, submit=True)
    close(cycle)
    client.force_login(teacher)

    shown = client.get(edit_url(entry), follow=True)
    posted = client.post(edit_url(entry), form_data(cycle, statement="Too late"))

    assert "Entries are closed: your entry can no longer be changed." in shown.content.decode()
    assert "Withdraw the entry" not in shown.content.decode()
    assert posted.url == entry_url(entry)
    entry.refresh_from_db()
    assert entry.statement == "We built weather stations together."


def test_add_a_link_and_a_pdf_then_remove(client, teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)
    client.force_login(teacher)

    client.post(
        edit_url(entry),
        {"action": "evidence_add", "title": "Site", "url": "https://rivers.example/"},
    )
    client.post(
        edit_url(entry),
        {
            "action": "evidence_add",
            "title": "Report",
            "file": SimpleUploadedFile("r.pdf", PDF, "application/pdf"),
        },
    )
    link, report = entry.evidence.all()
    client.post(edit_url(entry), {"action": "evidence_remove", "evidence": link.pk})

    assert report.file.name.endswith(".pdf")
    assert list(entry.evidence.all()) == [report]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"url": "javascript:alert(1)"}, "Enter a valid URL."),
        ({"url": "ftp://files.example/x"}, "Enter a valid URL."),
        ({}, "Give a link or choose a file."),
        (
            {"file": SimpleUploadedFile("fake.pdf", b"<html>not a pdf</html>")},
            "This file is not a PDF or a picture we can read",
        ),
    ],
)
def test_bad_evidence_shows_the_error(client, teacher, data, message):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)
    client.force_login(teacher)

    response = client.post(edit_url(entry), {"action": "evidence_add", "title": "X", **data})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Evidence.objects.count() == 0


def test_uploaded_photo_loses_its_gps(client, teacher):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)
    client.force_login(teacher)

    client.post(
        edit_url(entry),
        {
            "action": "evidence_add",
            "title": "Fair",
            "file": SimpleUploadedFile("IMG.jpg", phone_photo(), "image/jpeg"),
        },
    )

    with entry.evidence.get().file.open("rb") as stored:
        assert b"WGS-84" not in stored.read()


def test_removing_evidence_of_another_entry_is_404(client, teacher, other_teacher):
    cycle = open_cycle()
    mine = draft_of(cycle, teacher)
    theirs = draft_of(cycle, other_teacher)
    item = Evidence.objects.create(entry=theirs, title="Theirs", url="https://e.org/")
    client.force_login(teacher)

    response = client.post(edit_url(mine), {"action": "evidence_remove", "evidence": item.pk})

    assert response.status_code == 404
    assert Evidence.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize("evidence_id", ["", "abc", "99999"])
def test_removing_unknown_evidence_is_404(client, teacher, evidence_id):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)
    item = Evidence.objects.create(entry=entry, title="Site", url="https://e.org/")
    client.force_login(teacher)

    response = client.post(edit_url(entry), {"action": "evidence_remove", "evidence": evidence_id})

    assert response.status_code == 404
    assert list(entry.evidence.all()) == [item]


def test_submit_past_the_rate_limit_says_so_and_sends_nothing(
    client, teacher, use_up_rate_limit, django_capture_on_commit_callbacks
):
    cycle = open_cycle()
    entry = draft_of(cycle, teacher)
    use_up_rate_limit("awards_entry_submit", teacher)
    client.force_login(teacher)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(entry), form_data(cycle, action="submit"))

    assert response.status_code == 200
    assert "please wait an hour and try again" in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == Entry.Status.DRAFT
    assert mail.outbox == []
