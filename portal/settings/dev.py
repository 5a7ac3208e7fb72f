"""Local development: the embedded default you get with nothing set.

SQLite file in the project folder, local media, local-memory cache and e-mail
printed to the console. Never use this module on a server.
"""

import os

from .base import *  # noqa: F403
from .base import env_int, env_list

DEBUG = True
# Demo users with the published password are made only here and in the test suite.
PORTAL_ENVIRONMENT = "development"
# A fixed key for local use only; production.py refuses to start without a real one.
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-on-a-server")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

# Static files come straight from the app and project folders; nothing is collected.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True

# Pages are rendered afresh on every request while developing.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)

# Development tooling (`manage.py benchmark`): never in production settings.
INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks"]  # noqa: F405
