"""Sign-ups under load, as deployed: PostgreSQL, Redis and two gunicorn workers.

The servers run ``portal.settings.production`` on 127.0.0.1 against a throwaway
PostgreSQL database of their own (``<name>_loadtest``), which this module creates,
fills with the demo content, and drops at the end. Skipped unless DATABASE_URL is a
PostgreSQL URL and Redis answers at 127.0.0.1:6379.
"""

import os
import re
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest
import requests

from benchmarks.database import ThrowawayDatabase, is_postgres
from benchmarks.runner import collect_static
from benchmarks.server import (
    GunicornServer,
    flush_redis,
    free_port,
    last_json_line,
    manage,
    production_environment,
    redis_reachable,
    run_python,
)

REDIS_URL = "redis://127.0.0.1:6379/13"
DATABASE_URL = os.environ.get("DATABASE_URL", "")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ANSWERS = {
    "preferred_name": "Sam",
    "contact_method": "email",
    "contact_detail": "sam@example.org",
    "consent": "on",
}

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not is_postgres(DATABASE_URL), reason="needs DATABASE_URL on PostgreSQL"),
    pytest.mark.skipif(not redis_reachable(REDIS_URL), reason="needs Redis at 127.0.0.1:6379"),
]


@pytest.fixture(scope="module")
def deployment():
    """A throwaway database with the demo content, and what a server needs to use it."""
    work_dir = Path(tempfile.mkdtemp(prefix="portal-loadtest-"))
    log = work_dir / "build.log"
    # One database per test process, should two processes each take some of these tests.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    database = ThrowawayDatabase(DATABASE_URL, suffix=f"loadtest{worker}")
    try:
        database.create()
        env = production_environment(database.url, 0, work_dir, REDIS_URL)
        manage(["migrate", "--noinput"], env, log)
        manage(["load_demo_content", "--allow-production"], env, log)
        collect_static(env, log)
        urls = last_json_line(run_python(["-m", "benchmarks.data", "urls"], env, log))
        yield {"database": database, "env": env, "work_dir": work_dir, "urls": urls["pools"]}
    finally:
        database.drop()
        shutil.rmtree(work_dir, ignore_errors=True)


def start_server(deployment, name, workers=2, **variables):
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    env = {
        **deployment["env"],
        "WAGTAILADMIN_BASE_URL": origin,
        "CSRF_TRUSTED_ORIGINS": origin,
        **variables,
    }
    work_dir = deployment["work_dir"] / name
    work_dir.mkdir()
    return GunicornServer(env, work_dir, workers=workers, port=port, request_log=True).start()


def count_sign_ups(deployment):
    with psycopg.connect(deployment["database"].url) as connection:
        return connection.execute("SELECT count(*) FROM opportunities_signup").fetchone()[0]


def sign_up(base_url, path):
    """What a person does: open the form, then send it. Returns both status codes."""
    # Cookies by hand: production's are Secure, so a client keeps them from plain HTTP.
    form = requests.get(base_url + path, timeout=30)
    match = TOKEN.search(form.text)
    if match is None:
        return form.status_code, None
    cookies = "; ".join(f"{name}={value}" for name, value in form.cookies.items())
    answer = requests.post(
        base_url + path,
        data={**ANSWERS, "csrfmiddlewaretoken": match.group(1)},
        headers={"Cookie": cookies, "Referer": base_url + path},
        allow_redirects=False,
        timeout=30,
    )
    return form.status_code, answer.status_code


def test_500_sign_ups_from_20_clients_are_all_kept(deployment):
    flush_redis(REDIS_URL)
    # One address sends everything here, so its limit is lifted for this test.
    server = start_server(deployment, "many", SIGNUP_RATE_LIMIT="1000000/h")
    paths = deployment["urls"]["sign_up"][:10]
    before = count_sign_ups(deployment)
    try:
        with ThreadPoolExecutor(max_workers=20) as clients:
            results = list(
                clients.map(
                    lambda number: sign_up(server.url, paths[number % len(paths)]), range(500)
                )
            )
    finally:
        server.stop()
    # Read once the server has stopped, when every worker has written its log.
    handled = server.requests_per_worker()

    statuses = [status for pair in results for status in pair]
    assert not [status for status in statuses if status is None or status >= 500]
    assert [post for _form, post in results] == [302] * 500
    assert count_sign_ups(deployment) - before == 500
    # Both workers took their share of the sign-ups.
    posts = {pid: [r for r in rows if r[0] == "POST"] for pid, rows in handled.items()}
    assert len(posts) == 2
    assert all(len(rows) >= 50 for rows in posts.values()), {p: len(r) for p, r in posts.items()}


def test_the_limit_per_address_holds_across_worker_processes(deployment):
    """Ten sign-ups from one address, alternating between two separate gunicorn
    processes that share Redis: exactly five are taken, five are refused."""
    flush_redis(REDIS_URL)
    first = start_server(deployment, "first", workers=1)
    second = start_server(deployment, "second", workers=1)
    path = deployment["urls"]["sign_up"][0]
    before = count_sign_ups(deployment)
    try:
        results = [sign_up(server.url, path) for server in [first, second] * 5]
    finally:
        first.stop()
        second.stop()
    handled = [first.requests_per_worker(), second.requests_per_worker()]

    posts = [post for _form, post in results]
    assert sorted(posts) == [302] * 5 + [429] * 5, posts
    assert count_sign_ups(deployment) - before == 5
    # Each process answered five of the POSTs, so neither could count alone.
    for workers in handled:
        assert sum(1 for rows in workers.values() for row in rows if row[0] == "POST") == 5


def test_what_a_browser_is_told_in_production_behind_an_https_proxy(deployment):
    """The headers and cookies of a real production server, as a browser sees them over
    HTTPS (the proxy in front says so): it is told to stay on HTTPS, and its cookies go
    back only to this host, only over HTTPS."""
    server = start_server(deployment, "headers", workers=1)
    path = deployment["urls"]["sign_up"][0]
    try:
        secure = requests.get(server.url + path, headers={"X-Forwarded-Proto": "https"}, timeout=30)
    finally:
        server.stop()

    assert secure.status_code == 200
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    cookie = secure.headers["Set-Cookie"]
    assert cookie.startswith("__Host-csrftoken=")
    assert "; Secure" in cookie
    assert "Domain=" not in cookie
    assert "; Path=/" in cookie
