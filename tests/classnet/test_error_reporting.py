"""Server errors: mailed to ADMIN_EMAILS straight through SMTP (never the outbox), or sent to
Sentry when SENTRY_DSN is set, with nothing personal in the event."""

import json
import logging
import warnings

import pytest
import sentry_sdk
from django.core import mail
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.integrations.logging import LoggingIntegration
from sentry_sdk.transport import Transport

from classnet.sentry import init_sentry, sentry_options
from core.outbox.models import OutgoingEmail

from .test_settings import run_manage

pytestmark = pytest.mark.django_db

DSN = "https://public@sentry.example.invalid/1"


@pytest.mark.urls("tests.classnet.urls_failing")
@pytest.mark.filterwarnings("error::DeprecationWarning", "error::PendingDeprecationWarning")
def test_a_server_error_mails_the_admins_once_through_smtp_not_the_outbox(client, settings):
    settings.ADMINS = ["ops@classnet.example.org", "dev@classnet.example.org"]
    client.raise_request_exception = False

    response = client.get("/boom/")

    assert response.status_code == 500
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ops@classnet.example.org", "dev@classnet.example.org"]
    assert "RuntimeError" in mail.outbox[0].subject + mail.outbox[0].body
    assert OutgoingEmail.objects.count() == 0


def test_error_mail_is_wired_to_the_delivery_mailer(settings):
    handler = settings.LOGGING["handlers"]["mail_admins"]

    assert handler["class"] == "django.utils.log.AdminEmailHandler"
    assert handler["using"] == "delivery"
    assert settings.LOGGING["loggers"]["django"]["handlers"] == ["mail_admins"]
    assert settings.LOGGING["loggers"]["celery.app.trace"]["handlers"] == ["mail_admins"]


def test_admin_emails_are_plain_addresses():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(repr(settings.ADMINS))",
        env={"DEBUG": "true", "ADMIN_EMAILS": "ops@example.org,dev@example.org"},
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "['ops@example.org', 'dev@example.org']"


def test_sentry_options_keep_personal_data_out():
    options = sentry_options(
        dsn=DSN, environment="staging", release="classnet@1.2.3", traces_sample_rate=0.25
    )

    assert options["dsn"] == DSN
    assert options["environment"] == "staging"
    assert options["release"] == "classnet@1.2.3"
    assert options["traces_sample_rate"] == 0.25
    assert options.get("send_default_pii") is None  # unset is off (and passing it is deprecated)
    assert options["include_local_variables"] is False
    assert options["max_request_body_size"] == "never"
    assert {type(i) for i in options["integrations"]} == {
        DjangoIntegration,
        CeleryIntegration,
        LoggingIntegration,
    }


class Captured(Transport):
    def __init__(self, options=None):
        super().__init__(options)
        self.envelopes = []

    def capture_envelope(self, envelope):
        self.envelopes.append(envelope)

    def events(self):
        return [
            json.loads(item.payload.get_bytes())
            for envelope in self.envelopes
            for item in envelope.items
            if item.type == "event"
        ]


@pytest.fixture
def sentry():
    transport = Captured()
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)  # our options are all current
        init_sentry(dsn=DSN, environment="test", transport=transport)
    yield transport
    sentry_sdk.init()  # no DSN: reporting off again for the other tests


@pytest.mark.urls("tests.classnet.urls_failing")
def test_a_server_error_reaches_sentry_without_who_asked_or_what_they_sent(client, teacher, sentry):
    client.force_login(teacher)
    client.raise_request_exception = False

    client.post("/boom/?q=1", {"name": "Aino Virtanen"}, REMOTE_ADDR="203.0.113.7")
    sentry_sdk.flush()

    events = sentry.events()
    assert events
    error = events[0]
    assert error["exception"]["values"][-1]["type"] == "RuntimeError"
    assert error["environment"] == "test"
    text = json.dumps(error)
    assert "203.0.113.7" not in text
    assert "Aino" not in text
    assert teacher.email not in text
    assert "sessionid" not in text
    assert "vars" not in json.dumps(error["exception"])


def test_the_client_sends_no_personal_data_by_default(sentry):
    assert sentry_sdk.get_client().should_send_default_pii() is False


def test_errors_logged_by_our_code_reach_sentry(sentry):
    logging.getLogger("reports.services").error("Report run %s failed", 7)
    sentry_sdk.flush()

    assert [e["logentry"]["message"] for e in sentry.events()] == ["Report run %s failed"]


def test_with_a_dsn_the_settings_start_sentry_and_stop_error_mail():
    code = (
        "import sentry_sdk; from django.conf import settings; "
        "from sentry_sdk.integrations.django import DjangoIntegration; "
        "from sentry_sdk.integrations.celery import CeleryIntegration; "
        "c = sentry_sdk.get_client(); "
        "print(c.is_active(), c.options['environment'], c.options['traces_sample_rate'], "
        "c.get_integration(DjangoIntegration) is not None, "
        "c.get_integration(CeleryIntegration) is not None, "
        "settings.LOGGING['loggers']['django']['handlers'])"
    )
    result = run_manage(
        "shell",
        "-c",
        code,
        env={
            "DEBUG": "true",
            "SENTRY_DSN": DSN,
            "SENTRY_ENVIRONMENT": "staging",
            "SENTRY_TRACES_SAMPLE_RATE": "0.1",
        },
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True staging 0.1 True True []"


def test_without_a_dsn_nothing_goes_to_sentry():
    result = run_manage(
        "shell",
        "-c",
        "import sentry_sdk; print(sentry_sdk.get_client().is_active())",
        env={"DEBUG": "true"},
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"
