import logging

from django.http import JsonResponse
from django.utils.log import log_response
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.permissions import public

from .checks import run_checks

logger = logging.getLogger(__name__)


@public
@never_cache
@require_GET
def healthz(request):
    """{"status": "ok"|"error", "checks": {...}}: 200 when every check passes, else 503.
    `?beat=1` adds the beat heartbeat. Says nothing of the data, nor why a check failed."""
    checks = run_checks(beat=request.GET.get("beat") == "1")
    failed = [name for name, result in checks.items() if result == "error"]
    response = JsonResponse(
        {"status": "error" if failed else "ok", "checks": checks},
        status=503 if failed else 200,
    )
    if failed:
        # A warning, not Django's error for a 503: a monitor polling a broken portal must not
        # send an error mail (or Sentry event) per poll; each check logged why it failed.
        log_response(
            "Health check failed: %s",
            ", ".join(failed),
            response=response,
            request=request,
            logger=logger,
            level="warning",
        )
    return response
