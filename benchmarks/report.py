"""The benchmark's results as a Markdown table and as JSON."""

import json
import os
import platform
from pathlib import Path

from .data import PAGES


def machine():
    """What the numbers were measured on."""
    info = {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["memory_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        info["load_average_at_start"] = Path("/proc/loadavg").read_text().split()[:3]
    except OSError:
        pass
    return info


def _value(number, suffix=""):
    return "–" if number is None else f"{number:g}{suffix}"


def _bytes(number):
    if number is None:
        return "–"
    return f"{number / 1024:.1f} KB" if number >= 1024 else f"{number} B"


def _queries(queries, phase):
    return str(queries[phase]["queries"]) if phase in queries else "–"


def markdown(results):
    """The report as Markdown: a summary, the table per page, and worker memory."""
    run = results["run"]
    info = results["machine"]
    sizes = run["sizes"]
    lines = [
        f"### {run['engine']}, {run['started']}",
        "",
        f"- Machine: {info.get('cores')} cores ({info.get('cpu', 'unknown CPU')}), "
        f"{info.get('memory_gib', '?')} GiB memory, Python {info.get('python')}, "
        f"{info.get('system')}; load average at start {' '.join(info.get('load_average_at_start', []))}.",
        f"- Stack: gunicorn, {run['workers']} sync workers, portal.settings.production, "
        f"{run['engine']} {run.get('database_version', '')}, cache: {run['cache']}.",
        f"- Data: {sizes['opportunities']:,} generated opportunities, {sizes['events']:,} events, "
        f"{sizes['stories']:,} stories, {sizes['signups']:,} sign-ups. Built in "
        f"{run['build_seconds']['total']:g} s ({', '.join(f'{k} {v:g} s' for k, v in run['build_seconds'].items() if k != 'total')}).",
        f"- Load: locust, {run['users']} users with no wait, {run['duration']} s per page and pass. "
        "Cold: the cache emptied first (without Redis: new workers, warmed up on pages not "
        "measured) and every request made a cache miss by a parameter no page reads, so "
        "each page is rendered afresh (after the first request the menu, site settings "
        "and list of private sections come from the shared cache, as on a live site); "
        "warm: every URL requested once, then the same URLs again. The static file is "
        "the ceiling: what the stack and the load tool manage for a file whitenoise "
        "serves from memory.",
        "",
        "| Page | Cold req/s | Cold median / p95 ms | Warm req/s | Warm median / p95 ms "
        "| Warm vs ceiling | SQL cold / fresh / warm | Size / gzip | Failures |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for key, label in PAGES:
        page = results["pages"].get(key)
        if page is None:
            continue
        cold, warm, queries = page["cold"], page["warm"], page["queries"]
        note = f" ({page['note']})" if page.get("note") else ""
        lines.append(
            f"| {label}{note} | {_value(cold['rps'])} | {_value(cold['median_ms'])} / "
            f"{_value(cold['p95_ms'])} | {_value(warm['rps'])} | {_value(warm['median_ms'])} / "
            f"{_value(warm['p95_ms'])} | {_value(warm.get('ceiling_percent'), ' %')} | "
            f"{' / '.join(_queries(queries, phase) for phase in ('cold', 'fresh', 'warm'))} | "
            f"{_bytes(queries['warm']['bytes'])} / {_bytes(queries.get('gzip', {}).get('bytes'))} "
            f"| {cold['failures'] + warm['failures']} |"
        )
    for key, label in PAGES:
        page = results["pages"].get(key)
        for phase in ("cold", "warm"):
            for error, count in (page or {}).get(phase, {}).get("errors", {}).items():
                lines.append(f"- {label}, {phase}: {count} × {error}")
    lines += [
        "",
        "Sign-up (POST): each sign-up also GETs the form for its token; the row counts the "
        "POSTs only. SQL queries are counted in-process with Django's test client, one "
        "request per page: cold (every cache cleared first), fresh (the page rendered anew "
        "under a new query string, the shared pieces cached: what most cold-pass requests "
        "cost) and warm. Size: the body as rendered, and as sent to a client that accepts "
        "gzip.",
        "",
        "| Worker memory (MiB), largest worker | RSS after start-up | RSS after all runs | Peak (VmHWM) |",
        "|---|--:|--:|--:|",
    ]
    memory = results["memory"]
    lines.append(
        f"| {results['run']['workers']} workers | {memory['first_rss_mib']} | {memory['last_rss_mib']} | "
        f"{memory['peak_mib']} |"
    )
    growth = memory.get("warm_pass_growth_mib")
    if growth is not None:
        lines.append("")
        lines.append(
            f"Largest growth of one worker's RSS over a warm pass (same processes, "
            f"thousands of requests): {growth:g} MiB."
        )
    return "\n".join(lines) + "\n"


def write(results, output_dir):
    """Write ``<engine>-<time>.md`` and ``.json`` in ``output_dir``; returns both paths."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    stem = f"{results['run']['engine'].lower()}-{results['run']['started'].replace(':', '')}"
    markdown_path = output_dir / f"{stem}.md"
    json_path = output_dir / f"{stem}.json"
    markdown_path.write_text(markdown(results))
    json_path.write_text(json.dumps(results, indent=2) + "\n")
    return markdown_path, json_path
