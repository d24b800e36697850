"""The engagement loop of issue 15, end to end in Chromium on the production settings:

a young person on a phone opens an influencer's tracked link (/go/…), lands on the campaign page and taps a
helpline; the page's events reach the Plausible double (tools/plausible_double.py) through the site's own proxy
(/stats/api/event, 202, none refused); `manage.py sync_plausible` pulls the day from the double; an analyst opens
the campaign report — in a French and in a Dutch admin — and sees the tap in the path to help and the visit in the
influencer's roll-up. The site's own click counter counted the link once.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from playwright.sync_api import expect

from .conftest import PHONE, _context, staff_login
from .plausible_loop import label, set_analyst_language, shell, wait_for, warm_proxy

KEY, SITE = "e2e-loop-key", "prevention.loop"  # of the module's Plausible double (conftest.plausible_double)
LIVE_WORKDIR = "loop"  # of the module's live site (conftest.plausible_live)
LINK = "demo0fr"  # the demo's first influencer post (demo/scheduling.py), French variant
CAMPAIGN = "dope-talk-2026"  # the campaign page's code, carried by its posts


def _clicks(live) -> int:
    """The site's own click counter of the link."""
    return int(
        shell(
            live,
            "from django.db.models import Sum; from campaigns.scheduling.models import ClickDay; "
            f"print(ClickDay.objects.filter(code='{LINK}').aggregate(n=Sum('count'))['n'] or 0)",
        )
    )


def _phone_taps_a_helpline(browser, live, double) -> None:
    """The influencer's link, the campaign page, a tap on a helpline: every event through the site's proxy."""
    phone = _context(browser, live, locale="fr-BE", **PHONE)
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
    wait_for(
        page,
        lambda: any(e.name == "Tracked link landing" for e in double.events),
        "the landing event",
        context=double.received,
    )
    page.locator("a[data-event='Helpline click']:visible").first.click(no_wait_after=True)
    wait_for(
        page,
        lambda: any(e.name == "Helpline click" for e in double.events),
        "the helpline tap",
        context=double.received,
    )
    assert proxied and all(status == 202 for status, _body in proxied), proxied  # none refused by the proxy
    assert phone.outside_requests == []  # everything went through the site's own domain
    phone.close()


def _analyst_reads_the_report(browser, live, lang: str, locale: str, day: str, influencer: str) -> None:
    set_analyst_language(live, lang)
    context = _context(browser, live, locale=locale, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    staff_login(page, live, "analyst")
    page.goto(f"/admin/evaluation/campaign-report/?campaign={CAMPAIGN}&start={day}&end={day}")
    assert page.locator("html").get_attribute("lang").startswith(lang)
    tap = page.locator("tr[data-step=help_action]", has_text=label("Helpline click", lang))
    expect(tap.locator(".evaluation-figure")).to_have_text("1")
    landing = page.locator("tr[data-step=landing]", has_text=label("Tracked link landing", lang))
    expect(landing.locator(".evaluation-figure")).to_have_text("1")
    row = page.locator("table[data-dimension=influencer] tbody tr", has_text=influencer)
    expect(row.locator("td").first).to_have_text("1")  # one visitor came through that influencer's post
    by_language = page.locator(
        "table[data-dimension=language] tbody tr", has=page.locator("th", has_text=re.compile("^FR$"))
    )
    expect(by_language.locator("td").first).to_have_text("1")
    context.close()


def test_a_helpline_tap_from_an_influencer_link_reaches_the_campaign_report(
    browser, plausible_live, plausible_double
):
    loop_live, double = plausible_live, plausible_double
    yesterday = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0) - timedelta(days=1)
    day = yesterday.date().isoformat()
    # The evaluation tracks the demo campaign over yesterday (a TrackedCampaign: the sync fetches its exact
    # period figures after the daily ones).
    shell(
        loop_live,
        "from evaluation.models import TrackedCampaign; import datetime as d; "
        f"day = d.date.fromisoformat('{day}'); "
        f"TrackedCampaign.objects.update_or_create(code='{CAMPAIGN}', defaults=dict(name='Dope talk (demo)', "
        f"utm_campaign='{CAMPAIGN}', path_prefixes='/fr/', starts_on=day, ends_on=day)); print('ok')",
    )
    clicks_before = _clicks(loop_live)

    # 1. The phone: the influencer's link, the campaign page, a tap on a helpline.
    warm_proxy(loop_live)
    double.now = yesterday  # the Events API has no timestamp: the double stamps the journey yesterday
    _phone_taps_a_helpline(browser, loop_live, double)
    double.now = None
    received = [r for r in double.received if r["path"] == "/api/event"]
    assert {r["body"]["name"] for r in received} >= {"pageview", "Tracked link landing", "Helpline click"}
    assert all(r["status"] == 202 for r in received)

    # The site's own counter counted the link once.
    assert _clicks(loop_live) == clicks_before + 1

    # 2. The sync pulls yesterday from the double (daily series, then the campaign's exact period figures).
    loop_live.manage("sync_plausible", "--from", day, "--to", day)  # raises with the output when it fails

    # 3. The analyst reads the report, in French and in Dutch.
    influencer = shell(
        loop_live,
        f"from campaigns.scheduling.models import Variant; print(Variant.objects.get(link_code='{LINK}')"
        ".deliverable.influencer.name)",
    )
    for lang, locale in (("fr", "fr-BE"), ("nl", "nl-BE")):
        _analyst_reads_the_report(browser, loop_live, lang, locale, day, influencer)
