from django.core.management.base import BaseCommand

from resources.reminders import send_stale_reminders


class Command(BaseCommand):
    help = "E-mail task forces about listings not verified for six months (once per listing per period)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, send nothing, record nothing.")

    def handle(self, *args, dry_run=False, **options):
        counts = send_stale_reminders(dry_run=dry_run)
        prefix = "(dry run) " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(f"{prefix}{counts['listings']} listing(s), {counts['emails']} e-mail(s)")
        )
