"""`manage.py bench_cpu`: server CPU per request of each page type, in process (issue 17).

Requests go through Django's test client, so through the whole middleware stack, the URL resolver, Wagtail's
serve path, the templates and the context processors, against the configured database and cache (run it in the
production shape: settings.production or tools.live_settings, PostgreSQL and Redis; `make bench` does). The page
cache (home.cache.PageCacheMiddleware) is bypassed — this measures rendering — while the memoised site shell and
page fragments are warm, as they are on a live server.

Method: per path, a request to count queries (warm), `--warmup` requests, then `--rounds` rounds; each round
requests every path `--requests` times in turn and records `time.process_time()` per request (CPU time of this
process: rendering, ORM, the database driver and the cache client; not the database's or Redis's own CPU). The
median of the rounds is printed (the lowest round too, in the JSON). Process CPU time hardly moves with the load of other processes on the machine,
unlike wall-clock latency; rounds interleave the paths so that a busy spell does not fall on one page only.

Prints a table (FR and NL per page type, against the targets of issue 17), or JSON with `--json`.
"""

from __future__ import annotations

import gc
import json
import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

# (page type, French path, Dutch path, target CPU ms per request from issue 17)
PAGES: list[tuple[str, str, str, float]] = [
    ("home", "/fr/", "/nl/", 12),
    ("standard", "/fr/a-propos/", "/nl/over-ons/", 9),
    ("fact sheet", "/fr/produits/cannabis/", "/nl/middelen/cannabis/", 14),
    ("campaign", "/fr/campagnes/dope-talk/", "/nl/campagnes/dope-talk/", 14),
    ("directory search", "/fr/aide/?q=emploi", "/nl/hulp/?q=werk", 12),
    ("service", "/fr/aide/service/1/", "/nl/hulp/dienst/2/", 11),
]


def _without_page_cache() -> list[str]:
    return [name for name in settings.MIDDLEWARE if name != "home.cache.PageCacheMiddleware"]


def _rows(options) -> list[tuple[str, str, str, float]]:
    """The paths given (one row each, no target), else the page types asked for with --only (default: all)."""
    if options["paths"]:
        return [(path, path, "", 0.0) for path in options["paths"]]
    only = {x.strip() for x in options["only"].split(",") if x.strip()}
    return [row for row in PAGES if not only or row[0] in only]


class Command(BaseCommand):
    help = "Server CPU ms per request of each page type (FR and NL), in process, page cache off, memo warm."

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=5)
        parser.add_argument("--requests", type=int, default=10, help="requests per path and round")
        parser.add_argument("--warmup", type=int, default=10, help="requests per path before measuring")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
        parser.add_argument("--json-out", default="", help="also write the figures (JSON) to this file")
        parser.add_argument("--only", default="", help="comma-separated page types (default: all)")
        parser.add_argument("paths", nargs="*", help="measure these paths instead of the page types")

    def handle(self, *args, **options):
        rows = _rows(options)
        paths = [path for row in rows for path in row[1:3] if path]
        with override_settings(MIDDLEWARE=_without_page_cache(), PAGE_CACHE_ENABLED=False):
            measured = self.measure(paths, options)
        if options["json_out"]:
            with open(options["json_out"], "w") as handle:
                json.dump({"pages": [list(row) for row in rows], "paths": measured}, handle, indent=2)
        if options["json"]:
            self.stdout.write(json.dumps(measured))
            return
        self.stdout.write(self.table(rows, measured, options))

    def measure(self, paths: list[str], options) -> dict:
        client = Client(HTTP_HOST=options["host"])
        result: dict[str, dict] = {}
        for path in paths:
            for _ in range(max(2, options["warmup"])):  # renditions, memo, fragments, template loaders
                response = client.get(path)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            if response.status_code != 200:
                raise CommandError(f"{path}: status {response.status_code}")
            result[path] = {"status": response.status_code, "queries": len(queries), "rounds": []}
        gc.collect()
        for _ in range(options["rounds"]):
            for path in paths:
                started = time.process_time()
                for _ in range(options["requests"]):
                    client.get(path)
                result[path]["rounds"].append(
                    round((time.process_time() - started) * 1000 / options["requests"], 2)
                )
        for row in result.values():
            row["cpu_ms"] = round(statistics.median(row["rounds"]), 1)
            row["cpu_ms_min"] = round(min(row["rounds"]), 1)
        return result

    def table(self, rows, measured, options) -> str:
        lines = [
            f"Server CPU ms per request, in process (median of {options['rounds']} rounds × "
            f"{options['requests']} requests; page cache off, memo and fragments warm; manage.py bench_cpu)",
            "",
            "| page | FR path | FR CPU ms | NL CPU ms | target | warm queries FR/NL |",
            "|---|---|---|---|---|---|",
        ]
        for kind, fr, nl, target in rows:
            fr_ms = measured[fr]["cpu_ms"]
            nl_ms = measured[nl]["cpu_ms"] if nl else None
            worst = max(x for x in (fr_ms, nl_ms) if x is not None)
            mark = "" if not target else (" ✓" if worst <= target else " ✗")
            lines.append(
                f"| {kind} | `{fr}` | {fr_ms:.1f} | {'—' if nl_ms is None else f'{nl_ms:.1f}'} | "
                f"{f'≤ {target:g}{mark}' if target else '—'} | "
                f"{measured[fr]['queries']}/{measured[nl]['queries'] if nl else '—'} |"
            )
        return "\n".join(lines)
