from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from home import tabular
from resources.importer import run_import


class Command(BaseCommand):
    help = (
        "Import services from an HSDS 3.0 JSON file (a service, a list, or a page with 'contents') or from the "
        "CSV template (docs/resources.md). All or nothing; safe to repeat; --dry-run checks and rolls back. "
        "Prints one line per record (created, updated, unchanged or refused), as the admin's import screen shows."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--format", choices=["auto", "json", "csv"], default="auto")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument(
            "--language",
            choices=sorted({"en", *(code for code, _name in settings.LANGUAGES)}),
            default="en",
            help="Language of the report (the admin screen shows it in the admin's language).",
        )

    def handle(self, *args, path, format, dry_run, language, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        kind = format if format != "auto" else ("json" if file.suffix.lower() == ".json" else "csv")
        with translation.override(language):
            with file.open("rb") as handle:
                report = run_import(handle, kind, dry_run=dry_run)
            self._print(report)

    def _print(self, report: tabular.Report) -> None:
        if report.ok:
            for line in report.lines():
                self.stdout.write(line)
            return
        for error in report.file_errors:
            self.stderr.write(error)
        for entry in report.refused:
            for message in entry.messages:
                self.stderr.write(f"{entry.ref}: {message}")
        raise CommandError(report.summary())
