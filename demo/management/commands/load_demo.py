"""Load the bilingual demo site (demo/loader.py) and its accounts (demo/accounts.py). Idempotent: a second run
changes nothing and duplicates nothing."""

import os

from django.core.management.base import BaseCommand, CommandError

from demo import accounts, loader
from home.mfa import hex_key_from_base32


class Command(BaseCommand):
    help = "Load (or refresh) the demo content in FR and NL and create the demo admin account."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password", default=os.environ.get("DEMO_ADMIN_PASSWORD", accounts.DEFAULT_ADMIN_PASSWORD)
        )
        parser.add_argument(
            "--totp-secret",
            default=None,
            help="Base32 authenticator key of the demo accounts (default: DEMO_ADMIN_TOTP_SECRET or a fixed one).",
        )
        parser.add_argument("--skip-admin", action="store_true", help="Do not create the admin account.")

    def handle(self, *args, password, totp_secret, skip_admin, **options):
        totp_secret = totp_secret or accounts.totp_secret()
        try:
            hex_key_from_base32(totp_secret)
        except ValueError as exc:  # binascii.Error is a ValueError
            raise CommandError(f"--totp-secret / DEMO_ADMIN_TOTP_SECRET is not base32: {exc}") from exc
        loader.load(stdout=self.stdout, style=self.style)
        if not skip_admin:
            user = accounts.ensure_admin(password)
            self.stdout.write(
                self.style.SUCCESS(
                    f"\nAdmin: http://127.0.0.1:{os.environ.get('PORT', '8000')}/admin/  "
                    f"user: {user.username}  password: {password}"
                )
            )
            self._ensure_mfa(user, totp_secret)
        created = accounts.ensure_role_accounts(totp_secret)
        if created:
            self.stdout.write(self.style.SUCCESS("\nRole accounts (same two-step key as the admin):"))
            for username, password, group_name in created:
                self.stdout.write(f"  {group_name:<26} user: {username:<24} password: {password}")

    def _ensure_mfa(self, user, secret):
        """The admin passes two-step verification (ADMIN_MFA_REQUIRED) with an app or a printed backup code."""
        self.stdout.write(
            self.style.SUCCESS(
                accounts.instructions(user, secret)
                + "\n  (ADMIN_MFA_REQUIRED=false turns the second step off on a local machine)\n"
            )
        )
