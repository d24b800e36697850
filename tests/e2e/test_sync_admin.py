"""The analyst's sync journey in Chromium, on the production settings, against the Plausible double
(tools/plausible_double.py): sign in, open the sync log, start a sync, see it finish with its progress; a
Plausible answer in a wrong shape ends the run as failed with the reason in the analyst's language; the next start
resumes it and succeeds. The live site here has its own database and PLAUSIBLE_* pointing at the double."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import pytest
import requests
from playwright.sync_api import expect

from tools.live_site import ROOT, live_site
from tools.plausible_double import PlausibleDouble

from .conftest import _context, staff_login

KEY, SITE = "e2e-double-key", "prevention.e2e"
UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
TEXT = {
    "finished": {"fr": "Synchronisation terminée.", "nl": "Synchronisatie voltooid.", "en": "Sync finished."},
    "malformed": {
        "fr": "forme inattendue",
        "nl": "onverwachte vorm",
        "en": "unexpected shape",
    },
    "start": {"fr": "Lancer une synchronisation", "nl": "Synchronisatie starten", "en": "Start a sync"},
    "submit": {"fr": "Lancer la synchronisation", "nl": "Synchronisatie starten", "en": "Start the sync"},
}


@pytest.fixture(scope="module")
def double():
    with PlausibleDouble(api_key=KEY, site_id=SITE) as double:
        today = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0)
        for days_ago in range(1, 6):
            double.now = today - timedelta(days=days_ago)
            for n, path in enumerate(("/fr/", "/nl/", "/fr/aide/")):
                response = requests.post(
                    f"{double.url}/api/event",
                    json={"name": "pageview", "url": f"https://{SITE}{path}", "domain": SITE},
                    headers={"User-Agent": UA, "X-Forwarded-For": f"10.1.{days_ago}.{n}"},
                    timeout=5,
                )
                assert response.status_code == 202
        double.now = None
        yield double


@pytest.fixture(scope="module")
def plausible_live(double, mail_server):
    keys = ("PLAUSIBLE_URL", "PLAUSIBLE_API_KEY", "PLAUSIBLE_DOMAIN")
    saved = {key: os.environ.get(key) for key in keys}
    os.environ.update({"PLAUSIBLE_URL": double.url, "PLAUSIBLE_API_KEY": KEY, "PLAUSIBLE_DOMAIN": SITE})
    try:
        with live_site(workdir=ROOT / ".e2e" / "sync-admin", mail_port=mail_server.port) as site:
            yield site
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture
def page(browser, plausible_live):
    context = _context(browser, plausible_live, locale="fr-BE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def start_sync(page, lang):
    page.goto("/admin/evaluation_sync_runs/")
    page.get_by_role("link", name=TEXT["start"][lang]).first.click()
    page.wait_for_url("**/evaluation_sync_runs/start/")
    page.get_by_role("button", name=TEXT["submit"][lang]).click()
    page.wait_for_url("**/admin/evaluation_sync_runs/")


def test_analyst_starts_a_sync_sees_a_failure_in_their_language_and_resumes(page, plausible_live, double):
    staff_login(page, plausible_live, "analyst")
    page.goto("/admin/evaluation_sync_runs/")
    lang = (page.locator("html").get_attribute("lang") or "en")[:2]
    assert lang in TEXT["finished"]

    double.fail("wrong_shape", when=lambda body: "visit:utm_source" in body.get("dimensions", []))
    start_sync(page, lang)
    expect(page.locator(".messages")).to_contain_text(TEXT["malformed"][lang])
    first_row = page.locator("table.listing tbody tr").first
    expect(first_row).to_contain_text(TEXT["malformed"][lang])

    double.clear_faults()
    start_sync(page, lang)
    expect(page.locator(".messages")).to_contain_text(TEXT["finished"][lang])
    expect(page.locator("table.listing tbody tr").first).to_contain_text("30/30")
    assert not page.locator('meta[http-equiv="refresh"]').count()  # nothing running any more
    assert any(q.get("dimensions") == ["time:day", "event:page"] for q in double.queries)
