from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from evaluation.models import DailyMetric

pytestmark = pytest.mark.django_db


def test_bench_report_prints_the_table_and_seeds_idempotently():
    out = StringIO()
    call_command("bench_report", pages=3, days=10, repeat=1, allow_sqlite=True, stdout=out)
    text = out.getvalue()
    assert "p50 ms" in text and "queries" in text
    for label in ("report", "csv", "xlsx"):
        assert any(line.startswith(label) and " 200 " in line for line in text.splitlines()), text
    rows = DailyMetric.objects.count()
    # 20 days (period + baseline) × (campaign + 3 pages + 13 UTM values + 3 goals)
    assert rows == 20 * (1 + 3 + 13 + 3)
    assert not DailyMetric.objects.filter(is_demo=False).exists()
    call_command("bench_report", pages=3, days=10, repeat=1, allow_sqlite=True, stdout=StringIO())
    assert DailyMetric.objects.count() == rows


def test_bench_report_refuses_sqlite_without_the_flag(settings):
    from django.db import connection

    if connection.vendor == "postgresql":
        pytest.skip("runs on PostgreSQL")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("bench_report", pages=1, days=1, repeat=1, stdout=StringIO())
