"""Settings shared by every environment.

Everything here is safe in production: DEBUG is off, secrets come only from the
environment, and the database comes from ``DATABASE_URL`` (an SQLite file in the
project folder when it is not set). ``dev`` and ``test`` relax this module;
``production`` tightens it.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "portal"


def env_list(name, default=""):
    """Read a comma-separated environment variable as a list of non-empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if value.strip().lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name, default):
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from error


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "opportunities",
    "stories",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "axes",
    "csp",
    "django_tasks_db",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A database out of reach gives a plain 503 page, never a 500 (portal/faults.py).
    "portal.faults.DatabaseOutageMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.cache.AnonymousPageCacheMiddleware",
    # Inside the page cache, so a cached page is stored compressed and sent as it is.
    # Django's GZipMiddleware pads responses against BREACH-style attacks on form tokens.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Renews a staff session on each request except the editor's background pings.
    "portal.idle_sessions.IdleSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Admin filters Wagtail cannot answer (impossible ids) get a 400, not a 500.
    "portal.admin_guard.AdminQueryGuardMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.security.PortalCSPMiddleware",
    # Last, as django-axes asks: it locks out repeated failed admin logins.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: DATABASE_URL (postgres://user:password@host:5432/name) or an SQLite file.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by every worker), otherwise local memory.
# Redis only makes the site faster: with short timeouts, a Redis that is down or hangs
# costs a request at most about half a second, pages are then made afresh and sign-ups
# are taken without the per-address count (portal/faults.py). After a failure, each
# process leaves Redis alone for CACHE_RETRY_SECONDS before it tries again.
CACHE_TIMEOUT_SECONDS = float(os.environ.get("CACHE_TIMEOUT_SECONDS", "0.25"))
CACHE_RETRY_SECONDS = float(os.environ.get("CACHE_RETRY_SECONDS", "5"))


def redis_cache(url, timeout=CACHE_TIMEOUT_SECONDS):
    """The cache settings for the Redis server at ``url``."""
    return {
        "BACKEND": "portal.faults.FailSoftRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "portal",
        # Passed to redis-py's connection pool (django/core/cache/backends/redis.py).
        "OPTIONS": {"socket_connect_timeout": timeout, "socket_timeout": timeout},
    }


if os.environ.get("REDIS_URL"):
    CACHES = {"default": redis_cache(os.environ["REDIS_URL"])}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "portal",
        }
    }

# Whole-page cache for anonymous visitors (portal/cache.py): seconds a page is kept in
# the shared cache, and the max-age browsers and an edge cache are told. 0 turns it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
PAGE_CACHE_BROWSER_SECONDS = env_int("PAGE_CACHE_BROWSER_SECONDS", 60)

# An edge cache in front (CDN or Varnish): publishing purges the pages it holds.
# FRONTEND_CACHE_HTTP_URL: Varnish/Squid-style PURGE to this address.
# FRONTEND_CACHE_CLOUDFLARE_TOKEN + FRONTEND_CACHE_CLOUDFLARE_ZONEID: Cloudflare.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_HTTP_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_HTTP_URL"],
    }
if os.environ.get("FRONTEND_CACHE_CLOUDFLARE_TOKEN"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ["FRONTEND_CACHE_CLOUDFLARE_TOKEN"],
        "ZONEID": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID", ""),
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.insert(
        INSTALLED_APPS.index("wagtail.contrib.forms"), "wagtail.contrib.frontend_cache"
    )

# Background tasks (django-tasks, which Wagtail 8 uses): run at once unless a
# deployment chooses the database backend (see production.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Sign-ups: how many one address may send (a number, then /s, /m, /h or /d), counted
# in the cache (shared across servers with Redis). The address is the connection's,
# unless it comes from one of SIGNUP_TRUSTED_PROXY_ADDRESSES (addresses or networks of
# the proxies in front): then it is the one SIGNUP_TRUSTED_PROXIES places from the right
# of X-Forwarded-For. See opportunities/ratelimit.py and the README.
SIGNUP_RATE_LIMIT = os.environ.get("SIGNUP_RATE_LIMIT", "5/h")
SIGNUP_TRUSTED_PROXIES = env_int("SIGNUP_TRUSTED_PROXIES", 1)
SIGNUP_TRUSTED_PROXY_ADDRESSES = env_list("SIGNUP_TRUSTED_PROXY_ADDRESSES", "127.0.0.1,::1")

# Reply-by dates count working days: Monday to Friday, less the bank holidays of this
# region (a country code, and for the UK the nation: GB-SCT, GB-ENG, GB-WLS, GB-NIR).
# Empty: weekdays only.
BANK_HOLIDAYS = os.environ.get("BANK_HOLIDAYS", "GB-SCT")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# E-mail: printed to the console unless EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Text messages (portal/texts.py): printed to the console unless TEXT_BACKEND says
# otherwise. "notify" sends them through GOV.UK Notify with the key and template ids below.
TEXT_BACKEND = os.environ.get("TEXT_BACKEND", "").strip().lower() or "console"
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "").strip()
NOTIFY_BASE_URL = (
    os.environ.get("NOTIFY_BASE_URL", "").strip() or "https://api.notifications.service.gov.uk"
)
NOTIFY_TEMPLATE_SIGN_UP_CONFIRMATION = os.environ.get(
    "NOTIFY_TEMPLATE_SIGN_UP_CONFIRMATION", ""
).strip()
NOTIFY_TEMPLATE_WHAT_CAME_OF_IT = os.environ.get("NOTIFY_TEMPLATE_WHAT_CAME_OF_IT", "").strip()
# A text the service failed to take (5xx, no connection) is tried this many times in all,
# waiting TEXT_RETRY_DELAY seconds, then twice as long each time.
TEXT_RETRY_ATTEMPTS = env_int("TEXT_RETRY_ATTEMPTS", 3)
TEXT_RETRY_DELAY = 2

# Logging: to the console only. Personal data is never passed to a logger.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Request logs carry query strings and form paths; keep them at warnings.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # Notify's client logs its failures with Notify's own error text, which can quote
        # the phone number; the portal logs each failure itself, with the reference only.
        "notifications_python_client": {"level": "CRITICAL"},
    },
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Security headers that hold in every environment (production.py adds HTTPS ones).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp): no inline or third-party scripts on the public
# site, and no page may be framed by another site. The Wagtail admin gets its own,
# looser script policy (portal/security.py explains why).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Staff sessions end after this many minutes without a request they made. Each request
# renews the session, except the admin's background pings (portal/idle_sessions.py does
# what SESSION_SAVE_EVERY_REQUEST would, without them).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 60) * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Admin login lock-out (django-axes): five failures for one user name from one address
# lock that pair out for an hour. Attempts are kept in the database.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "account_locked.html"

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Have your say in justice services")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents are always downloaded, never shown in the browser, so an uploaded file can
# never run as a page of this site. SVG images are refused (they can carry scripts).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_I18N_ENABLED = False

# No avatars from a third-party service: it would tell Gravatar who uses the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
