"""The demo is seeded once for every test of this package, not once per test.

Seeding goes through the apps' services and takes about half a minute; 24 tests each seeding
(some twice) took 16 minutes of CI. The package fixture `demo` seeds twice (the second run shows
the seed is idempotent: every test below sees what a re-run leaves) inside a transaction that
it rolls back when the package is done, so no other test sees the demo. Each test runs in a
savepoint of that transaction (pytest-django's django_db), so what a walkthrough changes is
gone before the next test starts. The photos go to a media folder of the package's own.
"""

from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from ..conftest import OUTBOX_MAILERS


@dataclass(frozen=True)
class SeededDemo:
    media_root: Path
    output: str  # what seed_demo printed on its second run


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker, tmp_path_factory) -> SeededDemo:
    media_root = tmp_path_factory.mktemp("demo-media")
    seeding_settings = override_settings(
        MEDIA_ROOT=media_root,
        MAILERS=OUTBOX_MAILERS,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )
    outer = transaction.atomic()
    output = StringIO()
    with seeding_settings:
        with django_db_blocker.unblock():
            outer.__enter__()
            try:
                call_command("seed_demo", stdout=StringIO())
                call_command("seed_demo", stdout=output)
            except BaseException:
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)
                raise
        try:
            yield SeededDemo(media_root=media_root, output=output.getvalue())
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _demo_media(demo, settings):
    """Every test reads the photos the package's seed drew."""
    settings.MEDIA_ROOT = demo.media_root
