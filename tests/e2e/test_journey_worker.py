"""Journey 2 of docs/journeys.md: a prevention worker on a phone, with a young person in front of them, in a
French and in a Dutch interface.

Finds a service, makes a referral slip in the person's language (the other one), prints it as an A6 card, tells
the service someone is coming (one e-mail, nothing kept), and reports a problem with a listing.
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from tools.mail_capture import body_text

pytestmark = pytest.mark.e2e

A6_POINTS = (105 / 25.4 * 72, 148 / 25.4 * 72)  # 297.6 × 419.5 pt


def _media_boxes(pdf: bytes) -> list[tuple[float, float]]:
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    return [(float(w), float(h)) for w, h in boxes]


OTHER = {"fr": "nl", "nl": "fr"}


def _t(language: str, msgid: str) -> str:
    """What the interface says in `language` (the catalogues the site uses)."""
    with translation.override(language):
        return translation.gettext(msgid)


def _url(language: str, name: str) -> str:
    with translation.override(language):
        return reverse(name)


def _open_service(page, language: str, name: str) -> None:
    page.goto(_url(language, "resources:search") + "?q=" + name.replace(" ", "+"))
    page.locator("ol.results a", has_text=name).first.click()
    expect(page.locator("h1")).to_contain_text(name)


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_worker_makes_a_slip_in_the_persons_language_prints_it_as_a6_and_tells_the_service(
    phone, mailbox, language
):
    page, person = phone, OTHER[language]
    _open_service(page, language, "Modus Vivendi")

    # The slip, from the service page; then in the person's language (the other one) as an A6 card.
    page.get_by_role("link", name=_t(language, "Add to referral slip")).click()
    page.wait_for_url(re.compile(re.escape(_url(language, "referrals:slip"))))
    page.select_option("#slip-lang", person)
    page.check("input[name=format][value=a6]")
    page.get_by_role("button", name=_t(language, "Update the slip")).click()
    slip = page.locator("article.slip")
    expect(slip).to_have_attribute("lang", person)
    expect(slip).to_contain_text(_t(person, "Opening hours"))  # the person's language on the card…
    expect(page.locator("h1")).to_have_text(_t(language, "Referral slip"))  # …the worker's around it

    # Printed, the card is A6 (not the browser's default Letter or A4), one service per card.
    page.emulate_media(media="print")
    boxes = _media_boxes(page.pdf(prefer_css_page_size=True))
    page.emulate_media(media="screen")
    assert boxes, "no page in the PDF"
    for width, height in boxes:
        assert abs(width - A6_POINTS[0]) < 2 and abs(height - A6_POINTS[1]) < 2, boxes

    # Warm referral, with the person's agreement: one e-mail to the service; the form says it was sent.
    page.get_by_role("link", name=_t(language, "Tell the service someone is coming")).click()
    page.fill("input[name=name]", "Sami")
    page.select_option("select[name=language]", person)
    page.check("input[name=contact][value=come_by]")
    page.check("input[name=consent]")
    page.get_by_role("button", name=_t(language, "Send the notice")).click()
    expect(page.locator(".messages")).to_contain_text(
        _t(language, "The service has been told that someone is coming.")
    )
    message = mailbox.wait_for(lambda m: "accueil@modusvivendi.example" in m["To"])
    assert "Sami" in body_text(message)
    assert "Sami" not in message["Subject"]  # nothing about the person in a subject line


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_worker_reports_a_problem_with_a_listing(phone, mailbox, language):
    page = phone
    _open_service(page, language, "Modus Vivendi")
    page.locator("section.report summary").click()
    page.locator("section.report input[type=radio]").first.check()
    words = {"fr": "Fermé le mardi depuis novembre.", "nl": "Dinsdag gesloten sinds november."}[language]
    page.fill("section.report textarea", words)
    page.locator("section.report button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text(
        _t(language, "Thank you. The directory team will check this listing.")
    )
    # The directory team is told; the visitor's words are in the body, never in the subject.
    message = mailbox.wait_for(lambda m: words[:12] in body_text(m), timeout=30)
    assert words[:6] not in message["Subject"]
