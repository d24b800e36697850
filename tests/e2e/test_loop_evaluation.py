"""The engagement loop of issue 15, end to end in Chromium on the production settings:

a young person on a phone opens an influencer's tracked link (/go/…), lands on the campaign page and taps a
helpline; the page's events reach the Plausible double (tools/plausible_double.py) through the site's own proxy
(/stats/api/event, 202, none refused); `manage.py sync_plausible` pulls the day from the double; an analyst opens
the campaign report — in a French and in a Dutch admin — and sees the tap in the path to help and the visit in the
influencer's roll-up. The site's own click counter counted the link once.
"""

from __future__ import annotations

import os
import re
import time
from datetime import UTC, datetime, timedelta

import pytest
import requests
from django.utils import translation
from playwright.sync_api import expect

from tools.live_site import ROOT, live_site
from tools.plausible_double import PlausibleDouble

from .conftest import PHONE, _context, staff_login

KEY, SITE = "e2e-loop-key", "prevention.loop"
LINK = "demo0fr"  # the demo's first influencer post (demo/scheduling.py), French variant
CAMPAIGN = "dope-talk-2026"  # the campaign page's code, carried by its posts


@pytest.fixture(scope="module")
def double():
    with PlausibleDouble(api_key=KEY, site_id=SITE) as double:
        yield double


@pytest.fixture(scope="module")
def loop_live(double, mail_server):
    env = {
        "PLAUSIBLE_URL": double.url,
        "PLAUSIBLE_API_KEY": KEY,
        "PLAUSIBLE_DOMAIN": SITE,
        "PLAUSIBLE_PROXY": "true",
    }
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)  # the `manage` commands of the live site read them too
    try:
        with live_site(workdir=ROOT / ".e2e" / "loop", mail_port=mail_server.port, extra_env=env) as site:
            yield site
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _shell(live, code: str) -> str:
    return live.manage("shell", "-c", code).stdout.strip().splitlines()[-1]


def _wait_for(page, predicate, what: str, seconds: float = 30.0, context="") -> None:
    """Poll with Playwright's own wait: the context's route handler (no request may leave the machine) runs only
    while Playwright is called, so a plain sleep would hold the page's requests."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"not seen within {seconds} s: {what}{context}")


def _warm_proxy(live) -> None:
    """The proxy fetches the tracker from the double once per process (1 s budget) and, after a failure, stops
    calling it for 30 s: on a loaded machine the first fetch may miss. Ask every worker until each serves it."""
    deadline = time.monotonic() + 90
    served = 0
    while served < 6:
        response = requests.get(live.url("/stats/js/script.js"), timeout=10)
        if b"window.plausible" in response.content:
            served += 1
        else:
            served = 0
            assert time.monotonic() < deadline, response.headers
            time.sleep(2)


def _label(msgid_value: str, lang: str) -> str:
    from evaluation.tracking import value_label

    with translation.override(lang):
        return str(value_label(msgid_value))


def test_a_helpline_tap_from_an_influencer_link_reaches_the_campaign_report(browser, loop_live, double):
    yesterday = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0) - timedelta(days=1)
    day = yesterday.date().isoformat()
    # The evaluation tracks the demo campaign over yesterday (a TrackedCampaign: the sync fetches its exact
    # period figures after the daily ones).
    _shell(
        loop_live,
        "from evaluation.models import TrackedCampaign; import datetime as d; "
        f"day = d.date.fromisoformat('{day}'); "
        f"TrackedCampaign.objects.update_or_create(code='{CAMPAIGN}', defaults=dict(name='Dope talk (demo)', "
        f"utm_campaign='{CAMPAIGN}', path_prefixes='/fr/', starts_on=day, ends_on=day)); print('ok')",
    )
    clicks_before = int(
        _shell(
            loop_live,
            "from django.db.models import Sum; from campaigns.scheduling.models import ClickDay; "
            f"print(ClickDay.objects.filter(code='{LINK}').aggregate(n=Sum('count'))['n'] or 0)",
        )
    )

    # 1. The phone: the influencer's link, the campaign page, a tap on a helpline.
    _warm_proxy(loop_live)
    double.now = yesterday  # the Events API has no timestamp: the double stamps the journey yesterday
    phone = _context(browser, loop_live, locale="fr-BE", **PHONE)
    page = phone.new_page()
    proxied = []
    page.on(
        "response",
        lambda r: (
            proxied.append((r.status, r.request.post_data)) if r.url.endswith("/stats/api/event") else None
        ),
    )
    page.goto(f"/go/{LINK}")
    assert "utm_campaign=" + CAMPAIGN in page.url
    _wait_for(
        page,
        lambda: any(e.name == "Tracked link landing" for e in double.events),
        "the landing event",
        context=double.received,
    )
    page.locator("a[data-event='Helpline click']:visible").first.click(no_wait_after=True)
    _wait_for(
        page,
        lambda: any(e.name == "Helpline click" for e in double.events),
        "the helpline tap",
        context=double.received,
    )
    assert proxied and all(status == 202 for status, _body in proxied), proxied  # none refused by the proxy
    assert phone.outside_requests == []  # everything went through the site's own domain
    phone.close()
    double.now = None
    received = [r for r in double.received if r["path"] == "/api/event"]
    assert {r["body"]["name"] for r in received} >= {"pageview", "Tracked link landing", "Helpline click"}
    assert all(r["status"] == 202 for r in received)

    # The site's own counter counted the link once.
    clicks_after = int(
        _shell(
            loop_live,
            "from django.db.models import Sum; from campaigns.scheduling.models import ClickDay; "
            f"print(ClickDay.objects.filter(code='{LINK}').aggregate(n=Sum('count'))['n'] or 0)",
        )
    )
    assert clicks_after == clicks_before + 1

    # 2. The sync pulls yesterday from the double (daily series, then the campaign's exact period figures).
    loop_live.manage("sync_plausible", "--from", day, "--to", day)  # raises with the output when it fails

    # 3. The analyst reads the report, in French and in Dutch.
    influencer = _shell(
        loop_live,
        f"from campaigns.scheduling.models import Variant; print(Variant.objects.get(link_code='{LINK}')"
        ".deliverable.influencer.name)",
    )
    for lang, locale in (("fr", "fr-BE"), ("nl", "nl-BE")):
        _shell(
            loop_live,
            "from django.contrib.auth import get_user_model; from wagtail.users.models import UserProfile; "
            "p = UserProfile.get_for_user(get_user_model().objects.get(username='analyst')); "
            f"p.preferred_language = '{lang}'; p.save(); print('ok')",
        )
        context = _context(browser, loop_live, locale=locale, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        staff_login(page, loop_live, "analyst")
        page.goto(f"/admin/evaluation/campaign-report/?campaign={CAMPAIGN}&start={day}&end={day}")
        assert page.locator("html").get_attribute("lang").startswith(lang)
        tap = page.locator("tr[data-step=help_action]", has_text=_label("Helpline click", lang))
        expect(tap.locator(".evaluation-figure")).to_have_text("1")
        landing = page.locator("tr[data-step=landing]", has_text=_label("Tracked link landing", lang))
        expect(landing.locator(".evaluation-figure")).to_have_text("1")
        row = page.locator("table[data-dimension=influencer] tbody tr", has_text=influencer)
        expect(row.locator("td").first).to_have_text("1")  # one visitor came through that influencer's post
        by_language = page.locator(
            "table[data-dimension=language] tbody tr", has=page.locator("th", has_text=re.compile("^FR$"))
        )
        expect(by_language.locator("td").first).to_have_text("1")
        context.close()
