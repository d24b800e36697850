"""Send the e-mails of the outbox that are due (home/outbox.py). Run every minute: it is the safety net of
the task worker and the retry schedule when the task backend cannot defer. Safe to run concurrently."""

from django.core.management.base import BaseCommand

from home import outbox


class Command(BaseCommand):
    help = "Send the outgoing e-mails that are due (run every minute)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=200)

    def handle(self, *args, limit, **options):
        counts = outbox.drain(limit=limit)
        self.stdout.write(" ".join(f"{key}={value}" for key, value in counts.items()))
