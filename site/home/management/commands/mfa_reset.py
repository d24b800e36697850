"""Remove a person's two-step verification (lost phone and backup codes): their next admin visit after the
password asks them to set it up again. (Login lockouts are separate: axes_reset_username, see docs/security.md.)"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from home import mfa


class Command(BaseCommand):
    help = "Reset two-step verification for a user (lost phone): mfa_reset USERNAME"

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        removed = mfa.reset(user)
        self.stdout.write(
            self.style.SUCCESS(
                f"{username}: {removed} device(s) removed; set up again at the next admin visit."
            )
        )
