"""Search latency benchmark (operators only): seeds synthetic services and times the public search view.

Used by `manage.py bench_search`. Output is for operators (English, not translated).
"""

from __future__ import annotations

import re
import statistics
import time
from dataclasses import dataclass, field
from unittest import mock

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from home.services import ensure_locales_and_home
from resources.geography import load_geography
from resources.models import CATEGORIES, Commune, Hotspot, Quartier, Service


def ensure_data(count: int, *, stdout) -> int:
    """Idempotent: geography if communes are missing, then `generate_services` only when fewer than `count`."""
    ensure_locales_and_home()
    if not Commune.objects.exists():
        load_geography()
    existing = Service.objects.filter(locale__language_code="fr").count()
    if existing < count:
        call_command("generate_services", count, stdout=stdout)
    return Service.objects.filter(locale__language_code="fr").count()


def cases(lang: str) -> list[tuple[str, str]]:
    """(label, query string) covering every filter of the search form."""
    quartier = Quartier.objects.order_by("mdzone").first()
    commune = Commune.objects.order_by("nis_code").first()
    hotspot = Hotspot.objects.filter(locale__language_code=lang).order_by("slug").first()
    category = CATEGORIES[0][0]
    word = "service" if lang == "fr" else "dienst"
    params = [
        ("no filter", {}),
        ("free text", {"q": word}),
        ("category", {"category": category}),
        ("commune", {"commune": commune.nis_code}),
        ("quartier", {"quartier": quartier.mdzone}),
        ("hotspot", {"hotspot": hotspot.slug if hotspot else "none"}),
        ("language", {"language": "nl"}),
        ("open now", {"open_now": "on"}),
        ("free", {"free": "on"}),
        ("anonymous", {"anonymous": "on"}),
        ("no appointment", {"no_appointment": "on"}),
        ("age", {"age": 17}),
        ("near quartier", {"near": quartier.mdzone}),
        ("lat/lon", {"lat": 50.8466, "lon": 4.3528}),
        ("page 2", {"page": 2}),
        (
            "all filters",
            {"q": word, "category": category, "language": "fr", "free": "on", "near": quartier.mdzone},
        ),
    ]
    with translation.override(lang):
        base = reverse("resources:search")
    return [(label, base + ("?" + urlencode(p) if p else "")) for label, p in params]


@dataclass
class Row:
    label: str
    url: str
    times_ms: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    statuses: set[int] = field(default_factory=set)
    results: set[int] = field(default_factory=set)  # matches announced by the page

    @property
    def p50(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95(self) -> float:
        return percentile(self.times_ms, 95)


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


def run(repetitions: int, *, warmup: int = 2, at=None) -> list[Row]:
    """`at` (an aware datetime) stands for the clock, so that open-now results do not depend on the hour the
    benchmark runs (at night nothing is open and the page is lighter)."""
    if at is not None:
        with mock.patch("django.utils.timezone.now", return_value=at):
            return run(repetitions, warmup=warmup)
    with override_settings(RATELIMIT_ENABLE=False):  # one address, many searches: measure the view, not 429s
        return _run(repetitions, warmup=warmup)


def _run(repetitions: int, *, warmup: int) -> list[Row]:
    client = Client(HTTP_HOST="127.0.0.1")
    rows = []
    for lang in ("fr", "nl"):
        for label, url in cases(lang):
            row = Row(f"{lang} {label}", url)
            for _ in range(warmup):
                row.statuses.add(client.get(url).status_code)
            for _ in range(repetitions):
                with CaptureQueriesContext(connection) as ctx:
                    started = time.perf_counter()
                    response = client.get(url)
                    elapsed = time.perf_counter() - started
                row.times_ms.append(elapsed * 1000)
                row.queries.append(len(ctx.captured_queries))
                row.statuses.add(response.status_code)
                row.results.add(result_count(response))
            rows.append(row)
    return rows


def result_count(response) -> int:
    """The number of matches the page announces (its context is not recorded outside the test runner)."""
    match = re.search(r'id="results-heading"[^>]*>([\d\s.,\u202f\xa0]+)', response.content.decode())
    return int(re.sub(r"\D", "", match.group(1))) if match else 0


def table(rows: list[Row]) -> list[str]:
    width = max(len(r.url) for r in rows)
    header = f"{'case':<22} {'query string':<{width}} {'p50':>7} {'p95':>7} {'max':>7} {'queries':>7} {'results':>7}"
    lines = [header]
    for r in rows:
        queries = "/".join(str(q) for q in sorted(set(r.queries)))
        results = "/".join(str(n) for n in sorted(r.results)) or "-"
        lines.append(
            f"{r.label:<22} {r.url:<{width}} {r.p50:7.1f} {r.p95:7.1f} {max(r.times_ms):7.1f} {queries:>7} "
            f"{results:>7}"
        )
    everything = [t for r in rows for t in r.times_ms]
    lines.append(
        f"overall: {len(everything)} requests, p50 {statistics.median(everything):.1f} ms, "
        f"p95 {percentile(everything, 95):.1f} ms, max {max(everything):.1f} ms"
    )
    return lines
