"""ClassNet settings: the one module that reads the environment.

Every value comes from an environment variable (or a `.env` file beside manage.py).
Embedded defaults (SQLite, a filesystem Celery broker, mail written to files) apply only
when DEBUG is on; with DEBUG off the secrets and services must be given explicitly.
"""

from pathlib import Path

import environ
import xstatic.pkg.bootstrap
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from classnet.sentry import init_sentry

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)


def _required(name: str, hint: str) -> str:
    """Return a production setting or stop with a message that says what to do."""
    value = env.str(name, default="")
    if not value:
        raise ImproperlyConfigured(
            f"{name} is not set. With DEBUG off (production) ClassNet needs {hint}. "
            f"Set {name} in the environment, or set DEBUG=true for local development."
        )
    return value


# --- Core ------------------------------------------------------------------------------------

if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-classnet-local-development-only")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
else:
    SECRET_KEY = _required("SECRET_KEY", "a long random secret key (50+ characters)")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
    if not ALLOWED_HOSTS:
        _required("ALLOWED_HOSTS", "the host names it is served under, comma-separated")

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Where people reach the portal: links in e-mails sent by Celery (no request to ask) use it.
SITE_URL = env.str(
    "SITE_URL",
    default="http://127.0.0.1:8000" if DEBUG else f"https://{ALLOWED_HOSTS[0]}",
)

DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]
THIRD_PARTY_APPS = [
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "rules.apps.AutodiscoverRulesConfig",
]
# Ours, lowest layer first (imports flow upwards only: see DESIGN.md). Staff manage their models.
LOCAL_APPS = [
    "core.search",
    "core.outbox",
    "core.emails",
    "core.audit",
    "schools",
    "teachers",
    "conferences",
    "collaborations",
    "awards",
    "surveys",
    "gallery",
    "reports",
]
INSTALLED_APPS = [*DJANGO_APPS, *THIRD_PARTY_APPS, *LOCAL_APPS, "demo"]

MIDDLEWARE = [
    "core.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "core.mfa.MFARequiredMiddleware",
]

ROOT_URLCONF = "classnet.urls"
WSGI_APPLICATION = "classnet.wsgi.application"
ASGI_APPLICATION = "classnet.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------------------------

if DEBUG:
    VAR_DIR.mkdir(exist_ok=True)
    DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
else:
    DATABASES = {"default": env.db_url_config(_required("DATABASE_URL", "a PostgreSQL URL"))}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (web, Celery worker) share the file: wait for locks, write eagerly.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
else:
    # PostgreSQL through psycopg 3. Production keeps a pool of connections per process (Django's
    # psycopg_pool); the pool replaces persistent connections, so CONN_MAX_AGE is 0 with it.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if env.bool("DB_POOL", default=not DEBUG):
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": env.int("DB_POOL_MIN", default=2),
            "max_size": env.int("DB_POOL_MAX", default=10),
            "timeout": env.float("DB_POOL_TIMEOUT", default=10.0),
        }
        DATABASES["default"]["CONN_MAX_AGE"] = 0
    else:
        DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (allauth's rate limits live here: shared between processes when Redis is set) -----

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("CACHE_URL", default=REDIS_URL),
            "KEY_PREFIX": "classnet",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Accounts --------------------------------------------------------------------------------

AUTH_USER_MODEL = "teachers.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "teachers:dashboard"

ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "teachers.forms.SignupForm"
# allauth's e-mails are registered texts staff edit (core/emails), where allauth allows.
ACCOUNT_ADAPTER = "core.emails.adapter.AccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Tell the account holder of every change to their password or addresses (teachers/emails/).
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[ClassNet] "
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
# A teacher who mistypes or already has an account is told so on the form (the issue asks for
# it); login and reset attempts stay rate-limited, which bounds what enumeration can learn.
ACCOUNT_PREVENT_ENUMERATION = False
# allauth's defaults, stated so that nobody switches them off by accident.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    # Ours, on every action that sends e-mail (core/ratelimit.py).
    "collaborations_join_request": "10/h/user",
    "collaborations_invitation": "30/h/user",
    "conferences_application": "10/h/user",
    "awards_entry_submit": "20/h/user",
    "awards_judge_invitation": "30/h/user",
    # Not e-mail: the browsers' CSP violation reports (core/csp.py), per IP, so that nobody
    # can fill the logs. A page with a broken policy sends a few per view, well below this.
    "csp_report": "120/m/ip",
}
# Two-factor authentication (allauth.mfa): an authenticator app (TOTP), a security key or passkey
# (WebAuthn, as the second step after the password) and recovery codes. Signing in with a passkey
# alone (MFA_PASSKEY_LOGIN_ENABLED) stays off: one sign-in form for everyone.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = "ClassNet"
# A phone's clock a few seconds off, or a code typed as it changes, still works: the codes of the
# previous and next 30 s periods are accepted too (RFC 6238 section 5.2). Each code works once.
MFA_TOTP_TOLERANCE = 1
# Staff, judges and superusers must set up two-factor authentication before anything else opens
# (core/mfa.py). Switch off only for a local experiment, never in production.
MFA_REQUIRED_FOR_ROLES = env.bool("MFA_REQUIRED_FOR_ROLES", default=True)

# --- Internationalisation -------------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static and media files -----------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Bootstrap comes from the xstatic-bootstrap package: no CDN, no committed copy.
    ("vendor/bootstrap", xstatic.pkg.bootstrap.BASE_DIR),
]
if DEBUG:
    Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # WhiteNoise looks there at start-up
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Generated reports and exports: never under MEDIA_URL; only a staff-only view streams them.
PRIVATE_FILES_DIR = env.path("PRIVATE_FILES_DIR", default=VAR_DIR / "private")
STORAGES["private"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(PRIVATE_FILES_DIR), "base_url": None},
}
# Uploaded files whose page is not public (members-only diary photos, award evidence) are kept
# in the "private" storage under media/ (core.files) and served only by permission-checked views:
# Django streams them, or nginx does when PRIVATE_MEDIA_ACCEL_PREFIX names its internal location
# for PRIVATE_FILES_DIR (README, "Private media"); on S3 a signed URL valid this many seconds.
PRIVATE_MEDIA_ACCEL_PREFIX = env.str("PRIVATE_MEDIA_ACCEL_PREFIX", default="")
PRIVATE_MEDIA_URL_EXPIRY = env.int("PRIVATE_MEDIA_URL_EXPIRY", default=60)
# Where the PDFs' fonts are (core.pdf): Debian's fonts-noto-core and fonts-noto-cjk, which
# `make install` installs; a comma-separated list of folders elsewhere.
PDF_FONT_DIRS = env.list(
    "PDF_FONT_DIRS",
    default=["/usr/share/fonts/truetype/noto", "/usr/share/fonts/opentype/noto"],
)
# Report runs' files are deleted this many days after the request (reports.clean_old_files).
REPORT_FILES_KEEP_DAYS = env.int("REPORT_FILES_KEEP_DAYS", default=30)
# Exports of staff lists up to this many rows are streamed at once; larger ones are made by a
# report run in the background and announced by e-mail.
EXPORT_SYNC_MAX_ROWS = env.int("EXPORT_SYNC_MAX_ROWS", default=2000)

# Uploaded files on S3-compatible storage when a bucket is named (pip install ".[s3]").
S3_BUCKET = env.str("S3_BUCKET", default="")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env.str("S3_ENDPOINT_URL", default=None),
            "region_name": env.str("S3_REGION", default=None),
            "access_key": env.str("S3_ACCESS_KEY_ID", default=None),
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default=None),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    # Reports on the same private bucket under their own prefix, shared by web and workers.
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**STORAGES["default"]["OPTIONS"], "location": "private"},
    }

# --- E-mail ---------------------------------------------------------------------------------
# "default" is what Django and allauth send through: it only records the message in the outbox
# and hands it to Celery after the transaction commits. The task delivers it through "delivery":
# SMTP from EMAIL_URL (smtp://, smtp+tls://, smtp+ssl://), or files under var/mail/ in DEBUG.

DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="ClassNet <noreply@classnet.local>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
EMAIL_FILE_DIR = env.path("EMAIL_FILE_DIR", default=VAR_DIR / "mail")


def _delivery_mailer() -> dict:
    url = env.str("EMAIL_URL", default="")
    if not url:
        if not DEBUG:
            _required("EMAIL_URL", "an SMTP server, e.g. smtp+tls://user:password@host:587")
        return {
            "BACKEND": "core.outbox.dev.ReadableFileEmailBackend",
            "OPTIONS": {"file_path": str(EMAIL_FILE_DIR)},
        }
    parsed = env.email_url_config(url)
    options = {
        "host": parsed["EMAIL_HOST"],
        "port": parsed["EMAIL_PORT"],
        "username": parsed["EMAIL_HOST_USER"] or None,
        "password": parsed["EMAIL_HOST_PASSWORD"] or None,
        "use_tls": parsed.get("EMAIL_USE_TLS", False),
        "use_ssl": parsed.get("EMAIL_USE_SSL", False),
        "timeout": env.int("EMAIL_TIMEOUT", default=20),
    }
    return {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": options}


MAILERS = {
    "default": {
        "BACKEND": "core.outbox.backends.OutboxEmailBackend",
        "OPTIONS": {"deliver_using": "delivery"},
    },
    "delivery": _delivery_mailer(),
}

# --- Celery ---------------------------------------------------------------------------------

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
if not CELERY_BROKER_URL:
    if not DEBUG:
        _required("REDIS_URL", "a Redis server for Celery, e.g. redis://127.0.0.1:6379/0")
    # An embedded broker that needs no server: kombu's filesystem transport.
    CELERY_BROKER_URL = "filesystem://"
    _queue_dir = VAR_DIR / "celery" / "queue"
    _queue_dir.mkdir(parents=True, exist_ok=True)
    (VAR_DIR / "celery" / "control").mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "control_folder": str(VAR_DIR / "celery" / "control"),
    }
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 90
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(env.path("CELERY_BEAT_SCHEDULE", default=VAR_DIR / "beat"))
# Periodic tasks: declared here, in one place.
CELERY_BEAT_SCHEDULE = {
    "core-heartbeat": {
        "task": "core.heartbeat",
        "schedule": 60.0,  # /healthz?beat=1 fails when the last one is 3 minutes old
    },
    "outbox-requeue-stale": {
        "task": "outbox.requeue_stale",
        "schedule": 300.0,
    },
    "collaborations-remind-unanswered-requests": {
        "task": "collaborations.remind_unanswered_requests",
        "schedule": 24 * 60 * 60.0,  # daily; each request is reminded once, 7 days after
    },
    "conferences-expire-offers": {
        "task": "conferences.expire_offers",
        "schedule": 5 * 60.0,  # an expired offer rolls to the next teacher within 5 minutes
    },
    "conferences-send-reminders": {
        "task": "conferences.send_reminders",
        "schedule": 60 * 60.0,  # hourly; each participant is reminded once
    },
    "reports-clean-old-files": {
        "task": "reports.clean_old_files",
        "schedule": 24 * 60 * 60.0,  # daily: report files older than REPORT_FILES_KEEP_DAYS go
    },
    "reports-fail-stuck-runs": {
        "task": "reports.fail_stuck_runs",
        "schedule": 10 * 60.0,  # a run whose worker died is marked failed (staff can retry)
    },
    "reports-refresh-statistics": {
        "task": "reports.refresh_statistics",
        "schedule": 60 * 60.0,  # hourly, besides the refresh when data changes
    },
    "surveys-clear-stale-drafts": {
        "task": "surveys.clear_stale_drafts",
        "schedule": 24 * 60 * 60.0,  # daily: unsubmitted drafts of closed surveys go
    },
    "awards-remind-judges": {
        "task": "awards.remind_judges",
        "schedule": 60 * 60.0,  # hourly; each unfinished assignment is reminded once
    },
}

# --- Forms and messages ---------------------------------------------------------------------

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

from django.contrib.messages import constants as message_constants  # noqa: E402

MESSAGE_TAGS = {message_constants.ERROR: "danger"}

# --- Security (production) ------------------------------------------------------------------

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy, enforced in every environment (core/csp.py). Scripts and styles come
# only from our static files: no inline script without a nonce, no style attribute, no event
# handler. Images may be data: URLs (the QR code of the authenticator app) and, with S3, come
# from the bucket (CSP_MEDIA_SOURCES). Frames are only the two video players that the gallery
# loads once a visitor presses "Play video". Violations are reported to /csp-report/.
_s3_origin = ""
if S3_BUCKET:
    _s3_endpoint = env.str("S3_ENDPOINT_URL", default="")
    _s3_origin = (
        "/".join(_s3_endpoint.split("/")[:3])
        if _s3_endpoint
        else f"https://{S3_BUCKET}.s3.amazonaws.com"
    )
CSP_MEDIA_SOURCES = env.list("CSP_MEDIA_SOURCES", default=[_s3_origin] if _s3_origin else [])
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "style-src-attr": [CSP.NONE],
    "img-src": [CSP.SELF, "data:", *CSP_MEDIA_SOURCES],
    "media-src": [CSP.SELF, *CSP_MEDIA_SOURCES],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "report-uri": "/csp-report/",
}
SESSION_COOKIE_HTTPONLY = True

# --- Error reporting (Sentry) ------------------------------------------------------------
# With SENTRY_DSN set, errors of the web and the worker go to Sentry (or a compatible service)
# and no error mail is sent; without it, server errors are mailed to ADMIN_EMAILS.

SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    init_sentry(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="development" if DEBUG else "production"),
        release=env.str("SENTRY_RELEASE", default="") or None,
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )

# --- Logging and error mail -----------------------------------------------------------------
# Error mail goes straight through the "delivery" mailer (SMTP): never through the outbox,
# whose database and broker are what usually fail with the app.

ADMINS = env.list("ADMIN_EMAILS", default=[])

LOG_FORMAT = env.str("LOG_FORMAT", default="plain")
if LOG_FORMAT not in ("plain", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be plain or json, not {LOG_FORMAT!r}.")
_error_mail = [] if SENTRY_DSN else ["mail_admins"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "core.request_id.RequestIdFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "using": "delivery",
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Replaces Django's default "django" handlers (whose mail went through the outbox).
        "django": {"handlers": _error_mail, "level": "INFO"},
        "celery.app.trace": {"handlers": _error_mail, "level": "INFO"},
        "django.db.backends": {"level": "WARNING"},
    },
}
