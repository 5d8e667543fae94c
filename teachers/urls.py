from django.urls import path

from . import views, views_directory

app_name = "teachers"

urlpatterns = [
    # The signed-in person's own pages.
    path("me/", views.dashboard, name="dashboard"),
    path("me/profile/", views.profile_edit, name="profile_edit"),
    path("me/school/", views.school_choose, name="school_choose"),
    path("me/school/propose/", views.school_propose, name="school_propose"),
    path("me/data/", views.data_export, name="data_export"),
    path("me/delete/", views.account_delete, name="account_delete"),
    # Partner finding, for verified teachers.
    path("teachers/", views_directory.directory, name="directory"),
    path("teachers/<int:pk>/", views_directory.detail, name="detail"),
]
