"""The edition report: headline figures and tables, as PDF, XLSX and CSV (in progress).

Contract used by the report runs: generate_edition_report(edition=..., directory=...,
progress=...) writes its files into `directory` and returns them; `progress(percent)` is called
as it goes (0-100).
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class GeneratedFile:
    format: str  # "pdf", "xlsx" or "csv"
    filename: str  # offered to the browser, e.g. "classnet-edition-14-report.pdf"
    path: Path


def generate_edition_report(
    *, edition, directory: Path, progress: Callable[[int], None]
) -> list[GeneratedFile]:
    raise NotImplementedError
