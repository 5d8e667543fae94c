"""A person's data held by the apps above teachers (applications, entries, …), for their data
export and their erasure. Those apps register a section in their AppConfig.ready(): teachers
never imports them (DESIGN.md), yet /me/data/ and /me/delete/ cover what they hold."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonalDataSection:
    name: str  # the key in the export, e.g. "conference_applications"
    # Everything the app holds about the user, JSON-ready.
    export: Callable[[object], object]
    # Remove the personal content, keeping what anonymous counts need; runs inside the
    # erasure's transaction.
    erase: Callable[[object], None]


_sections: dict[str, PersonalDataSection] = {}


def register_section(section: PersonalDataSection) -> None:
    _sections[section.name] = section


def sections() -> list[PersonalDataSection]:
    return sorted(_sections.values(), key=lambda s: s.name)
