"""Import Plausible data: `sync_plausible` (incremental), `sync_plausible --from 2026-01-01 --to 2026-03-31 --backfill`."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from evaluation.clients.plausible import PlausibleConfigError
from evaluation.models import SyncStatus
from evaluation.sync import SyncError, estimate_requests, run_sync


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value!r}") from exc


class Command(BaseCommand):
    help = "Import daily series and campaign period aggregates from the Plausible Stats API."

    def add_arguments(self, parser):
        parser.add_argument(
            "--from", dest="start", help="First day (YYYY-MM-DD). Default: after the last sync."
        )
        parser.add_argument("--to", dest="end", help="Last day (YYYY-MM-DD). Default: yesterday.")
        parser.add_argument(
            "--backfill",
            action="store_true",
            help="Re-import a past range (does not move the incremental cursor).",
        )
        parser.add_argument(
            "--estimate",
            type=int,
            metavar="PAGES",
            help="Only print the number of requests for the range and PAGES pages.",
        )

    def handle(self, *args, start=None, end=None, backfill=False, estimate=None, **options):
        start_date = _date(start) if start else None
        end_date = _date(end) if end else None
        if backfill and not (start_date and end_date):
            raise CommandError("--backfill needs --from and --to.")
        if estimate is not None:
            self._print_estimate(start_date, end_date, estimate)
            return
        try:
            run = run_sync(start=start_date, end=end_date, backfill=backfill, log=self.stdout.write)
        except (SyncError, PlausibleConfigError) as exc:
            raise CommandError(str(exc)) from exc
        self._print_outcome(run)

    def _print_estimate(self, start_date: date | None, end_date: date | None, pages: int) -> None:
        if not (start_date and end_date) or end_date < start_date:
            raise CommandError("--estimate needs a valid --from and --to.")
        days = (end_date - start_date).days + 1
        self.stdout.write(
            f"{days} days, {pages} pages: at most {estimate_requests(days, pages=pages)} requests."
        )

    def _print_outcome(self, run) -> None:
        """The run's summary; a run that did not succeed ends the command with an error (exit status 1)."""
        summary = (
            f"Sync {run.range_start}–{run.range_end}: {run.get_status_display()}, {run.rows_written} rows, "
            f"{run.requests_used} requests."
        )
        if run.status == SyncStatus.SUCCESS:
            self.stdout.write(self.style.SUCCESS(summary))
        else:
            self.stderr.write(self.style.ERROR(f"{summary} {run.error_message}"))
            raise CommandError(f"The sync stopped: {run.error_message}. Run the command again to resume.")
