"""Public network statistics, under /network/."""

from django.urls import path

from . import views_statistics

app_name = "network"

urlpatterns = [
    path("", views_statistics.statistics, name="statistics"),
]
