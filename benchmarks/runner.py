"""The whole benchmark: build a throwaway database, serve it, load it, report.

Every step that touches the throwaway database runs in a child process with
``DATABASE_URL`` pointing at it, so the database this process is configured with is
never used. gunicorn and the throwaway database are removed on the way out, also after
an error or Ctrl-C.
"""

import hashlib
import json
import os
import shutil
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.utils import timezone

from . import data, report
from .database import ThrowawayDatabase
from .load import run_locust
from .server import (
    HOST,
    GunicornServer,
    flush_redis,
    free_port,
    last_json_line,
    manage,
    production_environment,
    redis_reachable,
    run_python,
)

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/14"
# Sign-ups are limited per address; the benchmark sends them all from one address.
UNLIMITED_SIGN_UPS = "1000000/h"
STALE_STATIC_SECONDS = 24 * 60 * 60


def build_site(env, sizes, log_path, say):
    """Migrate the throwaway database and fill it; returns seconds per step."""
    seconds = {}

    def step(name, function):
        started = time.perf_counter()
        result = function()
        seconds[name] = round(time.perf_counter() - started, 1)
        say(f"  {name}: {seconds[name]} s")
        return result

    step("migrate", lambda: manage(["migrate", "--noinput"], env, log_path))
    step(
        "demo content and opportunities",
        lambda: manage(
            [
                "load_demo_content",
                "--allow-production",
                "--opportunities",
                str(sizes["opportunities"]),
            ],
            env,
            log_path,
        ),
    )
    arguments = {
        "events": sizes["events"],
        "stories": sizes["stories"],
        "sign_ups": sizes["signups"],
    }
    step(
        "events, stories and sign-ups",
        lambda: run_python(
            ["-m", "benchmarks.data", "build", json.dumps(arguments)], env, log_path
        ),
    )
    step(
        "vacuum and planner statistics (VACUUM ANALYZE)",
        lambda: run_python(["-m", "benchmarks.data", "analyze"], env, log_path),
    )
    step("collectstatic", lambda: collect_static(env, log_path))
    seconds["total"] = round(sum(seconds.values()), 1)
    return seconds


def static_fingerprint():
    """A hash of every static file's name, size and change time, and the packages'."""
    from django.contrib.staticfiles.finders import get_finders

    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in finder.list([]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]


def collect_static(env, log_path):
    """Collect (hash and compress) the static files once, and reuse them while unchanged.

    Compressing Wagtail's admin files takes a minute; the result depends only on the
    files, so it is kept in the temporary folder under a hash of them.
    """
    cache = Path(tempfile.gettempdir()) / "portal-benchmark-static"
    target = cache / static_fingerprint()
    if not (target / "staticfiles.json").exists():
        # Older sets may still be served by a run in progress: remove only stale ones.
        for old in cache.glob("*"):
            if time.time() - old.stat().st_mtime > STALE_STATIC_SECONDS:
                shutil.rmtree(old, ignore_errors=True)
        building = Path(tempfile.mkdtemp(prefix="building-", dir=cache.parent))
        manage(["collectstatic", "--noinput"], {**env, "STATIC_ROOT": str(building)}, log_path)
        cache.mkdir(exist_ok=True)
        try:
            building.rename(target)
        except OSError:  # Another run got there first with the same files.
            shutil.rmtree(building, ignore_errors=True)
    env["STATIC_ROOT"] = str(target)


# Pages that are not measured: each new worker renders them first, so the numbers do
# not include a process's one-off start-up work (imports, compiling templates).
WARM_UP_URLS = ["/how-involvement-works/", "/privacy-notice/", "/benchmark-warm-up-404/"]


def warm_up(base_url, rounds=6):
    """Send the warm-up pages from two threads, so that every worker gets some."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda _round: prime(base_url, WARM_UP_URLS), range(rounds)))


def prime(base_url, urls):
    """Request each URL once so that a cache in front of the pages holds it."""
    for url in urls:
        # As locust asks: the page cache keeps a copy per encoding.
        request = urllib.request.Request(base_url + url, headers={"Accept-Encoding": "gzip"})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=30) as reply:  # noqa: S310
                reply.read()
        except (urllib.error.URLError, OSError):
            pass


def database_version(env, db):
    if db.base_url:
        import psycopg

        with psycopg.connect(env["DATABASE_URL"]) as connection:
            return connection.execute("SHOW server_version").fetchone()[0]
    import sqlite3

    return sqlite3.sqlite_version


def run_benchmark(
    sizes, *, duration, users, workers, redis_url, database_url, output_dir, say, pages=None
):
    """Run everything; returns (results, markdown path, json path).

    ``pages``: the keys of ``data.PAGES`` to measure (default all); the static file,
    the ceiling the others are compared with, is always measured.
    """
    measured = [
        (key, label)
        for key, label in data.PAGES
        if pages is None or key in pages or key == "static"
    ]
    started = timezone.now().strftime("%Y-%m-%dT%H:%M:%S")
    work_dir = Path(tempfile.mkdtemp(prefix="portal-benchmark-"))
    log_path = work_dir / "build.log"
    server = None
    finished = False
    db = ThrowawayDatabase(database_url, suffix="benchmark")
    try:
        db.create()
        say(f"Throwaway {db.engine} database: {db.name}")
        if redis_url and not redis_reachable(redis_url):
            say(f"Redis does not answer at {redis_url}; each worker keeps its own cache.")
            redis_url = None
        port = free_port()
        env = production_environment(
            db.url, port, work_dir, redis_url, extra={"SIGNUP_RATE_LIMIT": UNLIMITED_SIGN_UPS}
        )
        say("Building the data:")
        build_seconds = build_site(env, sizes, log_path, say)
        urls = last_json_line(run_python(["-m", "benchmarks.data", "urls"], env, log_path))
        pools = {key: urls["pools"][key] for key, _label in measured}
        notes = urls["notes"]

        say("Counting SQL queries per request…")
        if redis_url:
            flush_redis(redis_url)
        queries = last_json_line(
            run_python(
                [
                    "-m",
                    "benchmarks.data",
                    "queries",
                    json.dumps({"pools": pools, "host": HOST}),
                ],
                env,
                log_path,
            )
        )

        server = GunicornServer(env, work_dir, workers=workers, port=port).start()
        warm_up(server.url)
        first_rss = max(m["rss_mib"] for m in server.memory().values())
        rows = {}
        last_rss = peak = warm_growth = 0.0
        for key, label in measured:
            kind = "sign_up" if key == "sign_up" else "get"
            row = {"urls": len(pools[key]), "example_url": pools[key][0], "note": notes.get(key)}
            if redis_url:
                flush_redis(redis_url)
            else:
                # Each worker keeps its own cache: only new workers start empty.
                server.stop()
                server.start()
                warm_up(server.url)
            for phase in ("cold", "warm"):
                if phase == "warm" and kind == "get":
                    prime(server.url, pools[key])
                before = server.memory()
                say(f"  {label}, {phase}…")
                for attempt in range(2):
                    row[phase] = run_locust(
                        server.url,
                        pools[key],
                        kind=kind,
                        users=users,
                        duration=duration,
                        work_dir=work_dir,
                        name=f"{key}-{phase}-{attempt}",
                        form=data.SIGN_UP_FORM,
                        miss=phase == "cold" and key != "static",
                    )
                    # On a busy machine locust can spend a short run starting up and
                    # record nothing; such a run says nothing about the page.
                    if row[phase]["requests"]:
                        break
                    say("    no request was recorded; running that pass again")
                after = server.memory()
                row[phase]["memory"] = after
                if phase == "warm":
                    for pid, values in after.items():
                        if pid in before:
                            warm_growth = max(
                                warm_growth, values["rss_mib"] - before[pid]["rss_mib"]
                            )
                peak = max([peak, *(m["peak_mib"] for m in after.values())])
                last_rss = max(m["rss_mib"] for m in after.values())
            row["queries"] = queries[key]
            rows[key] = row

        ceiling = rows["static"]
        for row in rows.values():
            for phase in ("cold", "warm"):
                top = ceiling[phase]["rps"]
                row[phase]["ceiling_percent"] = (
                    round(100 * row[phase]["rps"] / top) if top else None
                )

        results = {
            "run": {
                "started": started,
                "engine": db.engine,
                "database_version": database_version(env, db),
                "cache": f"Redis ({redis_url}), shared by the workers"
                if redis_url
                else "local memory in each worker (no Redis)",
                "workers": workers,
                "users": users,
                "duration": duration,
                "sizes": sizes,
                "build_seconds": build_seconds,
            },
            "machine": report.machine(),
            "pages": rows,
            "memory": {
                "first_rss_mib": first_rss,
                "last_rss_mib": last_rss,
                "peak_mib": peak,
                "warm_pass_growth_mib": round(warm_growth, 1),
            },
        }
        markdown_path, json_path = report.write(results, output_dir)
        finished = True
        return results, markdown_path, json_path
    finally:
        if server is not None:
            server.stop()
        db.drop()
        if finished:
            shutil.rmtree(work_dir, ignore_errors=True)
        else:
            say(f"Logs are kept in {work_dir}")
