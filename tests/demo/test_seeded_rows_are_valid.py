"""Every row the demo seeds passes its model's full_clean(): the demo is data a real user's
actions could have made, not rows that only exist because the seed wrote them directly."""

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError

pytestmark = pytest.mark.django_db

# Models whose clean() needs what a row alone cannot give it, by "app_label.ModelName": reason.
EXCLUDED: dict[str, str] = {}


def our_models():
    for config in apps.get_app_configs():
        if config.name in settings.LOCAL_APPS:
            yield from config.get_models()


def test_every_seeded_row_of_our_apps_passes_full_clean(demo):
    failures = []
    checked = 0
    for model in our_models():
        if model._meta.label in EXCLUDED:
            continue
        for row in model._base_manager.order_by("pk").iterator():
            checked += 1
            try:
                row.full_clean()
            except ValidationError as error:
                failures.append((model._meta.label, row.pk, error.message_dict))

    assert checked > 1000  # the demo was seeded: this is not a test of an empty database
    assert failures == []
