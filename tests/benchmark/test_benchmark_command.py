"""`manage.py benchmark` at tiny sizes: each measured page gets a row with real numbers.

It builds its own database (SQLite, or a PostgreSQL database of its own when
DATABASE_URL names one), starts gunicorn and runs locust, so it is slow. It measures one
page of each kind (a cached page, a filtered listing, the sign-up POST and the static
ceiling) rather than all of them; the harness treats every page of a kind the same.
Its answer does not depend on the database, so CI runs it once, in the PostgreSQL pass.
"""

import io
import json
import os
import re
import tempfile
from pathlib import Path

from django.core.management import call_command

from benchmarks.data import PAGE_LABELS
from benchmarks.database import is_postgres

# One page of each kind: cached, filtered (many URLs), the POST, and the ceiling.
MEASURED = ["home", "listing_filtered", "sign_up", "static"]


def record_folders(monkeypatch):
    """The temporary folders the benchmark makes (its work folder, an SQLite database's).

    Recorded as they are made, rather than looked for afterwards: other runs on the same
    machine make folders with the same prefix at the same time.
    """
    made = []
    real_mkdtemp = tempfile.mkdtemp

    def mkdtemp(*args, **kwargs):
        path = real_mkdtemp(*args, **kwargs)
        if Path(path).name.startswith("portal-"):
            made.append(Path(path))
        return path

    monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp)
    return made


def test_benchmark_reports_every_page_with_numbers(tmp_path, monkeypatch):
    folders = record_folders(monkeypatch)
    stdout = io.StringIO()
    call_command(
        "benchmark",
        opportunities=20,
        events=5,
        stories=5,
        signups=20,
        duration=2,
        users=2,
        pages=",".join(MEASURED[:-1]),  # the static file is always measured
        output_dir=str(tmp_path),
        stdout=stdout,
    )

    engine = "postgresql" if is_postgres(os.environ.get("DATABASE_URL")) else "sqlite"
    [json_path] = tmp_path.glob(f"{engine}-*.json")
    [markdown_path] = tmp_path.glob(f"{engine}-*.md")
    results = json.loads(json_path.read_text())
    assert list(results["pages"]) == MEASURED
    for key in MEASURED:
        page = results["pages"][key]
        for phase in ("cold", "warm"):
            assert page[phase]["requests"] > 0, (key, phase)
            assert page[phase]["failures"] == 0, (key, phase, page[phase]["errors"])
            assert page[phase]["rps"] > 0, (key, phase)
            assert page[phase]["p95_ms"] >= page[phase]["median_ms"] > 0, (key, phase)
            assert page["queries"][phase]["status"] in (200, 302), (key, phase)
        # Pages come from the database; the static file does not.
        assert (page["queries"]["cold"]["queries"] > 0) == (key != "static"), key
        if key not in ("static", "sign_up"):
            counts = {
                phase: page["queries"][phase]["queries"] for phase in ("cold", "fresh", "warm")
            }
            # Rendered anew, a page still takes the menu and settings from the cache.
            assert 0 < counts["fresh"] < counts["cold"], (key, counts)
            assert counts["warm"] == 0, (key, counts)
            assert page["queries"]["gzip"]["bytes"] < page["queries"]["warm"]["bytes"], key
    assert results["run"]["sizes"]["opportunities"] == 20
    worker_memory = results["memory"]
    assert 0 < worker_memory["first_rss_mib"] <= worker_memory["peak_mib"]

    table = markdown_path.read_text()
    for key in MEASURED:
        label = PAGE_LABELS[key]
        row = next(line for line in table.splitlines() if line.startswith(f"| {label}"))
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert all(re.search(r"\d", cell) for cell in cells[1:]), row
    assert table in stdout.getvalue()
    # gunicorn and the throwaway database are gone.
    assert folders  # the work folder at least
    assert [folder for folder in folders if folder.exists()] == []
