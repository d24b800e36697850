"""No cookie for an anonymous reader (issue 13, finding 5), in Chromium on the production settings: the service page
and the warm-referral page set none; reporting a problem from the service page works without Django's CSRF cookie
(the browser's Sec-Fetch-Site says the form is the site's own), and leaves no cookie once the thanks are shown."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_reading_sets_no_cookie_and_a_report_works_without_one(phone):
    page = phone
    for path in ("/fr/", "/fr/aide/?q=emploi", "/fr/aide/service/1/", "/fr/orientation/"):
        assert page.goto(path).status == 200, path
        assert page.context.cookies() == [], (path, page.context.cookies())

    page.goto("/fr/aide/service/1/")
    report = page.locator("section.report")
    report.locator("summary").click()
    report.locator("input[type=radio]").first.check()
    with page.expect_navigation():
        report.locator("button[type=submit]").click()
    expect(page.locator("[role=status], .messages").first).to_be_visible()
    assert page.url.endswith("/fr/aide/service/1/")
    names = {cookie["name"] for cookie in page.context.cookies()}
    assert not names & {"csrftoken", "sessionid"}, names
    assert names <= {"messages"}, names  # at most the confirmation, deleted once shown
    page.reload()
    assert page.context.cookies() == []
