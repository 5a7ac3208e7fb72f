"""Production: everything from the environment, nothing invented.

Required: SECRET_KEY, ALLOWED_HOSTS, WAGTAILADMIN_BASE_URL, and an e-mail choice
(EMAIL_HOST, or EMAIL_BACKEND=console or none). Usually also DATABASE_URL (PostgreSQL)
and REDIS_URL, and for text messages TEXT_BACKEND=notify with NOTIFY_API_KEY and the
NOTIFY_TEMPLATE_* ids (without them no texts are sent). See the README's Configuration
section.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_int, env_list

DEBUG = False
# Which kind of place this is: "production" turns off what is only safe on a laptop, such
# as demo users with a published password (see load_demo_content).
PORTAL_ENVIRONMENT = "production"


def _require(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"{name} is not set. portal.settings.production needs it in the environment; "
            "see the Configuration section of the README."
        )
    return value


SECRET_KEY = _require("SECRET_KEY")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY is too short: use at least 50 random characters, for example from "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    _require("ALLOWED_HOSTS")
WAGTAILADMIN_BASE_URL = _require("WAGTAILADMIN_BASE_URL")

# E-mail. Sign-up e-mails carry people's names and contact details, so production never
# falls back to printing them in the server log: it needs an SMTP server (EMAIL_HOST,
# read in base.py) or an explicit EMAIL_BACKEND. "console" prints every e-mail to the
# log (only for a trial server whose log nobody else reads); "none" sends nothing.
_EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "none": "django.core.mail.backends.dummy.EmailBackend",
}
_email_choice = os.environ.get("EMAIL_BACKEND", "").strip().lower() or "smtp"
if _email_choice not in _EMAIL_BACKENDS:
    raise ImproperlyConfigured(
        f"EMAIL_BACKEND must be smtp, console or none, not {_email_choice!r}; "
        "see the Configuration section of the README."
    )
if _email_choice == "smtp" and not os.environ.get("EMAIL_HOST", "").strip():
    raise ImproperlyConfigured(
        "EMAIL_HOST is not set, so sign-up e-mails have nowhere to go. Set EMAIL_HOST to "
        "your SMTP server, or choose EMAIL_BACKEND=console (e-mails, with people's names "
        "and contact details, are printed in the server log) or EMAIL_BACKEND=none (no "
        "e-mails are sent); see the Configuration section of the README."
    )
EMAIL_BACKEND = _EMAIL_BACKENDS[_email_choice]

# Text messages. Nothing is sent unless TEXT_BACKEND is chosen: "notify" sends through
# GOV.UK Notify (NOTIFY_API_KEY and the NOTIFY_TEMPLATE_* ids; `check --deploy` warns when
# one is missing), "console" prints every text, with people's numbers, to the log (a
# private trial server only), "none" sends nothing.
_TEXT_BACKENDS = ("notify", "console", "none")
TEXT_BACKEND = os.environ.get("TEXT_BACKEND", "").strip().lower() or "none"
if TEXT_BACKEND not in _TEXT_BACKENDS:
    raise ImproperlyConfigured(
        f"TEXT_BACKEND must be notify, console or none, not {TEXT_BACKEND!r}; "
        "see the Configuration section of the README."
    )

# Background tasks (e-mails to staff, search indexing) are queued in the database by
# django-tasks-db and run by `manage.py db_worker` beside the web servers (see the
# README). TASKS_BACKEND=immediate runs them inside the request instead.
if os.environ.get("TASKS_BACKEND", "database").strip().lower() == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Keep database connections open between requests (seconds); health-checked on reuse.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)  # noqa: F405

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploaded images and documents on S3-compatible object storage (django-storages) when a
# bucket is named; otherwise on the local disk under MEDIA_ROOT.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            "file_overwrite": False,
        },
    }
    # Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment.

# HTTPS. SECURE_SSL_REDIRECT can be turned off when a proxy already redirects.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# __Host- cookies are only accepted over HTTPS, for this exact host, on every path.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

# Asking browsers to preload HSTS is a commitment for the whole domain, so it is
# opt-in; the deploy check's reminder about it is silenced only while it is off.
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
