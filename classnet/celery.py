"""The Celery app: configured from Django settings (the CELERY_* names), tasks found per app.

Workers log through the settings' LOGGING (plain or JSON lines with a request id) instead of
Celery's own format, and a task logs under the id of the request that sent it."""

import logging.config
import os

from celery import Celery, signals
from django.conf import settings

from core import request_id

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "classnet.settings")

app = Celery("classnet")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# core's own periodic task (core.heartbeat); core is no Django app, so it is named here.
app.autodiscover_tasks(["core.health"])

signals.before_task_publish.connect(request_id.add_to_task_headers, weak=False)
signals.task_prerun.connect(request_id.enter_task, weak=False)
signals.task_postrun.connect(request_id.leave_task, weak=False)


@signals.setup_logging.connect(weak=False)
def use_django_logging(**_) -> None:
    """A receiver here stops Celery from replacing the root logger's handlers."""

    logging.config.dictConfig(settings.LOGGING)
