from django.core.management.base import BaseCommand

from resources.groups import ensure_groups


class Command(BaseCommand):
    help = 'Create (or complete) the "Directory managers" group and one "Task force <commune>" group per commune.'

    def handle(self, *args, **options):
        counts = ensure_groups()
        self.stdout.write(
            self.style.SUCCESS(f"{counts['task_forces']} task forces ({counts['created']} new)")
        )
