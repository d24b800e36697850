"""The "Done means" journey of issue 15, in Chromium on the production settings, with PLAUSIBLE_DOMAIN,
PLAUSIBLE_URL (the Plausible double, tools/plausible_double.py) and PLAUSIBLE_PROXY set.

A young person on a phone opens an influencer's tracked link (/go/<a demo post's code>), and on the campaign page
and the pages it leads to produces every event of the taxonomy (home/events.py) that a visit can produce: the
landing, a video play, a quiz and a self-check completed, a mix checked, a directory search, a service's page and
its four contacts (call, e-mail, website, route), a referral slip, a warm referral, a problem report, a share, a
helpline tap, a link to another site and a page that does not exist. A second phone scans the poster at the Gare
du Midi (/go/<the demo poster's code>). Every event goes through the site's proxy (/stats/api/event: 202, none
refused) to the double, which records it; what the double received carries codes only — nothing the visitor
typed (the search, the report, the person's name), no address. `manage.py sync_plausible` pulls the day; an
analyst (password and authenticator code) opens the campaign report and reads the path to help and the
per-influencer, per-platform and per-hotspot roll-ups, non-zero from this journey.

Not produced: `File Download` (Plausible's own script sends it for a link to a document; no public demo page
links one).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from home.events import CODE_RE, EVENTS

from .conftest import PHONE, _context, staff_login
from .plausible_loop import label, set_analyst_language, shell, wait_for, warm_proxy

KEY, SITE = "e2e-every-event-key", "prevention.every-event"  # of the module's Plausible double (conftest)
LIVE_WORKDIR = "loop-every-event"  # of the module's live site (conftest.plausible_live)
LINK = "demo0fr"  # the demo's first influencer post (demo/scheduling.py), French variant
POSTER = "demo-gare-du-midi"  # the demo's poster at the Gare du Midi
HOTSPOT = "gare-du-midi"
SERVICE = "Modus Vivendi"
# What the visitor types: none of it may reach Plausible.
TYPED = {
    "query": SERVICE,
    "report": "Ferme le mardi depuis novembre, appelez avant",
    "name": "Samira",
}
NOT_PRODUCED = {"File Download"}  # see the module's docstring
# Another phone (another visitor for Plausible, whose visitor hash is of the address and the browser).
OTHER_PHONE_UA = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile "
    "Safari/537.36"
)
# Sites the visitor chooses to open (a video, a route, a service's website): answered here with "204 No Content",
# so the page stays and nothing leaves the machine.
ELSEWHERE = re.compile(
    r"^https://(www\.youtube-nocookie\.com|www\.youtube\.com|www\.openstreetmap\.org|modusvivendi\.example)/"
)
URL_PROP = re.compile(r"^https?://[^\s?#@]{1,300}$")
IP = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")


def _t(msgid: str, lang: str = "fr") -> str:
    with translation.override(lang):
        return translation.gettext(msgid)


def _url(name: str, lang: str = "fr", **kwargs) -> str:
    with translation.override(lang):
        return reverse(name, **kwargs)


class Journey:
    """A phone whose every event request to the proxy is recorded with the proxy's answer."""

    def __init__(self, browser, live, double, **options):
        self.double = double
        self.context = _context(browser, live, locale="fr-BE", **PHONE, **options)
        self.proxied: list[tuple[int, dict]] = []
        self.elsewhere: list[str] = []
        self.page = self.new_page()

    def new_page(self):
        page = self.context.new_page()
        page.on("response", self._record)
        page.route(ELSEWHERE, self._elsewhere)
        return page

    def _record(self, response):
        if response.url.endswith("/stats/api/event"):
            self.proxied.append((response.status, json.loads(response.request.post_data or "null")))

    def _elsewhere(self, route):
        self.elsewhere.append(route.request.url)
        route.fulfill(status=204)

    def seen(self, name: str, **props) -> int:
        return sum(
            1
            for e in self.double.events
            if e.name == name and all(e.props.get(k) == v for k, v in props.items())
        )

    def expect_event(self, name: str, before: int = 0, **props) -> None:
        wait_for(
            self.page,
            lambda: self.seen(name, **props) > before,
            f"{name} {props or ''}",
            context=f"\nproxied: {self.proxied[-5:]}",
        )

    def tap(self, locator, name: str, **props) -> None:
        """A tap on a link that carries an event, and the event at the double."""
        before = self.seen(name, **props)
        locator.click(no_wait_after=True)
        self.expect_event(name, before, **props)

    def tap_in_a_tab(self, url: str, selector: str, name: str, **props) -> None:
        """A tap on a tel: or mailto: link, in a tab of its own: headless Chromium swallows every click on such a
        link in a tab that has already handed one to the system (a phone hands each to its dialler or mail app)."""
        page, self.page = self.page, self.new_page()
        try:
            self.page.goto(url)
            self.tap(self.page.locator(selector).first, name, **props)
        finally:
            self.page.close()
            self.page = page

    def close(self):
        assert self.context.outside_requests == [], self.context.outside_requests
        self.context.close()


def _phone_journey(journey: Journey, live) -> None:
    page = journey.page
    # 1. The influencer's link: the campaign page, with the post's utm_* in the address.
    page.goto(f"/go/{LINK}")
    assert "utm_campaign=dope-talk-2026" in page.url, page.url
    campaign_url = page.url.split("?")[0]
    journey.expect_event("Tracked link landing", campaign="dope-talk-2026", medium="influencer")
    journey.expect_event("pageview")

    # 2. Engagement: a video (the page follows the link once the event is sent), the quiz, the self-check.
    journey.tap(page.locator("a.cvideo__play").first, "Video play", provider="youtube")
    # The player loads in place once tapped (the facade), and the page stays.
    wait_for(page, lambda: any("youtube-nocookie.com/embed/" in u for u in journey.elsewhere), "the player")
    assert not any("youtube.com/watch" in url for url in journey.elsewhere), journey.elsewhere
    for form_action, event in (
        ("/prevention/quiz/", "Quiz completed"),
        ("/prevention/self-check/", "Self-check completed"),
    ):
        page.goto(campaign_url)
        form = page.locator(f"form[action*='{form_action}']")
        for fieldset in form.locator("fieldset").all():
            fieldset.locator("input[type=radio]").first.check()
        before = journey.seen(event, lang="fr")
        form.locator("button[type=submit]").click()
        journey.expect_event(event, before, lang="fr")

    # 3. The mixing checker.
    page.goto(_url("campaigns:mix"))
    options = page.locator("#mix-a option:not([value=''])").evaluate_all("os => os.map(o => o.value)")
    page.select_option("#mix-a", options[0])
    page.select_option("#mix-b", options[1])
    page.locator("form.mix-form button[type=submit]").first.click()
    journey.expect_event("Mix checked", lang="fr")

    # 4. Help seen: a directory search (typed), the service's page.
    page.goto(_url("resources:search"))
    page.fill("input[name=q]", TYPED["query"])
    page.locator("form.directory-form button[type=submit]").first.click()
    journey.expect_event("Directory search", results="some")
    page.locator("ol.results a", has_text=SERVICE).first.click()
    expect(page.locator("h1")).to_contain_text(SERVICE)
    journey.expect_event("Service view", category="harm_reduction")
    service_url = page.url

    # 5. Help actions: the service's four contacts.
    journey.tap_in_a_tab(
        service_url, "a[href^='tel:'][data-event='Service contact']", "Service contact", channel="call"
    )
    journey.tap_in_a_tab(
        service_url, "a[href^='mailto:'][data-event='Service contact']", "Service contact", channel="email"
    )
    journey.tap(
        page.locator("a[data-event='Service contact'][data-prop-channel=website]").first,
        "Service contact",
        channel="website",
    )
    journey.expect_event("Outbound Link: Click", url="https://modusvivendi.example/")
    wait_for(page, lambda: any("modusvivendi.example" in u for u in journey.elsewhere), "the website")
    journey.tap(
        page.locator("a[data-event='Service contact'][data-prop-channel=route]").first,
        "Service contact",
        channel="route",
    )

    # 6. A problem with the listing, reported in the visitor's words.
    page.goto(service_url)
    page.locator("section.report summary").click()
    page.locator("section.report input[type=radio]").first.check()
    page.fill("section.report textarea", TYPED["report"])
    page.locator("section.report button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text(
        _t("Thank you. The directory team will check this listing.")
    )
    journey.expect_event("Problem reported")

    # 7. A referral slip, then a warm referral to the service (the person's name typed).
    page.goto(service_url)
    page.get_by_role("link", name=_t("Add to referral slip")).click()
    page.wait_for_url(re.compile(re.escape(_url("referrals:slip"))))
    journey.expect_event("Referral slip", lang="fr")
    page.get_by_role("link", name=_t("Tell the service someone is coming")).click()
    page.fill("input[name=name]", TYPED["name"])
    page.select_option("select[name=language]", "fr")
    page.check("input[name=contact][value=come_by]")
    page.check("input[name=consent]")
    page.get_by_role("button", name=_t("Send the notice")).click()
    expect(page.locator(".messages")).to_contain_text(_t("The service has been told that someone is coming."))
    journey.expect_event("Warm referral sent")

    # 8. Back on the campaign page: a share, a helpline tap. Then a page that does not exist.
    journey.tap_in_a_tab(campaign_url, "a[data-event=Share][href^='mailto:']", "Share", network="email")
    journey.tap_in_a_tab(campaign_url, "a[data-event='Helpline click']:visible", "Helpline click", lang="fr")
    page.goto("/fr/cette-page-n-existe-pas/")
    journey.expect_event("404")


def _assert_codes_only(body: dict, declared: dict) -> None:
    """Every prop of the event a declared one of its name (home/events.py), and a code (or, for `url`, a URL)."""
    for name, value in (body.get("props") or {}).items():
        assert name in declared[body["name"]], (name, body)
        assert CODE_RE.match(value) or (name == "url" and URL_PROP.match(value)), (name, value)


def _assert_nothing_personal(body: dict) -> None:
    """Nothing the visitor typed, no address in the props, no query string but the utm_* parameters."""
    text = json.dumps(body, ensure_ascii=False)
    for typed in TYPED.values():
        assert typed.split()[0] not in text, (typed, body)  # nothing the visitor typed
    assert not IP.search(json.dumps(body.get("props") or {})), body  # no address in the props
    assert "?" not in body["url"] or all(
        k.startswith("utm_") for k in re.findall(r"[?&]([^=]+)=", body["url"])
    )


def _assert_browser_sent_codes_only(proxied) -> None:
    """What the browser itself sent: codes only too (the proxy would drop anything else, but nothing is
    dropped)."""
    for _status, body in proxied:
        for name, value in (body.get("p") or {}).items():
            assert CODE_RE.match(str(value)) or (name == "url" and URL_PROP.match(value)), (name, value)


def _assert_none_refused(proxied) -> None:
    """Events went through the site's proxy, and the proxy accepted each (202)."""
    assert proxied and all(status == 202 for status, _body in proxied), [
        (s, b) for s, b in proxied if s != 202
    ]  # none refused by the proxy


def _check_what_plausible_received(journeys, double) -> None:
    proxied = [item for journey in journeys for item in journey.proxied]
    _assert_none_refused(proxied)
    received = [r for r in double.received if r["path"] == "/api/event"]
    assert all(r["status"] == 202 for r in received)
    names = {r["body"]["name"] for r in received}
    assert {e.name for e in EVENTS} - names == NOT_PRODUCED, {e.name for e in EVENTS} - names
    declared = {e.name: e.props for e in EVENTS}
    for r in received:
        _assert_nothing_personal(r["body"])
        _assert_codes_only(r["body"], declared)
    _assert_browser_sent_codes_only(proxied)


def test_a_journey_produces_every_event_and_the_report_shows_it(browser, plausible_live, plausible_double):
    live, double = plausible_live, plausible_double
    yesterday = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0) - timedelta(days=1)
    day = yesterday.date().isoformat()
    # The analyst evaluates the campaign page's campaign over yesterday (its exact period figures are fetched).
    shell(
        live,
        "from evaluation.models import TrackedCampaign; import datetime as d; "
        f"day = d.date.fromisoformat('{day}'); "
        "TrackedCampaign.objects.update_or_create(code='dope-talk-2026', defaults=dict(name='Dope talk', "
        "utm_campaign='dope-talk-2026', path_prefixes='/fr/', starts_on=day, ends_on=day)); print('ok')",
    )
    # The demo's service has a phone and a route; an e-mail address and a website too for this journey.
    shell(
        live,
        "from resources.models import Service; "
        f"print(Service.objects.filter(name__startswith='{SERVICE}').update("
        "email='info@modusvivendi.example', website='https://modusvivendi.example/'))",
    )
    facts = json.loads(
        shell(
            live,
            "import json; from campaigns.scheduling.models import Variant, TrackedLink; "
            f"v = Variant.objects.select_related('deliverable__influencer').get(link_code='{LINK}'); "
            f"p = TrackedLink.objects.get(code='{POSTER}'); "
            "print(json.dumps({'influencer': v.deliverable.influencer_id, 'platform': v.deliverable.platform, "
            "'codes': [v.deliverable.campaign_code, p.campaign_code], 'hotspot': p.hotspot_slug, "
            "'medium': p.medium}))",
        )
    )
    assert facts["codes"] == ["dope-talk-2026", "dope-talk-2026"]  # the page's own code, on posts and posters
    assert facts["hotspot"] == HOTSPOT

    warm_proxy(live)
    double.now = yesterday  # the Events API has no timestamp: the double stamps the journey yesterday
    phone = Journey(browser, live, double)
    _phone_journey(phone, live)
    # Another visitor scans the poster at the Gare du Midi.
    scan = Journey(browser, live, double, user_agent=OTHER_PHONE_UA)
    scan.page.goto(f"/go/{POSTER}")
    assert f"utm_content=hotspot-{HOTSPOT}" in scan.page.url
    scan.expect_event("Tracked link landing", medium=facts["medium"])
    _check_what_plausible_received([phone, scan], double)
    phone.close()
    scan.close()
    double.now = None

    # The sync pulls yesterday from the double (daily series, then the campaign's exact period figures).
    live.manage("sync_plausible", "--from", day, "--to", day)  # raises with the output when it fails

    # The analyst reads the campaign report.
    set_analyst_language(live, "fr")
    context = _context(browser, live, locale="fr-BE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    staff_login(page, live, "analyst")
    page.goto(f"/admin/evaluation/campaign-report/?campaign=dope-talk-2026&start={day}&end={day}")

    def figure(step: str, goal: str):
        return page.locator(f"tr[data-step={step}]", has_text=label(goal, "fr")).locator(".evaluation-figure")

    expect(figure("landing", "Tracked link landing")).to_have_text("2")  # the post and the poster
    for step, goal in (
        ("engagement", "Video play"),
        ("engagement", "Quiz completed"),
        ("engagement", "Self-check completed"),
        ("engagement", "Mix checked"),
        ("help_seen", "Directory search"),
        ("help_seen", "Service view"),
        ("help_action", "Helpline click"),
        ("help_action", "Service contact"),
        ("help_action", "Referral slip"),
        ("help_action", "Warm referral sent"),
    ):
        expect(figure(step, goal)).to_have_text("1")  # one visitor did it

    def visitors(dimension: str, key: str):
        return page.locator(f"table[data-dimension={dimension}] tbody tr[data-key='{key}'] td").first

    expect(visitors("influencer", str(facts["influencer"]))).to_have_text("1")
    expect(visitors("platform", facts["platform"])).to_have_text("1")
    expect(visitors("platform", facts["medium"])).to_have_text("1")
    expect(visitors("hotspot", HOTSPOT)).to_have_text("1")
    expect(visitors("language", "fr")).to_have_text("2")
    context.close()
