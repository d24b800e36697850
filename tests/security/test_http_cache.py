"""HTTP caching (home/http_cache.py, issue 17): Cache-Control on public and private responses, and the purges
sent to the HTTP cache (a local double speaking HTTP on the loopback, as Varnish does) — targeted on publish,
site-wide only for what every page shows, nothing for back-office saves."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings

from campaigns.models import ArticlePage
from campaigns.scheduling.models import Influencer
from home.http_cache import public_cache_control
from home.models import Helpline
from tests.campaigns import factories as f

pytestmark = pytest.mark.django_db

PUBLIC = "public, max-age=0, s-maxage=60"  # no stale-while-revalidate: browsers apply it too


def test_anonymous_page_is_public_with_a_shared_max_age(client, home_fr):
    index = f.campaign_index(home_fr)
    response = client.get(index.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == public_cache_control() == PUBLIC


@pytest.mark.parametrize("path", ["/fr/aide/?q=emploi", "/fr/aide/service/999999/"])
def test_directory_views_are_public_for_anonymous_visitors(client, locales, path):
    response = client.get(path)
    expected = PUBLIC if response.status_code == 200 else "private, no-cache"
    assert response["Cache-Control"] == expected


def test_signed_in_visitor_and_session_cookie_are_never_shared(admin_client, home_fr):
    response = admin_client.get(f.campaign_index(home_fr).url)
    assert response["Cache-Control"] == "private, no-store"


def test_admin_and_posts_are_private(admin_client, client, home_fr, locales):
    assert "private" in admin_client.get("/admin/")["Cache-Control"]
    quiz = f.quiz(locales["fr"])
    response = client.post(f"/fr/prevention/quiz/{quiz.pk}/", {})
    assert (
        response["Cache-Control"] in ("private, no-store", "no-store")
        or "no-cache" in response["Cache-Control"]
    )


def test_errors_are_not_shared_and_views_keep_their_own_header(client, locales):
    assert client.get("/fr/cette-page-n-existe-pas/")["Cache-Control"] == "private, no-cache"
    assert client.get("/robots.txt")["Cache-Control"] == "max-age=86400, public"


def test_a_response_that_sets_a_cookie_is_private(client, home_fr):
    from django.http import HttpResponse
    from django.test import RequestFactory

    from home.http_cache import cache_control_for

    request = RequestFactory().get("/fr/")
    response = HttpResponse("x")
    response.set_cookie("csrftoken", "abc")
    assert cache_control_for(request, response) == "private, no-cache"
    request.META["CSRF_COOKIE_USED"] = True
    assert cache_control_for(request, HttpResponse("x")) == "private, no-cache"


# --- Purges --------------------------------------------------------------------------------------------


class _Recorder(BaseHTTPRequestHandler):
    def _record(self):
        self.server.calls.append((self.command, self.path, self.headers.get("Host")))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PURGE = do_BAN = _record

    def log_message(self, *args):
        pass


@pytest.fixture
def http_cache(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.calls = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "home.http_cache.VarnishBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    settings.WAGTAILFRONTENDCACHE_LANGUAGES = []
    yield server.calls
    server.shutdown()
    server.server_close()


def test_publishing_purges_the_page_its_translation_and_the_lists_that_show_it(
    http_cache, home_fr, locales, django_capture_on_commit_callbacks
):
    index = f.campaign_index(home_fr)
    other = f.publish(index, ArticlePage(title="Autre", slug="autre"))
    article = f.publish(index, ArticlePage(title="Témoignage", slug="temoignage"))
    article_nl = article.copy_for_translation(locales["nl"], copy_parents=True)
    article_nl.save_revision().publish()
    http_cache.clear()

    article.title = "Témoignage revu"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    purged = {path for method, path, _host in http_cache if method == "PURGE"}
    assert purged == {article.url, article_nl.url, index.url, home_fr.url, article_nl.get_parent().url}
    assert other.url not in purged
    assert not [call for call in http_cache if call[0] == "BAN"]


def test_unpublishing_purges_the_page(http_cache, home_fr, django_capture_on_commit_callbacks):
    article = f.publish(f.campaign_index(home_fr), ArticlePage(title="Vieux", slug="vieux"))
    http_cache.clear()
    url = article.url
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert ("PURGE", url, "localhost") in {(m, p, h.split(":")[0]) for m, p, h in http_cache}


def test_a_snippet_shown_on_every_page_bans_the_host(http_cache, locales, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Helpline.objects.create(name="Infor-Drogues", locale=locales["fr"])
    assert [call[0] for call in http_cache] == ["BAN"]
    assert http_cache[0][2].split(":")[0] == "localhost"


def test_back_office_saves_purge_nothing(http_cache, locales, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    from home.cache import content_version

    version = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        influencer = Influencer.objects.create(name="Créatrice")
        influencer.name = "Créatrice bis"
        influencer.save()
    assert http_cache == []
    assert content_version() == version  # the in-app caches (memo, fragments, page cache) are kept too
    assert cache.get("pagecache:version") in (None, version)


def test_without_configuration_nothing_is_sent(home_fr, django_capture_on_commit_callbacks):
    assert not getattr(settings, "WAGTAILFRONTENDCACHE", None)
    with django_capture_on_commit_callbacks(execute=True):
        f.publish(f.campaign_index(home_fr), ArticlePage(title="Sans cache", slug="sans-cache"))
