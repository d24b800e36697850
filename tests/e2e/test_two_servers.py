"""Scale out without surprises (issue 17): two app servers (two gunicorn processes on different ports, one worker
each) sharing PostgreSQL and Redis behind Varnish (deploy/varnish/default.vcl, tools/varnish.py), as in
production. A publication made on one is seen through Varnish and on the other at once; a helpline changed on one
shows on the other at once (memoised fragments are shared, keyed on the shared content version); rate limits,
login throttling and sessions are shared.

Needs PostgreSQL (E2E_DATABASE_URL, or a database of its own created on 127.0.0.1:5432), Redis on
127.0.0.1:6379 (database 11) and Debian's varnish (`.ci/run` installs it)."""

import http.cookiejar
import os
import re
import secrets
import shutil
import socket
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest
from playwright.sync_api import expect

from tools import varnish as varnish_tool
from tools.live_site import ROOT, free_port, live_site

from .conftest import admin_login

pytestmark = pytest.mark.e2e

REDIS = "redis://127.0.0.1:6379/11"


def _listening(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def database_url():
    if os.environ.get("E2E_DATABASE_URL"):
        yield os.environ["E2E_DATABASE_URL"] + "_two"
        return
    if not _listening(5432):
        pytest.skip("PostgreSQL is not running on 127.0.0.1:5432")
    yield f"postgres://postgres@127.0.0.1:5432/two_servers_{os.getpid()}"


@pytest.fixture(scope="module")
def servers(database_url):
    if not _listening(6379):
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    if not varnish_tool.available():
        pytest.skip("varnishd is missing: apt-get install -y varnish")
    import psycopg
    import redis

    redis.Redis.from_url(REDIS).flushdb()
    base, name = database_url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    cache_port = free_port()
    shared = {
        "SECRET_KEY": "two-servers-" + secrets.token_urlsafe(40),  # one deployment, one key
        "FRONTEND_CACHE_URL": f"http://127.0.0.1:{cache_port}",
        "RATELIMIT_ENABLE": "true",
        "RATELIMIT_SEARCH": "3/h",
        "LOGIN_FAILURE_LIMIT": "3",
        "PAGE_CACHE_ENABLED": "false",  # Varnish is the page cache here
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    workdir = ROOT / ".e2e" / "two-servers"
    shutil.rmtree(workdir / "media", ignore_errors=True)
    shared["MEDIA_ROOT"] = str(workdir / "media")  # shared storage, as S3 is in production
    try:
        with live_site(
            workdir=workdir / "a", database_url=database_url, redis_url=REDIS, workers=1, extra_env=shared
        ) as a:
            # The public address is the cache's: page URLs (and so purges) name it.
            a.manage("set_site", "--host", "127.0.0.1", "--port", str(cache_port))
            with live_site(
                workdir=workdir / "b",
                database_url=database_url,
                redis_url=REDIS,
                workers=1,
                prepare=False,
                extra_env=shared,
            ) as b:
                ports = [int(site.base_url.rsplit(":", 1)[1]) for site in (a, b)]
                with varnish_tool.varnish(
                    backend_ports=ports, workdir=workdir / "varnish", port=cache_port
                ) as v:
                    yield a, b, v
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _get(url, opener=None, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode(errors="replace")


def test_a_publication_on_one_server_is_seen_through_the_cache_and_on_the_other_at_once(browser, servers):
    a, b, cache = servers
    path = "/fr/a-propos/"
    statuses = [_get(cache.base_url + path)[1].get("X-Cache") for _ in range(3)]
    assert "hit" in statuses, statuses
    assert _get(b.url(path))[2].count("Nouvelle introduction") == 0

    editor = browser.new_context(base_url=a.base_url, locale="fr-BE").new_page()
    admin_login(editor, a)
    out = a.manage(
        "shell",
        "-c",
        "from home.models import StandardPage; print(StandardPage.objects.get(slug='a-propos').id)",
    )
    page_id = int(out.stdout.strip().splitlines()[-1])
    new_intro = f"Nouvelle introduction {uuid.uuid4().hex[:8]}."
    editor.goto(f"/admin/pages/{page_id}/edit/")
    editor.fill("#id_intro", new_intro)
    editor.click("footer .w-dropdown__toggle.button")
    editor.click("button[name=action-publish]")
    expect(editor.locator(".messages")).to_be_visible()

    # No waiting: the purge reached Varnish before the editor saw the message; B reads the shared state.
    status, headers, html = _get(cache.base_url + path)
    assert status == 200 and new_intro in html, headers.get("X-Cache")
    assert new_intro in _get(b.url(path))[2]
    assert new_intro in _get(a.url(path))[2]
    # Only that page and the lists that show it were purged: the campaign page is still a hit.
    _get(cache.base_url + "/fr/campagnes/dope-talk/")
    assert _get(cache.base_url + "/fr/campagnes/dope-talk/")[1].get("X-Cache") == "hit"


def test_a_helpline_changed_on_one_server_shows_on_the_other_at_once(servers):
    a, b, _cache = servers
    path = "/fr/produits/cannabis/"
    for site in (a, b, a, b):  # memo and fragments warm on both
        assert _get(site.url(path))[0] == 200
    name = f"Ligne {uuid.uuid4().hex[:6]}"
    a.manage(
        "shell",
        "-c",
        "from home.models import Helpline; h = Helpline.objects.filter(locale__language_code='fr').first(); "
        f"h.name = {name!r}; h.save()",
    )
    assert name in _get(b.url(path))[2]
    assert name in _get(a.url(path))[2]


def test_rate_limits_are_shared(servers):
    a, b, _cache = servers
    statuses = [_get(site.url(f"/fr/aide/?q=limite{i}"))[0] for i, site in enumerate((a, b, a, b))]
    assert statuses[:3] == [200, 200, 200] and statuses[3] == 429, statuses


class _LoopbackPolicy(http.cookiejar.DefaultCookiePolicy):
    """settings.production marks the session and CSRF cookies Secure; a browser sends them to 127.0.0.1 over
    plain HTTP (a secure context), urllib does not unless told."""

    def return_ok_secure(self, cookie, request):
        return True


def _opener():
    jar = http.cookiejar.CookieJar(policy=_LoopbackPolicy())
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def test_varnish_never_shares_what_is_personal(servers):
    _a, _b, cache = servers
    for _ in range(2):
        assert _get(cache.base_url + "/fr/", headers={"Cookie": "foo=bar"})[0] == 200
    status, headers, _html = _get(cache.base_url + "/fr/", headers={"Cookie": "foo=bar"})
    assert headers.get("X-Cache") == "hit"  # other cookies are stripped: the anonymous page
    for _ in range(2):
        status, headers, _html = _get(cache.base_url + "/fr/", headers={"Cookie": "sessionid=whatever"})
        assert status == 200 and headers.get("X-Cache") == "miss"
    for _ in range(2):
        status, headers, _html = _get(cache.base_url + "/admin/login/")
        assert headers.get("X-Cache") == "miss" and "private" in headers.get("Cache-Control", "")


def _login_form(site, opener):
    _status, _headers, html = _get(site.url("/admin/login/"), opener)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return token


def _post_login(site, opener, username, password, token):
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/admin/"}
    ).encode()
    request = urllib.request.Request(
        site.url("/admin/login/"), data=data, headers={"Referer": site.url("/admin/login/")}
    )
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.geturl()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.geturl()


def test_login_throttling_is_shared(servers):
    a, b, _cache = servers
    opener = _opener()
    statuses = []
    for site in (a, b, a, b):
        token = _login_form(site, opener)
        statuses.append(_post_login(site, opener, "nobody-here", "wrong-password", token)[0])
    assert statuses[:2] == [200, 200] and 429 in statuses[2:], statuses


def test_a_session_opened_on_one_server_is_valid_on_the_other(servers):
    from .conftest import totp_code

    a, b, _cache = servers
    opener = _opener()
    token = _login_form(a, opener)
    status, url = _post_login(a, opener, a.admin_user, a.admin_password, token)
    assert "/admin/mfa/verify/" in url, (status, url)
    # The second step on the other server, with the session cookie the first one set.
    _status, _headers, html = _get(b.url("/admin/mfa/verify/"), opener)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "code": totp_code(a)}).encode()
    request = urllib.request.Request(
        b.url("/admin/mfa/verify/"), data=data, headers={"Referer": b.url("/admin/mfa/verify/")}
    )
    with opener.open(request, timeout=30) as response:
        assert response.geturl().endswith("/admin/"), response.geturl()
    status, headers, _html = _get(a.url("/admin/"), opener)
    assert status == 200 and "private" in headers.get("Cache-Control", "")
