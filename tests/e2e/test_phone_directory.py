"""The directory on a phone starts with its results: at 360×640, in French and in Dutch, the results' heading is in
the first screen and the filters are folded behind one "More filters" button; a place is typed (a datalist, no
145-option select) and understood in either language; "near" works without JavaScript (a commune's name) and,
with JavaScript, "Use my position" asks for the position only when tapped and sends it to this site only."""

import pytest

from .conftest import PHONE, _context

DIRECTORY = {"fr": "/fr/aide/", "nl": "/nl/hulp/"}


def _assert_results_first(page) -> None:
    """The results' heading in the first screen, the filters folded, places typed (a datalist, no select)."""
    heading = page.locator("#results-heading")
    assert heading.bounding_box()["y"] + heading.bounding_box()["height"] <= 640
    assert page.locator("details.directory-filters").get_attribute("open") is None
    assert page.locator("select[name=quartier], select[name=near]").count() == 0
    assert page.locator("datalist#directory-places option").count() == 19 + 145


def _filter_by_the_other_languages_place(page, language: str) -> None:
    """The other language's name of the Gare du Midi quartier, typed without accents or capitals, is understood
    and shown in the page's language."""
    other = "zuidstation" if language == "fr" else "gare du midi"
    page.locator("details.directory-filters > summary").click()
    page.locator("input[name=quartier]").fill(other)
    page.locator("details.directory-filters button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".notice[role=alert]").count() == 0
    shown = page.locator("input[name=quartier]").input_value()
    assert shown == ("Gare du Midi" if language == "fr" else "Zuidstation")
    assert page.locator("details.directory-filters > summary").inner_text().endswith("(1)")


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_results_first_and_places_typed_in_either_language(browser, live, language):
    context = _context(browser, live, locale=f"{language}-BE", **PHONE)
    page = context.new_page()
    page.goto(DIRECTORY[language])
    _assert_results_first(page)
    _filter_by_the_other_languages_place(page, language)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert context.outside_requests == []
    context.close()


def test_near_a_commune_without_javascript(browser, live):
    context = _context(browser, live, locale="nl-BE", java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(DIRECTORY["nl"])
    assert not page.locator("#locate-me").is_visible()  # shown only when JavaScript can use it
    page.locator("details.directory-filters > summary").click()
    page.locator("input[name=near]").fill("Saint-Gilles")
    page.locator("details.directory-filters button[type=submit]").click()
    page.wait_for_load_state()
    assert "Sint-Gillis" in page.locator("#results-heading").inner_text()
    assert page.locator("ol.results > li").count() > 0
    context.close()


def test_use_my_position_asks_only_on_tap(browser, live):
    context = _context(
        browser,
        live,
        locale="fr-BE",
        geolocation={"latitude": 50.8342, "longitude": 4.3341},
        **PHONE,
    )
    asked = []
    page = context.new_page()
    page.add_init_script(
        """(() => { const real = navigator.geolocation.getCurrentPosition.bind(navigator.geolocation);
        navigator.geolocation.getCurrentPosition = (...a) => { window.__asked = (window.__asked || 0) + 1;
        return real(...a); }; })()"""
    )
    page.goto(DIRECTORY["fr"])
    asked.append(page.evaluate("window.__asked || 0"))
    context.grant_permissions(["geolocation"])
    with page.expect_navigation():
        page.locator("#locate-me").click()
    assert asked == [0]
    assert "lat=50.83420" in page.url and "lon=4.33410" in page.url
    assert "votre position" in page.locator("#results-heading").inner_text()
    assert context.outside_requests == []
    context.close()
