"""Reports and exports for staff, under /staff/reports/ and /staff/exports/."""

from django.urls import path

from . import views_exports, views_runs

app_name = "reports"

urlpatterns = [
    # Report runs
    path("reports/", views_runs.runs, name="runs"),
    path("reports/<int:pk>/", views_runs.run, name="run"),
    path("reports/<int:pk>/<str:format>/", views_runs.run_download, name="download"),
    path("reports/editions/<int:number>/", views_runs.edition_report, name="edition_report"),
    # Exports of staff lists: name e.g. "conferences.applications", format "csv" or "xlsx"
    path("exports/<str:name>.<str:format>", views_exports.export, name="export"),
]
