"""A URLconf with a view that logs, for the request id tests."""

import logging

from django.http import HttpResponse
from django.urls import include, path

logger = logging.getLogger("tests.request_id")


def logging_view(request):
    logger.info("inside the view")
    return HttpResponse("logged")


urlpatterns = [
    path("logs/", logging_view),
    path("", include("classnet.urls")),
]
