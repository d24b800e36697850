"""Journey 2 of docs/journeys.md: a prevention worker on a phone, with a young person in front of them.

Finds a service, makes a referral slip in the person's language (Dutch, from a French interface), prints it as an
A6 card, tells the service someone is coming (one e-mail, nothing kept), and reports a problem with a listing.
"""

import re

import pytest
from playwright.sync_api import expect

from tools.mail_capture import body_text

pytestmark = pytest.mark.e2e

A6_POINTS = (105 / 25.4 * 72, 148 / 25.4 * 72)  # 297.6 × 419.5 pt


def _media_boxes(pdf: bytes) -> list[tuple[float, float]]:
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    return [(float(w), float(h)) for w, h in boxes]


def _open_service(page, name: str) -> None:
    page.goto("/fr/aide/?q=" + name.replace(" ", "+"))
    page.locator("ol.results a", has_text=name).first.click()
    expect(page.locator("h1")).to_contain_text(name)


def test_worker_makes_a_dutch_a6_slip_prints_it_and_tells_the_service(phone, mailbox):
    page = phone
    _open_service(page, "Modus Vivendi")

    # The slip, from the service page; then in the person's language (Dutch) as an A6 card.
    page.get_by_role("link", name="Ajouter à la fiche d’orientation").click()
    page.wait_for_url(re.compile(r"/fr/orientation/fiche/"))
    page.select_option("#slip-lang", "nl")
    page.check("input[name=format][value=a6]")
    page.get_by_role("button", name="Mettre la fiche à jour").click()
    slip = page.locator("article.slip")
    expect(slip).to_have_attribute("lang", "nl")
    expect(slip).to_contain_text("Openingsuren")  # the person's language on the card…
    expect(page.locator("h1")).to_have_text("Fiche d’orientation")  # …the worker's around it

    # Printed, the card is A6 (not the browser's default Letter or A4), one service per card.
    page.emulate_media(media="print")
    boxes = _media_boxes(page.pdf(prefer_css_page_size=True))
    page.emulate_media(media="screen")
    assert boxes, "no page in the PDF"
    for width, height in boxes:
        assert abs(width - A6_POINTS[0]) < 2 and abs(height - A6_POINTS[1]) < 2, boxes

    # Warm referral, with the person's agreement: one e-mail to the service; the form says it was sent.
    page.get_by_role("link", name="Prévenir le service que quelqu’un va venir").click()
    page.fill("input[name=name]", "Sami")
    page.select_option("select[name=language]", "nl")
    page.check("input[name=contact][value=come_by]")
    page.check("input[name=consent]")
    page.get_by_role("button", name="Envoyer l’avis").click()
    expect(page.locator(".messages")).to_contain_text("Le service a été prévenu")
    message = mailbox.wait_for(lambda m: "accueil@modusvivendi.example" in m["To"])
    assert "Sami" in body_text(message)
    assert "Sami" not in message["Subject"]  # nothing about the person in a subject line


def test_worker_reports_a_problem_with_a_listing(phone, mailbox):
    page = phone
    _open_service(page, "Modus Vivendi")
    page.locator("section.report summary").click()
    page.locator("section.report input[type=radio]").first.check()
    page.fill("section.report textarea", "Fermé le mardi depuis novembre.")
    page.locator("section.report button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("Merci")
    # The directory team is told; the visitor's words are in the body, never in the subject.
    message = mailbox.wait_for(lambda m: "Fermé le mardi" in body_text(m), timeout=30)
    assert "Fermé" not in message["Subject"]
