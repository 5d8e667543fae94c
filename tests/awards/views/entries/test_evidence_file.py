"""Award evidence files are never public: only awards:evidence_file serves them, to the
entry's submitter and lead, the judges assigned to the entry, and staff."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from awards.models import Evidence
from awards.services.entries import evidence_file_prepare
from tests.factories import AssignmentFactory, CycleJudgeFactory, EntryFactory, JudgeFactory

from ..._entries import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(private_media):
    return private_media


@pytest.fixture
def world(media):
    assignment = AssignmentFactory()
    entry = assignment.entry
    evidence = Evidence(entry=entry, title="Our report")
    prepared = evidence_file_prepare(ContentFile(PDF, name="report.pdf"))
    evidence.file.save(prepared.name, prepared, save=False)
    evidence.save()
    other_judge = CycleJudgeFactory(cycle=entry.cycle, user=JudgeFactory())
    AssignmentFactory(
        stage=assignment.stage, judge=other_judge, entry=EntryFactory(cycle=entry.cycle)
    )
    removed_judge = CycleJudgeFactory(cycle=entry.cycle, status="removed")
    AssignmentFactory(stage=assignment.stage, judge=removed_judge, entry=entry)
    return {
        "evidence": evidence,
        "submitter": entry.submitted_by.user,
        "judge": assignment.judge.user,
        "other judge": other_judge.user,
        "removed judge": removed_judge.user,
    }


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (None, 302),
        ("teacher", 404),
        ("judge (not on the panel)", 404),
        ("other judge", 404),
        ("removed judge", 404),
        ("submitter", 200),
        ("judge", 200),
        ("staff", 200),
    ],
)
def test_who_gets_an_evidence_file(client, request, world, media, role, status):
    evidence = world["evidence"]
    if role in world:
        client.force_login(world[role])
    elif role == "judge (not on the panel)":
        client.force_login(JudgeFactory())
    elif role:
        client.force_login(request.getfixturevalue(role))

    response = client.get(evidence.file_url)

    assert response.status_code == status
    if status == 200:
        with evidence.file.open("rb") as stored:
            assert b"".join(response.streaming_content) == stored.read()
        assert response["Content-Disposition"].startswith("attachment")
        assert "no-store" in response["Cache-Control"]
    if status == 302:
        assert response["Location"].startswith(reverse("account_login"))


def test_the_file_is_not_under_media_root(world, media):
    evidence = world["evidence"]
    assert evidence.file.name.startswith("private/")
    assert not any((media / "media").rglob("*.pdf"))
    assert any((media / "private").rglob("*.pdf"))


def test_a_link_has_no_file_to_serve(client, world, staff):
    link = Evidence.objects.create(
        entry=world["evidence"].entry, title="Site", url="https://example.org/"
    )
    client.force_login(staff)
    assert link.file_url == ""
    assert client.get(reverse("awards:evidence_file", args=[link.pk])).status_code == 404
    assert client.get(reverse("awards:evidence_file", args=[999_999])).status_code == 404
