"""A URLconf with a view that fails, for the error-page test."""

from django.urls import include, path


def failing_view(request):
    raise RuntimeError("database password is hunter2")


urlpatterns = [
    path("boom/", failing_view),
    path("", include("classnet.urls")),
]
