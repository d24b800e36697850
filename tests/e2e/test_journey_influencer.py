"""Journeys 6, 7 and 8 of docs/journeys.md in Chromium against the production-shaped site: the influencer with a
link only (on a phone, in French and in Dutch) sends a draft through their signed brief, a reviewer approves it
with an internal and a shared comment, the influencer sees the approval and the shared comment only, then sends
the live post; and the influencer with an account sees only their own calendar and feed, and is refused the rest
of the admin by direct URL."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, _context, staff_login

pytestmark = pytest.mark.e2e

TEXT = {
    "fr": {
        "brief": "Ton brief",
        "send_draft": "Envoyer mon brouillon pour relecture",
        "draft_sent": "Merci : ton brouillon a été envoyé pour relecture.",
        "draft_submitted": "Brouillon soumis",
        "approved": "Approuvé",
        "send_live": "Envoyer la publication en ligne",
        "live_sent": "Merci : la publication en ligne a été enregistrée.",
        "published": "Publié",
        "comments": "Commentaires de l'équipe",
        "feed_label": "Adresse de l’agenda",
        "calendar": "Ton agenda",
    },
    "nl": {
        "brief": "Je briefing",
        "send_draft": "Mijn ontwerp ter beoordeling versturen",
        "draft_sent": "Bedankt: je ontwerp is ter beoordeling verstuurd.",
        "draft_submitted": "Ontwerp ingediend",
        "approved": "Goedgekeurd",
        "send_live": "Het gepubliceerde bericht versturen",
        "live_sent": "Bedankt: het gepubliceerde bericht is geregistreerd.",
        "published": "Gepubliceerd",
        "comments": "Opmerkingen van het team",
        "feed_label": "Adres van de agenda",
        "calendar": "Je agenda",
    },
}
DENIED_FR = "Désolé, vous n'avez pas les autorisations pour accéder à cette zone."

PLAN = """
import datetime as dt, json
from django.contrib.auth import get_user_model
from django.utils import timezone
from campaigns.scheduling import access, services
from demo import scheduling as demo
from campaigns.scheduling.models import Deliverable, Influencer, Variant
influencer = Influencer.objects.get(name={name!r})
slot = services.local_to_utc(timezone.localdate() + dt.timedelta(days=6), dt.time(18, 0), services.zone_or_default(None))
d = Deliverable.objects.create(
    campaign_page=demo.campaign_page(), campaign_code="e2e-journey", influencer=influencer, platform="tiktok",
    planned_at=slot, draft_due_at=slot - dt.timedelta(days=3), key_message={marker!r},
    created_by=get_user_model().objects.get(username="editor"),
)
variants = {{}}
for lang, disclosure in (("fr", "Publicité"), ("nl", "Reclame")):
    variants[lang] = Variant.objects.create(deliverable=d, language=lang, disclosure=disclosure).pk
print(json.dumps({{
    "deliverable": d.pk, "variants": variants, "feed_token": influencer.feed_token,
    "brief": {{lang: access.brief_path(d, lang) for lang in ("fr", "nl")}},
    "slot_day": slot.astimezone(d.zone).date().isoformat(),
}}))
"""


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(out, "PNG")
    return out.getvalue()


def _shell(live, code: str) -> dict:
    out = live.manage("shell", "-c", code)
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture
def phone_in(browser, live):
    """A 360 px phone whose browser speaks the given language."""
    contexts = []

    def make(lang: str):
        context = _context(browser, live, locale=f"{lang}-BE", **PHONE)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        assert context.outside_requests == [], f"third-party requests: {context.outside_requests}"
        context.close()


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_influencer_with_a_link_sends_a_draft_a_reviewer_approves_it_then_the_live_post(
    phone_in, desktop, live, mailbox, lang
):
    t = TEXT[lang]
    plan = _shell(live, PLAN.format(name="Jonas V.", marker=f"[e2e {lang}] Parle de ton expérience"))
    variant = plan["variants"][lang]
    section = f"section[aria-labelledby='variant-{variant}']"

    # 1. The influencer opens the brief link on their phone, in their language.
    page = phone_in(lang)
    response = page.goto(plan["brief"][lang])
    assert response.status == 200
    # The token in the URL never goes out as Referer, and the browser still sends its Origin with the forms.
    assert response.headers["referrer-policy"] == "strict-origin"
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("h1")).to_have_text(t["brief"])
    expect(page.locator("main")).to_contain_text("Parle de ton expérience")

    # Their calendar feed: shown on the brief in their language, and it answers an iCalendar document.
    expect(page.locator(".brief-feed h2")).to_have_text(t["calendar"])
    expect(page.get_by_label(t["feed_label"])).to_have_value(
        f"{live.base_url}/scheduling/feed/{plan['feed_token']}.ics"
    )
    feed = page.request.get(page.get_by_label(t["feed_label"]).input_value())
    assert feed.status == 200 and feed.headers["content-type"].startswith("text/calendar")
    assert f"deliverable-{plan['deliverable']}@" in feed.text()

    # 2. They send a draft: the form is accepted (no CSRF refusal) and confirmed in their language.
    caption = f"Mon expérience, sans tabou ({lang}) #dopetalk"
    page.locator(f"{section} textarea").fill(caption)
    page.locator(section).get_by_role("button", name=t["send_draft"]).click()
    expect(page.locator(".messages")).to_contain_text(t["draft_sent"])
    expect(page.locator(f"{section} h2")).to_contain_text(t["draft_submitted"])
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # 3. A reviewer finds it among the drafts of that day and approves the three steps, with one internal
    #    comment and one shared with the influencer.
    staff_login(desktop, live, "reviewer")
    desktop.goto(f"/admin/scheduling/?view=list&status=draft_submitted&date={plan['slot_day']}")
    desktop.locator(f"main a[href$='/variant/{variant}/']").click()
    expect(desktop.locator("main")).to_contain_text(caption)
    reviews = [
        ("content", "INTERNE : vérifier la mention avec le service juridique", False),
        ("health", "Bravo, le message sur l'aide est clair", True),
        ("disclosure", "", False),
    ]
    for step, comment, shared in reviews:
        desktop.select_option("select[name=step]", step)
        desktop.select_option("select[name=decision]", "approved")
        desktop.fill("textarea[name=comment]", comment)
        desktop.locator("input[name=share_with_influencer]").set_checked(shared)
        desktop.locator("form.sched-form button[type=submit]").first.click()
        expect(desktop.locator(".messages")).to_contain_text("Relecture enregistrée")
    expect(desktop.locator(".messages")).to_contain_text("Approuvé")

    # 4. The influencer sees the approval and the shared comment, never the internal one nor who reviewed.
    page.reload()
    expect(page.locator(f"{section} h2")).to_contain_text(t["approved"])
    expect(page.locator(section)).to_contain_text(t["comments"])
    expect(page.locator(section)).to_contain_text("Bravo, le message sur l'aide est clair")
    body = page.locator("body").inner_text()
    assert "INTERNE" not in body and "reviewer" not in body

    # 5. Then the live post and its screenshot (a multipart form), confirmed in their language.
    page.locator(f"{section} input[type=url]").fill(
        f"https://www.tiktok.com/@jonas.vlaanderen/video/{variant}"
    )
    page.locator(f"{section} input[type=file]").set_input_files(
        files=[{"name": "preuve.png", "mimeType": "image/png", "buffer": _png()}]
    )
    page.locator(section).get_by_role("button", name=t["send_live"]).click()
    expect(page.locator(".messages")).to_contain_text(t["live_sent"])
    expect(page.locator(f"{section} h2")).to_contain_text(t["published"])
    stored = _shell(
        live,
        f"import json; from campaigns.scheduling.models import Variant; v = Variant.objects.get(pk={variant}); "
        "print(json.dumps([v.status, v.live_url, bool(v.proof)]))",
    )
    assert stored[0] == "published" and stored[1].endswith(f"/video/{variant}") and stored[2]

    # This journey sends no e-mail (reminders are sent by the scheduled command, not by these steps).
    assert mailbox.all() == []


def test_influencer_with_an_account_sees_only_their_own_calendar_and_feed(desktop, live):
    data = _shell(
        live,
        """
import json
from django.contrib.auth.models import User
from campaigns.scheduling import services
from campaigns.scheduling.models import Influencer, Status, Variant
me = Influencer.objects.get(user__username="influencer")
other = Influencer.objects.exclude(pk=me.pk).order_by("pk").first()
import datetime as dt
from django.utils import timezone
mine = Variant.objects.filter(
    deliverable__influencer=me, deliverable__planned_at__gt=timezone.now() + dt.timedelta(days=1),
    status__in=[Status.PLANNED, Status.DRAFT_SUBMITTED, Status.IN_REVIEW],
).order_by("deliverable__planned_at", "pk").first()
reviewer = User.objects.get(username="demo-reviewer")
if mine.status == Status.PLANNED:
    services.submit_draft(mine.pk, caption="Brouillon de démonstration", via_link=True)
if not mine.approvals.filter(comment__startswith="E2E").exists():
    services.record_review(mine.pk, step="content", decision="changes", reviewer=reviewer,
                           comment="E2E internal: not for the influencer", share_with_influencer=False)
    services.record_review(mine.pk, step="health", decision="approved", reviewer=reviewer,
                           comment="E2E shared: merci pour la source", share_with_influencer=True)
print(json.dumps({
    "me": me.name, "feed_token": me.feed_token, "mine": mine.pk,
    "other": other.pk, "other_name": other.name,
    "other_variant": Variant.objects.filter(deliverable__influencer=other).first().pk,
}))
""",
    )
    page = desktop
    staff_login(page, live, "influencer")

    # Their calendar: only their own posts.
    page.goto("/admin/scheduling/?view=month")
    names = set(page.locator(".sched-who").all_inner_texts())
    assert names == {data["me"]}, names

    # Their own variant: the comment shared with them, not the internal one, nobody's user name.
    page.goto(f"/admin/scheduling/variant/{data['mine']}/")
    main = page.locator("main")
    expect(main).to_contain_text("E2E shared: merci pour la source")
    text = main.inner_text()
    assert "E2E internal" not in text and "demo-reviewer" not in text
    # …and the way to their brief, to send the next draft.
    with page.expect_navigation():
        page.get_by_role("link", name="Ouvrir mon brief").click()
    expect(page.locator("h1")).to_have_text("Ton brief")

    # Their feed: the influencer's own address, the same as on the brief page; it answers their planning only.
    page.goto("/admin/scheduling/feed/")
    feed_url = page.locator("#feed-url").input_value()
    assert feed_url.endswith(f"/scheduling/feed/{data['feed_token']}.ics")
    feed = page.request.get(feed_url)
    assert feed.status == 200 and feed.headers["content-type"].startswith("text/calendar")
    assert data["other_name"] not in feed.text()

    # Everything else, by direct URL: the admin's usual refusal, in the admin's language.
    for url in (
        f"/admin/scheduling/variant/{data['other_variant']}/",
        "/admin/snippets/scheduling/influencer/",
        f"/admin/snippets/scheduling/influencer/edit/{data['other']}/",
        "/admin/snippets/scheduling/deliverable/",
        "/admin/scheduling/import/",
        "/admin/pages/",
        "/admin/images/",
        "/admin/documents/",
    ):
        page.goto(url)
        page.wait_for_url("**/admin/")
        expect(page.locator(".messages")).to_contain_text(DENIED_FR)
    # The filter cannot widen the calendar to another influencer either.
    page.goto(f"/admin/scheduling/?view=list&influencer={data['other']}")
    assert data["other_name"] not in page.locator("main").inner_text()
