"""The sections of the staff area (/staff/): what each is for, where it lives and what waits there.

The staff home and the staff panel on My ClassNet list them. teachers owns the people section;
the sections of the apps above it are registered from their side (reports/staff_sections.py),
so that teachers never imports them (DESIGN.md). Each count is one COUNT query: the staff home
costs the same whatever waits.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Other apps import this registry from their AppConfig, before any model is loaded: the counts
# import their selectors when they run.


def _teachers_to_verify() -> int:
    from .selectors import teachers_awaiting_verification  # noqa: PLC0415  (models load later)

    return teachers_awaiting_verification().count()


def _schools_to_verify() -> int:
    from schools.selectors import schools_awaiting_verification  # noqa: PLC0415  (as above)

    return schools_awaiting_verification().count()


@dataclass(frozen=True)
class Waiting:
    """One count of what waits for staff, e.g. "teachers to verify" -> the queue."""

    key: str  # e.g. "teachers" (data-testid "teachers-waiting")
    label: str
    count: Callable[[], int]
    url: Callable[[], str]


@dataclass(frozen=True)
class StaffSection:
    name: str  # e.g. "people"
    title: str
    description: str  # one line
    url: Callable[[], str]
    link_label: str
    order: int = 100
    waiting: list[Waiting] = field(default_factory=list)
    back_office: bool = False  # the section is in the Django admin (no page of ours)


_sections: dict[str, StaffSection] = {}


def register_section(section: StaffSection) -> None:
    _sections[section.name] = section


def staff_sections(*, counts: bool = True) -> list[dict]:
    """The sections in order, each {section, url, waiting: [{key, label, count, url}]}; with
    counts=False no query is made (the waiting lists are empty)."""
    shown = []
    for section in sorted(_sections.values(), key=lambda s: (s.order, s.name)):
        waiting = (
            [
                {"key": w.key, "label": w.label, "count": w.count(), "url": w.url()}
                for w in section.waiting
            ]
            if counts
            else []
        )
        shown.append({"section": section, "url": section.url(), "waiting": waiting})
    return shown


def _people_section() -> StaffSection:
    return StaffSection(
        name="people",
        title=_("People and schools"),
        description=_(
            "Verify teachers and the schools they propose, merge duplicate schools and edit any "
            "profile."
        ),
        url=lambda: reverse("staff:teacher_queue"),
        link_label=_("Open the teacher queue"),
        order=10,
        waiting=[
            Waiting(
                "teachers",
                _("teachers to verify"),
                _teachers_to_verify,
                lambda: reverse("staff:teacher_queue"),
            ),
            Waiting(
                "schools",
                _("proposed schools to verify"),
                _schools_to_verify,
                lambda: reverse("staff:school_queue"),
            ),
        ],
    )


def _emails_section() -> StaffSection:
    # The editor is core's (core/emails): teachers names it by its URL, importing nothing above.
    return StaffSection(
        name="emails",
        title=_("E-mails"),
        description=_(
            "The wording of every e-mail ClassNet sends, from conference decisions to judges' "
            "reminders and account e-mails: edit, preview and reset to the default."
        ),
        url=lambda: reverse("emails:list"),
        link_label=_("Open the e-mails"),
        order=80,
    )


register_section(_people_section())
register_section(_emails_section())
