from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for `make run`. It sits above every app and composes their services."""

    name = "demo"
    label = "demo"
    verbose_name = "Demo data"
