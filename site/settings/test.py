"""Test settings: the same as dev except speed knobs. CI runs them with DATABASE_URL set to PostgreSQL."""

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY
from .env import database_from_url, env_str

DEBUG = False
SECRET_KEY = "test-only-not-secret-0123456789abcdefghijklmnopqrstuvwxyz"  # noqa: S105 -- tests only
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if env_str("DATABASE_URL"):
    DATABASES = {"default": database_from_url(env_str("DATABASE_URL"))}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY
# Two-step verification off by default so that force_login/admin_client tests reach the admin; the MFA tests
# turn it on with the settings fixture (tests/security/test_mfa.py).
ADMIN_MFA_REQUIRED = False
