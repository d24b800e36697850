"""Reading configuration from the environment, with typed helpers and clear errors."""

import os

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}.") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name, "")
    items = [item.strip() for item in raw.split(",") if item.strip()]
    return items or list(default or [])


def env_rate(name: str, default: str) -> str:
    """A rate limit "<count>/<period>" with period s, m, h or d, optionally multiplied ("30/10m"); empty = off."""
    import re

    value = os.environ.get(name, default).strip()
    if value and not re.fullmatch(r"[0-9]+/[0-9]*[smhd]", value):
        raise ImproperlyConfigured(f"{name} must be a rate such as 120/m or 5/h, not {value!r}.")
    return value


def env_required(name: str) -> str:
    value = env_str(name)
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} is required in production.")
    return value


def _checked_base_url(explicit: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(explicit)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path.strip("/"):
        raise ImproperlyConfigured(
            f"WAGTAILADMIN_BASE_URL must be the site's address, such as https://prevention.brussels, "
            f"not {explicit!r}."
        )
    return explicit.rstrip("/")


def _url_from_trusted_origins(trusted_origins: list[str]) -> str | None:
    from urllib.parse import urlsplit

    for origin in trusted_origins:
        parts = urlsplit(origin)
        if parts.scheme in ("http", "https") and parts.hostname and "*" not in parts.netloc:
            return f"{parts.scheme}://{parts.netloc}"
    return None


def _url_from_allowed_hosts(allowed_hosts: list[str]) -> str | None:
    for host in allowed_hosts:
        if host and host != "*" and not host.startswith("."):
            return f"https://{host}"
    return None


def site_base_url(explicit: str, trusted_origins: list[str], allowed_hosts: list[str]) -> str:
    """The site's absolute URL for links in e-mails (WAGTAILADMIN_BASE_URL): the explicit value, checked; else the
    first CSRF_TRUSTED_ORIGINS entry; else https:// and the first ALLOWED_HOSTS name that is not a wildcard.
    Refuses to start when none gives a host, rather than link to a machine nobody can reach."""
    if explicit:
        return _checked_base_url(explicit)
    return (
        _url_from_trusted_origins(trusted_origins)
        or _url_from_allowed_hosts(allowed_hosts)
        or env_required("WAGTAILADMIN_BASE_URL")
    )


def database_from_url(url: str, **kwargs) -> dict:
    """A DATABASES entry from a URL. On PostgreSQL, JIT compilation is off: the site's queries are short, and
    PostgreSQL's cost estimate of the search's per-service subquery made it spend ~20 ms compiling a query
    that runs in ~15 ms (measured with EXPLAIN ANALYZE on 10,000 services)."""
    import dj_database_url

    database = dj_database_url.parse(url, **kwargs)
    if database["ENGINE"].endswith("postgresql"):
        options = database.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    return database


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a number, not {raw!r}.") from exc


def redis_cache(
    url: str, *, connect_timeout: float = 0.25, timeout: float = 0.25, key_prefix: str = "prevention"
) -> dict:
    """The CACHES entry for the shared Redis cache (django-redis), built so that Redis is never needed to read
    the site: a connection error or a timeout makes a read a miss and a write a no-op (IGNORE_EXCEPTIONS), for
    every user of the cache: the page cache, `home.memo`, the rate limits (which then fail open, see
    RATELIMIT_FAIL_OPEN), Wagtail's own reads (the site root paths, renditions) and the sitemap. Each call waits
    at most the connect / read timeout (seconds). The errors are logged by the `home.cache_outage` logger, at
    most once a minute (`home.logging.OncePerInterval`)."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": key_prefix,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": connect_timeout,
            "SOCKET_TIMEOUT": timeout,
        },
    }
