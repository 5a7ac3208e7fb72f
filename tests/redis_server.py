"""A private redis-server for tests of what the cache really does.

Each test that asks for ``redis_server`` (or ``redis_cache_on``, the default cache on
it with the settings production uses) gets its own ``redis-server`` on a free port,
keeping nothing on disk. Skipped when redis-server is not installed, except under CI
(``CI`` set), where that is a failure: CI must really run them.
"""

import os
import shutil
import signal
import subprocess
import time

import pytest

from benchmarks.server import free_port, redis_reachable
from portal.settings.base import redis_cache

REDIS_SERVER = shutil.which("redis-server")


class PrivateRedis:
    """A redis-server of our own on 127.0.0.1, keeping nothing on disk."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - the installed redis-server
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not redis_reachable(self.url, timeout=0.5):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"redis-server did not start on port {self.port}")
            time.sleep(0.05)
        return self

    def freeze(self):
        """Like a Redis that hangs: connections are accepted, nothing is answered."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self):
        os.kill(self.process.pid, signal.SIGCONT)

    def stop(self):
        if self.process is None:
            return
        self.thaw()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        self.process = None


def require_redis_server():
    if REDIS_SERVER is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is not installed; CI must run the Redis fault tests.")
        pytest.skip("redis-server is not installed")


@pytest.fixture
def redis_server():
    require_redis_server()
    server = PrivateRedis().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def redis_cache_on(redis_server, settings):
    """The default cache on the private Redis, as production configures it."""
    settings.CACHES = {"default": redis_cache(redis_server.url)}
    settings.PAGE_CACHE_SECONDS = 300
    settings.CACHE_RETRY_SECONDS = 0.5
    return redis_server
