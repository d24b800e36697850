from django.core.management.base import BaseCommand

from campaigns.scheduling import reminders


class Command(BaseCommand):
    help = (
        "Expire late approvals and send due reminders (idempotent; safe every minute from several workers)."
    )

    def handle(self, *args, **options):
        report = reminders.run()
        self.stdout.write(
            f"sent={report.sent} skipped={report.skipped} failed={report.failed} expired={report.expired}"
        )
