"""Journey 1 of docs/journeys.md: a young person on a phone, from an influencer's link to help, in French then
in Dutch, with nothing loaded from a third party (the `phone` fixture fails on any outside request)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_from_the_campaign_to_a_quiz_a_mix_and_an_open_service_in_both_languages(phone):
    page = phone
    page.goto("/fr/")
    # Help is in the first screen of the page they land on.
    call = page.locator(".help-strip a[href^='tel:']").first
    expect(call).to_be_visible()
    assert call.bounding_box()["y"] + call.bounding_box()["height"] <= 640

    # The home box understands slang: "coke" → help first (a service, a call), then the fact sheet.
    page.fill("#find-help-q", "coke")
    page.locator("#find-help-q").press("Enter")
    page.wait_for_url("**/fr/prevention/search/?q=coke")
    expect(page.locator("#search-help-title")).to_be_visible()
    expect(page.locator("ol.results .service-card").first).to_be_visible()
    page.locator(".search-results a", has_text="Cocaïne").first.click()
    expect(page.locator("h1")).to_contain_text("Cocaïne")
    page.goto("/fr/")

    # The campaign, from the home page.
    page.locator("main a[href='/fr/campagnes/dope-talk/']").first.click()
    page.wait_for_url("**/fr/campagnes/dope-talk/")
    expect(page.locator("h1")).to_have_text("DOPE TALK")

    # The campaign's quiz, answered without any help from JavaScript-only widgets.
    quiz = page.locator("form[action^='/fr/prevention/quiz/']").first
    quiz.scroll_into_view_if_needed()
    for name in sorted(set(quiz.locator("input[type=radio]").evaluate_all("els => els.map(e => e.name)"))):
        quiz.locator(f"input[name={name}]").first.check()
    quiz.locator("button[type=submit]").click()
    expect(page.locator(".quiz__score")).to_contain_text("sur")

    # The result in Dutch: the switcher keeps the quiz, now the Dutch one, inside a Dutch page.
    page.locator(".lang-switch a[hreflang=nl]").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    assert re.search(r"/nl/prevention/quiz/\d+/", page.url), page.url

    # The mixing checker, in Dutch: any two substances give an answer (a risk, or "no information").
    page.goto("/nl/prevention/mix/")
    options = page.locator("#mix-a option:not([value=''])").evaluate_all("os => os.map(o => o.value)")
    page.select_option("#mix-a", options[0])
    page.select_option("#mix-b", options[1])
    page.locator("form.mix-form button[type=submit]").first.click()
    expect(page.locator(".mix-result")).to_be_visible()

    # French slang in the Dutch home box, without JavaScript's help: the Dutch cannabis sheet.
    page.goto("/nl/")
    page.fill("#find-help-q", "beuh")
    page.locator("#find-help-q").press("Enter")
    page.wait_for_url("**/nl/prevention/search/?q=beuh")
    expect(page.locator(".search-results a", has_text="Cannabis").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # Help near them, open now, in Dutch; a service's page with a number to call.
    page.goto("/nl/hulp/?open_now=on")
    expect(page.locator("#results-heading")).to_contain_text("dienst")
    page.locator("ol.results a[href*='/nl/hulp/dienst/']").first.click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("a[href^='tel:']").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
