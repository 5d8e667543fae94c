"""The Awards part of the staff area, under /staff/awards/."""

from django.urls import path

from .views import cycles, entries, judges, results

app_name = "awards_staff"

urlpatterns = [
    # Cycle set-up
    path("", cycles.cycles, name="cycles"),
    path("new/", cycles.cycle_create, name="cycle_create"),
    path("<int:number>/", cycles.cycle_hub, name="cycle"),
    path("<int:number>/edit/", cycles.cycle_edit, name="cycle_edit"),
    # Entries
    path("<int:number>/entries/", entries.staff_entries, name="entries"),
    # Judges, conflicts and assignments (stage: "shortlist" or "final")
    path("<int:number>/judges/", judges.staff_judges, name="judges"),
    path(
        "<int:number>/assignments/<slug:stage>/",
        judges.staff_assignments,
        name="assignments",
    ),
    # Results and publication
    path("<int:number>/results/<slug:stage>/", results.staff_results, name="results"),
    path("<int:number>/publish/", results.staff_publish, name="publish"),
]
