"""Issue #14, item 2: a helpline is its directory listing's line. Every helpline the help box shows gives the
number and the open-now state of its listing, in French and in Dutch, on the demo data."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management.color import no_style
from django.urls import reverse
from django.utils import translation

from demo import directory as demo
from home.context_processors import shown_helplines

from .texts import missing

STATUS = re.compile(r'<span class="status status--(\w+)">([^<]*)</span>')


def _box_entries(html: str) -> list[tuple[str, str, str, str]]:
    """(tel href, number, status state, status label) of each helpline of the footer's list (not 112)."""
    section = html[html.index('id="helplines"') :]
    entries = re.findall(
        r'<li class="helpline">\s*<a class="helpline__call" href="([^"]+)"[^>]*>[^<]*<strong>([^<]+)</strong></a>'
        r'.*?<span class="status status--(\w+)">([^<]*)</span>',
        section,
        re.S,
    )
    return entries


def _listing_agrees(client, code, line, entry):
    """The listing's page of one helpline shows what the help box shows for it."""
    href, number, state, label = entry
    listing = client.get(reverse("resources:service", args=[line.listing.pk]))
    assert listing.status_code == 200
    page = listing.content.decode()
    # The number the box dials is a number of the listing, with the same tel: link.
    assert missing(page, f'href="{href}"', f"{number}</a>") == [], (code, line.name)
    # The open-now state is the listing's (same hours, closures and holidays).
    assert STATUS.search(page).groups() == (state, label), (code, line.name)
    # The hours the listing states: 24/7, a table of hours, never "call for hours" with no number.
    _hours_stated(line.listing, page)


def _hours_stated(service, page):
    if service.always_open:
        assert translation.gettext("Open 24/7") in page
    else:
        assert service.schedules.exists()
        for row in service.schedules.all():
            assert f"{row.opens:%H:%M}–{row.closes:%H:%M}" in page


@pytest.mark.parametrize("code", ["fr", "nl"])
def test_every_helpline_in_the_help_box_agrees_with_its_listing(client, locales, home_fr, home_nl, code):
    demo.load(stdout=io.StringIO(), style=no_style())
    with translation.override(code):
        lines = shown_helplines(locales[code])
        home = client.get(f"/{code}/").content.decode()
        entries = _box_entries(home)
        assert len(entries) == len(lines) == 4, code
        for line, entry in zip(lines, entries, strict=True):
            _listing_agrees(client, code, line, entry)


def test_demo_helplines_are_the_true_lines(locales):
    demo.load(stdout=io.StringIO(), style=no_style())
    lines = {line.name: line for line in shown_helplines(locales["fr"])}
    infor = lines["Infor-Drogues"]
    assert infor.phone == "02 227 52 52" and infor.listing.always_open  # 24 h/24 (seed file)
    druglijn = lines["De DrugLijn"]
    assert druglijn.phone == "078 15 10 20"
    assert sorted(
        (s.weekday, f"{s.opens:%H:%M}", f"{s.closes:%H:%M}") for s in druglijn.listing.schedules.all()
    ) == [(d, "10:00", "20:00") for d in range(5)]


def test_an_edit_of_the_listing_shows_in_the_help_box(client, locales, home_fr):
    demo.load(stdout=io.StringIO(), style=no_style())
    line = next(line for line in shown_helplines(locales["fr"]) if line.name == "De DrugLijn")
    phone = line.listing.phones.first()
    phone.number = "078 99 99 99"
    phone.save()
    line.listing.save()  # an admin save saves the listing with its phones
    assert "078 99 99 99" in client.get("/fr/").content.decode()
