"""Reports and exports for staff, under /staff/reports/ and /staff/exports/."""

from django.urls import path

from .views import exports, runs

app_name = "reports"

urlpatterns = [
    # Report runs
    path("reports/", runs.runs, name="runs"),
    path("reports/<int:pk>/", runs.run, name="run"),
    path("reports/<int:pk>/<str:format>/", runs.run_download, name="download"),
    path("reports/editions/<int:number>/", runs.edition_report, name="edition_report"),
    # Exports of staff lists: name e.g. "conferences.applications", format "csv" or "xlsx"
    path("exports/<str:name>.<str:format>", exports.export, name="export"),
]
