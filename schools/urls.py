from django.urls import path

from . import views, views_edit

app_name = "schools"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/<slug:slug>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views_edit.school_edit, name="edit"),
]
