"""`manage.py bench_search`: runs end to end on a tiny data set (no timing assertions)."""

import datetime as dt
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from demo.benchmarks.search import ensure_data
from home.hours import BRUSSELS
from resources.models import Service

pytestmark = pytest.mark.django_db


def _run(**options):
    out = io.StringIO()
    call_command(
        "bench_search", services=5, repetitions=1, warmup=1, allow_sqlite=True, stdout=out, **options
    )
    return out.getvalue()


ROW = re.compile(r"^(fr|nl) (.+?)\s+(/\S*)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+(\S+)\s+(\S+)$")


def _query_counts(output):
    """{(language, case label): number of queries} of the output's rows; each row's URL is in its language and
    its query count did not vary between repetitions."""
    rows = {}
    for match in filter(None, map(ROW.match, output.splitlines())):
        lang, label, url, _p50, _p95, _max, queries, _results = match.groups()
        assert url.startswith("/fr/aide/" if lang == "fr" else "/nl/hulp/")
        assert "/" not in queries, f"query count varied between repetitions for {url}"
        rows[(lang, label)] = int(queries)
    return rows


def test_prints_a_row_per_case_and_language_with_stable_query_counts():
    output = _run()
    rows = _query_counts(output)
    labels = {label for _lang, label in rows}
    assert {"free text", "hotspot", "open now", "near quartier", "lat/lon", "page 2", "all filters"} <= labels
    assert len(rows) == 2 * len(labels)
    for label in labels:  # same case, same number of queries in both languages
        assert rows[("fr", label)] == rows[("nl", label)], label
    assert re.search(r"overall: \d+ requests, p50 [\d.]+ ms, p95 [\d.]+ ms", output)


def test_seeding_is_idempotent():
    _run()
    # Seeding is idempotent: enough services already, nothing is added.
    assert Service.objects.count() == 10  # 5 services × FR + NL
    assert ensure_data(5, stdout=io.StringIO()) == 5
    assert Service.objects.count() == 10


@pytest.mark.skipif(connection.vendor == "postgresql", reason="refusal is for other databases")
def test_refuses_other_databases_without_flag():
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("bench_search", services=5, repetitions=1, stdout=io.StringIO())
    assert not Service.objects.exists()


def test_clock_can_be_set_for_open_now(make_service):
    from .conftest import ALL_WEEK

    make_service("Toujours", schedules=ALL_WEEK)
    make_service("Matin", schedules=[(0, dt.time(9), dt.time(12))])  # Mondays 9-12

    def open_now_results(output):
        line = next(line for line in output.splitlines() if line.startswith("fr open now "))
        return int(line.split()[-1])

    def expected(moment):
        return sum(s.status_at(moment).is_open for s in Service.objects.filter(locale__language_code="fr"))

    monday_morning = _run(at="2026-11-30T10:30")
    assert "clock set to 2026-11-30T10:30:00+01:00" in monday_morning
    assert (
        open_now_results(monday_morning) == expected(dt.datetime(2026, 11, 30, 10, 30, tzinfo=BRUSSELS)) >= 2
    )
    assert open_now_results(_run(at="2026-11-29T23:00")) == 1  # Sunday night: only the 24/7 one
    with pytest.raises(CommandError, match="--at"):
        _run(at="lundi")
