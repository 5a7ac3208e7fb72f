"""Sign-ups while the database restarts and while Redis dies, as deployed.

gunicorn with two workers runs ``portal.settings.production`` against a PostgreSQL
cluster and a redis-server that this module starts for itself on free ports (the shared
ones are never touched) and removes at the end. About 300 people sign up at once while
the database restarts, then about 300 more while Redis is killed. Nobody may get a
server error or wait past a timeout; every sign-up the site confirmed (the thank-you
page, or the 503 page that gives the reference) is stored exactly once; every sign-up
the site said was not sent is not stored; public pages answer while Redis is down.

Needs DATABASE_URL on PostgreSQL (only to know PostgreSQL is wanted), root (to create a
cluster), pg_createcluster and redis-server. Skipped otherwise, except under CI.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest
import requests

from benchmarks.database import ThrowawayDatabase, is_postgres
from benchmarks.runner import collect_static
from benchmarks.server import (
    GunicornServer,
    free_port,
    last_json_line,
    manage,
    production_environment,
    run_python,
)
from tests.redis_server import PrivateRedis, require_redis_server

DATABASE_URL = os.environ.get("DATABASE_URL", "")
SIGN_UPS = 300
CLIENTS = 12
REQUEST_TIMEOUT = 15
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REFERENCE = re.compile(r"<strong>([2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3})</strong>")
NOT_SENT = "Nothing was sent"
KEPT = "We have your sign-up"
RESTING = "The site is having a short rest"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.postgres,
    pytest.mark.skipif(not is_postgres(DATABASE_URL), reason="needs DATABASE_URL on PostgreSQL"),
]


def require(condition, reason):
    if not condition:
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must run the fault test.")
        pytest.skip(reason)


class PrivatePostgres:
    """A PostgreSQL cluster of our own (Debian's pg_createcluster), trust auth on loopback."""

    def __init__(self):
        self.version = sorted(os.listdir("/usr/lib/postgresql"))[-1]
        self.name = f"portal_faults_{os.getpid()}"
        self.port = free_port()

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *command):
        subprocess.run(command, check=True, capture_output=True, timeout=120)  # noqa: S603

    def create(self):
        self._run(
            "pg_createcluster", self.version, self.name, "--port", str(self.port),
            "--start-conf", "manual", "-o", "fsync=off",
            "--", "--auth=trust",
        )  # fmt: skip
        self._run("pg_ctlcluster", self.version, self.name, "start")
        return self

    def restart(self):
        self._run("pg_ctlcluster", self.version, self.name, "restart", "--", "-m", "fast")

    def drop(self):
        subprocess.run(  # noqa: S603
            ["pg_dropcluster", "--stop", self.version, self.name],  # noqa: S607
            capture_output=True,
            timeout=120,
            check=False,
        )


@pytest.fixture(scope="module")
def stack():
    """The private cluster and Redis, a database with the demo content, and gunicorn."""
    require(shutil.which("pg_createcluster") is not None, "pg_createcluster is not installed")
    require(os.geteuid() == 0, "creating a PostgreSQL cluster needs root")
    require_redis_server()
    work_dir = Path(tempfile.mkdtemp(prefix="portal-faults-"))
    log = work_dir / "build.log"
    cluster = PrivatePostgres()
    redis_server = PrivateRedis()
    database = None
    server = None
    started = time.monotonic()
    try:
        cluster.create()
        redis_server.start()
        database = ThrowawayDatabase(cluster.url, suffix="faults")
        database.create()
        env = production_environment(database.url, 0, work_dir, redis_server.url)
        manage(["migrate", "--noinput"], env, log)
        manage(["load_demo_content", "--allow-production"], env, log)
        collect_static(env, log)
        urls = last_json_line(run_python(["-m", "benchmarks.data", "urls"], env, log))
        port = free_port()
        origin = f"http://127.0.0.1:{port}"
        server_env = {
            **env,
            "WAGTAILADMIN_BASE_URL": origin,
            "CSRF_TRUSTED_ORIGINS": origin,
            # Everyone here comes from 127.0.0.1: the limit is not what is tested.
            "SIGNUP_RATE_LIMIT": "1000000/h",
        }
        server = GunicornServer(server_env, work_dir / "server", workers=2, port=port).start()
        setup_seconds = time.monotonic() - started
        yield {
            "cluster": cluster,
            "redis": redis_server,
            "database": database,
            "server": server,
            "urls": urls["pools"],
            "setup_seconds": setup_seconds,
        }
    finally:
        if server is not None:
            server.stop()
        if database is not None:
            database.drop()
        redis_server.stop()
        cluster.drop()
        shutil.rmtree(work_dir, ignore_errors=True)


def form_token(base_url, path):
    """A form token and its cookie, read once: every POST may use the same pair."""
    form = requests.get(base_url + path, timeout=REQUEST_TIMEOUT)
    assert form.status_code == 200
    return TOKEN.search(form.text).group(1), "; ".join(f"{k}={v}" for k, v in form.cookies.items())


def sign_up(base_url, path, token, name):
    """What a person does: send the form, then read the page it leads to.

    Returns (outcome, reference): outcome is "confirmed", "not sent", "resting" (the
    thank-you page was not shown), or what went wrong.
    """
    cookie_token, cookies = token
    try:
        answer = requests.post(
            base_url + path,
            data={
                "preferred_name": name,
                "contact_method": "phone",
                "contact_detail": "0161 496 0000",
                "consent": "on",
                "csrfmiddlewaretoken": cookie_token,
            },
            headers={"Cookie": cookies, "Referer": base_url + path},
            allow_redirects=False,
            timeout=REQUEST_TIMEOUT,
        )
        if answer.status_code == 503:
            return plain_503(answer, KEPT, NOT_SENT)
        if answer.status_code != 302:
            return f"POST {answer.status_code}", None
        session = "; ".join(f"{k}={v}" for k, v in answer.cookies.items())
        thanks = requests.get(
            base_url + answer.headers["Location"],
            headers={"Cookie": f"{cookies}; {session}"},
            allow_redirects=False,
            timeout=REQUEST_TIMEOUT,
        )
    except requests.Timeout:
        return "timed out", None
    except requests.RequestException as error:
        return f"failed: {type(error).__name__}", None
    if thanks.status_code == 503:
        return plain_503(thanks, RESTING)
    match = REFERENCE.search(thanks.text)
    if thanks.status_code != 200 or match is None:
        return f"thank-you {thanks.status_code}", None
    return "confirmed", match.group(1)


def plain_503(response, *messages):
    if response.headers.get("Retry-After") != "30":
        return "503 without Retry-After", None
    if KEPT in messages and KEPT in response.text:
        return "confirmed", REFERENCE.search(response.text).group(1)
    if NOT_SENT in messages and NOT_SENT in response.text:
        return "not sent", None
    if RESTING in messages and RESTING in response.text:
        return "resting", None
    return "503 with another page", None


def sign_ups_during(stack, phase, fault):
    """SIGN_UPS sign-ups from CLIENTS at once; ``fault()`` runs once a sixth are done."""
    base_url = stack["server"].url
    paths = stack["urls"]["sign_up"][:10]
    token = form_token(base_url, paths[0])
    names = [f"Fault tester {phase} {number:03d}" for number in range(SIGN_UPS)]
    done = threading.Semaphore(0)
    fault_window = {}

    def one(number):
        try:
            return sign_up(base_url, paths[number % len(paths)], token, names[number])
        finally:
            done.release()

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=CLIENTS) as clients:
        futures = [clients.submit(one, number) for number in range(SIGN_UPS)]
        for _ in range(SIGN_UPS // 6):
            done.acquire()
        fault_window["start"] = time.monotonic() - started
        fault()
        fault_window["end"] = time.monotonic() - started
        results = [future.result() for future in futures]
    fault_window["total"] = time.monotonic() - started
    return dict(zip(names, results, strict=True)), fault_window


def stored(stack, phase):
    """{name: [reference, ...]} of this phase's sign-ups in the database."""
    with psycopg.connect(stack["database"].url) as connection:
        rows = connection.execute(
            "SELECT preferred_name, reference FROM opportunities_signup "
            "WHERE preferred_name LIKE %s",
            [f"Fault tester {phase} %"],
        ).fetchall()
    kept = {}
    for name, reference in rows:
        kept.setdefault(name, []).append(reference)
    return kept


def check_and_report(capsys, phase, results, kept, window):
    outcomes = Counter(outcome for outcome, _reference in results.values())
    other = {k: v for k, v in outcomes.items() if k not in {"confirmed", "not sent", "resting"}}
    with capsys.disabled():
        sys.stdout.write(
            f"\n{phase}: {SIGN_UPS} sign-ups in {window['total']:.1f}s, fault from "
            f"{window['start']:.1f}s to {window['end']:.1f}s; "
            f"acknowledged {outcomes['confirmed']}, "
            f"503 'nothing was sent' {outcomes['not sent']}, "
            f"503 after sending (no thank-you page) {outcomes['resting']}, "
            f"stored {sum(len(references) for references in kept.values())}; "
            f"anything else: {other or 'none'}\n"
        )
    # Never a server error, a hang or an unexplained page.
    assert not other, outcomes
    for name, (outcome, reference) in results.items():
        if outcome == "confirmed":
            assert kept.get(name) == [reference], (name, reference, kept.get(name))
        elif outcome == "not sent":
            assert name not in kept, name
        else:
            # Sent and stored, but the page after it could not be shown.
            assert len(kept.get(name, [])) == 1, name
    # Nothing was stored twice, or for someone who was not counted above.
    assert all(len(references) == 1 for references in kept.values())
    assert set(kept) <= set(results)
    return outcomes


def test_sign_ups_while_the_database_restarts(stack, capsys):
    with capsys.disabled():
        sys.stdout.write(
            "\nSet-up (PostgreSQL cluster, Redis, migrate, demo content, gunicorn): "
            f"{stack['setup_seconds']:.1f}s"
        )
    results, window = sign_ups_during(stack, "db", stack["cluster"].restart)
    outcomes = check_and_report(capsys, "Database restart", results, stored(stack, "db"), window)
    # The restart really happened while people were signing up.
    assert window["end"] < window["total"]
    assert outcomes["confirmed"] > 0


def test_sign_ups_and_pages_while_redis_is_killed(stack, capsys):
    def kill_redis():
        os.kill(stack["redis"].process.pid, signal.SIGKILL)
        stack["redis"].process.wait(timeout=10)

    try:
        results, window = sign_ups_during(stack, "redis", kill_redis)
        outcomes = check_and_report(capsys, "Redis killed", results, stored(stack, "redis"), window)
        # The database was there all along: every sign-up was taken and confirmed.
        assert outcomes["confirmed"] == SIGN_UPS

        urls = stack["urls"]
        pages = ["/", *urls["listing"], *urls["opportunity"][:3], *urls["event"][:2]]
        pages += [*urls["calendar"], *urls["stories"], *urls["search"][:2]]
        for path in pages:
            started = time.monotonic()
            response = requests.get(stack["server"].url + path, timeout=REQUEST_TIMEOUT)
            assert response.status_code == 200, path
            assert time.monotonic() - started < 5, path
    finally:
        stack["redis"].process = None
