"""Import social media post metrics from a CSV file (all or nothing): `import_social_metrics posts.csv`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from evaluation.social_import import import_csv


class Command(BaseCommand):
    help = "Import social metrics (campaign, influencer, platform, language, date) from a UTF-8 CSV file."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        result = import_csv(file.read_bytes())
        if not result.ok:
            for error in result.errors:
                self.stderr.write(error)
            raise CommandError(f"Nothing imported: {len(result.errors)} problem(s).")
        self.stdout.write(
            self.style.SUCCESS(f"Imported: {result.created} new rows, {result.updated} updated.")
        )
