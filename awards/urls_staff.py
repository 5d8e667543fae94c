"""The Awards part of the staff area, under /staff/awards/."""

from django.urls import path

from .views import assignments, cycles, entries, judges, publish, results

app_name = "awards_staff"

urlpatterns = [
    # Cycle set-up
    path("", cycles.cycles, name="cycles"),
    path("new/", cycles.cycle_create, name="cycle_create"),
    path("<int:number>/", cycles.cycle_hub, name="cycle"),
    path("<int:number>/edit/", cycles.cycle_edit, name="cycle_edit"),
    path("<int:number>/open/", cycles.cycle_open, name="cycle_open"),
    path("<int:number>/draft/", cycles.cycle_draft, name="cycle_draft"),
    path("<int:number>/judging/", cycles.cycle_judging, name="cycle_judging"),
    path("<int:number>/stages/<int:stage>/open/", cycles.stage_open, name="stage_open"),
    path("<int:number>/stages/<int:stage>/close/", cycles.stage_close, name="stage_close"),
    # Entries
    path("<int:number>/entries/", entries.staff_entries, name="entries"),
    # Judges, conflicts and assignments (stage: "shortlist" or "final")
    path("<int:number>/judges/", judges.staff_judges, name="judges"),
    path("<int:number>/judges/invite/", judges.judges_invite, name="judges_invite"),
    path("<int:number>/judges/conflict/", judges.judges_conflict, name="judges_conflict"),
    path("<int:number>/judges/<int:judge>/reinvite/", judges.judge_reinvite, name="judge_reinvite"),
    path("<int:number>/judges/<int:judge>/chair/", judges.judge_chair, name="judge_chair"),
    path("<int:number>/judges/<int:judge>/remove/", judges.judge_remove, name="judge_remove"),
    path(
        "<int:number>/assignments/<slug:stage>/",
        assignments.staff_assignments,
        name="assignments",
    ),
    path(
        "<int:number>/assignments/<slug:stage>/auto/",
        assignments.assignments_auto,
        name="assignments_auto",
    ),
    path(
        "<int:number>/assignments/<slug:stage>/add/",
        assignments.assignments_add,
        name="assignments_add",
    ),
    path(
        "<int:number>/assignments/<slug:stage>/remove/",
        assignments.assignments_remove,
        name="assignments_remove",
    ),
    # Results and publication
    path("<int:number>/results/<slug:stage>/", results.staff_results, name="results"),
    path(
        "<int:number>/results/<slug:stage>/chair/",
        results.staff_results_chair,
        name="results_chair",
    ),
    path(
        "<int:number>/results/<slug:stage>/advance/",
        results.staff_results_advance,
        name="results_advance",
    ),
    path("<int:number>/publish/", publish.staff_publish, name="publish"),
    path(
        "<int:number>/publish/winners/",
        publish.staff_publish_winners,
        name="publish_winners",
    ),
    path(
        "<int:number>/publish/confirm/",
        publish.staff_publish_confirm,
        name="publish_confirm",
    ),
    path("<int:number>/publish/amend/", publish.staff_publish_amend, name="publish_amend"),
]
