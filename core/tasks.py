"""The one Celery task convention of the portal.

- A task is declared with ``@task(name="app.verb")``: an explicit name (what beat and the
  worker log show), the TransactionAwareTask base, keyword-only ids (``*, run_id``), and a body
  of a few lines that calls a service. Tasks are leaves: nothing of ours imports a tasks module.
- A service sends a task by name with ``enqueue("reports.generate", run_id=run.pk)``; it never
  imports the tasks module (the tasks import the services, so the other way would be a circle).
- Sent inside a transaction, a task reaches the broker only once the transaction commits, and
  never if it rolls back (pretix's TransactionAwareTask does the same): a worker never looks
  for a row that is not there yet. Outside a transaction it is sent at once.

This module is in the lowest layer (core), so every app may use it.
"""

import logging

from celery import Task, current_app, shared_task
from django.db import transaction

logger = logging.getLogger(__name__)


class TransactionAwareTask(Task):
    """Sends after the surrounding transaction commits; refuses positional arguments."""

    def apply_async(self, args=None, kwargs=None, **options):
        """Send now outside a transaction (returning the AsyncResult), after commit inside one
        (returning None: there is no result until the transaction has committed)."""
        if args:
            raise TypeError(f"{self.name} takes keyword arguments only, e.g. run_id=…")
        send = super().apply_async
        # A broker hiccup must not break the page whose rows are saved: the error is logged and
        # the rows wait for their app's beat sweep (the outbox's requeue_stale, ...), as
        # Django's robust on_commit callbacks do.
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(lambda: send(kwargs=kwargs, **options), robust=True)
            return None
        try:
            return send(kwargs=kwargs, **options)
        except Exception:
            logger.exception("Could not send task %s", self.name)
            return None


def task(*, name: str, **options):
    """Declare a task the house way: ``@task(name="outbox.deliver_email", max_retries=5)``."""
    return shared_task(name=name, base=TransactionAwareTask, **options)


def enqueue(name: str, /, **ids) -> None:
    """Send the task called `name` with keyword ids, after the current transaction commits."""
    app = current_app
    if name not in app.tasks:
        app.loader.import_default_modules()  # the tasks modules are found lazily
    app.tasks[name].apply_async(kwargs=ids)
