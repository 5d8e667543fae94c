"""The Content-Security-Policy is enforced on every page, the templates need nothing it forbids,
and browsers' violation reports are logged (core/csp.py)."""

import json
import logging
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import EditionFactory, StaffFactory

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# HTML e-mails are read in mail clients, never under our policy: they keep their inline styles.
NOT_SERVED = {"emails/base.html"}
REPORT = reverse("csp_report")


def policy(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.mark.parametrize("role", [None, "teacher", "judge", "staff"])
def test_every_page_is_under_the_enforced_policy(client, request, role):
    if role:
        client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert "Content-Security-Policy-Report-Only" not in response.headers
    found = policy(response)
    assert found["default-src"] == ["'self'"]
    assert found["style-src-attr"] == ["'none'"]
    assert found["object-src"] == ["'none'"]
    assert found["frame-ancestors"] == ["'none'"]
    assert found["report-uri"] == ["/csp-report/"]
    assert found["frame-src"] == ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in found[directive]
        assert "'unsafe-eval'" not in found[directive]


def test_the_nonce_is_new_on_every_response_and_matches_the_page(client):
    """A template that uses {{ csp_nonce }} gets it in the header too, a different one each time."""
    template = engines["django"].from_string('<script nonce="{{ csp_nonce }}">1</script>')

    def view(request):
        return HttpResponse(template.render({}, request))

    nonces = []
    for _ in range(2):
        request = RequestFactory().get("/")
        response = ContentSecurityPolicyMiddleware(view)(request)
        nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
        assert f"'nonce-{nonce}'" in policy(response)["script-src"]
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_the_email_editor_alone_lets_the_sandboxed_preview_keep_its_styles(client, staff):
    client.force_login(staff)
    edit = client.post(
        reverse("emails:edit", args=["conferences.offer"]),
        {"action": "preview", "subject": "Your place", "body": "Dear {{ name }}"},
    )
    listing = client.get(reverse("emails:list"))

    assert edit.status_code == 200
    assert policy(edit)["style-src-attr"] == ["'unsafe-inline'"]
    assert "'unsafe-inline'" not in policy(edit)["script-src"]
    assert 'sandbox=""' in edit.content.decode()
    assert policy(listing)["style-src-attr"] == ["'none'"]


def problems_in(templates) -> list[str]:
    """What each (name, text) template has that the policy would block."""
    problems = []
    for name, text in templates:
        if re.search(r"\sstyle=", text):
            problems.append(f"{name}: a style attribute")
        if re.search(r"\son[a-z]+=", text):
            problems.append(f"{name}: an inline event handler")
        if "javascript:" in text:
            problems.append(f"{name}: a javascript: URL")
        for tag in re.findall(r"<script\b[^>]*>", text):
            executable = 'type="application/json"' not in tag
            if executable and "src=" not in tag and "nonce=" not in tag:
                problems.append(f"{name}: an inline script without a nonce")
        if re.search(r"<style\b", text):
            problems.append(f"{name}: a <style> block")
    return problems


def test_no_template_needs_what_the_policy_forbids():
    served = [
        (path.relative_to(TEMPLATES).as_posix(), path.read_text())
        for path in sorted(TEMPLATES.rglob("*.html"))
        if path.relative_to(TEMPLATES).as_posix() not in NOT_SERVED
    ]
    assert len(served) > 100
    assert problems_in(served) == []


def test_the_scan_finds_what_it_looks_for():
    """The scan above is not vacuous: it sees each thing it forbids, and lets through what is
    allowed (scripts from files, nonced scripts, JSON data)."""
    bad = '<p style="x"></p><a onclick="y"></a><script>z</script><style>p{}</style>'
    good = (
        '<script src="/static/a.js"></script><script nonce="{{ csp_nonce }}">1</script>'
        '<script type="application/json">{}</script><p class="cn-mw-36"></p>'
    )
    found = " ".join(problems_in([("bad.html", bad)]))
    for problem in ("style attribute", "event handler", "inline script", "<style> block"):
        assert problem in found
    assert problems_in([("good.html", good)]) == []


def legacy_report(**overrides):
    report = {
        "document-uri": "https://classnet.example.org/collaborations/?q=secret",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "blocked-uri": "https://evil.example/x.js?token=abc",
        "source-file": "https://classnet.example.org/",
        "line-number": 12,
        "disposition": "enforce",
    }
    return {"csp-report": {**report, **overrides}}


def test_a_report_is_logged_without_queries_or_cookies(client, caplog, teacher):
    client.force_login(teacher)
    with caplog.at_level(logging.WARNING, logger="classnet.csp"):
        response = client.post(
            REPORT, json.dumps(legacy_report()), content_type="application/csp-report"
        )

    assert response.status_code == 204
    [record] = [r for r in caplog.records if r.name == "classnet.csp"]
    message = record.getMessage()
    assert "script-src-elem" in message
    assert "https://evil.example/x.js" in message
    assert "https://classnet.example.org/collaborations/" in message
    # Query strings may hold tokens or searches: they are not logged.
    assert "token=abc" not in message
    assert "secret" not in message
    assert record.csp_directive == "script-src-elem"
    assert record.csp_line == "12"


def test_reporting_api_batches_are_logged_too(client, caplog):
    batch = [
        {
            "type": "csp-violation",
            "url": "https://classnet.example.org/",
            "body": {
                "documentURL": "https://classnet.example.org/gallery/",
                "effectiveDirective": "frame-src",
                "blockedURL": "https://tracker.example/",
                "disposition": "enforce",
            },
        },
        {"type": "deprecation", "body": {"id": "x"}},
    ]
    with caplog.at_level(logging.WARNING, logger="classnet.csp"):
        response = client.post(REPORT, json.dumps(batch), content_type="application/reports+json")

    assert response.status_code == 204
    [record] = [r for r in caplog.records if r.name == "classnet.csp"]
    assert "frame-src blocked https://tracker.example/" in record.getMessage()


@pytest.mark.parametrize(
    "body",
    [b"", b"not json", b"[1, 2]", b'{"csp-report": "x"}', b'{"a": 1}', b"\xff\xfe", b"null"],
)
def test_what_is_not_a_report_gets_400_and_nothing_logged(client, caplog, body):
    with caplog.at_level(logging.WARNING, logger="classnet.csp"):
        response = client.post(REPORT, body, content_type="application/csp-report")

    assert response.status_code == 400
    assert not [r for r in caplog.records if r.name == "classnet.csp"]


def test_an_oversized_report_is_refused(client):
    body = json.dumps(legacy_report(**{"blocked-uri": "x" * 20_000}))
    response = client.post(REPORT, body, content_type="application/csp-report")
    assert response.status_code == 400


def test_a_deeply_nested_body_gets_400_not_500(client):
    # json.loads raises RecursionError (not a ValueError) on a few thousand nested brackets.
    response = client.post(REPORT, b"[" * 10_000, content_type="application/csp-report")
    assert response.status_code == 400


def test_a_nonsense_content_length_gets_400_not_500(client):
    response = client.post(
        REPORT, b"{}", content_type="application/csp-report", CONTENT_LENGTH="lots"
    )
    assert response.status_code == 400


def test_reports_are_rate_limited_per_ip(client, caplog, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "csp_report": "3/m/ip"}
    body = json.dumps(legacy_report())
    with caplog.at_level(logging.WARNING, logger="classnet.csp"):
        codes = [
            client.post(REPORT, body, content_type="application/csp-report").status_code
            for _ in range(5)
        ]

    assert codes == [204, 204, 204, 429, 429]
    assert len([r for r in caplog.records if r.name == "classnet.csp"]) == 3


def test_the_report_endpoint_only_takes_posts(client):
    assert client.get(REPORT).status_code == 405


def test_reports_reach_the_endpoint_for_staff_still_setting_up_mfa(client):
    client.force_login(StaffFactory(totp=False))
    response = client.post(
        REPORT, json.dumps(legacy_report()), content_type="application/csp-report"
    )
    assert response.status_code == 204


def test_an_edition_page_renders_its_progress_without_a_style_attribute(client, staff):
    edition = EditionFactory(capacity=4)
    client.force_login(staff)
    body = client.get(reverse("conferences_staff:editions")).content.decode()
    assert edition.title in body
    assert 'style="' not in body
    assert "cn-pct-0" in body
