"""The staff's e-mail texts, under /staff/emails/."""

from django.urls import path

from . import views

app_name = "emails"

urlpatterns = [
    path("", views.email_list, name="list"),
    path("<str:key>/", views.email_edit, name="edit"),
    path("<str:key>/reset/", views.email_reset, name="reset"),
]
