"""A throwaway database for a benchmark or a load test, removed afterwards.

SQLite: a file in a new temporary folder. PostgreSQL (when a ``postgres://`` URL is
given): a database of its own on the same server, ``<name>_<suffix>``, created empty
and dropped at the end. The database the URL names is never written to.
"""

import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql", "postgis"}


def is_postgres(url):
    return bool(url) and urlsplit(url).scheme in POSTGRES_SCHEMES


class ThrowawayDatabase:
    """Use as a context manager; ``url`` is the throwaway database's DATABASE_URL."""

    def __init__(self, base_url=None, suffix="benchmark"):
        self.base_url = base_url if is_postgres(base_url) else None
        self.suffix = suffix
        self.url = None
        self.name = None
        self._folder = None

    @property
    def engine(self):
        return "PostgreSQL" if self.base_url else "SQLite"

    def create(self):
        if self.base_url:
            parts = urlsplit(self.base_url)
            base_name = parts.path.lstrip("/") or "portal"
            self.name = f"{base_name}_{self.suffix}"
            self._execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self._execute(f'CREATE DATABASE "{self.name}"')
            self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
        else:
            # Shared memory when there is some: no disk writes, so timings are steadier.
            shm = Path("/dev/shm")  # noqa: S108 - mkdtemp makes a private folder in it
            parent = shm if shm.is_dir() else None
            self._folder = Path(tempfile.mkdtemp(prefix=f"portal-{self.suffix}-", dir=parent))
            self.name = str(self._folder / "db.sqlite3")
            self.url = f"sqlite:///{self.name}"
        return self.url

    def drop(self):
        if self.base_url and self.name:
            self._execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        if self._folder:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
        self.url = None

    def _execute(self, sql):
        import psycopg

        parts = urlsplit(self.base_url)
        # Connect to the server's maintenance database, never to the one being dropped.
        maintenance = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(sql)

    def __enter__(self):
        self.create()
        return self

    def __exit__(self, *exc_info):
        self.drop()
