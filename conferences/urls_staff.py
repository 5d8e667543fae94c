"""The conference part of the staff area, under /staff/conferences/."""

from django.urls import path

from . import views_staff

app_name = "conferences_staff"

urlpatterns = [
    # Editions and programme
    path("", views_staff.editions, name="editions"),
    # Selection of participants
    # Participants: export, check-in
    # E-mail texts
]
