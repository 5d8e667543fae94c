"""Public network statistics, under /network/."""

from django.urls import path

from .views import statistics

app_name = "network"

urlpatterns = [
    path("", statistics.statistics, name="statistics"),
]
