"""The conference part of the staff area, under /staff/conferences/."""

from django.urls import path

from .views import emails as views_emails
from .views import participants as views_participants
from .views import selection as views_selection
from .views import staff as views_staff

app_name = "conferences_staff"

urlpatterns = [
    # Editions and programme
    path("", views_staff.editions, name="editions"),
    path("new/", views_staff.edition_create, name="edition_create"),
    path("<int:number>/", views_staff.edition, name="edition"),
    path("<int:number>/edit/", views_staff.edition_edit, name="edition_edit"),
    path("<int:number>/programme/", views_staff.programme, name="programme"),
    path("<int:number>/programme/new/", views_staff.session_create, name="session_create"),
    path("<int:number>/programme/<int:pk>/", views_staff.session_edit, name="session_edit"),
    path(
        "<int:number>/programme/<int:pk>/delete/",
        views_staff.session_delete,
        name="session_delete",
    ),
    # Selection of participants
    path("<int:number>/applications/", views_selection.applications, name="applications"),
    path("<int:number>/applications/<int:pk>/", views_selection.application, name="application"),
    path(
        "<int:number>/applications/bulk/",
        views_selection.applications_bulk,
        name="applications_bulk",
    ),
    # Participants: export, check-in
    path("<int:number>/participants/", views_participants.participants, name="participants"),
    path(
        "<int:number>/participants.csv",
        views_participants.participants_csv,
        name="participants_csv",
    ),
    path(
        "<int:number>/participants.xlsx",
        views_participants.participants_xlsx,
        name="participants_xlsx",
    ),
    path("<int:number>/check-in/", views_participants.checkin, name="checkin"),
    # E-mail texts
    path("emails/", views_emails.emails, name="emails"),
    path("emails/<slug:kind>/", views_emails.email_edit, name="email_edit"),
]
