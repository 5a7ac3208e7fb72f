"""One short locust run against one page, headless, and its numbers."""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

LOCUSTFILE = Path(__file__).with_name("locustfile.py")


def run_locust(host, urls, *, kind, users, duration, work_dir, name, form=None, miss=False):
    """Drive ``urls`` for ``duration`` seconds with ``users`` concurrent users.

    Returns requests per second, median and 95th-percentile latency (ms), request and
    failure counts and the mean response size for the measured row.
    """
    work_dir = Path(work_dir)
    prefix = work_dir / f"locust-{name}"
    env = {
        **os.environ,
        "BENCHMARK_URLS": json.dumps(urls),
        "BENCHMARK_KIND": kind,
        "BENCHMARK_FORM": json.dumps(form or {}),
        "BENCHMARK_MISS": "1" if miss else "0",
    }
    command = [
        sys.executable,
        "-m",
        "locust",
        "--locustfile",
        str(LOCUSTFILE),
        "--headless",
        "--host",
        host,
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{duration}s",
        "--stop-timeout",
        "5",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "ERROR",
        "--exit-code-on-error",
        "0",
    ]
    with open(work_dir / "locust.log", "a") as log:
        subprocess.run(  # noqa: S603 - our own interpreter and arguments
            command,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            timeout=duration + 120,
            check=True,
        )
    stats = read_stats(Path(f"{prefix}_stats.csv"), "page")
    stats["errors"] = read_failures(Path(f"{prefix}_failures.csv"))
    return stats


def read_failures(path):
    """{error message: occurrences} for every failed request, whichever row."""
    if not path.exists():
        return {}
    with open(path, newline="") as handle:
        return {
            f"{row['Name']}: {row['Error']}"[:200]: int(row["Occurrences"])
            for row in csv.DictReader(handle)
        }


def read_stats(path, row_name):
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == row_name:
                return {
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "rps": round(float(row["Requests/s"]), 1),
                    "median_ms": _number(row["50%"]),
                    "p95_ms": _number(row["95%"]),
                    "mean_bytes": round(float(row["Average Content Size"])),
                }
    return {"requests": 0, "failures": 0, "rps": 0.0, "median_ms": None, "p95_ms": None}


def _number(text):
    try:
        return round(float(text), 1)
    except (TypeError, ValueError):
        return None
