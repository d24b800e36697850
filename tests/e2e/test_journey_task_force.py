"""Journeys of the directory's staff (docs/journeys.md: commune task force, directory manager), in Chromium on a
desktop, against the production-shaped demo (MFA on).

The Saint-Gilles task force edits a listing of its commune and sees it saved; every view of a location of
another commune (Le Pilier's shelter in Brussels-City, whose address is hidden), opened by its URL, answers the
admin's "permission denied" in French, and the shelter's address appears on no page it reaches. The directory
manager opens that same location and sees the address. The demo keeps hidden addresses empty: the test gives
the shelter one for its duration.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import _context, staff_login

SECRET_ADDRESS = "Rue Cachée 12"
SHELTER = "Le Pilier – centre-ville"
OWN_LISTING = "Modus Vivendi – réduction des risques"  # located in Saint-Gilles
DENIED = "Désolé, vous n'avez pas les autorisations pour accéder à cette zone."
DENIED_NL = "Sorry, je hebt geen toegang tot dit gedeelte."


def _shell(live, code: str) -> str:
    return live.manage("shell", "-c", code).stdout.strip()


@pytest.fixture
def shelter(live):
    """The pk of another commune's location with a hidden address, given an address for the test."""
    pk = _shell(
        live,
        "from resources.models import Location as L\n"
        f"l = L.objects.get(name__startswith={SHELTER!r}, hidden_address=True)\n"
        f"L.objects.filter(pk=l.pk).update(streets={{'fr': {SECRET_ADDRESS!r}}})\n"
        "print(l.pk, l.commune.name_in('fr'))",
    )
    pk, commune = pk.split()[-2:]
    assert commune != "Saint-Gilles"
    yield int(pk)
    _shell(
        live, f"from resources.models import Location as L\nL.objects.filter(pk={pk}).update(streets={{}})"
    )


def _edit_own_listing(page, seen: list) -> None:
    """Its services: those of Saint-Gilles only; it edits and publishes its own listing, whose history then
    answers (it was a 500 for everyone) and lists the change."""
    page.goto("/admin/snippets/resources/service/?q=Modus")
    seen.append(page.content())
    page.get_by_role("link", name=OWN_LISTING).first.click()
    page.wait_for_url(re.compile(r"/admin/snippets/resources/service/edit/\d+/"))
    edit_url = page.url
    marker = "Gratuit, sans rendez-vous (vérifié par la task force)"
    today = dt.date.today().isoformat()
    page.fill("#id_cost", marker)
    page.fill("#id_last_verified", today)  # marks it verified
    page.fill("#id_verified_by", "Task force Saint-Gilles")
    page.locator(
        "button[name=action-publish]"
    ).first.click()  # listings have drafts: "Publier" is the main button
    page.wait_for_url("**/admin/snippets/resources/service/")
    success = page.locator(".messages .success")
    assert OWN_LISTING in success.inner_text()
    seen.append(page.content())
    page.goto(edit_url)
    assert page.input_value("#id_cost") == marker
    assert page.input_value("#id_last_verified") == today
    seen.append(page.content())

    # The listing's history answers (it was a 500 for everyone) and lists the change.
    page.goto(edit_url.replace("/edit/", "/history/"))
    assert "/history/" in page.url
    assert page.locator("main table tbody tr").count() >= 1
    seen.append(page.content())


def _not_refused(page, shelter: int, seen: list) -> list[str]:
    """Another commune's location, by every URL: those not answered with the admin's refusal, in French."""
    refused = []
    for view in ("edit", "history", "usage", "delete", "copy", "inspect"):
        page.goto(f"/admin/snippets/resources/location/{view}/{shelter}/")
        seen.append(page.content())
        if not page.url.endswith("/admin/") or DENIED not in page.locator(".messages").inner_text():
            refused.append(f"{view}: {page.url}")
    return refused


def _assert_the_shelter_is_not_listed(page, seen: list) -> None:
    """Neither the location list, its search, nor the location chooser shows the shelter."""
    for url in (
        "/admin/snippets/resources/location/",
        "/admin/snippets/resources/location/?q=Pilier",
        "/admin/snippets/choose/resources/location/",
        "/admin/snippets/choose/resources/location/results/?q=Pilier",
    ):
        page.goto(url)
        assert SHELTER not in page.content(), url
        seen.append(page.content())


def test_task_force_edits_its_listing_and_is_refused_another_communes_location(desktop, live, shelter):
    page = desktop
    staff_login(page, live, "taskforce-saint-gilles")
    seen = []  # the HTML of every page the task force reached
    _edit_own_listing(page, seen)
    assert _not_refused(page, shelter, seen) == []
    _assert_the_shelter_is_not_listed(page, seen)
    assert not [html for html in seen if SECRET_ADDRESS in html]


def test_directory_manager_opens_that_location_and_its_history(desktop, live, shelter):
    page = desktop
    staff_login(page, live, "directory-manager")
    page.goto(f"/admin/snippets/resources/location/edit/{shelter}/")
    assert page.input_value("#id_streets_fr") == SECRET_ADDRESS
    assert page.is_checked("#id_hidden_address")
    page.goto(f"/admin/snippets/resources/location/history/{shelter}/")
    assert "/history/" in page.url
    page.goto(f"/admin/snippets/resources/location/usage/{shelter}/")
    assert "Le Pilier – comptoir d'échange" in page.content()  # the listing it serves


def test_task_force_in_dutch_is_refused_in_dutch(browser, live, shelter):
    """The same refusal for a Dutch-speaking member (admin language from the browser, no preference set)."""
    context = _context(browser, live, locale="nl-BE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        staff_login(page, live, "taskforce-saint-gilles")
        for view in ("edit", "history"):
            page.goto(f"/admin/snippets/resources/location/{view}/{shelter}/")
            assert page.url.endswith("/admin/")
            assert DENIED_NL in page.locator(".messages").inner_text()
            assert SECRET_ADDRESS not in page.content()
    finally:
        context.close()


def _listing_pks(live) -> tuple[int, int]:
    """The French and Dutch rows of the task force's own demo listing."""
    out = _shell(
        live,
        "from resources.models import Service as S\n"
        f"fr = S.objects.get(name={OWN_LISTING!r}, locale__language_code='fr')\n"
        "nl = S.objects.get(translation_key=fr.translation_key, locale__language_code='nl')\n"
        "print(fr.pk, nl.pk, fr.status)",
    )
    fr, nl, *status = out.split("\n")[-1].split(maxsplit=2)
    assert status == ["active"], out
    return int(fr), int(nl)


def _public_text(browser, live, path: str) -> str:
    context = _context(browser, live, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        return page.locator("main").inner_text()
    finally:
        context.close()


def test_with_review_on_a_manager_approves_the_task_forces_change_before_it_is_public(browser, desktop, live):
    """Issue #14 item 3: the directory manager switches review on; the task force changes its listing's status
    and submits it; the Dutch page keeps the published status until the manager approves, then shows it."""
    fr_pk, nl_pk = _listing_pks(live)
    nl_path = f"/nl/hulp/dienst/{nl_pk}/"
    closed_nl = "Tijdelijk gesloten"
    assert closed_nl.casefold() not in _public_text(browser, live, nl_path).casefold()
    try:
        # 1. The directory manager switches the review on (Settings → Directory review).
        manager = desktop
        staff_login(manager, live, "directory-manager")
        manager.goto("/admin/settings/resources/directoryreviewsettings/")
        manager.check("#id_task_force_review")
        manager.locator("main form button[type=submit]").first.click()
        expect(manager.locator(".messages")).to_be_visible(timeout=30_000)
        assert manager.is_checked("#id_task_force_review")

        # 2. The task force has no "Publish": it saves the change and submits it to the review.
        context = _context(browser, live, locale="fr-BE", viewport={"width": 1280, "height": 900})
        task_force = context.new_page()
        try:
            staff_login(task_force, live, "taskforce-saint-gilles")
            task_force.goto(f"/admin/snippets/resources/service/edit/{fr_pk}/")
            task_force.select_option("#id_status", "temporarily closed")
            assert task_force.locator("button[name=action-publish]").count() == 0
            task_force.locator("button[name=action-submit]").evaluate("button => button.click()")
            expect(task_force.locator(".messages")).to_contain_text("soumis", timeout=30_000)
        finally:
            context.close()
        assert closed_nl.casefold() not in _public_text(browser, live, nl_path).casefold()
        assert (
            "Temporairement fermé".casefold()
            not in _public_text(browser, live, f"/fr/aide/service/{fr_pk}/").casefold()
        )

        # 3. The directory manager approves (which publishes): the Dutch page shows the new status.
        manager.goto(f"/admin/snippets/resources/service/edit/{fr_pk}/")
        approve = manager.locator(
            "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
        )
        approve.evaluate("button => button.click()")
        expect(manager.locator(".messages")).to_be_visible(timeout=30_000)
        assert closed_nl.casefold() in _public_text(browser, live, nl_path).casefold()
    finally:
        _shell(
            live,
            "from resources.models import DirectoryReviewSettings as D, Service as S\n"
            "D.objects.update(task_force_review=False)\n"
            f"s = S.objects.get(pk={fr_pk})\n"
            "s.status = 'active'\n"
            "s.save()\n",
        )
