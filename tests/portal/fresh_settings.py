"""Run manage.py, or read settings, in a fresh interpreter, so each settings module loads
from scratch with only the environment a test gives it."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Variables of the test run that must not leak into the settings being checked.
UNSET = {
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_HOST",
    "EMAIL_BACKEND",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "WAGTAILADMIN_BASE_URL",
}


def clean_environment(env):
    """This run's environment without the variables above, plus ``env``."""
    return {**{key: value for key, value in os.environ.items() if key not in UNSET}, **env}


def run_manage(*args, env):
    """``manage.py *args`` in a fresh interpreter; the completed process, output as text."""
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=clean_environment(env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_values(*expressions, env):
    """The printed values of ``expressions`` (e.g. ``"s.DEBUG"``) under ``env``, as strings.

    Without DJANGO_SETTINGS_MODULE in ``env``, manage.py's default applies.
    """
    code = (
        "import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'portal.settings.dev'); "
        "import django; django.setup(); from django.conf import settings as s; "
        f"print({', '.join(expressions)})"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=clean_environment(env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()
