"""The demo's accounts: an admin and one account per role of docs/journeys.md, each with a password (from the
environment or a fixed demo one) and the same authenticator key, printed by `load_demo`. Idempotent."""

from __future__ import annotations

import os

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from home import mfa

ADMIN = ("admin", "admin@prevention.brussels")
DEFAULT_ADMIN_PASSWORD = "demo-admin-2026"  # noqa: S105 -- the demo's printed login, demo only
# The demo accounts' authenticator key (base32), printed by load_demo like their passwords.
DEMO_TOTP_SECRET = "6SU73HLW67A67Q2NMKGTYQROV7WNR3TA"  # noqa: S105 -- demo accounts only
DEMO_BACKUP_CODES = 3
# (username, group): one demo account per role of docs/journeys.md. The analyst and the commune task force are
# made by the evaluation and directory demos (APP_ACCOUNTS); they get the same two-step key.
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
APP_ACCOUNTS = ("analyst", "taskforce-saint-gilles")


def totp_secret() -> str:
    return os.environ.get("DEMO_ADMIN_TOTP_SECRET", "").strip() or DEMO_TOTP_SECRET


def ensure_user(username: str, email: str, password: str, group_name: str):
    """A demo account in one role group, with this password (reset when it changed)."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is None:
        user = user_model.objects.create_user(username, email, password)
    elif not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=group_name))
    return user


def ensure_admin(password: str):
    username, email = ADMIN
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is None:
        user = user_model.objects.create_superuser(username=username, email=email, password=password)
    elif not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def ensure_device(user, secret: str, backup_codes: int = DEMO_BACKUP_CODES) -> tuple[str, list[str]]:
    """A confirmed authenticator device with `secret` (base32) and at least `backup_codes` unused backup codes.
    Returns the otpauth:// URL and the codes to print. Raises ValueError when the secret is not base32."""
    key = mfa.hex_key_from_base32(secret)
    device = TOTPDevice.objects.filter(user=user, confirmed=True, key=key).first()
    if device is None:
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name=mfa.TOTP_DEVICE_NAME, key=key, confirmed=True)
    backup = mfa.backup_device(user)
    codes = list(backup.token_set.order_by("pk").values_list("token", flat=True)) if backup else []
    if backup is None:
        codes = mfa.new_backup_codes(user, backup_codes)
    elif len(codes) < backup_codes:
        extra = [StaticToken.random_token() for _ in range(backup_codes - len(codes))]
        StaticToken.objects.bulk_create(StaticToken(device=backup, token=code) for code in extra)
        codes += extra
    return device.config_url, codes[:backup_codes]


def instructions(user, secret: str | None = None) -> str:
    """What load_demo prints under an account's password (the device is made if missing)."""
    secret = secret or totp_secret()
    url, codes = ensure_device(user, secret)
    return (
        f"  two-step verification: authenticator key {mfa.base32_from_hex_key(mfa.hex_key_from_base32(secret))} "
        f"({url}) or a single-use backup code: {', '.join(codes)}"
    )


def ensure_role_accounts(secret: str) -> list[tuple[str, str, str]]:
    """One account per role whose group exists, each with the demo's authenticator key, so that every journey
    can be tried (and is, by tests/e2e). Passwords: DEMO_<USERNAME>_PASSWORD or demo-<username>-2026.
    Returns (username, password, group) of each."""
    created = []
    for username, group_name in ROLE_ACCOUNTS:
        if not Group.objects.filter(name=group_name).exists():
            continue  # the app that declares this group is not installed
        env_name = "DEMO_" + username.upper().replace("-", "_") + "_PASSWORD"
        password = os.environ.get(env_name, f"demo-{username}-2026")
        user = ensure_user(username, f"{username}@prevention.brussels", password, group_name)
        ensure_device(user, secret)
        created.append((username, password, group_name))
    for user in get_user_model().objects.filter(username__in=APP_ACCOUNTS):
        ensure_device(user, secret)  # made by the apps' demos, with their own passwords
    _link_influencer()
    return created


def _link_influencer() -> None:
    """The demo's first influencer gets the influencer account."""
    user = get_user_model().objects.filter(username=INFLUENCER_ACCOUNT).first()
    if user is None or not apps.is_installed("campaigns.scheduling"):
        return
    from campaigns.scheduling.models import Influencer

    first = Influencer.objects.order_by("pk").first()
    if first is not None and first.user_id is None and not Influencer.objects.filter(user=user):
        first.user = user
        first.save(update_fields=["user"])
