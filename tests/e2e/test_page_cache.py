"""The page cache in the real stack: gunicorn (2 processes) + Redis, settings.production + the middleware
(bench/settings_cached.py). An editor's publication reaches anonymous visitors at once, whichever worker
answers; the editor is never served a cached page."""

import re
import socket
import time
import uuid

import pytest
from playwright.sync_api import expect

from tools.live_site import ROOT, live_site

from .conftest import admin_login

pytestmark = pytest.mark.e2e


def _redis_up():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def cached_live():
    if not _redis_up():
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    with live_site(
        workdir=ROOT / ".e2e" / "pytest-cached",
        redis_url="redis://127.0.0.1:6379/13",
        settings_module="bench.settings_cached",
    ) as site:
        yield site


def test_publication_reaches_anonymous_visitors_through_the_cache(browser, cached_live):
    visitor = browser.new_context(base_url=cached_live.base_url).new_page()
    headers = [visitor.goto("/fr/a-propos/").headers.get("x-page-cache") for _ in range(4)]
    assert "hit" in headers, headers

    editor = browser.new_context(base_url=cached_live.base_url, locale="fr-BE").new_page()
    admin_login(editor, cached_live)
    response = editor.goto("/fr/a-propos/")
    assert response.headers.get("x-page-cache") is None  # logged in: never from the cache
    out = cached_live.manage(
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

    time.sleep(1.2)  # each worker re-reads the cache version at most once a second
    for _ in range(4):  # both workers
        response = visitor.goto("/fr/a-propos/")
        assert new_intro in visitor.content(), response.headers.get("x-page-cache")
    assert re.search(r"hit|miss", visitor.goto("/fr/a-propos/").headers.get("x-page-cache", ""))
