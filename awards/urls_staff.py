"""The Awards part of the staff area, under /staff/awards/."""

from django.urls import path

from . import views_cycles, views_entries, views_judges, views_results

app_name = "awards_staff"

urlpatterns = [
    # Cycle set-up
    path("", views_cycles.cycles, name="cycles"),
    path("new/", views_cycles.cycle_create, name="cycle_create"),
    path("<int:number>/", views_cycles.cycle_hub, name="cycle"),
    path("<int:number>/edit/", views_cycles.cycle_edit, name="cycle_edit"),
    # Entries
    path("<int:number>/entries/", views_entries.staff_entries, name="entries"),
    # Judges, conflicts and assignments (stage: "shortlist" or "final")
    path("<int:number>/judges/", views_judges.staff_judges, name="judges"),
    path(
        "<int:number>/assignments/<slug:stage>/",
        views_judges.staff_assignments,
        name="assignments",
    ),
    # Results and publication
    path("<int:number>/results/<slug:stage>/", views_results.staff_results, name="results"),
    path("<int:number>/publish/", views_results.staff_publish, name="publish"),
]
