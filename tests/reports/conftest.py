"""Fixtures for the report runs: private storage in a temporary folder and a fake edition
report (the real generator belongs to another part: these tests are about the run machinery)."""

import pytest

from reports import edition as edition_module
from reports.edition import GeneratedFile
from reports.models import ReportFile
from reports.models import private_storage as private_storage_for_tests


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path, monkeypatch):
    location = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location), "base_url": None},
        },
    }
    # FileField evaluates a callable storage once, when the model is defined: point it anew.
    monkeypatch.setattr(ReportFile._meta.get_field("file"), "storage", private_storage_for_tests())
    return location


class FakeEditionReport:
    """Writes a small PDF-like and CSV file, reporting progress 0, 50, 50, 100; records calls."""

    def __init__(self):
        self.calls = []
        self.error: Exception | None = None

    def __call__(self, *, edition, directory, progress):
        self.calls.append(edition.pk)
        for percent in (0, 50, 50, 100):
            progress(percent)
        if self.error:
            raise self.error
        pdf = directory / "report.pdf"
        pdf.write_bytes(b"%PDF-1.4 fake report of edition " + str(edition.number).encode())
        csv = directory / "report.csv"
        csv.write_text("figure,value\nparticipants,42\n", encoding="utf-8")
        return [
            GeneratedFile("pdf", f"classnet-edition-{edition.number}-report.pdf", pdf),
            GeneratedFile("csv", f"classnet-edition-{edition.number}-report.csv", csv),
        ]


@pytest.fixture
def fake_report(monkeypatch):
    fake = FakeEditionReport()
    monkeypatch.setattr(edition_module, "generate_edition_report", fake)
    return fake
