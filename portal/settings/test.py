"""Settings for the test suite (pytest-django).

SQLite in memory unless DATABASE_URL names another database (CI sets a
PostgreSQL one). Fast password hashing, e-mail kept in memory.
"""

import os

import dj_database_url

from .base import *  # noqa: F403

DEBUG = False
PORTAL_ENVIRONMENT = "test"
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Texts are kept in portal.texts.outbox; a failing text service is tried again at once.
TEXT_BACKEND = "locmem"
TEXT_RETRY_DELAY = 0
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"

# Static files come straight from the app and project folders; nothing is collected.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True

# django-axes needs a request on every authenticate(); tests that log in with the
# test client turn it off here, and the lock-out test turns it back on.
AXES_ENABLED = False

# The page cache is off for the suite; tests of the cache turn it on.
PAGE_CACHE_SECONDS = 0

# Development tooling (`manage.py benchmark`): never in production settings.
INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks"]  # noqa: F405
