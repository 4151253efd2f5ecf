"""Django settings for Accord.

Everything that differs between a laptop and production comes from the
environment: ``DATABASE_URL`` (SQLite in ``var/`` when unset), ``SECRET_KEY``,
``ALLOWED_HOSTS``, ``ACCORD_DEBUG`` and ``ACCORD_TLS``. The defaults are the
safe ones: no DEBUG, secure cookies. README.md's "Configuration" and
docs/deployment.md list every variable.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ACCORD_VAR_DIR", BASE_DIR / "var"))
# What Accord writes (the SQLite database with its -wal/-shm, originals, keys, exports) is for
# the account it runs under only: files are born 0600 and folders 0700, whatever the shell's umask.
os.umask(0o077)


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable (1, true, yes, on)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def owner_only(path: Path) -> None:
    """Close a folder (0700) or file (0600) that an older version left readable by others."""
    if path.exists() and path.stat().st_uid == os.getuid() and path.stat().st_mode & 0o077:
        path.chmod(0o700 if path.is_dir() else 0o600)


def development_secret_key() -> str:
    """A per-installation secret kept in var/, so a demo needs no configuration."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


DEBUG = env_bool("ACCORD_DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY") or development_secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "template_partials",
    "auditlog",
    "bootstrap",
    "django_tasks",
    "django_tasks_db",
    "django_guid",
    "health_check",
    "accord.core",
    "accord.registry",
    "accord.instruments",
    "accord.meetings",
    "accord.documents",
    "accord.extraction",
    "accord.reviews",
    "accord.followup",
    "accord.cooperation",
    "accord.legal_cooperation",
    "accord.chairmanship",
    "accord.news",
    "accord.delegations",
    "accord.portal",
    "accord.analytics",
]

MIDDLEWARE = [
    # First: every log line of the request carries its id, and every request gets its log line.
    "django_guid.middleware.guid_middleware",
    "accord.core.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "accord.core.cache_control.PrivateResponsesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "accord.core.middleware.RequestGuardMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accord.core.middleware.AuditlogMiddleware",
]

ROOT_URLCONF = "accord.urls"
WSGI_APPLICATION = "accord.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "accord" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accord.core.context_processors.roles",
            ],
        },
    },
]

# Database: SQLite in WAL mode unless DATABASE_URL names another engine.
VAR_DIR.mkdir(parents=True, exist_ok=True)
owner_only(VAR_DIR)
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
DATABASES = {
    "default": dj_database_url.config(default=f"sqlite:///{VAR_DIR / 'accord.sqlite3'}", conn_max_age=60)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    for suffix in ("", "-wal", "-shm"):
        owner_only(Path(f"{DATABASES['default']['NAME']}{suffix}"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "portal:home"

# Internationalization: Russian by default, English too.
LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", _("Russian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "accord" / "locale"]
# One date style per language: accord/formats/<lang>/formats.py.
FORMAT_MODULE_PATH = ["accord.formats"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Static files: in production `accord collectstatic` writes them hashed and compressed and
# WhiteNoise serves them with far-future caching (the manifest); in DEBUG (and in the
# tests, see conftest.py) they are served from the apps' folders with no collectstatic.
STATIC_MANIFEST = env_bool("ACCORD_STATIC_MANIFEST", default=not DEBUG)
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
# Source maps are for developers' browsers: not worth compressing at every deploy.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
# Uploaded originals (and every other file field): this machine's disk by default; with
# ACCORD_STORAGE=s3, an S3-compatible bucket shared by all web and worker machines.
ACCORD_STORAGE = os.environ.get("ACCORD_STORAGE", "local").strip().lower()
if ACCORD_STORAGE == "s3":
    _s3 = {
        "bucket_name": os.environ.get("ACCORD_S3_BUCKET", ""),
        "endpoint_url": os.environ.get("ACCORD_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("ACCORD_S3_REGION") or None,
        "access_key": os.environ.get("ACCORD_S3_ACCESS_KEY_ID") or None,
        "secret_key": os.environ.get("ACCORD_S3_SECRET_ACCESS_KEY") or None,
        "default_acl": None,
        "querystring_auth": True,
        # Two originals with one name must never overwrite each other.
        "file_overwrite": False,
    }
    STORAGES_DEFAULT = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**_s3, "location": os.environ.get("ACCORD_S3_MEDIA_PREFIX", "media")},
    }
    STORAGES_BACKUPS = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "bucket_name": os.environ.get("ACCORD_BACKUP_S3_BUCKET") or _s3["bucket_name"],
            "location": os.environ.get("ACCORD_S3_BACKUP_PREFIX", "backups"),
        },
    }
elif ACCORD_STORAGE == "local":
    STORAGES_DEFAULT = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    STORAGES_BACKUPS = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": os.environ.get("ACCORD_BACKUP_DIR", str(VAR_DIR / "backups"))},
    }
else:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"ACCORD_STORAGE must be 'local' or 's3', not {ACCORD_STORAGE!r}")
STORAGES = {
    "default": STORAGES_DEFAULT,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
    # Where `accord backup --storage` puts archives, and where `accord restore NAME` finds them.
    "backups": STORAGES_BACKUPS,
}


owner_only(MEDIA_ROOT)
# Django chmods stored files itself (0644 by default): originals stay owner-only.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# Originals are served through a view that checks confidentiality, never as MEDIA_URL files.
ACCORD_MAX_UPLOAD_BYTES = int(os.environ.get("ACCORD_MAX_UPLOAD_MB", "50")) * 1024 * 1024
# Request limits (accord/core/middleware.py): bodies above these are refused (413) unread; the
# upload forms check the number of files themselves, below Django's own hard limit.
ACCORD_MAX_UPLOAD_REQUEST_BYTES = int(os.environ.get("ACCORD_MAX_REQUEST_MB", "0")) * 1024 * 1024
ACCORD_MAX_UPLOAD_REQUEST_BYTES = ACCORD_MAX_UPLOAD_REQUEST_BYTES or 4 * ACCORD_MAX_UPLOAD_BYTES
ACCORD_MAX_FORM_REQUEST_BYTES = 2_621_440  # Django's DATA_UPLOAD_MAX_MEMORY_SIZE
ACCORD_MAX_UPLOAD_FILES = int(os.environ.get("ACCORD_MAX_UPLOAD_FILES", "100"))
DATA_UPLOAD_MAX_NUMBER_FILES = 10 * ACCORD_MAX_UPLOAD_FILES

# Behind TLS (the default outside DEBUG) cookies travel only over HTTPS, plain HTTP is
# redirected to HTTPS, and browsers are told to come back only over HTTPS (HSTS, a year).
TLS = env_bool("ACCORD_TLS", default=not DEBUG)
SESSION_COOKIE_SECURE = TLS
CSRF_COOKIE_SECURE = TLS
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if TLS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("ACCORD_SSL_REDIRECT", default=True)
    # Path regexes answered over plain HTTP too: a load balancer's or a local health probe.
    SECURE_REDIRECT_EXEMPT = env_list("ACCORD_SSL_REDIRECT_EXEMPT", r"^health/$")
    SECURE_HSTS_SECONDS = int(os.environ.get("ACCORD_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("ACCORD_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("ACCORD_HSTS_PRELOAD")
    if not SECURE_HSTS_PRELOAD:
        # Entering browsers' preload lists binds the whole domain: its owner's decision, not a default.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
# Content-Security-Policy (django-csp): scripts, styles, fonts and images only from Accord's
# own static files, no inline code and no eval; data passed to scripts goes in json_script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # Bootstrap's icons are data: SVGs in its CSS
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "accord.core.api.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["accord.core.api.permissions.RolePermission"],
    "DEFAULT_PARSER_CLASSES": [
        "accord.core.api.parsers.JSONParser",
        "accord.core.api.parsers.FormParser",
        "accord.core.api.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "accord.core.api.filters.FilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "accord.core.api.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "accord.core.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "accord.core.api.errors.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "accord.core.api.renderers.BrowsableAPIRenderer",  # inline styles allowed on its pages only
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Accord API",
    "DESCRIPTION": "Registry, instruments, meetings, documents and reviews of the Accord network.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "DatePrecisionEnum": "accord.core.models.DatePrecision",
        "ReviewPhaseEnum": "accord.reviews.choices.Phase",
        "ConfidentialityEnum": "accord.core.choices.Confidentiality",
        "UnStatusEnum": "accord.registry.choices.UnStatus",
        "OrganizationKindEnum": "accord.registry.choices.OrganizationKind",
        "PostRoleEnum": "accord.registry.choices.PostRole",
        "MembershipRoleEnum": "accord.registry.choices.MembershipRole",
        "AliasKindEnum": "accord.registry.choices.AliasKind",
        "AliasLanguageEnum": "accord.registry.choices.Language",
        "InstrumentKindEnum": "accord.instruments.choices.InstrumentKind",
        "ProvisionKindEnum": "accord.instruments.choices.ProvisionKind",
        "PartyStatusEnum": "accord.instruments.choices.PartyStatus",
        "PartyConsentEnum": "accord.instruments.models.Party.Consent",
        "MandateKindEnum": "accord.instruments.choices.MandateKind",
        "MeetingKindEnum": "accord.meetings.choices.MeetingKind",
        "MeetingFormatEnum": "accord.meetings.choices.MeetingFormat",
        "MeetingStatusEnum": "accord.meetings.choices.MeetingStatus",
        "RecommendationStatusEnum": "accord.followup.choices.Status",
        "ParticipantRoleEnum": "accord.meetings.choices.ParticipantRole",
        "ParticipationModeEnum": "accord.meetings.choices.ParticipationMode",
        "OutcomeKindEnum": "accord.meetings.choices.OutcomeKind",
        "DocumentKindEnum": "accord.documents.choices.DocumentKind",
        "DocumentLanguageEnum": "accord.documents.choices.DocumentLanguage",
        "MentionTypeEnum": "accord.extraction.choices.MentionType",
        "MentionMethodEnum": "accord.extraction.choices.MentionMethod",
        "SuggestionKindEnum": "accord.extraction.choices.SuggestionKind",
        "SuggestionStatusEnum": "accord.extraction.choices.SuggestionStatus",
        "CooperationRequestKindEnum": "accord.legal_cooperation.choices.RequestKind",
        "CooperationRequestStatusEnum": "accord.legal_cooperation.choices.RequestStatus",
        "RequestEventKindEnum": "accord.legal_cooperation.choices.EventKind",
        "InitiativeStatusEnum": "accord.cooperation.choices.InitiativeStatus",
        "AgreementStatusEnum": "accord.cooperation.choices.AgreementStatus",
        "PlannedActivityStatusEnum": "accord.cooperation.choices.ActivityStatus",
        "AgreementKindEnum": "accord.cooperation.choices.AgreementKind",
        "PlannedActivityKindEnum": "accord.cooperation.choices.ActivityKind",
        "AgreementPartyRoleEnum": "accord.cooperation.choices.AgreementPartyRole",
        "NewsStatusEnum": "accord.news.choices.NewsStatus",
        "NewsLinkStatusEnum": "accord.news.choices.LinkStatus",
        "TopicEnum": "accord.core.choices.Topic",
    },
}

AUDITLOG_INCLUDE_ALL_MODELS = False

# Logs: one JSON object per line on stderr (python-json-logger), each with the request's id
# (django-guid: taken from the proxy's X-Request-ID when valid, else new, and returned in the
# response's X-Request-ID); readable text in DEBUG. `accord.request` writes one line per request.
ACCORD_LOG_FORMAT = os.environ.get("ACCORD_LOG_FORMAT") or ("text" if DEBUG else "json")
if ACCORD_LOG_FORMAT not in {"json", "text"}:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"ACCORD_LOG_FORMAT must be 'json' or 'text', not {ACCORD_LOG_FORMAT!r}")
DJANGO_GUID = {"GUID_HEADER_NAME": "X-Request-ID", "VALIDATE_GUID": True, "EXPOSE_HEADER": False}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "django_guid.log_filters.CorrelationId", "correlation_id_field": "request_id"}
    },
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": ACCORD_LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("ACCORD_LOG_LEVEL", "WARNING")},
    "loggers": {
        "accord.request": {"level": "INFO" if env_bool("ACCORD_REQUEST_LOG", default=True) else "WARNING"},
        "accord.operations": {"level": "INFO"},
    },
}

# Error reporting: set SENTRY_DSN and unhandled errors go to Sentry (or a compatible
# service), with no personal data (no user, cookies, IP or request bodies).
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    from accord.core.logs import init_error_reporting

    init_error_reporting(SENTRY_DSN, environment=os.environ.get("SENTRY_ENVIRONMENT", "production"))


# Background work (ingesting uploads): django-tasks on the database by default,
# on Redis through RQ when REDIS_URL is set. `accord worker` runs either.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 3600}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Workers and the scheduler beat every ACCORD_HEARTBEAT_SECONDS; a process or a running
# job silent for ACCORD_LEASE_SECONDS is taken for dead and its work is requeued.
# ACCORD_SCHEDULE changes the periodic tasks: "send-reminders=0 6 * * 1-5; open-data=off".
ACCORD_HEARTBEAT_SECONDS = float(os.environ.get("ACCORD_HEARTBEAT_SECONDS", "10"))
ACCORD_LEASE_SECONDS = float(os.environ.get("ACCORD_LEASE_SECONDS", "60"))
ACCORD_SCHEDULE = os.environ.get("ACCORD_SCHEDULE", "")


# E-mail (reminders of deadlines): SMTP from the environment; in development
# the messages are printed to the console instead of being sent.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Accord <accord@localhost>")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
# The address of the site in e-mails, which have no request to build links from.
ACCORD_BASE_URL = os.environ.get("ACCORD_BASE_URL", "http://localhost:8000").rstrip("/")
# Where to report a vulnerability (addresses or https:/mailto: URIs, comma-separated), published
# at /.well-known/security.txt (RFC 9116); without one that file is not served (docs/security.md).
ACCORD_SECURITY_CONTACT = env_list("ACCORD_SECURITY_CONTACT")


# Cache: Redis when REDIS_URL is set (shared by all processes), local memory
# otherwise. Public pages are cached for anonymous visitors and invalidated on
# every change of a record (accord/core/cache.py) through a generation token in
# the "generation" cache, which every process shares: the same Redis, or without
# it Django's file-based cache in VAR_DIR (one small file, read once per page).
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
        "generation": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "accord",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("ACCORD_CACHE_MAX_ENTRIES", "2000"))},
        },
        "generation": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "page-cache-generation"),
        },
    }
ACCORD_PAGE_CACHE_SECONDS = int(os.environ.get("ACCORD_PAGE_CACHE_SECONDS", "300"))
# Open data: rebuilt by a background task at most once per this many minutes
# after public data changes (0 turns it off; the secretariat's button and
# `accord export-open-data` always work).
ACCORD_OPENDATA_REFRESH_MINUTES = int(os.environ.get("ACCORD_OPENDATA_REFRESH_MINUTES", "30"))


# Sign-in and API abuse: lockouts (django-axes), API throttling (DRF), expiring
# API tokens (django-rest-knox). One client address for all of them: the
# REMOTE_ADDR, or behind ACCORD_PROXY_COUNT proxies (1 by default behind TLS)
# the address the nearest trusted proxy put in X-Forwarded-For.
ACCORD_PROXY_COUNT = int(os.environ.get("ACCORD_PROXY_COUNT", "1" if TLS else "0"))
INSTALLED_APPS += ["axes", "knox"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]  # last: it answers a locked-out sign-in
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # an account, and an address, each on its own
AXES_FAILURE_LIMIT = int(os.environ.get("ACCORD_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ACCORD_LOGIN_LOCKOUT_MINUTES", "30")))
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a lockout ends on time, however hard it is hammered
AXES_CLIENT_IP_CALLABLE = "accord.core.security.client_address"
AXES_LOCKOUT_CALLABLE = "accord.core.security.lockout_response"
REST_FRAMEWORK["NUM_PROXIES"] = ACCORD_PROXY_COUNT
REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = [
    "accord.core.api.throttling.AnonRateThrottle",
    "accord.core.api.throttling.UserRateThrottle",
]
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
    "anon": os.environ.get("ACCORD_API_RATE_ANON", "60/minute"),  # per address
    "user": os.environ.get("ACCORD_API_RATE_USER", "300/minute"),  # per signed-in user
    # The type-ahead pickers' endpoint (/autocomplete/<kind>/), per user or address: one request a keystroke pause.
    "picker": os.environ.get("ACCORD_PICKER_RATE", "300/minute"),
}
ACCORD_TOKEN_DAYS = int(os.environ.get("ACCORD_TOKEN_DAYS", "90"))
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=ACCORD_TOKEN_DAYS),
    "TOKEN_PREFIX": "accord_",  # recognisable by secret scanners
    "AUTH_HEADER_PREFIX": "Token",
}
