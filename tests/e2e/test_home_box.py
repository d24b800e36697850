"""Issue 16's "done means", on a phone: what a young person types in the home box leads to the right fact sheet or
services, in French and in Dutch, with the slang of both languages and without accents — and the answer page offers
help in its first screen.

The first link of the answer is followed as the person would, and the page it opens is checked by what it says
(the fact sheet's title; the service's categories), not by a URL copied from the code.
"""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

# (language, what is typed, the first fact sheet's title or None, a category the first service must have or None)
QUERIES = [
    ("fr", "coke", "Cocaïne", None),
    ("fr", "wiet", "Cannabis", None),
    ("fr", "keta", "Kétamine", None),
    ("fr", "emploi", None, "Réinsertion socio-professionnelle"),
    ("nl", "coke", "Cocaïne", None),
    ("nl", "beuh", "Cannabis", None),
    ("nl", "keta", "Ketamine", None),
    ("nl", "werk", None, "Socioprofessionele re-integratie"),
]


@pytest.mark.parametrize(("language", "query", "sheet", "category"), QUERIES)
def test_the_home_box_leads_to_the_right_sheet_or_service(phone, language, query, sheet, category):
    page = phone
    page.goto(f"/{language}/")
    page.fill("#find-help-q", query)
    page.locator("#find-help-q").press("Enter")
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # Help is in the first screen of the answer too.
    call = page.locator("a[href^='tel:']").first
    expect(call).to_be_visible()
    assert call.bounding_box()["y"] < 640
    if sheet:
        first = page.locator(".search-results a").first
        expect(first).to_contain_text(sheet.split(" ")[0][:4])
        first.click()
        expect(page.locator("h1")).to_contain_text(sheet)
    if category:
        first = page.locator("ol.results .service-card a").first
        expect(first).to_be_visible()
        assert first.bounding_box()["y"] < 2 * 640, "the first service is more than two screens down"
        first.click()
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("main")).to_contain_text(category)
