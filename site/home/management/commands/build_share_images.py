from django.core.management.base import BaseCommand

from home.share_images import build


class Command(BaseCommand):
    help = "Redraw the default share cards (static/img/share/, one per page type and language)."

    def handle(self, *args, **options):
        written = build()
        self.stdout.write(f"{len(written)} share cards written to {written[0].parent}")
