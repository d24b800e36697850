"""Load the bilingual demo site. Idempotent: a second run changes nothing and duplicates nothing.

Each project app may provide a `demo` module with `load(*, stdout, style)`; they run in INSTALLED_APPS order
(home, resources, campaigns, evaluation), so each may rely on the content of the apps before it.
"""

import os
from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

DEFAULT_ADMIN = ("admin", "admin@prevention.brussels")
# The demo admin's authenticator secret (base32), printed like its password: demo only, never a real account.
DEFAULT_TOTP_SECRET = "6SU73HLW67A67Q2NMKGTYQROV7WNR3TA"
DEMO_BACKUP_CODES = 3


class Command(BaseCommand):
    help = "Load (or refresh) the demo content in FR and NL and create the demo admin account."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=os.environ.get("DEMO_ADMIN_PASSWORD", "demo-admin-2026"))
        parser.add_argument(
            "--totp-secret",
            default=os.environ.get("DEMO_ADMIN_TOTP_SECRET", DEFAULT_TOTP_SECRET),
            help="Base32 authenticator secret of the demo admin (two-step verification).",
        )
        parser.add_argument("--skip-admin", action="store_true", help="Do not create the admin account.")

    def handle(self, *args, password, totp_secret, skip_admin, **options):
        for app_name in settings.PROJECT_APPS:
            module_name = f"{app_name}.demo"
            if find_spec(module_name) is None:
                continue
            with transaction.atomic():
                import_module(module_name).load(stdout=self.stdout, style=self.style)
        if not skip_admin:
            user = self._ensure_admin(password)
            self._ensure_mfa(user, totp_secret)

    def _ensure_admin(self, password):
        username, email = DEFAULT_ADMIN
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model.objects.create_superuser(username=username, email=email, password=password)
        elif not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        self.stdout.write(
            self.style.SUCCESS(
                f"\nAdmin: http://127.0.0.1:{os.environ.get('PORT', '8000')}/admin/  "
                f"user: {username}  password: {password}"
            )
        )
        return user

    def _ensure_mfa(self, user, secret):
        """A confirmed authenticator device with the given secret, and a few backup codes, so that the demo
        admin gets through two-step verification (ADMIN_MFA_REQUIRED) with an app or a printed code."""
        from django_otp.plugins.otp_static.models import StaticToken
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from home import mfa

        try:
            key = mfa.hex_key_from_base32(secret)
        except ValueError as exc:  # binascii.Error is a ValueError
            raise CommandError(f"--totp-secret / DEMO_ADMIN_TOTP_SECRET is not base32: {exc}") from exc
        with transaction.atomic():
            if not TOTPDevice.objects.filter(user=user, confirmed=True, key=key).exists():
                TOTPDevice.objects.filter(user=user).delete()
                TOTPDevice.objects.create(user=user, name=mfa.TOTP_DEVICE_NAME, key=key, confirmed=True)
            device = mfa.backup_device(user)
            codes = list(device.token_set.values_list("token", flat=True)) if device else []
            if len(codes) < DEMO_BACKUP_CODES:
                if device is None:
                    codes = mfa.new_backup_codes(user, DEMO_BACKUP_CODES)
                else:
                    extra = [StaticToken.random_token() for _ in range(DEMO_BACKUP_CODES - len(codes))]
                    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in extra)
                    codes += extra
        uri = TOTPDevice.objects.get(user=user, confirmed=True).config_url
        self.stdout.write(
            self.style.SUCCESS(
                f"Two-step verification: authenticator key {mfa.base32_from_hex_key(key)} ({uri})\n"
                f"  or a single-use backup code: {', '.join(codes[:DEMO_BACKUP_CODES])}\n"
                "  (ADMIN_MFA_REQUIRED=false turns the second step off on a local machine)\n"
            )
        )
