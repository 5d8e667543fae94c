from django.urls import path

from . import views, views_edit

app_name = "schools"

urlpatterns = [
    path("", views.index, name="index"),
    # Before the detail: its <slug> would otherwise take "edit" and redirect to the school.
    path("<int:pk>/edit/", views_edit.school_edit, name="edit"),
    path("<int:pk>/<slug:slug>/", views.detail, name="detail"),
]
