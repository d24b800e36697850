"""Journeys 11 and 12 of docs/journeys.md: the analyst and the hotspot task force, on a desktop, in French.

The analyst reads a campaign report and a hotspot sheet, downloads the exports, and is refused every change.
The hotspot task force records an action on its hotspot, sees it on the sheet, and is refused another task
force's action.
"""

import re

import pytest
from playwright.sync_api import expect

from .conftest import staff_login

pytestmark = pytest.mark.e2e


def _refused(page, path: str) -> None:
    """The admin's refusal: a 403 page or the dashboard with its "permission" message; never the screen."""
    response = page.goto(path)
    if response.status == 403:
        return
    assert response.status == 200, (path, response.status)
    expect(page.locator(".messages")).to_contain_text(re.compile("autorisation|permission"))
    assert not page.url.endswith(path), page.url


def test_analyst_reads_a_campaign_report_and_a_hotspot_sheet_and_exports_them(desktop, live):
    page = desktop
    staff_login(page, live, "analyst")
    page.goto("/admin/evaluation/campaign-report/")
    expect(page.locator("h1")).to_contain_text("Rapports de campagne")
    page.locator("table.listing a").first.click()
    expect(page.locator("#summary-heading")).to_have_text("Résumé")
    expect(page.locator("#path-heading")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("XLSX")).first.click()
    assert download.value.suggested_filename.endswith(".xlsx")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("CSV")).first.click()
    assert download.value.suggested_filename.endswith(".csv")

    page.goto("/admin/evaluation/hotspots/")
    page.locator("main a[href*='/admin/evaluation/hotspots/gare-du-midi/']").first.click()
    expect(page.locator("main")).to_contain_text("Journal des actions")

    # Reading is all: no content, listing or action can be changed.
    for path in (
        "/admin/pages/",
        "/admin/snippets/resources/service/",
        "/admin/evaluation_hotspot_actions/new/",
        "/admin/settings/home/sitesettings/1/",
    ):
        _refused(page, path)


def test_hotspot_task_force_records_an_action_and_is_refused_another_task_forces(desktop, live):
    page = desktop
    staff_login(page, live, "taskforce-hotspot")
    page.goto("/admin/evaluation_hotspot_actions/new/")
    # Only its own hotspot is offered: the others are not in the list.
    offered = page.locator("select[name=hotspot_slug] option").evaluate_all("os => os.map(o => o.value)")
    assert set(offered) == {"", "gare-du-midi"}, offered
    page.select_option("select[name=hotspot_slug]", "gare-du-midi")
    page.select_option("select[name=axis]", index=2)
    page.fill("input[name=date]", "2026-11-30")
    page.select_option("select[name=status]", index=1)
    page.fill("textarea[name=description]", "Maraude de prévention avec le service jeunesse, 18 h – 21 h.")
    page.select_option("select[name=task_force_group]", label="Task force Gare du Midi")
    page.locator("main form[method=post] button[type=submit]").first.click()
    expect(page.locator(".messages")).to_be_visible()
    page.goto("/admin/evaluation/hotspots/gare-du-midi/")
    expect(page.locator("main")).to_contain_text("Maraude de prévention avec le service jeunesse")

    # Another task force's action (Porte de Hal): refused by direct URL.
    other = live.manage(
        "shell",
        "-c",
        "from evaluation.models import HotspotAction; "
        "print(HotspotAction.objects.filter(hotspot_slug='porte-de-hal').first().pk)",
    )
    pk = int(other.stdout.strip().splitlines()[-1])
    _refused(page, f"/admin/evaluation_hotspot_actions/edit/{pk}/")
    _refused(page, f"/admin/evaluation_hotspot_actions/delete/{pk}/")
    _refused(page, "/admin/evaluation/hotspots/porte-de-hal/")  # another task force's sheet
    _refused(page, "/admin/pages/")
