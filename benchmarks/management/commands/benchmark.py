"""``manage.py benchmark``: measure the portal under load on a throwaway database."""

import os
import signal
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from benchmarks.data import PAGES
from benchmarks.runner import DEFAULT_REDIS_URL, run_benchmark

DEFAULT_SIZES = {"opportunities": 5000, "events": 500, "stories": 1000, "signups": 20000}


class Command(BaseCommand):
    help = (
        "Measure the portal under load. Builds a throwaway database (an SQLite file, or "
        "a PostgreSQL database of its own when DATABASE_URL is a PostgreSQL URL), serves "
        "it with gunicorn and production settings on 127.0.0.1, drives each page with "
        "locust, and writes a Markdown table and JSON to benchmark-results/. The "
        "database DATABASE_URL names is never written to."
    )

    def add_arguments(self, parser):
        for name, default in DEFAULT_SIZES.items():
            parser.add_argument(
                f"--{name}",
                type=int,
                default=default,
                metavar="N",
                help=f"How many {name.replace('signups', 'sign-ups')} to generate "
                f"(default {default:,}).",
            )
        parser.add_argument(
            "--duration",
            type=int,
            default=10,
            metavar="SECONDS",
            help="How long each page is loaded, cold and then warm (default 10).",
        )
        parser.add_argument(
            "--users",
            type=int,
            default=4,
            help="Concurrent locust users, each sending requests without pause (default 4).",
        )
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2).")
        parser.add_argument(
            "--pages",
            metavar="KEY,KEY",
            help="Measure only these pages (default all): "
            f"{', '.join(key for key, _label in PAGES)}. The static file, the ceiling, is "
            "always measured.",
        )
        parser.add_argument(
            "--redis-url",
            default=DEFAULT_REDIS_URL,
            help=f"The Redis database used as the cache (default {DEFAULT_REDIS_URL}). It is "
            "EMPTIED before each page, so never point this at one in use. REDIS_URL is not "
            "read for that reason.",
        )
        parser.add_argument(
            "--no-redis",
            action="store_true",
            help="Use no Redis: each worker keeps its own cache in memory.",
        )
        parser.add_argument(
            "--output-dir",
            default=str(Path(settings.BASE_DIR) / "benchmark-results"),
            help="Where the Markdown and JSON files go (default benchmark-results/).",
        )

    def handle(self, *args, **options):
        sizes = {name: options[name] for name in DEFAULT_SIZES}
        if any(value < 0 for value in sizes.values()):
            raise CommandError("Sizes must be zero or more.")
        if options["duration"] < 1 or options["users"] < 1 or options["workers"] < 1:
            raise CommandError("--duration, --users and --workers must be at least 1.")

        keys = [key for key, _label in PAGES]
        pages = None
        if options["pages"]:
            pages = [key.strip() for key in options["pages"].split(",") if key.strip()]
            unknown = sorted(set(pages) - set(keys))
            if unknown:
                raise CommandError(
                    f"Unknown page {', '.join(unknown)}; choose from {', '.join(keys)}."
                )

        def stop(signum, frame):
            raise KeyboardInterrupt

        # A plain `kill` cleans up like Ctrl-C does: gunicorn stops, the database goes.
        previous = signal.signal(signal.SIGTERM, stop)
        try:
            _results, markdown_path, json_path = run_benchmark(
                sizes,
                duration=options["duration"],
                users=options["users"],
                workers=options["workers"],
                pages=pages,
                redis_url=None if options["no_redis"] else options["redis_url"],
                database_url=os.environ.get("DATABASE_URL"),
                output_dir=options["output_dir"],
                say=self.stdout.write,
            )
        except KeyboardInterrupt as error:
            raise CommandError(
                "Stopped; gunicorn and the throwaway database were removed."
            ) from error
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        finally:
            signal.signal(signal.SIGTERM, previous)
        self.stdout.write("")
        self.stdout.write(markdown_path.read_text())
        self.stdout.write(f"Written to {markdown_path} and {json_path}")
