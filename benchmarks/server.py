"""Run the portal as it runs in production: gunicorn on loopback, production settings.

Everything here starts child processes and cleans them up: ``manage()`` runs a
management command against the throwaway database, ``GunicornServer`` starts and stops
the app server and reads its workers' memory from ``/proc``.
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings

HOST = "127.0.0.1"
READY_TIMEOUT = 90
# Variables that must not leak into the child processes from the caller's environment.
CLEARED = ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "SECRET_KEY", "STATIC_ROOT")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def redis_reachable(url, timeout=1.0):
    """True when a Redis server answers PING at ``url``."""
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_timeout=timeout).ping())
    except Exception:  # noqa: BLE001 - any failure means "not reachable"
        return False


def flush_redis(url):
    import redis

    redis.Redis.from_url(url, socket_timeout=5).flushdb()


def production_environment(database_url, port, work_dir, redis_url=None, extra=None):
    """Environment for ``portal.settings.production`` against the throwaway database."""
    env = {key: value for key, value in os.environ.items() if key not in CLEARED}
    origin = f"http://{HOST}:{port}"
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=f"{HOST},localhost",
        CSRF_TRUSTED_ORIGINS=origin,
        WAGTAILADMIN_BASE_URL=origin,
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        STATIC_ROOT=str(Path(work_dir) / "static"),
        MEDIA_ROOT=str(Path(work_dir) / "media"),
        LOG_LEVEL="WARNING",
        # Sign-ups made under load must not reach anyone's inbox or the server log.
        EMAIL_BACKEND="none",
        PYTHONUNBUFFERED="1",
        PYTHONDONTWRITEBYTECODE="1",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    env.update(extra or {})
    return env


def manage(args, env, log_path=None, timeout=1800):
    """Run ``manage.py ARGS`` in a child process; returns its standard output."""
    return run_python(["manage.py", *args], env, log_path=log_path, timeout=timeout)


def run_python(args, env, log_path=None, timeout=1800):
    """Run ``python ARGS`` from the project folder; stderr goes to ``log_path``."""
    with open(log_path or os.devnull, "a") as log:
        result = subprocess.run(  # noqa: S603 - our own interpreter and arguments
            [sys.executable, *args],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            timeout=timeout,
            check=False,
        )
    if result.returncode != 0:
        raise RuntimeError(
            f"'{' '.join(args[:3])}' failed with exit code {result.returncode}"
            + (f"; see {log_path}" if log_path else "")
        )
    return result.stdout


def last_json_line(output):
    import json

    return json.loads(output.strip().splitlines()[-1])


class GunicornServer:
    """gunicorn with N sync workers on 127.0.0.1 and a free port.

    ``post_worker_init`` in ``gunicorn_config`` marks each worker ready in ``work_dir``,
    so ``start()`` returns only when every worker has loaded the app.
    """

    def __init__(self, env, work_dir, workers=2, port=None, request_log=False):
        self.env = dict(env)
        self.work_dir = Path(work_dir)
        self.workers = workers
        self.port = port or free_port()
        self.request_log = request_log
        self.process = None
        self.ready_dir = self.work_dir / "gunicorn-ready"
        self.log_path = self.work_dir / "gunicorn.log"

    @property
    def url(self):
        return f"http://{HOST}:{self.port}"

    def start(self):
        self.ready_dir.mkdir(parents=True, exist_ok=True)
        for marker in self.ready_dir.iterdir():
            marker.unlink()
        env = {**self.env, "BENCHMARK_READY_DIR": str(self.ready_dir)}
        if self.request_log:
            env["BENCHMARK_REQUEST_LOG_DIR"] = str(self.ready_dir)
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            "--config",
            "python:benchmarks.gunicorn_config",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            "sync",
            "--timeout",
            "60",
            "--graceful-timeout",
            "5",
            "--no-control-socket",
        ]
        log = open(self.log_path, "a")  # noqa: SIM115 - closed in stop()
        self._log = log
        # A session of its own: Ctrl-C in the terminal reaches this process only, and
        # stop() ends gunicorn and its workers together.
        self.process = subprocess.Popen(  # noqa: S603
            command,
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_ready()
        return self

    def _wait_ready(self):
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped while starting; see {self.log_path}")
            ready = {int(marker.name) for marker in self.ready_dir.glob("[0-9]*")}
            if len(ready & set(self.worker_pids())) >= self.workers and self._answers():
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn was not ready within {READY_TIMEOUT}s; see {self.log_path}")

    def _answers(self):
        try:
            with urllib.request.urlopen(f"{self.url}/static/css/portal.css", timeout=10) as reply:  # noqa: S310
                return reply.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def worker_pids(self):
        """The worker processes: children of the gunicorn master."""
        if self.process is None:
            return []
        pids = []
        for status in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = status.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == self.process.pid:
                pids.append(int(status.parent.name))
        return sorted(pids)

    def memory(self):
        """{worker pid: {"rss_mib": now, "peak_mib": highest so far}} from /proc."""
        result = {}
        for pid in self.worker_pids():
            values = {}
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith(("VmRSS:", "VmHWM:")):
                        key, amount, _unit = line.split()
                        values[key] = round(int(amount) / 1024, 1)
            except OSError:
                continue
            result[pid] = {"rss_mib": values.get("VmRSS:"), "peak_mib": values.get("VmHWM:")}
        return result

    def requests_per_worker(self):
        """With ``request_log``: {worker pid: [(method, path, status), ...]}."""
        handled = {}
        for path in self.ready_dir.glob("requests-*.log"):
            pid = int(path.stem.split("-", 1)[1])
            handled[pid] = [tuple(line.split(" ", 2)) for line in path.read_text().splitlines()]
        return handled

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
            except ProcessLookupError:
                pass
        self.process = None
        self._log.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()
