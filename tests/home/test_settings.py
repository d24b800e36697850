"""Configuration: production refuses to start without secrets; `check --deploy` is clean; layers hold."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROD_ENV = {"SECRET_KEY": "x" * 60 + "-prod-check", "ALLOWED_HOSTS": "prevention.brussels"}


def _run(args, extra_env, drop=()):
    env = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", *drop}
    }
    env.update({"DJANGO_SETTINGS_MODULE": "settings.production", **extra_env})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in PROD_ENV.items() if k != missing}
    result = _run(["check"], env)
    assert result.returncode != 0
    assert f"The environment variable {missing} is required in production" in result.stderr


def test_production_check_deploy_is_clean():
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], PROD_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_uses_real_services():
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], s.TASKS['default']['BACKEND'],"
        " s.EMAIL_BACKEND, s.OUTBOX_EMAIL_BACKEND, s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS,"
        " s.CACHES['default']['OPTIONS']['IGNORE_EXCEPTIONS'], s.AXES_HANDLER)"
    )
    env = {
        **PROD_ENV,
        "REDIS_URL": "redis://127.0.0.1:6379/1",
        "ANYMAIL_PROVIDER": "postmark",
        "DATABASE_URL": "postgres://u@db.example:5432/prevention",
    }
    result = _run(["shell", "-c", code], env)
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip().splitlines()[-1]
    assert (
        line.split()
        == [
            "django.db.backends.postgresql",
            "django_redis.cache.RedisCache",
            "django_tasks_db.DatabaseBackend",
            "home.mail.OutboxEmailBackend",  # queued in the request, delivered by the worker (home/outbox.py)
            "anymail.backends.postmark.EmailBackend",
            "True",
            "31536000",
            "True",  # a Redis outage makes reads misses and writes no-ops, never an error (settings.env.redis_cache)
            "axes.handlers.database.AxesDatabaseHandler",  # login throttling does not depend on Redis
        ]
    )


def test_embedded_defaults_need_nothing():
    from django.conf import settings

    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    assert settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")
    assert settings.PLAUSIBLE_DOMAIN == ""


def test_layer_contract():
    """home <- resources <- campaigns <- evaluation, and no app imports demo/ (import-linter contracts in
    pyproject.toml)."""
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'site'}:{ROOT}"}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_minimum_safe_versions():
    from importlib.metadata import version

    from packaging.version import Version

    assert Version(version("django")) >= Version("5.2.19")
    assert Version(version("wagtail")) >= Version("8.0.1")
    assert Version(version("wagtail-localize")) >= Version("1.14.5")


def test_production_page_cache_only_with_redis():
    code = "from django.conf import settings as s; print('home.cache.PageCacheMiddleware' in s.MIDDLEWARE)"
    with_redis = _run(["shell", "-c", code], {**PROD_ENV, "REDIS_URL": "redis://127.0.0.1:6379/1"})
    without = _run(["shell", "-c", code], PROD_ENV)
    assert with_redis.stdout.strip().splitlines()[-1] == "True"
    assert without.stdout.strip().splitlines()[-1] == "False"


def test_production_http_cache_from_the_environment():
    """FRONTEND_CACHE_URL: one Varnish backend per address, no language rewriting of purged URLs, and the in-app
    page cache off (Varnish keeps the pages) unless PAGE_CACHE_ENABLED says otherwise."""
    code = (
        "from django.conf import settings as s; "
        "print(sorted((k, v['BACKEND'], v['LOCATION']) for k, v in s.WAGTAILFRONTENDCACHE.items()), "
        "s.WAGTAILFRONTENDCACHE_LANGUAGES, 'home.cache.PageCacheMiddleware' in s.MIDDLEWARE, "
        "s.MIDDLEWARE.index('home.http_cache.CacheControlMiddleware') == 2)"
    )
    redis = {"REDIS_URL": "redis://127.0.0.1:6379/1"}
    out = (
        _run(
            ["shell", "-c", code],
            {**PROD_ENV, **redis, "FRONTEND_CACHE_URL": "http://10.0.0.5:6081, http://10.0.0.6:6081"},
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    assert out == (
        "[('varnish0', 'home.http_cache.VarnishBackend', 'http://10.0.0.5:6081'), "
        "('varnish1', 'home.http_cache.VarnishBackend', 'http://10.0.0.6:6081')] [] False True"
    )
    forced = (
        _run(
            ["shell", "-c", code],
            {**PROD_ENV, **redis, "FRONTEND_CACHE_URL": "http://10.0.0.5:6081", "PAGE_CACHE_ENABLED": "true"},
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    assert forced.endswith("True False")  # the page cache goes right after WhiteNoise, before Cache-Control


def test_plausible_without_proxy_is_allowed_by_origin_in_the_csp(monkeypatch):
    """The script and its events come from PLAUSIBLE_URL when not proxied: allowed by origin, not by nonce."""
    import importlib

    import settings.base as base

    monkeypatch.setenv("PLAUSIBLE_DOMAIN", "prevention.brussels")
    monkeypatch.setenv("PLAUSIBLE_URL", "https://stats.example.org")
    monkeypatch.setenv("PLAUSIBLE_PROXY", "false")
    try:
        reloaded = importlib.reload(base)
        directives = reloaded.CONTENT_SECURITY_POLICY["DIRECTIVES"]
        assert "https://stats.example.org" in directives["script-src"]
        assert "https://stats.example.org" in directives["connect-src"]
        monkeypatch.setenv("PLAUSIBLE_PROXY", "true")
        directives = importlib.reload(base).CONTENT_SECURITY_POLICY["DIRECTIVES"]
        assert "https://stats.example.org" not in directives["script-src"]
    finally:
        monkeypatch.undo()
        importlib.reload(base)


def test_postgresql_connections_turn_jit_off():
    from settings.env import database_from_url

    postgres = database_from_url("postgres://u@db:5432/prevention", conn_max_age=60)
    assert postgres["OPTIONS"]["options"] == "-c jit=off" and postgres["CONN_MAX_AGE"] == 60
    assert "OPTIONS" not in database_from_url("sqlite:////tmp/x.sqlite3") or not database_from_url(
        "sqlite:////tmp/x.sqlite3"
    )["OPTIONS"].get("options")
