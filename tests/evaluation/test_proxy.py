import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
import responses

from evaluation import proxy
from evaluation.tracking import clean_props

from .conftest import load

EVENT_URL = "https://plausible.test/api/event"
SCRIPT_URL = "https://plausible.test/js/script.outbound-links.file-downloads.tagged-events.js"


@pytest.fixture(autouse=True)
def _fresh_proxy_state():
    proxy._local.update(script=None, script_at=0.0, down_until=0.0)
    yield
    proxy._local.update(script=None, script_at=0.0, down_until=0.0)


@pytest.fixture
def proxy_on(settings):
    settings.PLAUSIBLE_PROXY = True
    settings.PLAUSIBLE_DOMAIN = "prevention.brussels"
    settings.PLAUSIBLE_URL = "https://plausible.test"
    return settings


def post(client, data, **headers):
    return client.post("/stats/api/event", data=json.dumps(data), content_type="text/plain", **headers)


@responses.activate
def test_event_forwarded_with_visitor_headers_and_clean_props(client, proxy_on):
    responses.post(EVENT_URL, body="ok", status=202)
    response = post(
        client,
        {
            "n": "Service contact",
            "u": "https://prevention.brussels/fr/services/abc/?utm_source=qr&email=me@example.org",
            "d": "evil.example",
            "p": {
                "channel": "call",
                "category": "harm-reduction",
                "commune": "Je cherche de l'aide rue X",
                "name": "Bob",
            },
        },
        HTTP_USER_AGENT="Mozilla/5.0 test",
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 202
    sent = responses.calls[0].request
    body = json.loads(sent.body)
    assert body == {
        "name": "Service contact",
        "url": "https://prevention.brussels/fr/services/abc/?utm_source=qr",
        "domain": "prevention.brussels",
        "props": {"channel": "call", "category": "harm-reduction"},
    }
    assert sent.headers["User-Agent"] == "Mozilla/5.0 test"
    assert sent.headers["X-Forwarded-For"] == "203.0.113.9"


@responses.activate
def test_every_documented_event_request_shape_is_accepted(client, proxy_on):
    """The Events API examples (events_api_cases.json): valid ones are forwarded, the 400 ones refused here."""
    responses.post(EVENT_URL, body="ok", status=202)
    for case in load("events_api_cases.json")["examples"]:
        if "request" not in case:
            continue
        response = post(client, case["request"])
        if case["status"] == 202 and case["request"]["name"] == "pageview":
            assert response.status_code == 202
        else:
            assert (
                response.status_code == 400
            )  # no url, blank name, or an event not on the allow-list ("Purchase")


@responses.activate
def test_dropped_header_is_not_an_error(client, proxy_on):
    responses.post(EVENT_URL, body="ok", status=202, headers={"x-plausible-dropped": "1"})
    assert post(client, {"n": "pageview", "u": "https://prevention.brussels/nl/"}).status_code == 202


@pytest.mark.parametrize(
    "data",
    [
        {"n": "Login", "u": "https://prevention.brussels/"},
        {"n": "pageview"},
        {"n": "pageview", "u": "javascript:alert(1)"},
        ["x"],
    ],
)
def test_bad_events_refused_and_not_forwarded(client, proxy_on, data):
    with responses.RequestsMock() as mock:  # any request would fail the test
        response = post(client, data)
        assert len(mock.calls) == 0
    assert response.status_code == 400


def test_invalid_json_and_huge_bodies(client, proxy_on):
    assert client.post("/stats/api/event", data="{nope", content_type="text/plain").status_code == 400
    big = json.dumps({"n": "pageview", "u": "https://prevention.brussels/", "x": "a" * 5000})
    assert client.post("/stats/api/event", data=big, content_type="text/plain").status_code == 400


@responses.activate
def test_upstream_timeout_gives_502_quickly(client, proxy_on):
    responses.post(EVENT_URL, body=requests.ReadTimeout("slow"))
    assert post(client, {"n": "pageview", "u": "https://prevention.brussels/fr/"}).status_code == 502
    assert len(responses.calls) == 1  # one attempt: no retries on the visitor's time


@responses.activate
def test_script_is_fetched_once_and_cached(client, proxy_on):
    responses.get(SCRIPT_URL, body="!function(){}();", content_type="application/javascript")
    for _ in range(3):
        response = client.get("/stats/js/script.js")
        assert response.status_code == 200
        assert response.content == b"!function(){}();"
    assert response["Content-Type"].startswith("application/javascript")
    assert len(responses.calls) == 1


@responses.activate
def test_script_upstream_down_is_a_script_that_does_nothing_not_500(client, proxy_on):
    responses.get(SCRIPT_URL, body=requests.ConnectionError("down"))
    response = client.get("/stats/js/script.js")
    assert response.status_code == 200 and response["X-Analytics"] == "unavailable"
    assert response.content == b"/* analytics unavailable */"


def test_proxy_off_is_404(client, settings, db):
    settings.PLAUSIBLE_PROXY = False
    # Not served: the language middleware then tries /fr/stats/... which is a plain 404.
    assert client.get("/stats/js/script.js", follow=True).status_code == 404
    assert client.post("/stats/api/event", data="{}", content_type="text/plain").status_code in (302, 404)


def test_get_on_event_is_refused(client, proxy_on):
    assert client.get("/stats/api/event").status_code == 405


@pytest.mark.parametrize(
    ("event", "props", "kept", "dropped"),
    [
        (
            "Directory search",
            {"category": "housing", "commune": "21004", "q": "free text"},
            {"category": "housing", "commune": "21004"},
            ["q"],
        ),
        ("Directory search", {"category": "two words"}, {}, ["category"]),
        ("Directory search", {"category": "x@y.z"}, {}, ["category"]),
        ("Service contact", {"channel": "fax"}, {}, ["channel"]),
        ("Video play", {"progress": "50", "video": "intro-fr"}, {"progress": "50", "video": "intro-fr"}, []),
        ("Unknown", {"a": "b"}, {}, ["a"]),
        ("Helpline click", {"line": True}, {}, ["line"]),
        ("Outbound Link: Click", {"url": "https://example.org/page?token=1"}, {}, ["url"]),
        (
            "Outbound Link: Click",
            {"url": "https://example.org/page"},
            {"url": "https://example.org/page"},
            [],
        ),
    ],
)
def test_allow_list(event, props, kept, dropped):
    assert clean_props(event, props) == (kept, dropped)


# --- Plausible failing or slow never stalls the site (issue 13) ---------------------------------------------


@responses.activate
def test_script_failure_is_remembered_so_page_views_do_not_retry_upstream(client, proxy_on):
    responses.get(SCRIPT_URL, status=500, body="oops")
    for _ in range(5):
        response = client.get("/stats/js/script.js")
        assert response.status_code == 200 and response["X-Analytics"] == "unavailable"
        assert "max-age=30" in response["Cache-Control"]  # the browser asks again soon, not on every page
    assert len(responses.calls) == 1


@responses.activate
def test_an_old_script_is_served_while_plausible_fails(client, proxy_on):
    from django.core.cache import cache

    responses.get(SCRIPT_URL, body="!function(){}();", content_type="application/javascript")
    assert client.get("/stats/js/script.js").status_code == 200
    cache.clear()  # the shared copy expired (or Redis is down)
    proxy._local["script_at"] -= proxy.SCRIPT_CACHE_SECONDS + 1  # and the process's copy is old
    responses.replace(responses.GET, SCRIPT_URL, status=502)
    response = client.get("/stats/js/script.js")
    assert response.status_code == 200 and response.content == b"!function(){}();"


@responses.activate
def test_events_are_dropped_at_once_while_plausible_is_down(client, proxy_on):
    responses.post(EVENT_URL, status=500)
    event = {"n": "pageview", "u": "https://prevention.brussels/fr/"}
    assert post(client, event).status_code == 502
    for _ in range(3):
        dropped = post(client, event)
        assert dropped.status_code == 202 and dropped["X-Analytics"] == "unavailable"
    assert len(responses.calls) == 1


class _SlowPlausible(BaseHTTPRequestHandler):
    delay = 3.0

    def do_GET(self):
        time.sleep(self.delay)
        try:
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"!function(){}();")
        except OSError:  # the proxy gave up long ago
            pass

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def slow_plausible(proxy_on):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlowPlausible)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    proxy_on.PLAUSIBLE_URL = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


def test_a_slow_plausible_holds_a_request_at_most_a_second(client, slow_plausible):
    started = time.monotonic()
    assert client.get("/stats/js/script.js")["X-Analytics"] == "unavailable"
    assert time.monotonic() - started < 1.3
    started = time.monotonic()
    assert (
        post(client, {"n": "pageview", "u": "https://prevention.brussels/fr/"})["X-Analytics"]
        == "unavailable"
    )
    assert client.get("/stats/js/script.js")["X-Analytics"] == "unavailable"
    assert time.monotonic() - started < 0.3  # the failure is remembered


def test_event_alone_against_a_slow_plausible_takes_at_most_a_second(client, slow_plausible):
    started = time.monotonic()
    assert post(client, {"n": "pageview", "u": "https://prevention.brussels/fr/"}).status_code == 502
    assert time.monotonic() - started < 1.3
