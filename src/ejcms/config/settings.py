"""Settings for ejcms, read from the environment (see docs/deployment.md for every variable)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
import django.conf.locale
from django.core.exceptions import ImproperlyConfigured

from ejcms.config.env import env_bool, env_choice, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent

ENV = env_choice("EJCMS_ENV", "development", ("development", "production", "test"))
PRODUCTION = ENV == "production"

# Everything the running system writes (SQLite database, documents, collected static files)
# lives under one directory, ./var by default, so an office can back it up as a whole.
VAR_DIR = Path(env_str("EJCMS_VAR_DIR", "var")).resolve()

if PRODUCTION:
    SECRET_KEY = env_str("EJCMS_SECRET_KEY")
    if len(SECRET_KEY) < 32:
        raise ImproperlyConfigured("EJCMS_SECRET_KEY must be at least 32 characters long.")
else:
    SECRET_KEY = env_str(
        "EJCMS_SECRET_KEY", "development-only-key-never-use-in-production-0123456789"
    )

# The key of the record ids in URLs (core/ids.py, ADR 0009): derived from the secret key unless
# set; set it once where the secret key may be rotated, or every bookmark changes.
EJCMS_ID_KEY = env_str("EJCMS_ID_KEY", "")

DEBUG = env_bool("EJCMS_DEBUG", ENV == "development")
ALLOWED_HOSTS = env_list(
    "EJCMS_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("EJCMS_ALLOWED_HOSTS is required when EJCMS_ENV=production.")
CSRF_TRUSTED_ORIGINS = env_list("EJCMS_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ejcms.core",
    "ejcms.org",
    "ejcms.guidelines",
    "ejcms.cases",
    "ejcms.finance",
    "ejcms.measures",
    "ejcms.documents",
    "ejcms.search",
    "ejcms.reports",
    "ejcms.training",
    "rest_framework",
    "drf_spectacular",
    "ejcms.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ejcms.core.middleware.RequestContextMiddleware",
    "ejcms.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ejcms.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ejcms.core.middleware.SessionLimitMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ejcms.core.middleware.AccessDeniedMiddleware",
    "ejcms.org.middleware.TwoFactorMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ejcms.config.urls"
WSGI_APPLICATION = "ejcms.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ejcms.core.context_processors.ejcms",
                "ejcms.org.context_processors.staff",
            ],
        },
    },
]


def _database(url: str) -> dict[str, Any]:
    config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    engine = config["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        # WAL lets readers work while a writer commits; IMMEDIATE takes the write lock at the
        # start of a transaction, so two writers queue instead of failing with "database is locked".
        # The file is read through memory mapping (up to EJCMS_SQLITE_MMAP_MB): pages come from
        # the operating system's cache without being copied into each connection's own.
        mmap = env_int("EJCMS_SQLITE_MMAP_MB", 256) * 2**20
        config["OPTIONS"] = {
            "init_command": (
                f"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size={mmap};"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
        config["CONN_MAX_AGE"] = 0
    elif engine == "django.db.backends.postgresql":
        config["CONN_HEALTH_CHECKS"] = True
        # The planner's cost of a random read: PostgreSQL's default (4) assumes spinning disks;
        # on SSD storage 1.1 lets it reach the rows of a period through their indexes (the
        # statistics' money of resolved cases, ADR 0007). Set 4 for a server on hard disks.
        cost = env_str("EJCMS_PG_RANDOM_PAGE_COST", "1.1")
        try:
            if not 0 < float(cost) <= 100:
                raise ValueError(cost)
        except ValueError as error:
            raise ImproperlyConfigured(
                f"EJCMS_PG_RANDOM_PAGE_COST: give a number above 0, not {cost!r}."
            ) from error
        options = config.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c random_page_cost={cost}".strip()
    else:
        raise ImproperlyConfigured(f"EJCMS_DATABASE_URL: unsupported database engine {engine}.")
    return config


DATABASE_URL = env_str("EJCMS_DATABASE_URL", f"sqlite:///{VAR_DIR / 'ejcms.sqlite3'}")
DATABASES = {"default": _database(DATABASE_URL)}
# A read replica of the PostgreSQL primary (streaming replication), optional: the statistics
# pages, their exports and the API's statistics read from it (core/db_router.py); all else,
# and every write, goes to the primary.
DATABASE_REPLICA_URL = env_str("EJCMS_DATABASE_REPLICA_URL", "")
DATABASE_ROUTERS: list[str] = []
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = _database(DATABASE_REPLICA_URL)
    DATABASE_ROUTERS.append("ejcms.core.db_router.ReplicaRouter")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Repeated failed logins lock the account, and the address they come from, for a while
# (django-axes); each counts separately, and a successful login clears the account's count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("EJCMS_LOGIN_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("EJCMS_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "ejcms.core.middleware.client_ip"
AXES_VERBOSE = False

# Argon2 for every new or changed password; older hashes still check and are upgraded at the
# next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Two-step login (a code from an authenticator app) for heads of office, the national DEJ and
# administrators (org.two_factor). On in production; the demo (development) runs without it
# unless EJCMS_TWO_FACTOR=1.
EJCMS_TWO_FACTOR = env_bool("EJCMS_TWO_FACTOR", PRODUCTION)
OTP_TOTP_ISSUER = env_str("EJCMS_TWO_FACTOR_ISSUER", "ejcms")
# A wrong code makes the next try wait 1, 2, 4… seconds (django-otp's throttling).
OTP_TOTP_THROTTLE_FACTOR = 1
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "cases:dashboard"
LOGOUT_REDIRECT_URL = "login"

# Lao first. Django ships no Lao locale: ejcms declares it here, provides its format module
# (ejcms/formats/lo) and the Lao catalogue of its own strings and of Django's (locale_django).
django.conf.locale.LANG_INFO["lo"] = {
    "bidi": False,
    "code": "lo",
    "name": "Lao",
    "name_local": "ລາວ",
}
LANGUAGE_CODE = "lo"
LANGUAGES = [("lo", "ລາວ"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale", PACKAGE_DIR / "locale_django"]
FORMAT_MODULE_PATH = ["ejcms.formats"]
LANGUAGE_COOKIE_NAME = "ejcms_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = env_str("EJCMS_TIME_ZONE", "Asia/Vientiane")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Background work (a batch of documents): queued in the database, run by `ejcms worker` or by the
# worker thread of `ejcms serve`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names and pre-compressed copies: a provincial browser fetches each file once.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 365 * 24 * 3600

HTTPS = env_bool("EJCMS_HTTPS", PRODUCTION)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
# A login ends after this long without a request, and in any case this many hours after it
# began (core.middleware.SessionLimitMiddleware; the session is written at most once a minute
# to note activity, not at every request).
EJCMS_SESSION_IDLE_SECONDS = env_int("EJCMS_SESSION_IDLE_MINUTES", 30) * 60
EJCMS_SESSION_HOURS = env_int("EJCMS_SESSION_HOURS", 10)
SESSION_COOKIE_AGE = EJCMS_SESSION_HOURS * 3600
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Plain HTTP is sent to HTTPS, except the health check a local monitor calls directly.
    SECURE_SSL_REDIRECT = env_bool("EJCMS_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    # Browsers keep to HTTPS for a year (the ejcms host and names below it only).
    SECURE_HSTS_SECONDS = env_int("EJCMS_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

EJCMS_PAGE_SIZE = env_int("EJCMS_PAGE_SIZE", 25)
# /health/ answers 503 when background work has waited longer than this for a worker, or when
# the disk holding the documents has less free space than this.
EJCMS_HEALTH_TASK_WAIT_MINUTES = env_int("EJCMS_HEALTH_TASK_WAIT_MINUTES", 10)
EJCMS_HEALTH_MIN_FREE_MB = env_int("EJCMS_HEALTH_MIN_FREE_MB", 1024)
# The API's event feed serves an event only this many seconds after it was recorded, so that an
# event of a transaction still running (a lower id, committed later) is not stepped over.
EJCMS_API_EVENTS_SETTLE = env_int("EJCMS_API_EVENTS_SETTLE", 2)
# How many reverse proxies (nginx…) stand in front: the audit log then takes the client's
# address from X-Forwarded-For as the nearest of them saw it. 0: the socket's address.
EJCMS_PROXY_COUNT = env_int("EJCMS_PROXY_COUNT", 0)
# Statistics: a pending case older than this many days counts in the backlog (the page may ask
# for another standard).
EJCMS_BACKLOG_STANDARD_DAYS = env_int("EJCMS_BACKLOG_STANDARD_DAYS", 365)
# Retention of case files: kept this many years after the closure order (Art. 52), then archived
# and their personal data erased by `ejcms retention`.
EJCMS_RETENTION_YEARS = env_int("EJCMS_RETENTION_YEARS", 20)
if EJCMS_RETENTION_YEARS < 1:
    raise ImproperlyConfigured("EJCMS_RETENTION_YEARS must be a number of years, at least 1.")

# The API (/api/v1/, docs/api.md): tokens for machines, the session for the browser; one
# error shape; cursor pagination; rate limits per client and per address.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "ejcms.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["ejcms.core.api.HasApiAction"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "ejcms.core.api.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "ejcms.core.api.AddressRateThrottle",
        "ejcms.core.api.ClientRateThrottle",
    ],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Calls per minute (or /s, /h, /day) per client and, without a login, per address. Counted in
# each web process's memory: with several processes the limit applies to each.
EJCMS_API_RATE = env_str("EJCMS_API_RATE", "600/min")
EJCMS_API_RATE_ANON = env_str("EJCMS_API_RATE_ANON", "60/min")
SPECTACULAR_SETTINGS = {
    "TITLE": "ejcms API",
    "DESCRIPTION": "Enforcement of court decisions in Lao PDR: cases, money, documents, "
    "court intake and the event feed. Errors: {code, message, fields}.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "APPEND_COMPONENTS": {"securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}},
    "SECURITY": [{"token": []}],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "ejcms.api.schema.error_responses",
    ],
}

# Logs go to the standard error (journald under systemd). In production one JSON object a line
# (core/logs.py: time, level, logger, message, and the request's id, user, office, path, method,
# status and duration), with one access line per request from the logger "ejcms.request".
EJCMS_LOG_FORMAT = env_choice(
    "EJCMS_LOG_FORMAT", "json" if PRODUCTION else "plain", ("json", "plain")
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "ejcms.core.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": EJCMS_LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("EJCMS_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
