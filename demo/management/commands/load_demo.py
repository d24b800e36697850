"""Load the bilingual demo site. Idempotent: a second run changes nothing and duplicates nothing.

Each installed app has a module in demo/ with `load(*, stdout, style)` (STEPS); they run in layer order
(home, resources, campaigns, evaluation), so each may rely on the content of the apps before it.
"""

import os
from importlib import import_module

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home.demo_utils import ensure_demo_user
from home.mfa import demo_instructions, demo_totp_secret, ensure_demo_device, hex_key_from_base32

DEFAULT_ADMIN = ("admin", "admin@prevention.brussels")
# (username, group): one demo account per role of docs/journeys.md. The analyst and the commune task force are
# made by the evaluation and directory demos (APP_DEMO_ACCOUNTS); they get the same two-step key here.
INFLUENCER_ACCOUNT = "influencer"
ROLE_ACCOUNTS = [
    ("editor", "Editors"),
    ("moderator", "Moderators"),
    ("translator", "Translators"),
    ("reviewer", "Reviewers"),
    ("directory-manager", "Directory managers"),
    ("taskforce-hotspot", "Task force Gare du Midi"),
    (INFLUENCER_ACCOUNT, "Influencers"),
]
APP_DEMO_ACCOUNTS = ("analyst", "taskforce-saint-gilles")
# (app, its demo module), in layer order: each may rely on the content of the ones before it.
STEPS = [
    ("home", "demo.home"),
    ("resources", "demo.directory"),
    ("resources.referrals", "demo.referrals"),
    ("campaigns", "demo.campaigns"),
    ("campaigns.scheduling", "demo.scheduling"),
    ("evaluation", "demo.evaluation"),
]


class Command(BaseCommand):
    help = "Load (or refresh) the demo content in FR and NL and create the demo admin account."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=os.environ.get("DEMO_ADMIN_PASSWORD", "demo-admin-2026"))
        parser.add_argument(
            "--totp-secret",
            default=None,
            help="Base32 authenticator key of the demo accounts (default: DEMO_ADMIN_TOTP_SECRET or a fixed one).",
        )
        parser.add_argument("--skip-admin", action="store_true", help="Do not create the admin account.")

    def handle(self, *args, password, totp_secret, skip_admin, **options):
        totp_secret = totp_secret or demo_totp_secret()
        try:
            hex_key_from_base32(totp_secret)
        except ValueError as exc:  # binascii.Error is a ValueError
            raise CommandError(f"--totp-secret / DEMO_ADMIN_TOTP_SECRET is not base32: {exc}") from exc
        for app_name, module_name in STEPS:
            if not apps.is_installed(app_name):
                continue
            with transaction.atomic():
                import_module(module_name).load(stdout=self.stdout, style=self.style)
        if not skip_admin:
            user = self._ensure_admin(password)
            self._ensure_mfa(user, totp_secret)
        self._ensure_role_accounts(totp_secret)

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

    def _ensure_role_accounts(self, secret):
        """One account per role of docs/journeys.md, each with the demo's authenticator key, so every journey
        can be tried (and is, by tests/e2e). Passwords: DEMO_<USERNAME>_PASSWORD or demo-<username>-2026."""
        created = []
        for username, group_name in ROLE_ACCOUNTS:
            if not Group.objects.filter(name=group_name).exists():
                continue  # the app that declares this group is not installed
            env_name = "DEMO_" + username.upper().replace("-", "_") + "_PASSWORD"
            password = os.environ.get(env_name, f"demo-{username}-2026")
            user = ensure_demo_user(username, f"{username}@prevention.brussels", password, group_name)
            ensure_demo_device(user, secret)
            created.append((username, password, group_name))
        for user in get_user_model().objects.filter(username__in=APP_DEMO_ACCOUNTS):
            ensure_demo_device(user, secret)  # made by the apps' demos, with their own passwords
        influencer_user = get_user_model().objects.filter(username=INFLUENCER_ACCOUNT).first()
        if influencer_user is not None and apps.is_installed("campaigns.scheduling"):
            # By name: home is the first layer and may not import the apps after it.
            Influencer = apps.get_model("scheduling", "Influencer")
            first = Influencer.objects.order_by("pk").first()  # the demo's first influencer has the account
            if (
                first is not None
                and first.user_id is None
                and not Influencer.objects.filter(user=influencer_user)
            ):
                first.user = influencer_user
                first.save(update_fields=["user"])
        if created:
            self.stdout.write(self.style.SUCCESS("\nRole accounts (same two-step key as the admin):"))
            for username, password, group_name in created:
                self.stdout.write(f"  {group_name:<26} user: {username:<24} password: {password}")

    def _ensure_mfa(self, user, secret):
        """The admin passes two-step verification (ADMIN_MFA_REQUIRED) with an app or a printed backup code."""
        self.stdout.write(
            self.style.SUCCESS(
                demo_instructions(user, secret)
                + "\n  (ADMIN_MFA_REQUIRED=false turns the second step off on a local machine)\n"
            )
        )
