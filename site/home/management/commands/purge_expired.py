"""Delete what is kept no longer than its documented period (home/retention.py; README: run daily)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from home import retention


class Command(BaseCommand):
    help = "Delete expired problem reports, access-log rows and sent e-mails (run daily)."

    def handle(self, *args, **options):
        deleted = retention.run_all(now=timezone.now())
        for name, count in deleted.items():
            self.stdout.write(f"{name}: {count} deleted")
