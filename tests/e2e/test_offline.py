"""With the network cut, help still opens: the service worker (/sw.js, registered after the page is shown) keeps
the offline page (112, the poison centre, the helplines) and the last service pages opened on this phone."""

import re

from .conftest import PHONE, _context


def _open_a_service(page) -> tuple[str, str]:
    """Online: the directory, then its first service's page (controlled by the worker: kept for offline use)."""
    page.goto("/nl/hulp/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    service_path = page.locator("ol.results a[href*='/nl/hulp/dienst/']").first.get_attribute("href")
    service_name = page.locator("ol.results .service-card").first.locator("a").first.inner_text().strip()
    page.goto(service_path)  # controlled by the worker now: kept for offline use
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    page.wait_for_timeout(500)  # the worker stores the page after answering
    return service_path, service_name


def _assert_the_offline_page(page, service_name: str) -> None:
    """112, the helplines (once) and the service last opened, on a page as wide as the phone."""
    assert page.locator("h1").inner_text() == "Geen verbinding"
    assert page.locator('a[href="tel:112"]').count() >= 1
    assert page.locator("ul.helplines").count() == 1
    assert page.locator("ul.helplines a[href^='tel:']").count() >= 1
    page.locator("#offline-services li").first.wait_for()
    assert service_name in page.locator("#offline-services").inner_text()
    assert re.search(
        r"/nl/hulp/dienst/\d+/$", page.locator("#offline-services a").first.get_attribute("href")
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_helplines_and_last_viewed_services_open_offline(browser, live):
    context = _context(browser, live, locale="nl-BE", **PHONE)
    page = context.new_page()
    service_path, service_name = _open_a_service(page)

    context.set_offline(True)
    page.goto(service_path)
    assert page.locator("h1").inner_text().strip() == service_name
    page.goto("/nl/middelen/")  # never opened: the offline page answers
    _assert_the_offline_page(page, service_name)
    context.set_offline(False)
    assert context.outside_requests == []
    context.close()
