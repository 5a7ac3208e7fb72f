"""Read settings in a fresh interpreter, so each settings module loads from scratch."""

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
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "WAGTAILADMIN_BASE_URL",
}


def settings_values(*expressions, env):
    """The printed values of ``expressions`` (e.g. ``"s.DEBUG"``) under ``env``, as strings.

    Without DJANGO_SETTINGS_MODULE in ``env``, manage.py's default applies.
    """
    code = (
        "import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'portal.settings.dev'); "
        "import django; django.setup(); from django.conf import settings as s; "
        f"print({', '.join(expressions)})"
    )
    clean = {key: value for key, value in os.environ.items() if key not in UNSET}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()
