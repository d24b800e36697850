"""Shared fixtures. Every test runs with settings.test, on SQLite by default or on PostgreSQL when
DATABASE_URL is set (as .ci/run does)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_migrate
from django.utils import translation
from wagtail.models import Locale

from home.apps import is_last_migrated
from home.models import HomePage
from home.services import ensure_locales_and_home

E2E = Path(__file__).parent / "e2e"


def pytest_ignore_collect(collection_path, config):
    """The browser tests (tests/e2e) are not even imported unless `-m` selects e2e (`make e2e`): `make test`
    installs no Playwright (it is in the `e2e` extra)."""
    if collection_path != E2E:
        return None
    markexpr = config.getoption("markexpr") or ""
    selected = "e2e" in markexpr.replace("not e2e", "")
    return None if selected else True


def _set_up_site(app_config, using="default", **kwargs):
    """What a deployment runs after `migrate` (`set_site`): the home pages, which migrate no longer creates.
    Also after each flush of a transactional test (flush sends post_migrate)."""
    if is_last_migrated(app_config):
        ensure_locales_and_home(using=using)


post_migrate.connect(_set_up_site, dispatch_uid="tests.set_up_site")


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: an activate() left by a previous test in the same thread
    must not leak (the order of tests differs between workers and databases)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def locales(db):
    ensure_locales_and_home()
    return {code: Locale.objects.get(language_code=code) for code in ("fr", "nl")}


@pytest.fixture
def home_fr(locales):
    return HomePage.objects.get(locale=locales["fr"])


@pytest.fixture
def home_nl(locales):
    return HomePage.objects.get(locale=locales["nl"])


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.org", "pw-root-123456")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client
