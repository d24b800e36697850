"""Search latency benchmark: seeds N services (idempotent) and times /fr/aide/ and /nl/hulp/ for every filter."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from demo.benchmarks import require_postgresql
from demo.benchmarks import search as benchmarks
from home.hours import BRUSSELS


def _brussels_time(at: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(at).replace(tzinfo=BRUSSELS)
    except ValueError:
        raise CommandError("--at must be a date and time such as 2026-11-30T10:30") from None


def _refuse_failures(rows) -> None:
    failed = [r for r in rows if r.statuses != {200}]
    if failed:
        raise CommandError("Not 200: " + ", ".join(f"{r.url} {sorted(r.statuses)}" for r in failed))


class Command(BaseCommand):
    help = "Seed N synthetic services if missing, then time the public search for every filter (p50/p95/max, queries)."

    def add_arguments(self, parser):
        parser.add_argument("--services", type=int, default=10000, help="number of services (default 10000)")
        parser.add_argument(
            "--repetitions", type=int, default=30, help="timed requests per case (default 30)"
        )
        parser.add_argument("--warmup", type=int, default=2, help="untimed requests per case first")
        parser.add_argument("--allow-sqlite", action="store_true", help="run on a non-PostgreSQL database")
        parser.add_argument(
            "--at",
            help="measure as if it were this Brussels time, e.g. 2026-11-30T10:30 (open-now results depend on "
            "the clock; default: now)",
        )

    def handle(self, *args, services, repetitions, warmup, allow_sqlite, at=None, **options):
        require_postgresql(allow_sqlite)
        if not 0 < services <= 20000 or repetitions < 1 or warmup < 0:
            raise CommandError("--services must be 1..20000, --repetitions ≥ 1, --warmup ≥ 0")
        total = benchmarks.ensure_data(services, stdout=self.stdout)
        self.stdout.write(
            f"{total} services (FR) on {connection.vendor}; {repetitions} timed requests per case"
        )
        moment = _brussels_time(at) if at else None
        if moment is not None:
            self.stdout.write(f"clock set to {moment.isoformat()}")
        rows = benchmarks.run(repetitions, warmup=warmup, at=moment)
        for line in benchmarks.table(rows):
            self.stdout.write(line)
        _refuse_failures(rows)
