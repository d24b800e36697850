"""Time the campaign report and the regional overview over a year of data:
`manage.py bench_report [--pages 500] [--days 365] [--hotspots 20] [--repeat 10]`."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from demo.benchmarks import reports as benchmarks
from demo.benchmarks import require_postgresql
from evaluation.models import DailyMetric


def _timing_line(t) -> str:
    if t.ms:
        return f"{t.label:<8} {t.status:>6} {len(t.ms):>5} {t.p50:>8.1f} {t.p95:>8.1f} {max(t.ms):>8.1f} {t.queries:>8}"
    return f"{t.label:<8} {t.status:>6} {0:>5} {'-':>8} {'-':>8} {'-':>8} {t.queries:>8}"


class Command(BaseCommand):
    help = (
        "Seed a year of demo metrics (flagged as demo) and time the campaign report, the regional overview and "
        "their exports."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=500)
        parser.add_argument("--days", type=int, default=365)
        parser.add_argument("--repeat", type=int, default=10)
        parser.add_argument(
            "--hotspots",
            type=int,
            default=20,
            help="Hotspots seeded for the regional overview (0: not timed).",
        )
        parser.add_argument(
            "--allow-sqlite", action="store_true", help="Run on a non-PostgreSQL database anyway."
        )

    def handle(self, *args, pages, days, repeat, hotspots, allow_sqlite, **options):
        require_postgresql(allow_sqlite)
        if pages < 1 or repeat < 1 or hotspots < 0 or not 1 <= days <= 365:
            raise CommandError(
                "--pages and --repeat must be at least 1, --hotspots at least 0; --days between 1 and 365."
            )
        written = benchmarks.seed(pages=pages, days=days)
        seeded, hotspot_rows = benchmarks.seed_hotspots(hotspots=hotspots, days=days) if hotspots else (0, 0)
        rows = DailyMetric.objects.count()
        self.stdout.write(
            f"Seeded {written} rows (period + baseline) and {hotspot_rows} rows for {seeded} hotspots; "
            f"{rows} daily rows in the database."
        )
        timings = benchmarks.run(days=days, repeat=repeat, regional=bool(seeded))
        self.stdout.write(
            f"{'request':<8} {'status':>6} {'runs':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'queries':>8}"
        )
        for t in timings:
            self.stdout.write(_timing_line(t))
        self.stdout.write(
            f"database: {connection.vendor}; pages: {pages}; days: {days}; hotspots: {seeded}; daily rows: {rows}"
        )
        failed = [t.label for t in timings if t.status != 200]
        if failed:
            raise CommandError(f"Non-200 response for: {', '.join(failed)}")
