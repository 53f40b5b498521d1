"""Pramoen settings: one file, driven by environment variables (see README's configuration table).

Development is the default and works with no variables at all (SQLite and media under ``var/``).
Production refuses to start without a secret key and allowed hosts, and passes every deploy check.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dj_database_url
from csp import constants as csp_constants
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
# With the editable install used by `make run`, this is the checkout; PRAMOEN_VAR_DIR moves it.
PROJECT_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("PRAMOEN_VAR_DIR", PROJECT_DIR / "var"))

ENV = os.environ.get("PRAMOEN_ENV", "development")
if ENV not in {"development", "production"}:
    raise ImproperlyConfigured("PRAMOEN_ENV must be 'development' or 'production'")
PRODUCTION = ENV == "production"


def _env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


if PRODUCTION:
    try:
        SECRET_KEY = os.environ["PRAMOEN_SECRET_KEY"]
        ALLOWED_HOSTS = _env_list("PRAMOEN_ALLOWED_HOSTS")
    except KeyError as exc:
        raise ImproperlyConfigured(
            f"{exc.args[0]} is required when PRAMOEN_ENV=production"
        ) from exc
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("PRAMOEN_ALLOWED_HOSTS is required when PRAMOEN_ENV=production")
    DEBUG = False
else:
    SECRET_KEY = os.environ.get(
        "PRAMOEN_SECRET_KEY", "development-only-key-never-used-in-production-0123456789abcdef"
    )
    ALLOWED_HOSTS = _env_list("PRAMOEN_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
    DEBUG = _env_bool("PRAMOEN_DEBUG", True)

CSRF_TRUSTED_ORIGINS = _env_list("PRAMOEN_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_htmx",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "pramoen.core",
    "pramoen.accounts",
    "pramoen.orgs",
    "pramoen.documents",
    "pramoen.kpi",
    "pramoen.studio",
    "pramoen.awards",
    "pramoen.judging",
    "pramoen.people",
    # After the apps: its static files are the Swagger UI of the docs page (served locally).
    "ninja",
    "pramoen.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "pramoen.core.locale.ThaiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "pramoen.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The ESA's one digits style (Thai or Arabic) over every HTML page its people see.
    "pramoen.orgs.digits.EsaDigitsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "pramoen.core.middleware.PermissionsPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "pramoen.core.middleware.DatabaseUnavailableMiddleware",
    # Axes must come last so it sees the outcome of every authentication attempt.
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:
    # The web process serves its own hashed static files; runserver does it in development.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "pramoen.urls"
WSGI_APPLICATION = "pramoen.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "pramoen.core.context_processors.navigation",
                "pramoen.core.context_processors.csp_nonce",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'pramoen.sqlite3'}"),
        conn_max_age=int(os.environ.get("PRAMOEN_DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and _env_bool(
    "PRAMOEN_DB_POOL", True
):
    # Django 5.2's psycopg pool: each web process holds at most PRAMOEN_DB_POOL_MAX connections and
    # a request waits up to PRAMOEN_DB_POOL_TIMEOUT seconds for one, so many concurrent requests
    # queue for a connection instead of exhausting PostgreSQL's max_connections ("too many
    # clients") — processes × max must stay below it (docs/deploy.md). A pool replaces persistent
    # connections (CONN_MAX_AGE must be 0).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": int(os.environ.get("PRAMOEN_DB_POOL_MIN", "2")),
        "max_size": int(os.environ.get("PRAMOEN_DB_POOL_MAX", "8")),
        "timeout": float(os.environ.get("PRAMOEN_DB_POOL_TIMEOUT", "20")),
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL and a busy timeout keep the single-file database usable by the web process and a worker.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

# PostgreSQL: the role the application connects as when another role owns the tables and runs
# migrations (docs/deploy.md); migration core.0004 grants it DML, and on the audit log only
# INSERT and SELECT.
PRAMOEN_DB_APP_ROLE = os.environ.get("PRAMOEN_DB_APP_ROLE", "")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "pramoen.accounts.backends.UsernameOrEmailBackend",
    "pramoen.accounts.backends.SystemAdminBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The second factor (pramoen.accounts.twofactor): TOTP with recovery codes, required for these
# roles (and Django staff), for everyone with PRAMOEN_2FA_EVERYONE; PRAMOEN_2FA_REQUIRED=false
# turns enforcement off. django-otp slows repeated wrong codes down (growing delay per device).
PRAMOEN_2FA_REQUIRED = _env_bool("PRAMOEN_2FA_REQUIRED", True)
PRAMOEN_2FA_EVERYONE = _env_bool("PRAMOEN_2FA_EVERYONE", False)
PRAMOEN_2FA_ROLES = _env_list("PRAMOEN_2FA_ROLES", "system_admin,esa_staff,committee_chair,judge")
OTP_TOTP_ISSUER = os.environ.get("PRAMOEN_SITE_NAME", "ประเมิน (Pramoen)")
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# django-axes: the 6th wrong password in a row locks the username+IP pair out for an hour; each
# further lockout of that pair within a day lasts twice as long (pramoen.accounts.lockout), up to a
# day. The IP is the client's, behind PRAMOEN_PROXY_COUNT trusted proxies (nginx: 1).
PRAMOEN_PROXY_COUNT = int(os.environ.get("PRAMOEN_PROXY_COUNT", "0"))
PRAMOEN_AXES_COOLOFF_HOURS = float(os.environ.get("PRAMOEN_AXES_COOLOFF_HOURS", "1"))
AXES_FAILURE_LIMIT = int(os.environ.get("PRAMOEN_AXES_FAILURE_LIMIT", "6"))
AXES_COOLOFF_TIME = "pramoen.accounts.lockout.cool_off"
AXES_USE_ATTEMPT_EXPIRATION = True
AXES_CLIENT_IP_CALLABLE = "pramoen.core.throttle.client_ip"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "pramoen.accounts.backends.lockout_username"
AXES_VERBOSE = False

LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("ไทย")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# English only by the person's own choice, remembered a year (pramoen.core.locale).
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
# How long a one-time link to set a first password lasts (pramoen.people.tokens).
# What "/" shows (pramoen.core.views.home): the landing page and each person's next steps.
PRAMOEN_HOME_VIEW = "pramoen.people.views.home.home"
# Where core.mail finds an ESA's own e-mail templates (the people app: core imports no app above).
PRAMOEN_MAIL_TEMPLATE_SOURCE = "pramoen.people.selectors.mail_template_override"
PRAMOEN_INVITE_DAYS = int(os.environ.get("PRAMOEN_INVITE_DAYS", "14"))
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("PRAMOEN_STATIC_ROOT", VAR_DIR / "static"))
# Front-end assets come from the npm registry (package.json) and are served from here, never a CDN.
NODE_MODULES = PROJECT_DIR / "node_modules"
STATICFILES_DIRS = [
    PACKAGE_DIR / "static",
    *(
        (f"vendor/{name}", NODE_MODULES / path)
        for name, path in {
            "sarabun": "@fontsource/sarabun",
            "pdfjs": "pdfjs-dist/build",
            "pdfjs-web": "pdfjs-dist/web",
            "echarts": "echarts/dist",
        }.items()
        if (NODE_MODULES / path).is_dir()
    ),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("PRAMOEN_MEDIA_ROOT", VAR_DIR / "media"))

# Files go through Django's storage API: local disk by default, S3-compatible when configured.
# Every stored file — uploads, built certificates, reports — is private: it is handed out only by
# a view that checks the reader's permission, which streams it or (S3) redirects to a presigned
# URL valid for PRAMOEN_S3_URL_SECONDS. PRAMOEN_S3_REDIRECT=false streams through the web process
# instead, for a bucket browsers cannot reach (an internal MinIO).
PRAMOEN_S3 = bool(os.environ.get("PRAMOEN_S3_BUCKET"))
PRAMOEN_S3_REDIRECT = _env_bool("PRAMOEN_S3_REDIRECT", True)


def s3_storage(env: Mapping[str, str]) -> dict[str, Any]:
    """The ``STORAGES["default"]`` entry for the bucket named by ``PRAMOEN_S3_*`` in ``env``."""
    from boto3.s3.transfer import TransferConfig

    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env["PRAMOEN_S3_BUCKET"],
            "endpoint_url": env.get("PRAMOEN_S3_ENDPOINT_URL") or None,
            "region_name": env.get("PRAMOEN_S3_REGION") or None,
            "access_key": env.get("PRAMOEN_S3_ACCESS_KEY") or None,
            "secret_key": env.get("PRAMOEN_S3_SECRET_KEY") or None,
            "addressing_style": env.get("PRAMOEN_S3_ADDRESSING_STYLE") or "path",
            "signature_version": "s3v4",
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": int(env.get("PRAMOEN_S3_URL_SECONDS", "300")),
            "file_overwrite": False,
            # Uploads stream in 8 MB parts from one thread: boto3's default of 10 threads holds up
            # to 80 MB per upload in memory, which a deadline rush of 100 uploads cannot afford.
            "transfer_config": TransferConfig(
                multipart_threshold=8 * 1024 * 1024,
                multipart_chunksize=8 * 1024 * 1024,
                max_concurrency=1,
                use_threads=False,
            ),
            # A file read back through the storage (an import, a backup) spills to a temporary
            # file past 2 MB instead of being held whole in memory.
            "max_memory_size": 2 * 1024 * 1024,
        },
    }


if PRAMOEN_S3:
    _default_storage = s3_storage(os.environ)
else:
    _default_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": MEDIA_URL},
    }
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

if os.environ.get("PRAMOEN_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["PRAMOEN_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("PRAMOEN_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("PRAMOEN_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("PRAMOEN_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = _env_bool("PRAMOEN_EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("PRAMOEN_DEFAULT_FROM_EMAIL", "pramoen@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SESSION_ENGINE = "pramoen.core.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60  # a working day; judges score in long sittings
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): our own origin only, inline scripts and styles only with the
# request's nonce, no eval (htmx runs with allowEval false, pdf.js with isEvalSupported false), no
# plugins, no framing. pdf.js draws pages from blob:/data: images and runs its worker from 'self'.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp_constants.SELF],
        "script-src": [csp_constants.SELF, csp_constants.NONCE],
        "style-src": [csp_constants.SELF, csp_constants.NONCE],
        "img-src": [csp_constants.SELF, "data:", "blob:"],
        "font-src": [csp_constants.SELF, "data:"],
        "connect-src": [csp_constants.SELF],
        "worker-src": [csp_constants.SELF, "blob:"],
        "object-src": [csp_constants.NONE],
        "base-uri": [csp_constants.SELF],
        "form-action": [csp_constants.SELF],
        "frame-ancestors": [csp_constants.NONE],
    }
}
# Browser features no page of ours uses (pramoen.core.middleware.PermissionsPolicyMiddleware).
PRAMOEN_PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), usb=(), "
    "interest-cohort=()"
)
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _env_bool("PRAMOEN_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("PRAMOEN_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = _env_bool("PRAMOEN_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    if not SECURE_SSL_REDIRECT:
        # The TLS-terminating proxy redirects instead; tell the deploy check we know.
        SILENCED_SYSTEM_CHECKS = ["security.W008"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("PRAMOEN_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Throttles (pramoen.core.throttle): scope -> (requests, seconds), per client IP unless named
# per account. "PRAMOEN_THROTTLE_VERIFY=30/300" overrides one.
_THROTTLE_DEFAULTS = {
    "verify": "30/300",  # certificate verification page
    "results": "120/300",  # public results pages and their Excel
    "password_reset_ip": "10/3600",
    "password_reset_account": "3/3600",  # mails to one account; more are dropped, not reported
    "api_token": "600/60",  # requests per personal API token
    "register": "10/3600",  # self-registration requests per IP
}
PRAMOEN_THROTTLES = {
    scope: tuple(
        int(part)
        for part in os.environ.get(f"PRAMOEN_THROTTLE_{scope.upper()}", default).split("/", 1)
    )
    for scope, default in _THROTTLE_DEFAULTS.items()
}
# The cache (throttles, and whatever else is cached) must be shared by every web process:
# PRAMOEN_CACHE=redis://host:6379/N or PRAMOEN_CACHE=database (the pramoen_cache table, made by
# `pramoen createcachetable`); PRAMOEN_REDIS_URL is the older name of the Redis form. Without
# either, each process has its own memory cache — right for one process only.
_cache = os.environ.get("PRAMOEN_CACHE") or os.environ.get("PRAMOEN_REDIS_URL", "")
if _cache.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _cache,
            "KEY_PREFIX": os.environ.get("PRAMOEN_CACHE_PREFIX", "pramoen"),
        }
    }
elif _cache == "database":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "pramoen_cache",
            "KEY_PREFIX": os.environ.get("PRAMOEN_CACHE_PREFIX", "pramoen"),
        }
    }
elif _cache:
    raise ImproperlyConfigured("PRAMOEN_CACHE must be redis://…, rediss://…, unix://… or database")

# Pramoen's own limits.
PRAMOEN_UPLOAD_MAX_BYTES = int(os.environ.get("PRAMOEN_UPLOAD_MAX_BYTES", str(50 * 1024 * 1024)))
PRAMOEN_SITE_NAME = os.environ.get("PRAMOEN_SITE_NAME", "ประเมิน (Pramoen)")

# The task queue (pramoen.core.jobs; docs/architecture.md "Jobs"). PRAMOEN_TASKS picks the backend:
# db (default: the database, no other service, so `make run` stays one command), rq (Redis at
# PRAMOEN_REDIS_URL: many workers on many machines) or immediate (run at once in the process that
# enqueues: unit tests). `pramoen worker` runs the worker of the one configured.
PRAMOEN_TASKS = os.environ.get("PRAMOEN_TASKS", "db")
PRAMOEN_TASKS_QUEUE = os.environ.get("PRAMOEN_TASKS_QUEUE", "pramoen")
_TASK_BACKENDS = {
    "db": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if PRAMOEN_TASKS not in _TASK_BACKENDS:
    raise ImproperlyConfigured("PRAMOEN_TASKS must be 'db', 'rq' or 'immediate'")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[PRAMOEN_TASKS], "QUEUES": [PRAMOEN_TASKS_QUEUE]}}
if PRAMOEN_TASKS == "rq":
    if not os.environ.get("PRAMOEN_REDIS_URL"):
        raise ImproperlyConfigured("PRAMOEN_TASKS=rq needs PRAMOEN_REDIS_URL")
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {
        PRAMOEN_TASKS_QUEUE: {
            "URL": os.environ["PRAMOEN_REDIS_URL"],
            # A certificate build of a whole country takes minutes; our own lease (below), not
            # RQ's timeout, is what notices a dead worker.
            "DEFAULT_TIMEOUT": 6 * 3600,
        }
    }
# A running job whose worker has not renewed its lease for this long is taken as dead: it is
# queued again (up to its attempts) or failed with a Thai message. Workers renew every tick.
PRAMOEN_JOB_LEASE_S = float(os.environ.get("PRAMOEN_JOB_LEASE_S", "60"))
PRAMOEN_WORKER_TICK_S = float(os.environ.get("PRAMOEN_WORKER_TICK_S", "5"))
# Periodic jobs, run by the workers (pramoen.core.schedule): name -> (local time HH:MM, job kind).
# Each is created once per day under a unique key, however many workers are running.
PRAMOEN_SCHEDULE = {
    "kpi_reminders": ("08:00", "pramoen.kpi.jobs.REMINDERS"),
    "expired_uploads": ("02:30", "pramoen.orgs.imports.batches.EXPIRED_UPLOADS"),
    "generated_files": ("02:45", "pramoen.core.generated.EXPIRED_FILES"),
    "jobs_prune": ("03:00", "pramoen.core.jobs.JOBS_PRUNE"),
}
