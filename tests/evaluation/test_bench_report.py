from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from evaluation.models import DailyMetric

pytestmark = pytest.mark.django_db


def test_bench_report_prints_the_table_and_seeds_idempotently():
    out = StringIO()
    call_command("bench_report", pages=3, days=10, repeat=1, hotspots=0, allow_sqlite=True, stdout=out)
    text = out.getvalue()
    assert "p50 ms" in text and "queries" in text
    for label in ("report", "csv", "xlsx"):
        assert any(line.startswith(label) and " 200 " in line for line in text.splitlines()), text
    rows = DailyMetric.objects.count()
    # 20 days (period + baseline) × (campaign + 3 pages + 13 UTM values + 3 goals)
    assert rows == 20 * (1 + 3 + 13 + 3)
    assert not DailyMetric.objects.filter(is_demo=False).exists()
    call_command("bench_report", pages=3, days=10, repeat=1, hotspots=0, allow_sqlite=True, stdout=StringIO())
    assert DailyMetric.objects.count() == rows


def test_bench_report_refuses_sqlite_without_the_flag(settings):
    from django.db import connection

    if connection.vendor == "postgresql":
        pytest.skip("runs on PostgreSQL")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("bench_report", pages=1, days=1, repeat=1, stdout=StringIO())


def _bench(hotspots: int, days: int) -> dict[str, tuple[int, int]]:
    out = StringIO()
    call_command(
        "bench_report", pages=2, days=days, repeat=1, hotspots=hotspots, allow_sqlite=True, stdout=out
    )
    table = {}
    for line in out.getvalue().splitlines():
        parts = line.split()
        if parts and parts[0] in ("report", "csv", "xlsx", "regional", "reg-csv"):
            table[parts[0]] = (int(parts[1]), int(parts[-1]))  # (status, queries)
    return table


def test_bench_report_times_the_regional_overview_with_as_many_queries_at_two_sizes():
    from evaluation.hotspots import status_disagreements
    from evaluation.models import HotspotAction, HotspotStatusChange

    small = _bench(hotspots=2, days=10)
    assert small["regional"][0] == small["reg-csv"][0] == 200, small
    assert HotspotAction.objects.exists() and HotspotStatusChange.objects.exists()
    rows = DailyMetric.objects.count()
    assert _bench(hotspots=2, days=10) == small and DailyMetric.objects.count() == rows  # idempotent
    large = _bench(hotspots=6, days=40)
    assert DailyMetric.objects.count() > rows
    # More hotspots, more days, more actions and status changes: the same number of queries.
    assert large["regional"] == small["regional"] and large["reg-csv"] == small["reg-csv"], (small, large)
    assert status_disagreements() == []
