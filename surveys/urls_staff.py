"""Surveys in the staff area, under /staff/surveys/."""

from django.urls import path

from .views import results, staff

app_name = "surveys_staff"

UP, DOWN = {"direction": -1}, {"direction": 1}

urlpatterns = [
    path("", staff.surveys, name="surveys"),
    path("new/", staff.survey_create_page, name="survey_create"),
    path("<int:pk>/", staff.survey, name="survey"),
    path("<int:pk>/edit/", staff.survey_edit, name="survey_edit"),
    path("<int:pk>/open/", staff.survey_open_action, name="survey_open"),
    path("<int:pk>/remind/", staff.survey_remind_action, name="survey_remind"),
    path("<int:pk>/close/", staff.survey_close_action, name="survey_close"),
    path("<int:pk>/sections/new/", staff.section_add, name="section_add"),
    path("<int:pk>/sections/<int:section>/", staff.section_edit, name="section_edit"),
    path("<int:pk>/sections/<int:section>/delete/", staff.section_delete, name="section_delete"),
    path("<int:pk>/sections/<int:section>/up/", staff.section_move, UP, name="section_up"),
    path("<int:pk>/sections/<int:section>/down/", staff.section_move, DOWN, name="section_down"),
    path("<int:pk>/sections/<int:section>/questions/new/", staff.question_add, name="question_add"),
    path("<int:pk>/questions/<int:question>/", staff.question_edit, name="question_edit"),
    path(
        "<int:pk>/questions/<int:question>/delete/",
        staff.question_delete,
        name="question_delete",
    ),
    path("<int:pk>/questions/<int:question>/up/", staff.question_move, UP, name="question_up"),
    path(
        "<int:pk>/questions/<int:question>/down/", staff.question_move, DOWN, name="question_down"
    ),
    path("<int:pk>/results/", results.results, name="results"),
    path("<int:pk>/results.<str:format>", results.results_export, name="results_export"),
]
