"""Reading never depends on Redis (issue 13): with the production cache configuration (settings.env.redis_cache)
pointed at a Redis that refuses connections, every public page type, the searches, the HSDS API, the sitemap, the
forms and the admin sign-in answer as usual, uncached; the rate limits fail open and login throttling (axes'
database handler) still counts; the outage is logged at most once a minute."""

import logging

import pytest
from django.urls import reverse
from django.utils import translation

from home.cache import HEADER
from home.logging import OncePerInterval
from home.models import OutgoingEmail, StandardPage
from resources.models import ProblemReport
from settings.env import redis_cache
from tests.referrals.conftest import geography as geography  # the small geography (fixture)
from tests.referrals.conftest import three_services as three_services  # fixture
from tests.resources.conftest import make_service as make_service  # fixture

pytestmark = pytest.mark.django_db

DOWN = "redis://127.0.0.1:1/0"  # nothing listens on port 1: every connection is refused
PASSWORD = "pw-editor-123456"


@pytest.fixture
def redis_down(settings):
    """The production cache settings, with Redis unreachable, the page cache and the rate limits on."""
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    settings.DJANGO_REDIS_LOGGER = "home.cache_outage"
    settings.CACHES = {"default": redis_cache(DOWN)}
    settings.AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
    settings.RATELIMIT_ENABLE = True
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1, "home.cache.PageCacheMiddleware"
    )
    settings.MIDDLEWARE = middleware
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def about(home_fr):
    page = StandardPage(title="À propos", slug="a-propos", intro="Version une.")
    home_fr.add_child(instance=page)
    page.save_revision().publish()
    return page


def _url(name, *args, lang="fr"):
    with translation.override(lang):
        return reverse(name, args=args or None)


def test_every_public_page_type_answers_with_redis_down(redis_down, client, about, home_nl, three_services):
    fr, nl = three_services[0]
    paths = [
        "/fr/",
        "/nl/",
        "/fr/a-propos/",
        _url("resources:search") + "?q=aide",
        _url("resources:service", fr.pk),
        _url("resources:service", nl.pk, lang="nl"),
        _url("resources:neighbourhoods"),
        _url("campaigns:search") + "?q=cannabis",
        _url("referrals:slip") + f"?s={fr.pk}",
        _url("referrals:warm", three_services[2][0].pk),  # the one that accepts warm referrals
        "/api/hsds/services",
        "/sitemap.xml",
        "/admin/login/",
    ]
    for path in paths:
        for _repeat in range(2):  # the second read would be a hit with a working cache
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            assert response.get(HEADER) != "hit"


def test_forms_and_rate_limits_fail_open_with_redis_down(redis_down, client, make_service, settings):
    settings.DIRECTORY_MANAGERS_EMAILS = ["team@example.org"]
    settings.RATELIMITS = {**settings.RATELIMITS, "report": "1/h"}
    fr, _nl = make_service("Signalé")
    for _i in range(3):  # over the limit: no counter can be read, so the limit lets it through (fail open)
        response = client.post(_url("resources:service", fr.pk), {"reason": "phone"})
        assert response.status_code == 302
    assert ProblemReport.objects.count() == 3
    assert OutgoingEmail.objects.filter(kind="problem_report").count() == 3  # one e-mail each, in the outbox


def test_admin_sign_in_and_login_throttling_work_with_redis_down(redis_down, client, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    response = client.post("/admin/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    client.logout()
    for _i in range(settings_limit() - 1):
        assert client.post("/admin/login/", {"username": "editor", "password": "wrong"}).status_code == 200
    assert client.post("/admin/login/", {"username": "editor", "password": "wrong"}).status_code == 429
    assert client.post("/admin/login/", {"username": "editor", "password": PASSWORD}).status_code == 429


def settings_limit():
    from django.conf import settings

    return settings.AXES_FAILURE_LIMIT


def test_the_outage_is_logged_at_most_once_a_minute(redis_down, client, home_fr, caplog):
    with caplog.at_level(logging.WARNING, logger="home.cache_outage"):
        for _i in range(10):
            assert client.get("/fr/").status_code == 200
    records = [r for r in caplog.records if r.name == "home.cache_outage"]
    assert len(records) <= 1  # the filter's state is per process: an earlier test may have logged it


def test_once_per_interval_filter_counts_what_it_drops():
    now = [1000.0]
    throttle = OncePerInterval(60, clock=lambda: now[0])

    def record(msg="Exception ignored"):
        return logging.LogRecord("home.cache_outage", logging.ERROR, __file__, 1, msg, None, None)

    assert throttle.filter(record())
    assert not throttle.filter(record())
    assert throttle.filter(record("another message"))
    now[0] += 30
    assert not throttle.filter(record())
    now[0] += 31
    again = record()
    assert throttle.filter(again)
    assert "2 similar messages" in again.getMessage()
