from django.core.management.base import BaseCommand

from resources.geography import load_geography


class Command(BaseCommand):
    help = "Load (or refresh) the 19 communes, 145 Monitoring quartiers and the hotspots. Idempotent."

    def handle(self, *args, **options):
        counts = load_geography()
        self.stdout.write(self.style.SUCCESS(", ".join(f"{v} {k}" for k, v in counts.items())))
