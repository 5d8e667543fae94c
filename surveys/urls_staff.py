"""Surveys in the staff area, under /staff/surveys/."""

from django.urls import path

from . import views_results, views_staff

app_name = "surveys_staff"

urlpatterns = [
    path("", views_staff.surveys, name="surveys"),
    path("new/", views_staff.survey_create, name="survey_create"),
    path("<int:pk>/", views_staff.survey, name="survey"),
    path("<int:pk>/edit/", views_staff.survey_edit, name="survey_edit"),
    path("<int:pk>/results/", views_results.results, name="results"),
    path("<int:pk>/results.<str:format>", views_results.results_export, name="results_export"),
]
