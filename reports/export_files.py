"""Exports of staff lists generated in the background (in progress).

Contract used by the report runs: generate_export(run=..., directory=..., progress=...) reads
run.parameters {"exporter": name, "format": "csv"|"xlsx", "params": {filters}} and writes the
file into `directory`, returning it as a GeneratedFile.
"""

from collections.abc import Callable
from pathlib import Path

from .edition import GeneratedFile


def generate_export(*, run, directory: Path, progress: Callable[[int], None]) -> GeneratedFile:
    raise NotImplementedError
