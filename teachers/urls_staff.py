"""The staff area: verification queues and records, under /staff/."""

from django.urls import path

from schools.views import staff as school_views

from .views import staff as teacher_views

app_name = "staff"

urlpatterns = [
    path("", teacher_views.index, name="index"),
    path("teachers/", teacher_views.teacher_queue, name="teacher_queue"),
    path("teachers/<int:pk>/", teacher_views.teacher_review, name="teacher_review"),
    path("teachers/<int:pk>/verify/", teacher_views.teacher_verify_action, name="teacher_verify"),
    path("teachers/<int:pk>/reject/", teacher_views.teacher_reject_action, name="teacher_reject"),
    path("teachers/<int:pk>/edit/", teacher_views.teacher_edit, name="teacher_edit"),
    path("schools/", school_views.school_queue, name="school_queue"),
    path("schools/<int:pk>/", school_views.school_review, name="school_review"),
    path("schools/<int:pk>/verify/", school_views.school_verify_action, name="school_verify"),
    path("schools/<int:pk>/merge/", school_views.school_merge_action, name="school_merge"),
]
