"""The staff area: verification queues and records, under /staff/."""

from django.urls import path

from schools.views import staff as school_views

from .views import staff as teacher_views

app_name = "staff"

urlpatterns = [
    path("", teacher_views.index, name="index"),
    path("teachers/", teacher_views.teacher_queue, name="teacher_queue"),
    path("teachers/<int:pk>/", teacher_views.teacher_review, name="teacher_review"),
    path("teachers/<int:pk>/edit/", teacher_views.teacher_edit, name="teacher_edit"),
    path("schools/", school_views.school_queue, name="school_queue"),
    path("schools/<int:pk>/", school_views.school_review, name="school_review"),
]
