"""The site's public host (issue 13, findings 6 and 7): `manage.py set_site` sets the default Site's host and port
at deployment, and the sitemap, canonical link, og:url and JSON-LD use it; nothing of the query string (dropped
from the page cache's key) is rendered into a page."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Site

from home.cache import HEADER
from home.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(home_fr):
    page = StandardPage(title="À propos", slug="a-propos", intro="Version une.")
    home_fr.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def page_cache(settings):
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1, "home.cache.PageCacheMiddleware"
    )
    settings.MIDDLEWARE = middleware
    settings.PAGE_CACHE_ENABLED = True


def test_set_site_gives_the_public_host_to_the_sitemap_and_the_pages(client, about, home_nl, settings):
    settings.ALLOWED_HOSTS = ["*"]
    call_command("set_site", "--host", "prevention.brussels", "--port", "443")
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == (
        "prevention.brussels",
        443,
        "https://prevention.brussels",
    )
    # The sitemap is read through whatever host the proxy uses internally: every entry is on the public host.
    sitemap = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1").content.decode()
    assert "https://prevention.brussels/fr/a-propos/" in sitemap
    assert "localhost" not in sitemap and "127.0.0.1" not in sitemap
    html = client.get("/fr/a-propos/").content.decode()
    assert '<link rel="canonical" href="https://prevention.brussels/fr/a-propos/">' in html
    assert '<meta property="og:url" content="https://prevention.brussels/fr/a-propos/">' in html


def test_set_site_defaults_to_the_address_of_the_e_mails(locales, settings, monkeypatch):
    monkeypatch.delenv("SITE_HOST", raising=False)
    monkeypatch.delenv("SITE_PORT", raising=False)
    settings.WAGTAILADMIN_BASE_URL = "https://prevention.brussels"
    call_command("set_site")
    assert Site.objects.get(is_default_site=True).root_url == "https://prevention.brussels"
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    call_command("set_site")
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8123"


def test_set_site_reads_the_environment_and_refuses_nonsense(locales, monkeypatch, settings):
    settings.WAGTAILADMIN_BASE_URL = (
        "http://localhost:8000"  # a local default: never taken as the public host
    )
    monkeypatch.setenv("SITE_HOST", "prevention.example")
    monkeypatch.setenv("SITE_PORT", "8443")
    call_command("set_site")
    assert Site.objects.get(is_default_site=True).root_url == "http://prevention.example:8443"
    for args in (["--host", "https://x.example/"], ["--host", "x.example", "--port", "0"], ["--host", ""]):
        with pytest.raises(CommandError):
            call_command("set_site", *args)


def test_utm_values_of_the_first_visitor_are_not_served_to_the_next(page_cache, client, about):
    first = client.get("/fr/a-propos/?utm_source=first-visitor&utm_campaign=secret")
    assert first.status_code == 200 and first[HEADER] == "miss"
    assert "first-visitor" not in first.content.decode() and "utm_" not in first.content.decode()
    second = client.get("/fr/a-propos/")
    assert second[HEADER] == "hit"
    assert "first-visitor" not in second.content.decode()
