"""Journeys through the real site in a real browser."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

MIN_TAP = 44  # px, WCAG 2.5.5 target size (enhanced), which the design follows


def test_young_person_on_a_phone_switches_language_calls_a_helpline_and_reads_privacy(phone):
    page = phone
    page.goto("/fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_be_visible()

    # Switch to Dutch with the language switcher in the header.
    page.locator(".lang-switch a[hreflang=nl]").click()
    page.wait_for_url("**/nl/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    # A helpline is one tap away: a visible tel: link, big enough to hit with a thumb.
    helpline = page.locator("main a[href^='tel:']").first
    expect(helpline).to_be_visible()
    assert re.fullmatch(r"tel:\+?[0-9]+", helpline.get_attribute("href"))
    box = helpline.bounding_box()
    assert box["height"] >= MIN_TAP and box["width"] >= MIN_TAP, box

    # The privacy page from the footer, still in Dutch.
    link = page.locator("footer a", has_text="Privacy")
    link.scroll_into_view_if_needed()
    link.click()
    page.wait_for_url("**/nl/privacy/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("h1")).to_have_text("Privacy")
    # Nothing overflows sideways on a 360 px screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_root_sends_a_dutch_browser_to_dutch(browser, live):
    context = browser.new_context(
        base_url=live.base_url, locale="nl-BE", extra_http_headers={"Accept-Language": "nl-BE,nl;q=0.9"}
    )
    page = context.new_page()
    page.goto("/")
    page.wait_for_url("**/nl/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    context.close()


@pytest.mark.parametrize("path", ["/fr/", "/nl/privacy/"])
def test_pages_work_without_javascript(browser, live, path):
    context = browser.new_context(
        base_url=live.base_url, java_script_enabled=False, viewport={"width": 360, "height": 640}
    )
    page = context.new_page()
    response = page.goto(path)
    assert response.status == 200
    # Help is one tap away on every page, JavaScript or not (the footer carries the helplines).
    expect(page.locator("a[href^='tel:']").first).to_be_visible()
    context.close()


def _home_page_id(live, code):
    out = live.manage(
        "shell",
        "-c",
        f"from home.models import HomePage; print(HomePage.objects.get(locale__language_code='{code}').id)",
    )
    return int(out.stdout.strip().splitlines()[-1])


def test_editor_creates_a_french_page_translates_it_to_dutch_and_publishes(admin, live):
    """The admin is in French (the fr-BE browser); the steps an editor takes, through the real UI."""
    page = admin
    title_fr, intro_fr = "Nos ateliers dans les écoles", "Des ateliers de prévention, classe par classe."
    title_nl, intro_nl = "Onze workshops op school", "Preventieworkshops, klas per klas."

    # 1. Create and publish a standard page under the French home page.
    page.goto(f"/admin/pages/add/home/standardpage/{_home_page_id(live, 'fr')}/")
    page.fill("#id_title", title_fr)
    page.fill("#id_intro", intro_fr)
    page.click("footer .w-dropdown__toggle.button")  # "More actions" next to "Save draft"
    page.click("button[name=action-publish]")
    expect(page.locator(".messages")).to_contain_text(title_fr)
    edit_url = page.locator("a[href$='/edit/']", has_text=title_fr).first.get_attribute("href")
    page_id = int(re.search(r"/pages/(\d+)/edit/", edit_url).group(1))
    assert page.request.get(f"/fr/{_slug(title_fr)}/").status == 200

    # 2. Submit it for translation into Dutch (wagtail-localize), which opens the translation editor.
    page.goto(f"/admin/localize/submit/page/{page_id}/")
    page.check("input[name=locales]")
    page.click("form input[type=submit]:not([name])")
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page).to_have_title(re.compile(re.escape(title_fr)))

    # 3. Translate the title and the introduction, segment by segment.
    for translated in (title_nl, intro_nl):
        page.get_by_role("button", name="Traduire", exact=True).first.click()
        editor = page.locator("main textarea").first
        editor.fill(translated)
        with page.expect_response(lambda r: "/localize/" in r.url and r.request.method == "PUT") as saved:
            page.get_by_role("button", name="Enregistrer", exact=True).first.click()
        assert saved.value.status in (200, 201)

    # 4. Publish in Dutch; the Dutch page is then served, in Dutch, at its Dutch URL.
    page.click("button[name=action][value=publish]")
    expect(page.locator(".messages")).to_be_visible()
    response = page.goto(f"/nl/{_slug(title_fr)}/")
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("h1")).to_have_text(title_nl)
    expect(page.locator("main")).to_contain_text(intro_nl)
    # And the language switcher links the two versions.
    expect(page.locator(".lang-switch a[hreflang=fr]")).to_have_attribute("href", f"/fr/{_slug(title_fr)}/")


def _slug(title):
    from django.utils.text import slugify

    return slugify(title)
