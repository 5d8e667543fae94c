"""My ClassNet is composed of panels. Apps above teachers (collaborations, conferences, awards)
register theirs in their AppConfig.ready(): teachers never imports them (DESIGN.md)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from .staff_sections import staff_sections


@dataclass(frozen=True)
class DashboardPanel:
    name: str
    template: str
    # Returns the panel's context, or None when the panel has nothing for this person.
    context: Callable[[HttpRequest], dict | None]
    order: int = 100


_panels: dict[str, DashboardPanel] = {}


def register_panel(panel: DashboardPanel) -> None:
    _panels[panel.name] = panel


def panels_for(request: HttpRequest) -> list[dict]:
    shown = []
    for panel in sorted(_panels.values(), key=lambda p: (p.order, p.name)):
        context = panel.context(request)
        if context is not None:
            shown.append({"name": panel.name, "template": panel.template, "context": context})
    return shown


# --- The staff panel: the staff area's sections, each with a link (no counts: no queries) ----


def staff_panel(request: HttpRequest) -> dict | None:
    if not request.user.has_perm("teachers.access_staff_area"):
        return None
    return {"sections": staff_sections(counts=False)}


register_panel(
    DashboardPanel(
        name="staff", template="staff/_dashboard_panel.html", context=staff_panel, order=5
    )
)
