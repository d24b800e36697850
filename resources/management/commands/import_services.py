from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from resources.importer import ImportFailed, import_records, parse_csv, parse_hsds


class Command(BaseCommand):
    help = (
        "Import services from an HSDS 3.0 JSON file (a service, a list, or a page with 'contents') or from the "
        "CSV template (docs/resources.md). All or nothing; --dry-run checks and rolls back."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--format", choices=["auto", "json", "csv"], default="auto")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, path, format, dry_run, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            text = file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise CommandError("The file is not UTF-8 text.") from None
        kind = format if format != "auto" else ("json" if file.suffix.lower() == ".json" else "csv")
        try:
            records = parse_hsds(text) if kind == "json" else parse_csv(text)
            counts = import_records(records, dry_run=dry_run)
        except ImportFailed as failure:
            for error in failure.errors:
                self.stderr.write(error)
            raise CommandError(f"Nothing imported: {len(failure.errors)} error(s).") from None
        prefix = "(dry run, nothing saved) " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(f"{prefix}{counts['created']} created, {counts['updated']} updated")
        )
