"""home.cache.PageCacheMiddleware: anonymous Wagtail pages only, never a personal or form page, purged on
publish and on content changes."""

import pytest
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import resolve

from home.cache import (
    HEADER,
    directory_changed,
    request_is_cacheable,
    response_is_cacheable,
)
from home.models import StandardPage
from tests.helplines import make_helpline

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
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


def test_second_anonymous_visit_is_served_from_the_cache_without_queries(
    page_cache, client, about, django_assert_num_queries
):
    first = client.get("/fr/a-propos/")
    assert first.status_code == 200 and first[HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/fr/a-propos/")
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "X-Frame-Options" in second


def test_languages_and_hosts_are_separate_entries(page_cache, client, about, home_nl):
    client.get("/fr/")
    assert client.get("/nl/")[HEADER] == "miss"
    assert client.get("/fr/", HTTP_HOST="other.example")[HEADER] == "miss"
    assert client.get("/fr/")[HEADER] == "hit"


def test_publishing_purges(page_cache, client, about):
    client.get("/fr/a-propos/")
    about.intro = "Version deux."
    about.save_revision().publish()
    response = client.get("/fr/a-propos/")
    assert response[HEADER] == "miss"
    assert "Version deux." in response.content.decode()


def test_unpublishing_purges(page_cache, client, about):
    client.get("/fr/a-propos/")
    about.unpublish()
    assert client.get("/fr/a-propos/").status_code == 404


def test_snippet_change_and_directory_signal_purge(page_cache, client, about, locales):
    client.get("/fr/a-propos/")
    make_helpline(locales["fr"], "Ligne test", "02 000 00 00")
    response = client.get("/fr/a-propos/")
    assert response[HEADER] == "miss" and "Ligne test" in response.content.decode()
    directory_changed.send(sender=None)
    assert client.get("/fr/a-propos/")[HEADER] == "miss"


def test_logged_in_editor_never_gets_or_fills_the_cache(page_cache, admin_client, about):
    client = Client()  # anonymous (the `client` fixture is the one admin_client logs in)
    client.get("/fr/a-propos/")  # an anonymous visitor fills the cache
    response = admin_client.get("/fr/a-propos/")
    assert HEADER not in response  # a session cookie: answered by Django (userbar), not from the cache
    # …and what the editor saw is never stored for anonymous visitors.
    admin_client.get("/fr/")
    assert client.get("/fr/")[HEADER] == "miss"


def test_admin_query_strings_and_non_pages_are_not_cached(page_cache, client, about):
    assert HEADER not in client.get("/admin/login/")
    assert HEADER not in client.get("/fr/a-propos/?q=x")
    assert client.get("/fr/a-propos/?utm_source=flyer")[HEADER] in ("hit", "miss")
    assert HEADER not in client.get("/robots.txt")
    assert HEADER not in client.get("/fr/nope/")  # 404
    assert HEADER not in client.post("/fr/a-propos/")


def _served(path="/fr/a-propos/"):
    request = RequestFactory().get(path)
    request.resolver_match = resolve(path)
    return request


@pytest.mark.parametrize(
    "spoil",
    [
        lambda req, resp: resp.set_cookie("x", "1"),
        lambda req, resp: get_token(req),
        lambda req, resp: resp.__setitem__("Cache-Control", "private, max-age=0"),
        lambda req, resp: setattr(resp, "content", b'<script nonce="abc"></script>'),
        lambda req, resp: setattr(resp, "content", b'<input name="csrfmiddlewaretoken" value="x">'),
        lambda req, resp: setattr(resp, "status_code", 404),
    ],
    ids=["set-cookie", "csrf-token", "private", "nonce", "csrf-in-body", "404"],
)
def test_personal_or_form_responses_are_refused(spoil, about):
    from django.http import HttpResponse

    request, response = _served(), HttpResponse(b"<p>page</p>")
    assert response_is_cacheable(request, response)
    spoil(request, response)
    assert not response_is_cacheable(request, response)


def test_requests_with_a_session_cookie_or_credentials_bypass():
    factory = RequestFactory()
    assert request_is_cacheable(factory.get("/fr/"))
    with_session = factory.get("/fr/")
    with_session.COOKIES["sessionid"] = "abc"
    assert not request_is_cacheable(with_session)
    assert not request_is_cacheable(factory.get("/fr/", HTTP_AUTHORIZATION="Basic eDp5"))
    assert not request_is_cacheable(factory.get("/admin/"))


def test_cache_outage_does_not_break_pages(page_cache, client, about, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr("home.cache.content_version", broken)
    assert client.get("/fr/a-propos/").status_code == 200


def test_disabled_by_setting(page_cache, settings, client, about):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/fr/a-propos/")
    assert HEADER not in client.get("/fr/a-propos/")


def test_pages_with_json_ld_and_analytics_are_cached(page_cache, client, home_fr, settings):
    """A fact sheet carries JSON-LD, and with Plausible on every page carries its script: neither needs a CSP
    nonce, so both can be kept (a nonce in the body makes a response uncacheable)."""
    from tests.campaigns import factories as f

    settings.PLAUSIBLE_DOMAIN = "prevention.brussels"
    settings.PLAUSIBLE_PROXY = True
    sheet = f.substance(f.substance_index(home_fr), "Cocaïne", "coke, C")
    first = client.get(sheet.url)
    html = first.content.decode()
    assert 'type="application/ld+json"' in html and 'src="/stats/js/script.js"' in html
    assert first[HEADER] == "miss"
    assert client.get(sheet.url)[HEADER] == "hit"
