from django.urls import path

from .views import directory, edit

app_name = "schools"

urlpatterns = [
    path("", directory.index, name="index"),
    # Before the detail: its <slug> would otherwise take "edit" and redirect to the school.
    path("<int:pk>/edit/", edit.school_edit, name="edit"),
    path("<int:pk>/<slug:slug>/", directory.detail, name="detail"),
]
