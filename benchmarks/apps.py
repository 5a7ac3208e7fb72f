from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    """Development tooling: ``manage.py benchmark``. Never installed in production."""

    name = "benchmarks"
    verbose_name = "Benchmarks"
