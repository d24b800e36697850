"""Two-step verification (MFA) for every account that can open the Wagtail admin.

Built on django-otp: a TOTP device (an authenticator app, RFC 6238) and a static device holding single-use backup
codes. After the password, the admin sends a person who has not yet passed the second step in this session to
`verify` (or, the first time, to `setup`, which shows the QR code as inline SVG made on the server: no image
request, no third party). `middleware.AdminMFAMiddleware` enforces it under /admin/ when ADMIN_MFA_REQUIRED is on;
the public site and the API are never concerned. See docs/security.md.
"""

from __future__ import annotations

from base64 import b32decode, b32encode
from binascii import hexlify, unhexlify

import segno
from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

ADMIN_ACCESS = "wagtailadmin.access_admin"
TOTP_DEVICE_NAME = "authenticator"
BACKUP_DEVICE_NAME = "backup"
BACKUP_CODE_COUNT = 10
SESSION_NEW_CODES = "mfa_new_backup_codes"


def is_required() -> bool:
    return bool(getattr(settings, "ADMIN_MFA_REQUIRED", False))


def concerns(user) -> bool:
    """Every account that may open the admin, superusers included, whatever its role."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(ADMIN_ACCESS))


def confirmed_totp(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def pending_totp(user) -> TOTPDevice:
    """The unconfirmed device being set up (the same secret on every reload until it is confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def backup_device(user) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def base32_secret(device: TOTPDevice) -> str:
    """The secret as authenticator apps expect it when typed, in groups of four."""
    raw = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def hex_key_from_base32(secret: str) -> str:
    cleaned = "".join(secret.split()).upper()
    cleaned += "=" * (-len(cleaned) % 8)
    return hexlify(b32decode(cleaned)).decode()


def base32_from_hex_key(key: str) -> str:
    return b32encode(unhexlify(key)).decode().rstrip("=")


def qr_svg(device: TOTPDevice, title: str) -> str:
    """The otpauth:// URL as an inline SVG QR code (segno, on the server)."""
    return segno.make(device.config_url, error="m", micro=False).svg_inline(
        scale=5, border=2, title=title, svgclass="mfa-qr", omitsize=False
    )


@transaction.atomic
def new_backup_codes(user, count: int = BACKUP_CODE_COUNT) -> list[str]:
    """Replace the user's backup codes with `count` new ones; returned once, stored as django-otp keeps them."""
    device = backup_device(user)
    if device is None:
        device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(count)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def normalise_code(raw: str) -> str:
    return "".join((raw or "").split()).replace("-", "").lower()


@transaction.atomic
def reset(user) -> int:
    """Remove every device of the user (lost phone): the next admin visit asks for a new setup."""
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        devices = model.objects.filter(user=user)
        removed += devices.count()
        devices.delete()
    return removed
