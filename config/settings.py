"""Settings for the tracker: one module, every behaviour switched by an environment variable.

The defaults run the whole system on one machine with no server to install: SQLite, a
folder-based Celery broker and e-mails written as files. `.env.example` lists every variable.
"""

from datetime import date
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

from common.languages import SPOKEN_LANGUAGES

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Everything the running system writes (database, mails, broker queues, uploads) lives here.
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("DEBUG", default=True)
DEVELOPMENT_KEY = "insecure-development-key-change-me-in-production"
# The key that signs sessions and the links of mails (invitations, unsubscribing). Unset, it is
# the one bin/start made for this machine in var/, or, with DEBUG on, a key anyone can read
# here; with DEBUG off the tracker refuses to start on that one, since whoever knows it can
# forge an invitation's link and take over the login it opens.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY and (VAR_DIR / "secret_key").is_file():
    SECRET_KEY = (VAR_DIR / "secret_key").read_text().strip()
if not SECRET_KEY and DEBUG:
    SECRET_KEY = DEVELOPMENT_KEY
if not DEBUG and SECRET_KEY in {"", DEVELOPMENT_KEY}:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set, or is the development key. With DEBUG off, set it to a long"
        " random value, e.g. the output of: python -c 'import secrets;"
        " print(secrets.token_urlsafe(50))'"
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # First, so that its sign-in and password pages replace the admin's look-alikes.
    "portal",
    # Before the admin, so that its translation admin is the one registered.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_countries",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "django_htmx",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "common",
    "partners",
    "activity",
    "projects",
    "deliverables",
    "meetings",
    "grants",
    "reminders",
    "newsletters",
    "outreach",
    "workbooks",
    "reports",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.PreferredLanguageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "portal.middleware.HtmxRedirectMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it answers locked-out sign-ins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "portal.context.navigation",
                "portal.context.notices",
                "portal.context.demo_clock",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'tracker.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
# Views (common/db_views.py) hold no data of their own: dumps leave them out.
DATABASE_ROUTERS = ["common.db_views.ViewsRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First: refuses sign-ins for a name and address that failed too often, even if right now.
    "axes.backends.AxesStandaloneBackend",
    "projects.authentication.OfficerAwareBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# The sign-in page shows a clear message rather than the bare 403 of a locked-out attempt.
AXES_LOCKOUT_CALLABLE = "portal.views.accounts.sign_in_paused"

AXES_FAILURE_LIMIT = env.int("SIGN_IN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.int("SIGN_IN_COOLOFF_HOURS", default=1)
# Lock a name from the address it was guessed from: others, and its owner elsewhere, still sign in.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# No banner of django-axes's settings at the start of every command and process.
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LOCALE_PATHS = [BASE_DIR / "locale"]
# The product speaks English and every language it holds a catalogue for: adding a language is
# adding locale/<code>/LC_MESSAGES/django.po. Each is named in itself, as the switch shows it.
LANGUAGES = [("en", "English")] + [
    (folder.name, SPOKEN_LANGUAGES.get(folder.name, folder.name))
    for folder in sorted(LOCALE_PATHS[0].iterdir())
    if (folder / "LC_MESSAGES" / "django.po").exists()
]
FORMAT_MODULE_PATH = ["config.formats"]
# Titles and places carry a version per language (projects/translation.py and its neighbours):
# a column each, so this list is fixed here rather than read from locale/, and a language added
# later reads the content as entered until it gets columns of its own. "en" holds the content
# as entered (the original), which every other version falls back to.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "fr", "de", "es", "it", "pt")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Brussels")
# A demo instance's fixed "today" (ISO date), read through common.clock; unset in production.
DEMO_TODAY = date.fromisoformat(env.str("DEMO_TODAY")) if env.str("DEMO_TODAY", "") else None
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
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

# Source maps are read only by a browser's developer tools: compressing the megabytes of Swagger
# UI's and ReDoc's would double the time collectstatic takes, for nobody.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]

# E-mail: written as files a person can open unless EMAIL_URL names a real server.
# A file URL takes four slashes for an absolute folder: filemail:////srv/tracker/mail
_email = env.email_url("EMAIL_URL", default=f"filemail:///{VAR_DIR / 'mail'}")
vars().update({key: value for key, value in _email.items() if value is not None})
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Erasmus+ tracker <tracker@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: Redis when REDIS_URL is set; otherwise kombu's filesystem transport, a real broker
# made of folders, so a worker and beat run on a laptop with no server at all.
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_DATA_DIR = VAR_DIR / "celery"
# Redis hands an unacknowledged task to another worker after this long: it must outlast the
# longest task (CELERY_TASK_TIME_LIMIT) or a slow run would be started a second time.
REDIS_VISIBILITY_TIMEOUT = env.int("REDIS_VISIBILITY_TIMEOUT", default=3600)
# A request that queues a task gives up on an unreachable or silent broker after this long,
# instead of holding the person's page; the work stays recorded and the sweep sends it later.
BROKER_TIMEOUT_SECONDS = env.float("BROKER_TIMEOUT_SECONDS", default=1.0)
# How often beat looks for recorded work whose task never reached the broker.
PENDING_WORK_SWEEP_SECONDS = env.int("PENDING_WORK_SWEEP_SECONDS", default=300)
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": REDIS_VISIBILITY_TIMEOUT,
        "socket_timeout": BROKER_TIMEOUT_SECONDS,
        "socket_connect_timeout": BROKER_TIMEOUT_SECONDS,
        # A publish fails at once rather than retrying inside the request; the worker's own
        # reconnection is governed by broker_connection_retry, not by this.
        "max_retries": 0,
    }
    CELERY_REDIS_SOCKET_TIMEOUT = BROKER_TIMEOUT_SECONDS
    CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = BROKER_TIMEOUT_SECONDS
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_RESULT_BACKEND = f"file://{CELERY_DATA_DIR / 'results'}"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DATA_DIR / "queue"),
        "data_folder_out": str(CELERY_DATA_DIR / "queue"),
        "processed_folder": str(CELERY_DATA_DIR / "processed"),
        # Broadcast exchanges (remote control) would otherwise land in the working directory.
        "control_folder": str(CELERY_DATA_DIR / "control"),
        "store_processed": False,
    }
# What every process must count together (sign-in throttles, mail-flood counters) lives in the
# default cache, shared by all of them: Redis when there is one, otherwise a database table that
# a migration creates (common/migrations), so no extra setup step exists to forget. A memory
# cache would be counted per gunicorn worker, multiplying every limit by the number of workers.
DATABASE_CACHE_TABLE = "tracker_cache"
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "tracker",
            "OPTIONS": {
                "socket_timeout": BROKER_TIMEOUT_SECONDS,
                "socket_connect_timeout": BROKER_TIMEOUT_SECONDS,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": DATABASE_CACHE_TABLE,
            # Django's default of 300 entries would let someone who varies addresses push the
            # counters of others out of the table.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }
# Pages kept between visits (common.page_cache), in a cache of their own, never the counters'
# (whose entries they could otherwise push out of a full table). An entry's key names all it
# shows, so a memory cache per process is as right as a shared one, only drawn more often.
# Entries expire PAGE_CACHE_SECONDS after they are drawn. By default each process keeps its own
# (up to 500 pages, about 10 KB each): never in the broker's Redis, which has no memory ceiling
# and whose queued tasks must not be evicted. PAGE_CACHE_URL may name a Redis of their own, with
# a maxmemory and an allkeys-lru policy, to share them between processes.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
PAGE_CACHE_URL = env("PAGE_CACHE_URL", default="")
if PAGE_CACHE_URL:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": PAGE_CACHE_URL,
        "KEY_PREFIX": "pages",
        "OPTIONS": {
            "socket_timeout": BROKER_TIMEOUT_SECONDS,
            "socket_connect_timeout": BROKER_TIMEOUT_SECONDS,
        },
    }
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 500},
    }

CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 600
CELERY_TASK_TIME_LIMIT = 900
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_BEAT_SCHEDULE_FILENAME = str(CELERY_DATA_DIR / "beat-schedule")
CELERY_BEAT_SCHEDULE = {
    # Every morning at 08:00 in TIME_ZONE: one digest per person with the day's reminders.
    "send-daily-reminders": {
        "task": "tasks.reminders.send_daily_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    # Just after midnight: projects whose first or last day has passed change status.
    "advance-project-statuses": {
        "task": "tasks.projects.advance_statuses",
        "schedule": crontab(hour=0, minute=5),
    },
    # On the first of each month: last month's newsletter drafts, for the editors to review.
    "draft-last-months-newsletter": {
        "task": "tasks.newsletters.draft_last_month",
        "schedule": crontab(day_of_month=1, hour=7, minute=0),
    },
    # Work recorded while the broker was away (see common/enqueue.py) goes out from here.
    "send-pending-newsletters": {
        "task": "tasks.newsletters.send_pending",
        "schedule": float(PENDING_WORK_SWEEP_SECONDS),
    },
}

REST_FRAMEWORK = {
    # Token first: an anonymous request is answered 401 with a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "projects.authentication.OfficerAwareTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON only: the browsable API's forms would list every choice, not just one's own.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "common.parsers.StrictMultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "common.pagination.Pagination",
    "DEFAULT_FILTER_BACKENDS": [
        "common.filters.StrictQueryParameters",
        "common.filters.FiltersWhenGiven",
        "rest_framework.filters.SearchFilter",
        "common.filters.StableOrdering",
    ],
    "DEFAULT_SCHEMA_CLASS": "common.schema.ApiSchema",
    "EXCEPTION_HANDLER": "common.exceptions.api_exception_handler",
    "DEFAULT_THROTTLE_RATES": {"sign-in": env.str("SIGN_IN_RATE", default="10/minute")},
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Erasmus+ project tracker API",
    "DESCRIPTION": (
        "Projects, partners, objectives, work packages, deliverables and meetings of the "
        "network's Erasmus+ projects. Each user sees the projects they are a contact in; "
        "project officers see everything."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Served by the project itself, so the docs work with no internet access.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "GET_LIB_DOC_EXCLUDES": "common.schema.lib_doc_excludes",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "common.schema.describe_errors_and_bounds",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ProjectStatusEnum": "projects.models.Project.Status",
        "ObjectiveStatusEnum": "projects.models.Objective.Status",
        "DeliverableStatusEnum": "deliverables.models.Deliverable.Status",
        "ActionItemStatusEnum": "meetings.models.ActionItem.Status",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # The PDF renderer narrates every font subset it makes at INFO.
    "loggers": {name: {"level": "WARNING"} for name in ["weasyprint", "fontTools"]},
}

# Production hardening, switched on by the environment (see .env.example).
# X-Forwarded-Proto is believed only when a proxy in front sets it: with gunicorn published
# directly, any client could claim https and skip the redirect to it.
if env.bool("TRUST_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)

DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="demo")

# Where people reach the tracker: links in e-mails are built from it.
# The port bin/start serves the demo on, which the links name unless SITE_URL is set.
PORT = env.int("PORT", default=8000)
SITE_URL = env.str("SITE_URL", default=f"http://127.0.0.1:{PORT}").rstrip("/")
# The domain in the UIDs of calendar events; keep it stable or calendars duplicate events.
CALENDAR_UID_DOMAIN = env.str("CALENDAR_UID_DOMAIN", default="erasmus-tracker.example.org")
# A digest still "sending" after this many minutes had its worker stopped; the next run sends it.
REMINDER_STALE_MINUTES = env.int("REMINDER_STALE_MINUTES", default=30)
# Attempts before a digest that keeps meeting temporary mail errors is marked failed.
REMINDER_MAX_ATTEMPTS = env.int("REMINDER_MAX_ATTEMPTS", default=5)
# The same two for newsletter deliveries: a delivery still "sending" after this many minutes
# had its worker stopped, and the next sending (or beat's sweep) sends it.
NEWSLETTER_STALE_MINUTES = env.int("NEWSLETTER_STALE_MINUTES", default=30)
NEWSLETTER_MAX_ATTEMPTS = env.int("NEWSLETTER_MAX_ATTEMPTS", default=5)

# A login invitation's link works this many days (counted in real time, as password reset
# links are), once; resending the invitation replaces the link.
INVITATION_DAYS = env.int("INVITATION_DAYS", default=7)
INVITATION_MAX_ATTEMPTS = env.int("INVITATION_MAX_ATTEMPTS", default=5)

# E-mails anyone may ask for (a newsletter confirmation, a password reset link): how many per
# address, and how many per client address, in a period (second, minute, hour or day).
MAIL_LIMIT_PER_ADDRESS = env.str("MAIL_LIMIT_PER_ADDRESS", default="3/hour")
MAIL_LIMIT_PER_CLIENT = env.str("MAIL_LIMIT_PER_CLIENT", default="20/hour")

# Largest file a partner may submit for a deliverable.
SUBMISSION_MAX_BYTES = env.int("SUBMISSION_MAX_BYTES", default=20 * 2**20)
# Largest scan of a signed attendance sheet (PDF, JPEG or PNG).
SIGNED_SHEET_MAX_BYTES = env.int("SIGNED_SHEET_MAX_BYTES", default=10 * 2**20)
# An event's public sign-in page, in a period (second, minute, hour or day): guessed links per
# client address; sign-ins per client address on one link (a venue of hundreds behind one
# Wi-Fi signs in from one address: docs/security.md); sign-ins per event's link.
EVENT_SIGN_IN_LIMIT_PER_CLIENT = env.str("EVENT_SIGN_IN_LIMIT_PER_CLIENT", default="100/hour")
EVENT_SIGN_IN_LIMIT_PER_CLIENT_ON_LINK = env.str(
    "EVENT_SIGN_IN_LIMIT_PER_CLIENT_ON_LINK", default="600/hour"
)
EVENT_SIGN_IN_LIMIT_PER_LINK = env.str("EVENT_SIGN_IN_LIMIT_PER_LINK", default="1000/hour")

# Largest workbook accepted for an import, on the pages and on the command line.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=5 * 2**20)
# Imported workbooks: rows read per sheet, and the size a workbook may unpack to (an XLSX is a
# zip; a few kilobytes can unpack to gigabytes).
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=10_000)
IMPORT_MAX_UNPACKED_BYTES = env.int("IMPORT_MAX_UNPACKED_BYTES", default=200 * 2**20)
# The workbook's text (its shared strings part), which is read into memory whole: 10,000 rows of
# a dozen columns of text stay far below it.
IMPORT_MAX_TEXT_BYTES = env.int("IMPORT_MAX_TEXT_BYTES", default=16 * 2**20)
# Items of one list POSTed to the API: each goes the way of a single POST (serializer, rules,
# services) inside one transaction, a few to tens of milliseconds each; past a few hundred, a
# request would hold its transaction, and on SQLite every other writer, for minutes. Larger
# loads are for the import, which checks its rows in batches.
API_MAX_LIST_ITEMS = env.int("API_MAX_LIST_ITEMS", default=500)
