"""The one list of pages that the quality checks visit: axe (tests/e2e/test_accessibility.py), Lighthouse
(tools/lighthouse.py) and the benchmark (bench/run.py).

Adding a page type after a merge is one line in PAGES, with a path that exists in the demo
(`manage.py load_demo`). Flags:
- `lighthouse`: also audited by `make lighthouse` (3 runs, median, budgets in tools/lighthouse.py);
- `bench`: also measured by `make bench`, against `target_rps` (uncached req/s on 2 gunicorn workers);
- `status`: the expected HTTP status (404 for the not-found page);
- `page_cache`: False for Django views (directory search, service page), which the page cache never keeps.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageCheck:
    kind: str  # page type, for the reports: "home", "standard", "campaign", "search", …
    path: str  # absolute path on the demo site, language prefix included
    lighthouse: bool = False
    bench: bool = False
    target_rps: float | None = None
    status: int = 200
    page_cache: bool = True  # a Wagtail page the page cache keeps (not the search or other Django views)

    @property
    def language(self) -> str:
        return self.path.strip("/").split("/")[0]


PAGES: list[PageCheck] = [
    PageCheck("home", "/fr/", lighthouse=True, bench=True, target_rps=56),
    PageCheck("home", "/nl/", lighthouse=True),
    PageCheck("standard", "/fr/a-propos/", bench=True, target_rps=125),
    PageCheck("standard", "/nl/over-ons/"),
    PageCheck("standard", "/fr/vie-privee/"),
    PageCheck("standard", "/nl/privacy/"),
    PageCheck("404", "/fr/cette-page-n-existe-pas/", status=404),
    PageCheck("404", "/nl/deze-pagina-bestaat-niet/", status=404),
    PageCheck("substance-index", "/fr/produits/"),
    PageCheck("substance-index", "/nl/middelen/"),
    PageCheck("substance", "/fr/produits/cannabis/", lighthouse=True, bench=True, target_rps=125),
    PageCheck("substance", "/nl/middelen/cannabis/"),
    PageCheck("campaign-index", "/fr/campagnes/"),
    PageCheck("campaign-index", "/nl/campagnes/"),
    PageCheck("campaign", "/fr/campagnes/dope-talk/", lighthouse=True, bench=True, target_rps=125),
    PageCheck("campaign", "/nl/campagnes/dope-talk/"),
    PageCheck("article", "/fr/campagnes/inquiet-pour-un-ami/"),
    PageCheck("article", "/nl/campagnes/bezorgd-om-een-vriend/"),
    PageCheck("alert", "/fr/campagnes/alerte-ecstasy-tres-dosee/"),
    PageCheck("alert", "/nl/campagnes/waarschuwing-zeer-sterke-xtc/"),
    PageCheck("directory", "/fr/aide/", lighthouse=True),
    PageCheck("directory", "/nl/hulp/"),
    PageCheck("search", "/fr/aide/?q=emploi", bench=True, target_rps=61, page_cache=False),
    PageCheck("prevention-search", "/fr/prevention/search/?q=cannabis"),
    PageCheck("mix-checker", "/fr/prevention/mix/"),
    PageCheck(
        "service", "/fr/aide/service/1/", lighthouse=True, bench=True, target_rps=125, page_cache=False
    ),
    PageCheck("hotspot", "/fr/aide/hotspot/gare-du-midi/"),
    PageCheck("commune", "/fr/aide/commune/21001/"),
    PageCheck("referrals", "/fr/orientation/"),
    PageCheck("referrals", "/nl/doorverwijzing/"),
]

# manage.py commands run after load_demo by `make bench` (skipped when the command does not exist yet), e.g. the
# directory's 10,000 services: ["generate_services", "10000"].
BENCH_SETUP: list[list[str]] = [["generate_services", "10000"]]

# Admin screens checked by axe after logging in (Wagtail's own markup: a regression there is reported, not
# fixed here). Paths relative to the site root.
ADMIN_PAGES: list[str] = [
    "/admin/",
    "/admin/scheduling/",  # the content calendar (month view)
    "/admin/scheduling/?view=week",
    "/admin/evaluation/campaign-report/",
    "/admin/evaluation/hotspots/",
    "/admin/evaluation/hotspots/gare-du-midi/",  # a hotspot sheet
    "/admin/evaluation/campaign-report/?campaign=dope-talk-2026",  # a campaign report (the demo's campaign)
    "/admin/evaluation/regional/",
    # the project's own screens on Wagtail's generic frame (home/admin_screens.py)
    "/admin/scheduling/?view=list",
    "/admin/scheduling/import/",
    "/admin/scheduling/feed/",
    "/admin/evaluation/social-import/",
    "/admin/outgoing-emails/retry/",
    "/admin/directory/to-complete/",
    "/admin/directory/import/",
]


def pages(*, lighthouse: bool | None = None, bench: bool | None = None) -> list[PageCheck]:
    selected = PAGES
    if lighthouse is not None:
        selected = [p for p in selected if p.lighthouse == lighthouse]
    if bench is not None:
        selected = [p for p in selected if p.bench == bench]
    return selected
