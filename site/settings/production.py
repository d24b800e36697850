"""Production: PostgreSQL, Redis, a task worker, an e-mail provider through django-anymail, Plausible.

Refuses to start without SECRET_KEY and ALLOWED_HOSTS, or without a site address for e-mail links
(WAGTAILADMIN_BASE_URL, else derived from CSRF_TRUSTED_ORIGINS or ALLOWED_HOSTS). Every variable is listed in the README.
"""

from .base import *  # noqa: F403
from .env import (
    database_from_url,
    env_bool,
    env_float,
    env_int,
    env_list,
    env_required,
    env_str,
    redis_cache,
    site_base_url,
)

DEBUG = False
SECRET_KEY = env_required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    env_required("ALLOWED_HOSTS")
# Links in e-mails (Wagtail's notifications, scheduling reminders): never base's local default in production.
WAGTAILADMIN_BASE_URL = site_base_url(
    env_str("WAGTAILADMIN_BASE_URL"),
    CSRF_TRUSTED_ORIGINS,  # noqa: F405
    ALLOWED_HOSTS,
)

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/prevention"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}

if env_str("REDIS_URL"):
    # django-redis with IGNORE_EXCEPTIONS and short timeouts: with Redis down or slow, every page, the search,
    # the API and the admin sign-in still work, uncached (settings/env.py, redis_cache()).
    CACHES = {
        "default": redis_cache(
            env_str("REDIS_URL"),
            connect_timeout=env_float("REDIS_CONNECT_TIMEOUT", 0.25),
            timeout=env_float("REDIS_TIMEOUT", 0.25),
            key_prefix=env_str("REDIS_KEY_PREFIX", "prevention"),
        )
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "home.cache_outage"  # throttled to one record a minute (base settings, LOGGING)

# Failed logins are counted in the database (axes' database handler) with or without Redis: login throttling
# keeps working when the cache is down, and only failed attempts are written (AXES_DISABLE_ACCESS_LOG).

# Full-page cache for anonymous visitors of Wagtail pages (home/cache.py: purged on every publish and content
# change, never for the admin, forms, previews or logged-in users). Needs the shared Redis cache.
# Off by default behind an HTTP cache (FRONTEND_CACHE_URL): Varnish keeps the pages and purges them one by one.
if env_str("REDIS_URL") and env_bool("PAGE_CACHE_ENABLED", not env_list("FRONTEND_CACHE_URL")):
    MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
    MIDDLEWARE.insert(
        MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1, "home.cache.PageCacheMiddleware"
    )
    PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)

# HTTP cache in front (Varnish, deploy/varnish/default.vcl): Cache-Control on every response (home/http_cache.py)
# and, with FRONTEND_CACHE_URL (one or more Varnish addresses, comma-separated, e.g. http://127.0.0.1:6081),
# targeted purges through wagtail.contrib.frontend_cache: a published page, its translations and the pages that
# list it; every page of the host only when something shown on every page changes.
HTTP_CACHE_SECONDS = env_int("HTTP_CACHE_SECONDS", 60)  # s-maxage
HTTP_CACHE_BROWSER_SECONDS = env_int("HTTP_CACHE_BROWSER_SECONDS", 0)  # max-age
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 60)  # {% pagefragment %} (home/templatetags)
if env_list("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE = {
        f"varnish{index}": {"BACKEND": "home.http_cache.VarnishBackend", "LOCATION": location}
        for index, location in enumerate(env_list("FRONTEND_CACHE_URL"))
    }
    WAGTAILFRONTENDCACHE_LANGUAGES = []  # translations have their own slugs: purged page by page

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if env_str("S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET"),
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "region_name": env_str("S3_REGION") or None,
            "default_acl": None,
            "querystring_auth": True,
        },
    }

# E-mail: everything goes through the outbox (home/outbox.py: written in the request, sent by the task worker
# with EMAIL_TIMEOUT, retried, failed ones listed in the admin); OUTBOX_EMAIL_BACKEND delivers. The provider is
# chosen by ANYMAIL_PROVIDER (e.g. "mailgun", "postmark", "brevo", "amazon_ses") and its key by
# ANYMAIL_API_KEY. Without a provider, SMTP settings are used.
EMAIL_BACKEND = "home.mail.OutboxEmailBackend"
_provider = env_str("ANYMAIL_PROVIDER")
if _provider:
    OUTBOX_EMAIL_BACKEND = f"anymail.backends.{_provider}.EmailBackend"
    ANYMAIL = {
        f"{_provider.upper()}_API_KEY": env_str("ANYMAIL_API_KEY"),
        "WEBHOOK_SECRET": env_str("ANYMAIL_WEBHOOK_SECRET"),
        "REQUESTS_TIMEOUT": EMAIL_TIMEOUT,  # noqa: F405
    }
    if env_str("ANYMAIL_SENDER_DOMAIN"):
        ANYMAIL[f"{_provider.upper()}_SENDER_DOMAIN"] = env_str("ANYMAIL_SENDER_DOMAIN")
else:
    OUTBOX_EMAIL_BACKEND = "home.mail.SMTPEmailBackend"
    EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)

# HTTPS behind a proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_SAMESITE = "Lax"
