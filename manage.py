#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "classnet.settings")
    # manage.py is the developer's tool: without DEBUG in the environment it runs in local
    # development mode. The web (wsgi/asgi) and Celery processes never assume it: production
    # sets DEBUG=false, and so must any manage.py command run against production.
    os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line  # noqa: PLC0415  (after DEBUG)

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
