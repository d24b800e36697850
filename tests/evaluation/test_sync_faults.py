"""Fault tests of the Plausible sync against the Plausible double (tools/plausible_double.py).

For each fault (429, 500, timeout, malformed JSON, wrong shapes) in the first chunk, the second chunk and the
period phase: the run ends failed with a clear code and nothing of the failing step written, and the next run (a
plain resume) ends with every row of DailyMetric and PeriodAggregate (campaign periods and baselines) identical to
one clean run of the same range.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
import requests

from evaluation.clients.plausible import PlausibleClient, UnlimitedBudget
from evaluation.models import (
    DailyMetric,
    DimensionKind,
    PeriodAggregate,
    SyncErrorCode,
    SyncRun,
    SyncStatus,
    TrackedCampaign,
)
from evaluation.sync import run_sync
from tools.plausible_double import PlausibleDouble

pytestmark = pytest.mark.django_db

START, END = date(2026, 1, 1), date(2026, 2, 10)  # two chunks: Jan 1–31, Feb 1–10
TODAY = date(2026, 2, 20)
KEY, SITE = "double-key", "prevention.test"
UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


def send(double, name, path, *, ip, at, props=None, query=""):
    double.now = at
    body = {"name": name, "url": f"https://{SITE}{path}{query}", "domain": SITE}
    if props:
        body["props"] = props
    response = requests.post(
        f"{double.url}/api/event", json=body, headers={"User-Agent": UA, "X-Forwarded-For": ip}, timeout=5
    )
    assert response.status_code == 202, response.text


def seed(double):
    """Visits on every day of the range: campaign pages reached from social posts, the directory, contacts."""
    day = START
    n = 0
    while day <= END:
        n += 1
        at = datetime(day.year, day.month, day.day, 10, 0, tzinfo=UTC)
        send(double, "pageview", "/fr/", ip=f"10.0.{n}.1", at=at)
        send(double, "pageview", "/fr/", ip=f"10.0.{n}.9", at=at + timedelta(hours=3))
        if day.day % 2:
            q = "?utm_source=instagram&utm_medium=social&utm_campaign=ete-2026&utm_content=lea-fr"
            send(double, "pageview", "/fr/campagnes/ete/", ip=f"10.0.{n}.2", at=at, query=q)
            send(
                double,
                "Directory search",
                "/fr/aide/",
                ip=f"10.0.{n}.2",
                at=at + timedelta(minutes=2),
                props={"category": "drugs", "quartier": "21004"},
            )
        if day.day % 3 == 0:
            q = "?utm_source=tiktok&utm_medium=social&utm_campaign=hiver&utm_content=sam-nl"
            send(double, "pageview", "/nl/campagnes/winter/", ip=f"10.0.{n}.3", at=at, query=q)
            send(
                double,
                "Service contact",
                "/nl/hulp/",
                ip=f"10.0.{n}.3",
                at=at + timedelta(minutes=5),
                props={"channel": "call", "quartier": "21013"},
            )
        day += timedelta(days=1)


@pytest.fixture(scope="module")
def double():
    with PlausibleDouble(api_key=KEY, site_id=SITE) as double:
        seed(double)
        yield double


@pytest.fixture
def plausible(double):
    double.clear_faults()
    yield double
    double.clear_faults()


@pytest.fixture
def campaigns(db):
    TrackedCampaign.objects.create(
        code="ete",
        name="Été",
        path_prefixes="/fr/campagnes/ete/",
        utm_campaign="ete-2026",
        starts_on=date(2026, 1, 20),
        ends_on=date(2026, 1, 31),
    )
    TrackedCampaign.objects.create(
        code="hiver",
        name="Hiver",
        path_prefixes="/nl/campagnes/winter/",
        starts_on=date(2026, 2, 3),
        ends_on=date(2026, 2, 8),
    )


def client(double):
    return PlausibleClient(
        base_url=double.url,
        api_key=KEY,
        site_id=SITE,
        read_timeout=0.3,
        connect_timeout=0.3,
        max_retries=1,
        sleep=lambda s: None,
        budget=UnlimitedBudget(),
    )


def snapshot():
    daily = sorted(
        DailyMetric.objects.values_list(
            "date",
            "kind",
            "value",
            "prop_name",
            "prop_value",
            "visitors",
            "visits",
            "pageviews",
            "bounce_rate",
            "visit_duration",
            "events",
            "is_demo",
        )
    )
    periods = sorted(
        PeriodAggregate.objects.values_list(
            "campaign_code",
            "period_start",
            "period_end",
            "breakdown",
            "value",
            "visitors",
            "visits",
            "pageviews",
            "bounce_rate",
            "visit_duration",
            "events",
            "is_demo",
        )
    )
    return daily, periods


def clean_snapshot(double):
    run = run_sync(start=START, end=END, backfill=True, client=client(double), today=TODAY)
    assert run.status == SyncStatus.SUCCESS, run.error_message
    snap = snapshot()
    DailyMetric.objects.all().delete()
    PeriodAggregate.objects.all().delete()
    SyncRun.objects.all().delete()
    return snap


def in_chunk(first_day):
    return lambda body: (
        body["date_range"][0] == first_day and "visit:utm_medium" in body.get("dimensions", [])
    )


def in_period_phase(body):
    # The second campaign's period (the first campaign's period and baseline are stored by then).
    return body["date_range"] == ["2026-02-03", "2026-02-08"] and body.get("dimensions") == [
        "visit:utm_content"
    ]


WHERE = {"chunk 1": in_chunk("2026-01-01"), "chunk 2": in_chunk("2026-02-01"), "periods": in_period_phase}
CODES = {
    "429": SyncErrorCode.RATE_LIMITED,
    "500": SyncErrorCode.SERVER_ERROR,
    "timeout": SyncErrorCode.NETWORK,
    "malformed_json": SyncErrorCode.MALFORMED,
    "wrong_shape": SyncErrorCode.MALFORMED,
    "not_a_date": SyncErrorCode.MALFORMED,
}
CASES = [
    (kind, where) for kind in CODES for where in WHERE if not (kind == "not_a_date" and where == "periods")
]


def nothing_of_chunk_1(failed):
    assert failed.completed_until is None and not DailyMetric.objects.exists()


def nothing_of_chunk_2(failed):
    assert failed.completed_until == date(2026, 1, 31)
    assert not DailyMetric.objects.filter(date__gte=date(2026, 2, 1)).exists()
    assert not PeriodAggregate.objects.exists()


def nothing_of_the_second_period(failed):
    assert failed.completed_until == END
    assert not PeriodAggregate.objects.filter(campaign_code="hiver", period_start=date(2026, 2, 3)).exists()
    assert PeriodAggregate.objects.filter(campaign_code="ete").exists()


# Nothing of the failing step is written: what is stored after a fault in each place of WHERE.
NOTHING_OF_THE_FAILING_STEP = {
    "chunk 1": nothing_of_chunk_1,
    "chunk 2": nothing_of_chunk_2,
    "periods": nothing_of_the_second_period,
}


@pytest.mark.parametrize(("kind", "where"), CASES, ids=[f"{k}-{w}" for k, w in CASES])
def test_resume_after_a_fault_equals_a_clean_run(plausible, campaigns, kind, where):
    clean = clean_snapshot(plausible)
    assert clean[0] and len({p[:3] for p in clean[1]}) == 4  # two campaigns: period and baseline each

    plausible.fail(kind, when=WHERE[where], timeout_seconds=0.6)
    failed = run_sync(start=START, end=END, backfill=True, client=client(plausible), today=TODAY)
    assert failed.status == SyncStatus.FAILED
    assert failed.error_code == CODES[kind], failed.error_message
    assert failed.finished_at is not None
    NOTHING_OF_THE_FAILING_STEP[where](failed)

    plausible.clear_faults()
    resumed = run_sync(client=client(plausible), today=TODAY)
    assert resumed.resumes == failed
    assert resumed.status == SyncStatus.SUCCESS, resumed.error_message
    assert snapshot() == clean


def test_resume_replaces_demo_values_and_stale_rows(plausible, campaigns):
    """Demo rows on the synced keys (and values Plausible does not report) do not survive a resumed chain."""
    clean = clean_snapshot(plausible)
    base = {"is_demo": True, "visitors": 999, "visits": 999}
    for start, end in ((date(2026, 1, 20), date(2026, 1, 31)), (date(2026, 1, 8), date(2026, 1, 19))):
        for breakdown, value in (("total", ""), ("utm_content", "demo-only-value")):
            PeriodAggregate.objects.create(
                campaign_code="ete",
                period_start=start,
                period_end=end,
                breakdown=breakdown,
                value=value,
                **base,
            )
    DailyMetric.objects.create(date=date(2026, 1, 5), kind=DimensionKind.PAGE, value="/fr/", **base)
    DailyMetric.objects.create(date=date(2026, 1, 5), kind=DimensionKind.PAGE, value="/fr/demo/", **base)

    plausible.fail("500", when=WHERE["chunk 2"])
    assert (
        run_sync(start=START, end=END, backfill=True, client=client(plausible), today=TODAY).status
        == "failed"
    )
    plausible.clear_faults()
    assert run_sync(client=client(plausible), today=TODAY).status == SyncStatus.SUCCESS
    assert snapshot() == clean


def test_two_faults_in_a_row_then_success(plausible, campaigns):
    clean = clean_snapshot(plausible)
    plausible.fail("429", when=WHERE["chunk 2"])
    assert (
        run_sync(start=START, end=END, backfill=True, client=client(plausible), today=TODAY).status
        == "failed"
    )
    plausible.clear_faults()
    plausible.fail("wrong_shape", when=WHERE["periods"])
    second = run_sync(client=client(plausible), today=TODAY)
    assert (second.status, second.error_code, second.periods_from) == ("failed", "malformed", START)
    plausible.clear_faults()
    third = run_sync(client=client(plausible), today=TODAY)
    assert third.status == SyncStatus.SUCCESS
    assert third.range_start > third.range_end  # nothing left of the days: only the last period
    assert len(third.periods_done) == third.periods_total == 4
    assert snapshot() == clean
