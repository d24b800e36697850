"""axe-core (bundled by axe-playwright-python) on every page of tools/quality_pages.py, at 360×640, and on the
admin screens: no violation of WCAG 2.0/2.1 A and AA or WCAG 2.2 AA."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tools.quality_pages import ADMIN_PAGES, PAGES

from .conftest import admin_login

pytestmark = pytest.mark.e2e

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


def _violations(page):
    # Wagtail's admin messages fade in: on a loaded machine axe could sample a colour mid-animation. Polled with
    # evaluate (not wait_for_function, whose string predicate the admin's CSP refuses as eval).
    for _ in range(50):
        if page.evaluate("() => document.getAnimations().every(a => a.playState !== 'running')"):
            break
        page.wait_for_timeout(100)
    results = Axe().run(page, options=AXE_OPTIONS)
    found = results.response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:5])
        for v in found
    ]


@pytest.mark.parametrize("check", PAGES, ids=lambda c: f"{c.kind}-{c.path}")
def test_public_page_has_no_axe_violation(phone, check):
    response = phone.goto(check.path)
    assert response.status == check.status, check.path
    assert _violations(phone) == []


@pytest.mark.parametrize("check", PAGES, ids=lambda c: f"dark-{c.kind}-{c.path}")
def test_public_page_in_dark_mode_has_no_axe_violation(phone, check):
    """The system's dark setting (prefers-color-scheme) gives other colours: their contrast is checked too."""
    phone.emulate_media(color_scheme="dark")
    response = phone.goto(check.path)
    assert response.status == check.status, check.path
    assert phone.evaluate("getComputedStyle(document.documentElement).backgroundColor") == "rgb(13, 17, 23)"
    assert _violations(phone) == []


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_page_has_no_axe_violation(desktop, live, path):
    admin_login(desktop, live)
    desktop.goto(path)
    assert _violations(desktop) == []


def test_axe_reports_a_real_violation(phone):
    """The check above can fail: a page with an image without alternative text and no language is reported."""
    phone.set_content("<html><body><main><img src='data:,'><a href='#'></a></main></body></html>")
    ids = {line.split(" ")[0] for line in _violations(phone)}
    assert {"image-alt", "html-has-lang", "link-name"} <= ids
