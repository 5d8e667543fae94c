"""Error reporting to Sentry (or a service that speaks its protocol), set up by the settings
when SENTRY_DSN is given. The portal holds minors' and teachers' personal data, so nothing
personal leaves with an error: no user, IP address, cookies, request bodies or local variables.
"""

import logging

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.integrations.logging import LoggingIntegration


def sentry_options(
    *, dsn: str, environment: str, release: str | None, traces_sample_rate: float
) -> dict:
    """The options sentry_sdk.init receives (apart, so that a test can read them)."""
    return {
        "dsn": dsn,
        "environment": environment,
        "release": release,
        "traces_sample_rate": traces_sample_rate,
        # No send_default_pii=True, ever: its default (unset, i.e. False) keeps users, IP
        # addresses and cookies out and the SDK's scrubber on. sentry-sdk 2.75 deprecates
        # passing the option; its successor, data_collection, would switch the scrubber off.
        "include_local_variables": False,
        "max_request_body_size": "never",
        "integrations": [
            DjangoIntegration(),
            CeleryIntegration(),
            # Log records become breadcrumbs from INFO, events from ERROR.
            LoggingIntegration(level=logging.INFO, event_level=logging.ERROR),
        ],
    }


def init_sentry(
    *,
    dsn: str,
    environment: str,
    release: str | None = None,
    traces_sample_rate: float = 0.0,
    **extra,
) -> None:
    """Start reporting errors of this process (web or worker) to `dsn`."""
    sentry_sdk.init(
        **sentry_options(
            dsn=dsn,
            environment=environment,
            release=release,
            traces_sample_rate=traces_sample_rate,
        ),
        **extra,
    )
