"""Settings of the ACCSM Portal: one module, read top to bottom, every difference between machines from the
environment. Development runs with DEBUG=1 (`make run` sets it); without it these are the production settings,
and the test suite runs them too, with the few differences it needs written out in tests/settings.py.

Every environment variable read here, its default and its meaning, is listed in README.md ("Configuration").
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def read_dev_env(path: str) -> None:
    """The file `make run` writes for its checkout (scripts/run.sh: DEBUG=1, the SITE_URL and PORT it serves
    on), so that `manage.py` there needs no variable set by hand. Lines are NAME=value; what the environment
    already says wins. Production never has one: the file lives under var/, which the Docker image leaves out
    (.dockerignore), and ACCSM_DEV_ENV="" reads none."""
    if not path or not Path(path).is_file():
        return
    with Path(path).open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, equals, value = line.partition("=")
            if not equals or not name.strip():
                raise ImproperlyConfigured(f"{path}, line {number}: expected NAME=value, not {line!r}")
            os.environ.setdefault(name.strip(), value.strip())


BASE_DIR = Path(__file__).resolve().parent.parent
read_dev_env(os.environ.get("ACCSM_DEV_ENV", str(Path(os.environ.get("ACCSM_VAR_DIR", BASE_DIR / "var")) / "dev.env")))
VAR_DIR = Path(os.environ.get("ACCSM_VAR_DIR", BASE_DIR / "var"))

# --- Core -------------------------------------------------------------------------------------
DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. In a checkout, `make run` writes var/dev.env once (with"
            " DEBUG=1), or set DEBUG=1 yourself."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdefghij"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "modeltranslation",  # before the admin, so the admin shows both languages
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "auditlog",
    # --- Hardening (issue 8): sign-in throttling, second factor, CSP, and the security apps.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "ops",
    "privacy",
    # --- end issue 8
    "accounts",
    "meetings",
    "registrations",
    "workplan",
    "documents",
    "api",
    "reminders",
    "outbox",
    "webhooks",  # issue 19: endpoints subscribed to the portal's events (depends on meetings and outbox)
    "accreditation",  # issue 16: accreditation per meeting, visa and travel letters (depends on meetings)
    "proceedings",  # issue 20: the record, action items, written procedures (depends on meetings)
    "circulars",  # issue 19: the secretariat's messages to people (depends on meetings and outbox)
    "demo",  # only the load_demo command; no app imports it
    "logistics",  # issue 16 item 7: hotels, liaison officers, flights, transfers (depends on meetings)
    "venue",  # issue 16: badges, check-in at the door, attendance (depends on meetings)
    "exportjobs",  # issue 17: exports made by a worker, with progress (the apps declare their kinds)
    "audit",  # issue 8: keep last; it tidies every audited model's registration (audit/apps.py)
]

MIDDLEWARE = [
    "ops.middleware.RequestIdMiddleware",  # issue 8: first, so every log line carries the request id
    "ops.middleware.RejectInvalidUtf8Middleware",  # issue 8: damaged text is a 400, never saved
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",  # issue 8
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "api.middleware.ApiLanguageMiddleware",  # ?lang= on /api/ and /calendar/, after Accept-Language
    "django.middleware.common.CommonMiddleware",
    "common.i18n.UnknownLanguageFallbackMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "common.private.PrivateAnswersMiddleware",  # issue 21: no-store on every answer to a signed-in requester
    "django_otp.middleware.OTPMiddleware",  # issue 8: request.user.is_verified()
    "accounts.middleware.SecondFactorMiddleware",  # issue 8: a session owing its code reaches nothing else
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "common.audit.AuditMiddleware",  # auditlog's, with the actor resolved late (API tokens)
    "axes.middleware.AxesMiddleware",  # issue 8: last, turns a lock-out into the explained sign-in page
    # After everything (axes only acts on sign-ins): anonymous schedule polls answered from the cache, with
    # every header the others add (api/fastpath.py).
    "api.fastpath.ConditionalFastPathMiddleware",
    # Innermost, so it sees a view's exception first: NotFound/Forbidden/Conflict become the 404/403/409 pages.
    "common.middleware.DomainErrorMiddleware",
]

ROOT_URLCONF = "accsm_portal.urls"
WSGI_APPLICATION = "accsm_portal.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accsm_portal.context_processors.portal",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
# PostgreSQL: a pool of connections per process (psycopg 3's, which Django 5.2 drives) instead of one
# persistent connection per thread; 0 (the default) keeps Django's own connections (DB_CONN_MAX_AGE).
DB_POOL_MAX_SIZE = env_int("DB_POOL_MAX_SIZE", 0)
if IS_POSTGRES and DB_POOL_MAX_SIZE:
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps them; Django refuses both at once
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": DB_POOL_MAX_SIZE,
        "timeout": 10,  # seconds a request waits for a free connection, then fails with a clear error
    }
if not os.environ.get("DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded default lives in var/
if not IS_POSTGRES:
    # SQLite, the embedded default: readers never block the writer (WAL); every transaction takes the write
    # lock when it begins (IMMEDIATE), so two writers queue instead of failing half-way with "database is
    # locked"; a writer waits up to SQLITE_BUSY_TIMEOUT seconds for its turn, then the user is told "busy".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20),
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# The years a typed date may fall in (common/validators.py): forms, the API, imports and the admin.
ACCSM_EARLIEST_YEAR = env_int("ACCSM_EARLIEST_YEAR", 1990)
ACCSM_LATEST_YEAR = env_int("ACCSM_LATEST_YEAR", 2100)
# How long a request waits for a row lock (common.locking, PostgreSQL) before answering "busy, try again".
LOCK_TIMEOUT_MS = env_int("LOCK_TIMEOUT_MS", 3000)

# --- Cache and broker -------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Fail soft (common/cache.py): with Redis away a read is a miss and a write is dropped, within a second.
    CACHES = {
        "default": {
            "BACKEND": "common.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    # Without Redis the web server and the worker still share one cache (the worker's heartbeat for /healthz).
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": VAR_DIR / "cache"}
    }

CELERY_BROKER_URL = REDIS_URL or "filesystem://"
# Redis hands an unacknowledged task (its worker died) to another worker after the visibility timeout: above
# the longest task's time limit (300 s) and the longest retry countdown (outbox: retry_backoff_max 300 s), so a
# live task is never run twice, and minutes, not an hour, for a dead one's. The dispatchers do not wait for
# it: beat's sweep every minute starts them again, and they take back a dead one's claims (docs/reminders.md).
REDIS_VISIBILITY_TIMEOUT_SECONDS = 600
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {"visibility_timeout": REDIS_VISIBILITY_TIMEOUT_SECONDS}
    if REDIS_URL
    else {
        "data_folder_in": str(VAR_DIR / "celery" / "queue"),
        "data_folder_out": str(VAR_DIR / "celery" / "queue"),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
)
if not REDIS_URL:
    for folder in ("queue", "processed", "control"):
        (VAR_DIR / "celery" / folder).mkdir(parents=True, exist_ok=True)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
# The worker beats from its own timer and beat on every scheduler tick (ops/heartbeats.py); /healthz counts
# either as down when its last heartbeat is older than HEARTBEAT_MAX_AGE_SECONDS (ops/health.py).
HEARTBEAT_MAX_AGE_SECONDS = env_int("HEARTBEAT_MAX_AGE_SECONDS", 60)
HEARTBEAT_INTERVAL_SECONDS = max(1, HEARTBEAT_MAX_AGE_SECONDS // 4)
CELERY_BEAT_SCHEDULER = "ops.heartbeats:HeartbeatScheduler"
# Beat only ticks; what is due lives in the database (reminders' outbox), never in far-off ETA tasks,
# which Redis would re-deliver after its visibility timeout. Run exactly one beat process.
# No "expires" on ticks: Celery compares it with each worker's own clock, and a worker whose clock is
# fast dropped every tick (issue 18). A late or doubled tick is harmless: each run takes the lease.
CELERY_BEAT_SCHEDULE: dict = {
    "reminders-plan": {
        "task": "reminders.tasks.plan_reminders",
        "schedule": env_int("REMINDERS_PLAN_EVERY_SECONDS", 600),
    },
    # The outbox is woken after each commit that writes an email; this sweep sends what a missed wake-up left.
    "outbox-sweep": {
        "task": "outbox.tasks.send_outbox",
        "schedule": env_int("OUTBOX_SWEEP_EVERY_SECONDS", 60),
    },
    "reminders-dispatch": {
        "task": "reminders.tasks.dispatch_reminders",
        "schedule": env_int("REMINDERS_DISPATCH_EVERY_SECONDS", 60),
    },
    # Webhook deliveries: woken after each commit that writes one; this sweep sends the retries that are due.
    "webhooks-sweep": {"task": "webhooks.tasks.send_webhooks", "schedule": env_int("OUTBOX_SWEEP_EVERY_SECONDS", 60)},
    "forget-sent-emails": {"task": "outbox.tasks.forget_sent_emails", "schedule": 24 * 3600},
    # Does nothing unless ACCSM_ANONYMISE_AFTER_MONTHS is set.
    "anonymise-old-participants": {"task": "privacy.tasks.anonymise_old_participants", "schedule": 24 * 3600},
    # Passport data of meetings that ended ACCSM_PASSPORT_DATA_DAYS_AFTER_MEETING days ago (issue 16).
    "accreditation-delete-passport-data": {
        "task": "accreditation.tasks.delete_passport_data",
        "schedule": 6 * 3600,
    },
    # Certificates of attendance, ACCSM_CERTIFICATES_EMAIL_HOURS_AFTER_MEETING hours after a meeting (issue 16).
    "venue-email-certificates": {"task": "venue.tasks.email_certificates_due", "schedule": 3600},
    "api-purge-idempotency-keys": {"task": "api.tasks.purge_idempotency_keys", "schedule": 3600.0},
    # Files left behind when a transaction around an upload rolled back (the upload service cleans up its own).
    "documents-sweep-orphan-files": {"task": "documents.tasks.sweep_orphan_document_files", "schedule": 6 * 3600},
    # Export jobs: a dead worker's job failed (it can be asked again), expired files and unowned files deleted.
    "exportjobs-sweep": {"task": "exportjobs.tasks.sweep_export_jobs", "schedule": 600},
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# Export jobs (exportjobs/): a finished file is kept this long; an unfinished job without progress this long
# belongs to a dead worker and is failed (above the task's 300 s time limit).
ACCSM_EXPORT_KEEP_HOURS = env_int("ACCSM_EXPORT_KEEP_HOURS", 24)
ACCSM_EXPORT_STALE_SECONDS = env_int("ACCSM_EXPORT_STALE_SECONDS", 360)

# --- Passwords and accounts -------------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# issue 8: django-axes checks lock-outs before the password; ModelBackend does the rest.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# --- Languages, time ----------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("vi", _("Vietnamese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["accsm_portal.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)


def _localized_verbose_name(verbose_name, language):
    """'title (Vietnamese)', in the reader's language, where modeltranslation would say 'title [vi]'."""
    from django.utils.translation import gettext

    patterns = {"en": gettext("%(field)s (English)"), "vi": gettext("%(field)s (Vietnamese)")}
    return patterns.get(language, f"%(field)s [{language}]") % {"field": verbose_name}


MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = _localized_verbose_name

# --- Static and uploaded files ------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files are private: never served from a URL, only through views that check access.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
LOCAL_FILES = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": "/no-public-media/"},
}
# Or an S3-compatible bucket (django-storages; MinIO, AWS, …), for more than one web host: set ACCSM_S3_BUCKET,
# and the credentials in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (read by boto3). The bucket stays private:
# a download is checked by the portal, then answered with a URL signed for ACCSM_S3_SIGNED_URL_SECONDS.
# `manage.py move_files` moves the files between the folder and the bucket, checksums compared.
from botocore.config import Config as BotoConfig  # noqa: E402 - beside the one setting that needs it

ACCSM_S3_BUCKET = os.environ.get("ACCSM_S3_BUCKET", "")
ACCSM_S3_SIGNED_URL_SECONDS = env_int("ACCSM_S3_SIGNED_URL_SECONDS", 60)
BUCKET_FILES = {
    "BACKEND": "common.storage.PrivateBucketStorage",
    "OPTIONS": {
        "bucket_name": ACCSM_S3_BUCKET,
        "endpoint_url": os.environ.get("ACCSM_S3_ENDPOINT_URL") or None,
        # The address browsers reach the bucket at, when it is not ACCSM_S3_ENDPOINT_URL (docker-compose: the
        # site itself, nginx passing /<bucket>/ on to MinIO): signed URLs name it.
        "public_url": os.environ.get("ACCSM_S3_PUBLIC_URL", ""),
        "region_name": os.environ.get("ACCSM_S3_REGION", "us-east-1"),
        "location": "private",
        "default_acl": None,  # the bucket's own (private) policy; never public-read
        "querystring_auth": True,
        "querystring_expire": ACCSM_S3_SIGNED_URL_SECONDS,
        "file_overwrite": False,
        "signature_version": "s3v4",
        # A bucket that is down fails within seconds (common.storage.reachable answers "try again"), not minutes.
        "client_config": BotoConfig(
            signature_version="s3v4",
            connect_timeout=5,
            read_timeout=30,
            retries={"max_attempts": 3, "mode": "standard"},
        ),
    },
}
STORAGES = {
    "default": BUCKET_FILES if ACCSM_S3_BUCKET else LOCAL_FILES,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Email ------------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ACCSM Portal <no-reply@accsm.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security ---------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 9 * 3600)  # one working day
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)  # the operator's call: SECURITY.md
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Secure-sessionid"
    CSRF_COOKIE_NAME = "__Secure-csrftoken"
    LANGUAGE_COOKIE_SECURE = True

# --- Hardening (issue 8; SECURITY.md explains each choice) -----------------------------------------
# Proxies in front of the portal that append to X-Forwarded-For (nginx/Traefik: 1). Only their entries
# are believed for the client address (sign-in lock-outs, the audit trail).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0 if DEBUG else 1)
if not DEBUG and not SECURE_HSTS_PRELOAD:
    # Preloading commits every subdomain of the ministry's domain to HTTPS for good: the operator's call,
    # taken by setting SECURE_HSTS_PRELOAD=1 (then this warning is not silenced). See SECURITY.md.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the container healthcheck speaks plain HTTP inside the network
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_EXPIRE_AT_BROWSER_CLOSE = False  # a session lasts SESSION_COOKIE_AGE from sign-in, not from last use
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "ops.views.csrf_failure"
# Bad input: a bounded body, few fields, few files; the web server limits uploads first (SECURITY.md).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 500)
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("DATA_UPLOAD_MAX_NUMBER_FILES", 10)
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750

# Content-Security-Policy (django-csp 4): no inline script anywhere, nothing from another origin.
# Styles allow inline attributes: the Django admin and ReDoc set them; scripts never are.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one account from one
# address, that pair waits AXES_COOLOFF_MINUTES; the sign-in page says so. Usernames stay out of the logs.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "ops.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.sign_in.locked_out"
AXES_HTTP_RESPONSE_CODE = 429

# Second factor (django-otp, TOTP): every account may add an authenticator app; staff must when this is on.
ACCSM_STAFF_REQUIRE_TWO_FACTOR = env_bool("ACCSM_STAFF_REQUIRE_TWO_FACTOR", default=not DEBUG)
OTP_TOTP_ISSUER = "ACCSM Portal"
# After n wrong codes in a row the next try waits 0.25 × 2^(n-1) s: a mistyped code can be corrected at
# once (django-otp's default, 1 s, refused the right code typed a second later), guessing stays hopeless.
OTP_TOTP_THROTTLE_FACTOR = 0.25

# Personal data: participants of meetings that ended more than this many months ago are anonymised by a
# daily task. 0 (the default) keeps them; the secretariat decides the retention period.
ACCSM_ANONYMISE_AFTER_MONTHS = env_int("ACCSM_ANONYMISE_AFTER_MONTHS", 0)

# Accreditation (issue 16): passport numbers, expiry dates and dates of birth are deleted this many days after
# the meeting ends (a task runs every six hours); 0 keeps them until the participant is erased.
ACCSM_PASSPORT_DATA_DAYS_AFTER_MEETING = env_int("ACCSM_PASSPORT_DATA_DAYS_AFTER_MEETING", 30)
# Certificates of attendance (issue 16): emailed to each participant who attended this many hours after the
# meeting ends (an hourly task; once each, meetings up to two weeks past due); 0 leaves it to the secretariat.
ACCSM_CERTIFICATES_EMAIL_HOURS_AFTER_MEETING = env_int("ACCSM_CERTIFICATES_EMAIL_HOURS_AFTER_MEETING", 24)
# Accreditation photos: the largest upload read, and the smallest and largest pictures accepted (pixels).
ACCSM_PHOTO_MAX_BYTES = env_int("ACCSM_PHOTO_MAX_BYTES", 5 * 1024 * 1024)
ACCSM_PHOTO_MIN_SIDE = env_int("ACCSM_PHOTO_MIN_SIDE", 300)
ACCSM_PHOTO_MAX_PIXELS = env_int("ACCSM_PHOTO_MAX_PIXELS", 40_000_000)

# Backups (make backup / make restore): where archives go.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))
# Each `make backup` deletes the archives in BACKUP_DIR older than this; an erased person is gone from every
# backup this many days after the erasure (SECURITY.md, "Backups"). 0 keeps every archive.
ACCSM_BACKUP_RETENTION_DAYS = env_int("ACCSM_BACKUP_RETENTION_DAYS", 35)
# --- end issue 8

# --- REST framework (the API app: api/) --------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",  # first: its 401 challenge is the one sent
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.TokenScopePermission"],
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.AnonAddressThrottle",
        "api.throttling.TokenThrottle",
        "api.throttling.SessionUserThrottle",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.BoundedJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PortalPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "api.filters.KnownParametersFilter",
        "django_filters.rest_framework.DjangoFilterBackend",
    ],
    "DEFAULT_SCHEMA_CLASS": "api.schema.PortalAutoSchema",
    "EXCEPTION_HANDLER": "api.errors.api_exception_handler",
    "URL_FORMAT_OVERRIDE": None,
    # Anonymous throttling by address trusts X-Forwarded-For as far as our own proxies (as ops.client_ip does).
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
API_THROTTLE_RATES = {
    "anon": os.environ.get("API_RATE_ANON", "120/min"),
    "token": os.environ.get("API_RATE_TOKEN", "600/min"),
    "user": os.environ.get("API_RATE_USER", "600/min"),
}
API_LANGUAGE_PATH_PREFIXES = ("/api/", "/calendar/")
CALENDAR_UID_DOMAIN = os.environ.get("CALENDAR_UID_DOMAIN", "accsm-portal")
SPECTACULAR_SETTINGS = {
    "TITLE": "ACCSM Portal API",
    "DESCRIPTION": (
        "Schedule, registrations and work plan of the ASEAN Conference on Civil Service Matters.\n\n"
        "Anonymous clients read published, public data. Machine clients send an API token created by the "
        "secretariat: `Authorization: Bearer <token>`. Errors always have the shape "
        "`{code, message, fields}`. Lists are paginated (`page`, `page_size` up to 200), carry ETag and "
        "Last-Modified (send If-None-Match / If-Modified-Since to get 304), and say when they were "
        "generated in X-Page-Generated: send that back as `updated_since` (or `since` for changes). "
        "Writes accept an Idempotency-Key header. Translated fields follow `?lang=vi` or Accept-Language."
    ),
    "VERSION": "1.0.0",
    # 3.1: the version of OpenAPI that has `webhooks` (and `type: [..., "null"]` for a nullable field).
    "OAS_VERSION": "3.1.0",
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "api.schema.nullable_as_openapi_31"],
    "SERVE_INCLUDE_SCHEMA": False,
    # What the portal POSTs to subscribed endpoints (webhooks/openapi.py, docs/webhooks.md).
    "WEBHOOKS": [
        f"webhooks.openapi.{name}"
        for name in (
            "meeting_published",
            "meeting_changed",
            "meeting_postponed",
            "meeting_cancelled",
            "agenda_changed",
            "document_released",
            "registration_created",
            "registration_changed",
            "registration_withdrawn",
            "ping",
        )
    ],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a "kind", "status" or "language": name each choice set after its model.
    "ENUM_NAME_OVERRIDES": {
        "MeetingKindEnum": "meetings.models.Meeting.Kind",
        "MeetingStatusEnum": "meetings.models.Meeting.Status",
        "MeetingFormatEnum": "meetings.models.Meeting.Format",
        "MeetingChangeActionEnum": "meetings.models.MeetingChange.Action",
        "MemberStateGroupEnum": "meetings.models.MemberState.Group",
        "ParticipantStatusEnum": "meetings.models.Participant.Status",
        "ParticipantRoleEnum": "meetings.models.Participant.Role",
        "DocumentKindEnum": "documents.models.Document.Kind",
        "DocumentStatusEnum": "documents.models.Document.Status",
        "DocumentVisibilityEnum": "documents.models.Document.Visibility",
        "DocumentLanguageEnum": "documents.models.Document.Language",
        "LanguageEnum": "accsm_portal.settings.LANGUAGES",
        "InitiativeStatusEnum": "workplan.models.Initiative.Status",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- Audit trail --------------------------------------------------------------------------------
AUDITLOG_INCLUDE_ALL_MODELS = False

# --- Logging (issue 8) ------------------------------------------------------------------------
# One line per record on stderr: JSON in production (LOG_FORMAT=json), readable text in development.
# Every record carries request_id and user_id; ops.logging strips personal data (see its docstring).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING_CONFIG = "ops.logging.configure"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "ops.logging.RequestContextFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(user_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "timestamp": False,
        },
        "text": {"()": "ops.logging.TextFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_context"], "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Django's own request log repeats ours (accsm.request) for 4xx/5xx; keep it for its tracebacks.
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
    },
}

# --- Portal -------------------------------------------------------------------------------------
# Reminders (docs/reminders.md): a reminder not sent within REMINDERS_MISSED_AFTER_HOURS of its due moment
# is marked missed instead of going out late; a "sending" claim older than REMINDERS_CLAIM_TIMEOUT_SECONDS
# belongs to a dead worker and is taken back. A working dispatcher renews its lease and claims every sixth of
# it (outbox.sending.Heartbeat), so it need only cover one heartbeat and one message: a start-up check
# (outbox/checks.py) wants at least a sixth of it plus twice EMAIL_TIMEOUT.
REMINDERS_MISSED_AFTER_HOURS = env_int("REMINDERS_MISSED_AFTER_HOURS", 48)
REMINDERS_CLAIM_TIMEOUT_SECONDS = env_int("REMINDERS_CLAIM_TIMEOUT_SECONDS", 90)
REMINDERS_MAX_ATTEMPTS = env_int("REMINDERS_MAX_ATTEMPTS", 5)
REMINDERS_BATCH_SECONDS = env_int("REMINDERS_BATCH_SECONDS", 120)
# The secretariat's time zone: the digest and work plan reminders go out at their time of day there.
REMINDERS_TIME_ZONE = os.environ.get("REMINDERS_TIME_ZONE", "Asia/Ho_Chi_Minh")
# A change of a meeting told to the people it concerns waits this long for the changes that follow, and goes
# with them as one message (meetings/notices.py); a cancellation goes at once.
MEETING_NOTICE_COALESCE_MINUTES = env_int("MEETING_NOTICE_COALESCE_MINUTES", 10)
# Webhooks never reach a loopback, private, link-local or reserved address (webhooks/http.py). No environment
# variable: only the test suite lets loopback through, for its own server (tests/settings.py).
WEBHOOKS_ALLOW_LOOPBACK = False
ACCSM_DOCUMENT_MAX_UPLOAD_BYTES = env_int("ACCSM_DOCUMENT_MAX_UPLOAD_BYTES", 25 * 1024 * 1024)
# Password reset links one address, and one client address, may ask for per window (accounts/password_reset.py).
ACCSM_PASSWORD_RESET_PER_ADDRESS = env_int("ACCSM_PASSWORD_RESET_PER_ADDRESS", 3)
ACCSM_PASSWORD_RESET_PER_CLIENT = env_int("ACCSM_PASSWORD_RESET_PER_CLIENT", 10)
ACCSM_PASSWORD_RESET_WINDOW_SECONDS = env_int("ACCSM_PASSWORD_RESET_WINDOW_SECONDS", 3600)
# Bounds of every file the portal reads (common/bounded.py, SECURITY.md "Files the portal reads"). A file over
# one is refused at once, naming the bound. Zip packages (XLSX, DOCX, PPTX) are judged by their directory first.
ACCSM_FILE_MAX_RATIO = env_int("ACCSM_FILE_MAX_RATIO", 100)  # unpacked : packed, for a part over 1 MB
ACCSM_DOCUMENT_MAX_ENTRIES = env_int("ACCSM_DOCUMENT_MAX_ENTRIES", 10_000)
ACCSM_DOCUMENT_MAX_UNPACKED_BYTES = env_int("ACCSM_DOCUMENT_MAX_UNPACKED_BYTES", 512 * 1024 * 1024)
# The participants import (CSV, XLSX): a delegation's list is a few dozen rows of a dozen short columns.
ACCSM_IMPORT_MAX_BYTES = env_int("ACCSM_IMPORT_MAX_BYTES", 2 * 1024 * 1024)
ACCSM_IMPORT_MAX_ROWS = env_int("ACCSM_IMPORT_MAX_ROWS", 1000)  # rows that hold something
ACCSM_IMPORT_MAX_SHEET_ROWS = env_int("ACCSM_IMPORT_MAX_SHEET_ROWS", 20_000)  # empty ones included
ACCSM_IMPORT_MAX_COLUMNS = env_int("ACCSM_IMPORT_MAX_COLUMNS", 50)
ACCSM_IMPORT_MAX_CELL_CHARS = env_int("ACCSM_IMPORT_MAX_CELL_CHARS", 2000)
ACCSM_IMPORT_MAX_ENTRIES = env_int("ACCSM_IMPORT_MAX_ENTRIES", 100)
ACCSM_IMPORT_MAX_UNPACKED_BYTES = env_int("ACCSM_IMPORT_MAX_UNPACKED_BYTES", 16 * 1024 * 1024)
ACCSM_IMPORT_SECONDS = env_int("ACCSM_IMPORT_SECONDS", 10)
# Behind nginx: the URL prefix of an `internal` location aliasing PRIVATE_MEDIA_ROOT (e.g. "/protected-files/").
# Set, document downloads are handed to nginx with X-Accel-Redirect after the access check; unset, Django
# streams them itself.
ACCSM_X_ACCEL_REDIRECT_PREFIX = os.environ.get("ACCSM_X_ACCEL_REDIRECT_PREFIX", "")
