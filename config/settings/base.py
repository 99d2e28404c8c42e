"""Settings shared by every environment. Everything a deployment changes comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    "home",
    "wards",
    "learning",
    "qr",
    "teams",
    "campaigns",
    "stats",
    "homeservice",
    "assistant",
    "feedback",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "import_export",
    "django_q",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "config.middleware.AnonymousPageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "wards.context_processors.current_ward",
            ],
        },
    },
]

# SQLite in WAL mode is the embedded default; DATABASE_URL switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# django-q2: the ORM broker needs nothing more; REDIS_URL moves the queue to Redis so several
# clusters on several machines can share it.
Q_CLUSTER = {
    "name": "phuongso",
    "workers": int(env("Q_WORKERS", "2")),
    "timeout": 600,
    "retry": 720,
    "max_attempts": 3,
    "queue_limit": 50,
    "bulk": 10,
    "catch_up": False,
    "label": _("Hàng đợi tác vụ"),
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# Pages are written in Vietnamese; staff add an English copy with the admin's "Translate" action.
WAGTAIL_CONTENT_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# Staff read the admin in Vietnamese whatever their browser asks for; a profile may pick English.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# admin_locale/ only fills gaps in Wagtail's own Vietnamese admin catalogue (Filter, Next, …);
# it holds no string of ours, so makemessages never writes there.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "admin_locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGIN_URL = "wards:login"
LOGIN_REDIRECT_URL = "wards:landing"
WAGTAILADMIN_LOGIN_URL = "wards:login"

WAGTAIL_SITE_NAME = "Phường Số"
WAGTAILADMIN_BASE_URL = env("PUBLIC_BASE_URL", "http://localhost:8000")
PUBLIC_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAIL_I18N_ENABLED = True
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# The public site stays strict (no inline script); the Wagtail admin needs inline script and style.
CSP_PUBLIC = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "media-src 'self' blob:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; form-action 'self'; object-src 'none'; worker-src 'self'; manifest-src 'self'"
)
CSP_ADMIN = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; "
    "font-src 'self' data:; connect-src 'self'; frame-ancestors 'self'; base-uri 'self'; "
    "form-action 'self'; object-src 'none'"
)
CSP_ADMIN_PREFIXES = ("/admin/", "/django-admin/")

LOGIN_THROTTLE_ATTEMPTS = 5
LOGIN_THROTTLE_WINDOW_SECONDS = 15 * 60
# Rate limits count where every worker sees the same number (config/ratelimit.py): Redis when
# configured, else a database table. X-Forwarded-For is read only behind this many own proxies.
RATELIMIT_STORE = "cache" if REDIS_URL else "database"
RATELIMIT_CACHE = "default"
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_secrets": {"()": "config.accesslog.RedactSecrets"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # runserver's request line (gunicorn's access log: config.accesslog.RedactingLogger).
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
    },
}

DEMO_ALLOWED = False
DEMO_HOUSEHOLDS_PER_AREA = 100

# --- teams: the field app's sync API ---------------------------------------------------------
# Batches a member's phone may send per window (requests, seconds); the phone backs off on 429.
TEAMS_SYNC_RATE_LIMIT = (30, 60)
# Days from a home-service request to its online submission, where a procedure sets none.
HOMESERVICE_DEFAULT_SLA_DAYS = int(env("HOMESERVICE_DEFAULT_SLA_DAYS", "7"))

# Cookie-less visitors share cached Wagtail pages for this long (see config/middleware.py).
ANONYMOUS_PAGE_CACHE_SECONDS = int(env("ANONYMOUS_PAGE_CACHE_SECONDS", "60"))
# Cookies that do not stop a page marked shared_with_learners from coming out of that cache.
PAGE_CACHE_LEARNER_COOKIES = ("hoc_id", "django_language", "csrftoken")

# --- stats: the leaders' dashboards ---------------------------------------------------------------
# Province administrators share a built province report for this long (stats/province_cache.py).
PROVINCE_REPORT_CACHE_SECONDS = int(env("PROVINCE_REPORT_CACHE_SECONDS", "60"))

# --- campaigns (SMS / Zalo) ---------------------------------------------------------------------
# Where residents' short links (/l/<code>) and providers' callbacks (/webhooks/...) point: links
# default to the ward's Site address (wards.public_url), callbacks to PUBLIC_BASE_URL. Behind a proxy, the webhook base must be the URL providers call
# (Twilio signs it).
# The channel plug-ins (key → class); adding a provider is its module plus one line here.
CAMPAIGN_CHANNELS = {
    "console": "campaigns.channels.console.ConsoleChannel",
    "twilio_sms": "campaigns.channels.twilio_sms.TwilioSmsChannel",
    "zalo_zns": "campaigns.channels.zalo_zns.ZaloZnsChannel",
    "esms": "campaigns.channels.esms.EsmsChannel",
}
CAMPAIGN_LINK_BASE_URL = env("CAMPAIGN_LINK_BASE_URL")
CAMPAIGN_WEBHOOK_BASE_URL = env("CAMPAIGN_WEBHOOK_BASE_URL")
# A claimed message whose outcome was not recorded within this many seconds was interrupted by
# a crash (longer than any provider timeout, so no call can still be running).
CAMPAIGN_SEND_LEASE_SECONDS = int(env("CAMPAIGN_SEND_LEASE_SECONDS", "60"))
# A dispatcher silent this long is dead; the next run takes over its channel account.
CAMPAIGN_DISPATCHER_STALE_SECONDS = int(env("CAMPAIGN_DISPATCHER_STALE_SECONDS", "20"))
# One dispatch task sends for at most this long, then hands over to a fresh task.
CAMPAIGN_DISPATCH_RUN_SECONDS = int(env("CAMPAIGN_DISPATCH_RUN_SECONDS", "240"))
CAMPAIGN_RETRY_BASE_SECONDS = int(env("CAMPAIGN_RETRY_BASE_SECONDS", "30"))
CAMPAIGN_MAX_ATTEMPTS = int(env("CAMPAIGN_MAX_ATTEMPTS", "6"))
# Sends in flight per channel account (0: 8 on PostgreSQL, 1 on SQLite).
CAMPAIGN_SENDER_THREADS = int(env("CAMPAIGN_SENDER_THREADS", "0"))
# httpx logs every request at INFO: at 100 messages a second that drowns the log.
LOGGING["loggers"]["httpx"] = {"level": "WARNING"}

# --- learning: lessons, progress, self-reports ----------------------------------------------------
# Public POSTs per client (limit, window seconds): progress from a phone (a queue flushed after a
# day offline sends one batch), and "Tôi đã làm được" reports (a class at the ward's hall shares
# one address, so the limit is per ten minutes, not per hour).
LEARNING_PROGRESS_RATE_LIMIT = (120, 60)
LEARNING_SELF_REPORT_RATE_LIMIT = (10, 600)
