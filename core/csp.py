"""The Content-Security-Policy (issue 14): enforced everywhere, its violations logged.

The policy itself is settings.SECURE_CSP, applied by Django's ContentSecurityPolicyMiddleware to
every response in every environment, so that the tests and the browser tests see what users get.
Templates carry no inline script, event handler or style attribute (tests/core/test_csp.py scans
them); a future inline script takes `nonce="{{ csp_nonce }}"`.

Browsers post what the policy blocked to /csp-report/ (`report-uri`, the older
application/csp-report body, and the Reporting API's application/reports+json): `csp_report`
logs each one to the "classnet.csp" logger, without cookies or anything else of the person.
"""

import json
import logging

from allauth.core import ratelimit
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.permissions import public

logger = logging.getLogger("classnet.csp")

MAX_REPORT_BYTES = 16 * 1024
MAX_REPORTS = 20  # per request (the Reporting API batches them)
FIELDS = {
    # report-uri body (application/csp-report)    -> Reporting API body (csp-violation)
    "effective-directive": "effectiveDirective",
    "blocked-uri": "blockedURL",
    "document-uri": "documentURL",
    "source-file": "sourceFile",
    "line-number": "lineNumber",
    "disposition": "disposition",
}
LOGGED = ("directive", "blocked", "document", "source", "line", "disposition")


def _clip(value, length: int = 300) -> str:
    return str(value)[:length] if value is not None else ""


def _strip_query(url: str) -> str:
    """A URL without its query and fragment: they may hold tokens or personal data."""
    return url.split("?", 1)[0].split("#", 1)[0]


def _violations(payload) -> list[dict]:
    """The violations in a report body of either format, each as the few fields we log."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        reports = [payload["csp-report"]]
        legacy = True
    elif isinstance(payload, list) and all(isinstance(r, dict) for r in payload):
        reports = [r.get("body") for r in payload[:MAX_REPORTS] if r.get("type") == "csp-violation"]
        legacy = False
    else:
        raise ValueError("not a CSP report")
    found = []
    for report in reports:
        if not isinstance(report, dict):
            raise ValueError("not a CSP report")

        def get(legacy_name, report=report):
            return report.get(legacy_name if legacy else FIELDS[legacy_name])

        found.append(
            {
                "directive": _clip(get("effective-directive") or report.get("violated-directive")),
                "blocked": _clip(_strip_query(_clip(get("blocked-uri"), 2000))),
                "document": _clip(_strip_query(_clip(get("document-uri"), 2000))),
                "source": _clip(_strip_query(_clip(get("source-file"), 2000))),
                "line": _clip(get("line-number"), 12),
                "disposition": _clip(get("disposition"), 20),
            }
        )
    return found


@public
@csrf_exempt
@require_POST
def csp_report(request):
    """Log what a browser reports the policy blocked; 204, or 400 for what is not a report, or
    429 past the per-IP limit ("csp_report" in settings.ACCOUNT_RATE_LIMITS), so that nobody
    can fill the logs."""
    if not ratelimit.consume(request, action="csp_report"):
        return HttpResponse("Too many reports", status=429, content_type="text/plain")
    if (
        request.META.get("CONTENT_LENGTH", "").strip().isdigit()
        and int(request.META["CONTENT_LENGTH"]) > MAX_REPORT_BYTES
    ):
        return HttpResponseBadRequest("Too large")
    body = request.read(MAX_REPORT_BYTES + 1)
    if len(body) > MAX_REPORT_BYTES:
        return HttpResponseBadRequest("Too large")
    try:
        violations = _violations(json.loads(body))
    except (ValueError, UnicodeDecodeError, RecursionError):
        # RecursionError: a body of thousands of nested brackets is not a report either.
        return HttpResponseBadRequest("Not a CSP report")
    for violation in violations:
        logger.warning(
            "CSP violation: %(directive)s blocked %(blocked)s on %(document)s",
            violation,
            extra={f"csp_{name}": violation[name] for name in LOGGED},
        )
    return HttpResponse(status=204)
