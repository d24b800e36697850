"""Login throttling (django-axes, home/login_throttle.py): after LOGIN_FAILURE_LIMIT wrong passwords for one
account from one address, the admin sign-in is refused (429, a page in the person's language) even with the
right password, until the cool-off ends or the count is reset by a successful login."""

from datetime import timedelta

import pytest
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt, AccessLog
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "pw-editor-123456"
LOGIN = "/admin/login/"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)


@pytest.fixture
def other(django_user_model):
    return django_user_model.objects.create_superuser("other", "other@example.org", "pw-other-123456")


def _login(client, username, password, ip="192.0.2.10", language="fr"):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def _fail(client, username, times, ip="192.0.2.10"):
    for _ in range(times):
        response = _login(client, username, "wrong-password", ip=ip)
        assert response.status_code == 200  # the form again, with its error: not yet locked


def _lock(client, username, ip="192.0.2.10"):
    _fail(client, username, django_settings.AXES_FAILURE_LIMIT - 1, ip=ip)
    assert _login(client, username, "wrong-password", ip=ip).status_code == 429


def _signed_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_the_right_password_signs_in(client, editor):
    assert _signed_in(_login(client, "editor", PASSWORD))


def test_limit_failures_lock_out_even_the_right_password(client, editor, settings):
    _lock(client, "editor")
    response = _login(Client(), "editor", PASSWORD)
    assert response.status_code == 429
    assert response["Retry-After"] == str(60 * 60)
    assert response["Cache-Control"] == "no-store"


def test_lockout_page_is_in_french_and_in_dutch_and_styled_as_the_admin(client, editor, settings):
    _lock(client, "editor")
    french = _login(client, "editor", PASSWORD, language="fr").content.decode()
    assert "Trop de tentatives de connexion" in french
    assert "Réessayez dans 60 minutes" in french
    assert 'lang="fr"' in french and "wagtailadmin/css/core" in french
    dutch = _login(Client(), "editor", PASSWORD, language="nl").content.decode()
    assert "Te veel aanmeldpogingen" in dutch
    assert "Probeer het over 60 minuten opnieuw" in dutch


def test_other_accounts_and_other_addresses_are_not_affected(client, editor, other, settings):
    _lock(client, "editor")
    assert _login(Client(), "editor", PASSWORD).status_code == 429
    assert _signed_in(_login(Client(), "other", "pw-other-123456"))  # same address, other account
    assert _signed_in(_login(Client(), "editor", PASSWORD, ip="198.51.100.7"))  # same account, other address


def test_cool_off_expiry_lets_the_person_in(client, editor, settings):
    _lock(client, "editor")
    assert _login(client, "editor", PASSWORD).status_code == 429
    # The cool-off (LOGIN_COOLOFF_MINUTES) passes: the stored attempt is older than it.
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    assert _signed_in(_login(client, "editor", PASSWORD))


def test_a_successful_login_resets_the_count(client, editor, settings):
    _fail(client, "editor", settings.AXES_FAILURE_LIMIT - 1)
    assert _signed_in(_login(Client(), "editor", PASSWORD))
    assert not AccessAttempt.objects.exists()
    _fail(client, "editor", settings.AXES_FAILURE_LIMIT - 1)  # would be locked if the count had not restarted
    assert _signed_in(_login(Client(), "editor", PASSWORD))


def test_no_password_is_stored_and_no_log_of_successful_logins(client, editor, settings):
    _fail(client, "editor", 2)
    attempt = AccessAttempt.objects.get()
    assert attempt.failures_since_start == 2
    assert "wrong-password" not in attempt.post_data and "password=****" in attempt.post_data
    assert _signed_in(_login(client, "editor", PASSWORD))
    assert not AccessLog.objects.exists()  # AXES_DISABLE_ACCESS_LOG


def test_unknown_username_is_throttled_like_a_real_one(client, editor, settings):
    """No hint that an account exists: the same answers for a name that does not."""
    _lock(client, "nobody")
    assert _login(client, "nobody", "x").status_code == 429


def test_forwarded_for_is_used_only_behind_a_trusted_proxy(client, editor, settings):
    """Without TRUST_X_FORWARDED_FOR a forged header changes nothing; with it, the right-most entry (the one the
    proxy appended) is the address counted, not one the client put first."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": "editor", "password": "wrong"},
            REMOTE_ADDR="192.0.2.10",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    assert _login(Client(), "editor", PASSWORD).status_code == 429

    settings.TRUST_X_FORWARDED_FOR = True
    AccessAttempt.objects.all().delete()
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": "editor", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",  # the proxy
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.20",
        )
    locked = Client().post(
        LOGIN,
        {"username": "editor", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert locked.status_code == 429
    other_client = Client().post(
        LOGIN,
        {"username": "editor", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.21",
    )
    assert _signed_in(other_client)


@pytest.fixture
def cache_handler(settings):
    """settings.production with REDIS_URL: the counts live in the shared cache, not in the database."""
    settings.AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
    AxesProxyHandler.get_implementation(force=True)
    yield
    settings.AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
    AxesProxyHandler.get_implementation(force=True)


def test_cache_handler_locks_out_and_resets_on_success(cache_handler, client, editor, other, settings):
    _fail(client, "editor", settings.AXES_FAILURE_LIMIT - 1)
    assert _signed_in(_login(Client(), "editor", PASSWORD))  # resets the count
    _lock(client, "editor")
    assert _login(Client(), "editor", PASSWORD).status_code == 429
    assert _signed_in(_login(Client(), "other", "pw-other-123456"))
    assert not AccessAttempt.objects.exists()
