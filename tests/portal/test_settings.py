"""Settings behaviour, checked in fresh interpreters so each module loads from scratch."""

from pathlib import Path

import pytest

from .fresh_settings import run_manage, settings_values

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PRODUCTION_ENV = {
    "SECRET_KEY": "x7#Lq9!vR2mZp4@kT8wY1nB6cF3hJ0sD5gA-eU_oI+rE=tW^yQ",
    "ALLOWED_HOSTS": "portal.example.org",
    "WAGTAILADMIN_BASE_URL": "https://portal.example.org",
    "EMAIL_HOST": "smtp.example.org",
    "DATABASE_URL": "sqlite:////tmp/portal-settings-check.sqlite3",
}


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "WAGTAILADMIN_BASE_URL"])
def test_production_refuses_to_start_without_a_required_variable(missing):
    env = {**PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "portal.settings.production"}
    del env[missing]
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert f"{missing} is not set" in result.stderr
    assert "README" in result.stderr


def test_production_refuses_a_short_secret_key():
    env = {
        **PRODUCTION_ENV,
        "SECRET_KEY": "short",
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    }
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is too short" in result.stderr


def test_production_passes_the_deployment_checklist():
    env = {**PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "portal.settings.production"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stderr + result.stdout


def test_with_nothing_set_manage_py_uses_the_embedded_sqlite_default():
    engine, name, cache, email, debug = settings_values(
        "s.DATABASES['default']['ENGINE']",
        "s.DATABASES['default']['NAME']",
        "s.CACHES['default']['BACKEND']",
        "s.EMAIL_BACKEND",
        "s.DEBUG",
        env={},
    )
    assert engine == "django.db.backends.sqlite3"
    assert name == str(BASE_DIR / "db.sqlite3")
    assert cache.endswith("LocMemCache")
    assert email.endswith("console.EmailBackend")
    assert debug == "True"


def test_redis_url_switches_the_cache_to_redis():
    assert settings_values(
        "s.CACHES['default']['BACKEND']",
        "s.CACHES['default']['LOCATION']",
        env={"REDIS_URL": "redis://127.0.0.1:6379/3"},
    ) == [
        "portal.faults.FailSoftRedisCache",
        "redis://127.0.0.1:6379/3",
    ]
