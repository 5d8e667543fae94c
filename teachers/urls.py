from django.urls import path

from .views import directory, me

app_name = "teachers"

urlpatterns = [
    # The signed-in person's own pages.
    path("me/", me.dashboard, name="dashboard"),
    path("me/profile/", me.profile_edit, name="profile_edit"),
    path("me/school/", me.school_choose, name="school_choose"),
    path("me/school/propose/", me.school_propose, name="school_propose"),
    path("me/data/", me.data_export, name="data_export"),
    path("me/delete/", me.account_delete, name="account_delete"),
    path("me/two-factor/", me.mfa_setup, name="mfa_setup"),
    # Partner finding, for verified teachers.
    path("teachers/", directory.directory, name="directory"),
    path("teachers/<int:pk>/", directory.detail, name="detail"),
    path("teachers/<int:pk>/photo/", directory.photo, name="photo"),
    path(
        "teachers/<int:pk>/photo/thumbnail/",
        directory.photo,
        {"field": "photo_thumbnail"},
        name="photo_thumbnail",
    ),
]
