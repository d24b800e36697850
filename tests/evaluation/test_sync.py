from datetime import UTC, date, datetime, timedelta

import pytest
import responses
from django.core.management import CommandError, call_command
from django.utils import timezone

from evaluation.budget import DatabaseBudget
from evaluation.clients.plausible import BudgetExhausted
from evaluation.models import (
    DailyMetric,
    DimensionKind,
    PeriodAggregate,
    RequestWindow,
    SyncErrorCode,
    SyncRun,
    SyncStatus,
    TrackedCampaign,
)
from evaluation.selectors import CampaignTarget
from evaluation.sync import (
    SyncError,
    campaign_filter,
    chunks,
    estimate_requests,
    next_incremental_range,
    reap_stale_runs,
    run_sync,
)

from .conftest import QUERY_URL
from .fake_plausible import FakePlausible

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake():
    fake = FakePlausible()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add_callback(responses.POST, QUERY_URL, callback=fake)
        yield fake


def snapshot():
    return sorted(
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
            "events",
        )
    )


def test_chunks_cover_the_range_without_overlap():
    parts = list(chunks(date(2026, 1, 1), date(2026, 3, 5)))
    assert parts[0] == (date(2026, 1, 1), date(2026, 1, 31))
    assert parts[-1][1] == date(2026, 3, 5)
    assert all(b[0] == a[1] + timedelta(days=1) for a, b in zip(parts, parts[1:], strict=False))


def test_estimate_for_a_year_of_500_pages_fits_the_hourly_limit():
    # 12 chunks: 2 page requests each (31 x 500 = 15,500 rows > 10,000) + 9 other series.
    assert estimate_requests(365, pages=500) == 12 * 2 + 12 * 9 == 132
    assert estimate_requests(365, pages=500) < 600


def test_campaign_filter_shapes():
    target = CampaignTarget(code="ete", name="Été", path_prefixes=("/fr/ete/",), utm_campaign="ete-2026")
    assert campaign_filter(target) == [
        "or",
        [["matches", "event:page", ["^/fr/ete/"]], ["is", "visit:utm_campaign", ["ete-2026"]]],
    ]
    assert campaign_filter(target, behavioural=True)[1][0][0] == "has_done"
    assert campaign_filter(CampaignTarget(code="x", name="x")) == ["is", "visit:utm_campaign", ["x"]]


@pytest.fixture
def first_run(fake, make_client):
    run = run_sync(start=date(2026, 3, 1), end=date(2026, 3, 3), client=make_client())
    assert run.status == SyncStatus.SUCCESS, run.error_message
    return run


def test_sync_stores_every_series(first_run):
    kinds = set(DailyMetric.objects.values_list("kind", flat=True))
    assert kinds == {"page", "utm_source", "utm_medium", "utm_campaign", "utm_content", "goal", "goal_prop"}
    page = DailyMetric.objects.get(date=date(2026, 3, 2), kind="page", value="/fr/")
    assert (page.visitors, page.visits, page.pageviews, page.events) == (6, 8, 12, 18)
    assert page.bounce_rate == 46.0


def test_sync_stores_goal_series_with_their_fixed_metrics(first_run):
    goal = DailyMetric.objects.get(date=date(2026, 3, 2), kind="goal", value="Directory search")
    assert goal.visits is None  # fixed metric set for goal series
    assert goal.events is not None
    prop = DailyMetric.objects.filter(kind="goal_prop", prop_name="quartier", prop_value="21004").count()
    assert prop == 3 * 2  # 3 days x 2 goals


def test_sync_counts_its_rows_and_requests(first_run, fake):
    assert first_run.rows_written == DailyMetric.objects.count()
    assert first_run.requests_used == len(fake.calls) == 10


def test_sync_is_idempotent(first_run, make_client):
    first = snapshot()
    second = run_sync(start=date(2026, 3, 1), end=date(2026, 3, 3), client=make_client())
    assert second.status == SyncStatus.SUCCESS
    assert snapshot() == first


@pytest.fixture
def failed_run(fake, make_client):
    """A run from 1 January to 10 February whose second chunk (February) fails: (the run, what it stored)."""

    def fail_second_chunk(body):
        if body["date_range"][0] == "2026-02-01" and "visit:utm_medium" in body.get("dimensions", []):
            return 401, {"error": "Invalid API key or site ID."}
        return None

    fake.fail_when = fail_second_chunk
    run = run_sync(start=date(2026, 1, 1), end=date(2026, 2, 10), client=make_client())
    return run, snapshot()


def test_failed_run_keeps_earlier_chunks(failed_run):
    run, january = failed_run
    assert run.status == SyncStatus.FAILED
    assert "Invalid API key" in run.error_message
    assert run.completed_until == date(2026, 1, 31)
    assert (
        DailyMetric.objects.filter(date__gte=date(2026, 2, 1)).count() == 0
    )  # the failed chunk wrote nothing
    assert january


def test_next_run_resumes_after_a_failed_run(failed_run, fake, make_client):
    run, january = failed_run
    fake.fail_when = None
    start, end, resumed = next_incremental_range(today=date(2026, 2, 11))
    assert (start, end, resumed) == (date(2026, 2, 1), date(2026, 2, 10), run)
    again = run_sync(client=make_client())
    assert again.status == SyncStatus.SUCCESS
    assert again.range_start == date(2026, 2, 1)
    assert DailyMetric.objects.filter(date__gte=date(2026, 2, 1)).exists()
    assert [r for r in snapshot() if r[0] < date(2026, 2, 1)] == january


def test_failure_never_changes_stored_rows(fake, make_client):
    run_sync(start=date(2026, 3, 1), end=date(2026, 3, 2), client=make_client())
    before = snapshot()
    fake.bump = 100  # new numbers, but the run fails before its chunk is written
    fake.fail_when = lambda body: (
        (500, {"error": "boom"}) if "event:goal" in body.get("dimensions", []) else None
    )
    run = run_sync(start=date(2026, 3, 1), end=date(2026, 3, 2), client=make_client(max_retries=1))
    assert run.status == SyncStatus.FAILED and "boom" in run.error_message
    assert snapshot() == before


def test_malformed_json_fails_cleanly(fake, make_client):
    fake.fail_when = lambda body: (
        (200, "not json at all") if "visit:utm_content" in body.get("dimensions", []) else None
    )
    run = run_sync(start=date(2026, 3, 1), end=date(2026, 3, 2), client=make_client())
    assert run.status == SyncStatus.FAILED
    assert DailyMetric.objects.count() == 0


def test_budget_spent_stops_the_run_as_partial(fake, make_client):
    budget = DatabaseBudget(limit=12)
    run = run_sync(start=date(2026, 1, 1), end=date(2026, 2, 10), client=make_client(budget=budget))
    assert run.status == SyncStatus.PARTIAL
    assert run.completed_until == date(2026, 1, 31)
    assert RequestWindow.objects.get().used == 12


def test_period_aggregates_for_tracked_campaigns(fake, make_client):
    TrackedCampaign.objects.create(
        code="ete",
        name="Été",
        path_prefixes="/fr/campagnes/ete/\n/nl/campagnes/zomer/",
        utm_campaign="ete-2026",
        starts_on=date(2026, 3, 10),
        ends_on=date(2026, 3, 16),
    )
    run = run_sync(start=date(2026, 3, 1), end=date(2026, 3, 20), client=make_client())
    assert run.status == SyncStatus.SUCCESS, run.error_message
    periods = set(PeriodAggregate.objects.values_list("period_start", "period_end").distinct())
    assert periods == {(date(2026, 3, 10), date(2026, 3, 16)), (date(2026, 3, 3), date(2026, 3, 9))}
    breakdowns = set(PeriodAggregate.objects.values_list("breakdown", "value"))
    assert {
        ("total", ""),
        ("language", "fr"),
        ("language", "nl"),
        ("utm_source", "instagram"),
        ("goal", "Directory search"),
    } <= breakdowns
    assert DailyMetric.objects.filter(kind=DimensionKind.CAMPAIGN, value="ete").count() == 20
    count = PeriodAggregate.objects.count()
    run_sync(start=date(2026, 3, 1), end=date(2026, 3, 20), client=make_client())
    assert PeriodAggregate.objects.count() == count


def test_inverted_and_huge_ranges_are_refused(make_client):
    with pytest.raises(SyncError):
        run_sync(start=date(2026, 3, 2), end=date(2026, 3, 1), client=make_client())
    with pytest.raises(SyncError):
        run_sync(start=date(2020, 1, 1), end=date(2026, 1, 1), client=make_client())
    assert not SyncRun.objects.exists()


def test_incremental_range_after_success():
    SyncRun.objects.create(
        range_start=date(2026, 1, 1),
        range_end=date(2026, 1, 31),
        completed_until=date(2026, 1, 31),
        status=SyncStatus.SUCCESS,
    )
    SyncRun.objects.create(
        range_start=date(2024, 1, 1),
        range_end=date(2024, 1, 31),
        completed_until=date(2024, 1, 31),
        status=SyncStatus.SUCCESS,
        backfill=True,
    )
    assert next_incremental_range(today=date(2026, 2, 5))[:2] == (date(2026, 1, 31), date(2026, 2, 4))


def test_incremental_range_first_run():
    assert next_incremental_range(today=date(2026, 2, 5))[:2] == (date(2026, 1, 6), date(2026, 2, 4))


def test_budget_holds_across_hour_boundaries():
    """A sliding hour: 3 requests at 10:59 leave nothing for 11:00–11:58 (a per-clock-hour counter gave 3 more)."""
    now = [datetime(2026, 3, 1, 10, 59, 30, tzinfo=UTC)]
    budget = DatabaseBudget(limit=3, now=lambda: now[0])
    for _ in range(3):
        budget.consume()
    for moment in ((11, 0, 0), (11, 30, 0), (11, 58, 59)):
        now[0] = datetime(2026, 3, 1, *moment, tzinfo=UTC)
        with pytest.raises(BudgetExhausted):
            budget.consume()
        assert budget.remaining() == 0
    now[0] = datetime(2026, 3, 1, 11, 59, 0, tzinfo=UTC)  # 10:59 has left the last 60 minutes
    budget.consume()
    assert budget.remaining() == 2
    assert sum(RequestWindow.objects.values_list("used", flat=True)) == 4


def test_budget_never_exceeds_the_limit_in_any_hour():
    """One request a minute for three hours with a limit of 50: every 60-minute window holds at most 50."""
    start = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    now = [start]
    budget = DatabaseBudget(limit=50, now=lambda: now[0])
    sent = []
    for minute in range(180):
        now[0] = start + timedelta(minutes=minute)
        for _ in range(2):
            try:
                budget.consume()
                sent.append(now[0])
            except BudgetExhausted:
                pass
    assert max(sum(1 for t in sent if w <= t < w + timedelta(hours=1)) for w in sent) == 50


@pytest.mark.parametrize(
    ("payload", "detail"),
    [
        ({"results": [{"metrics": 5}]}, "no metrics list"),
        (
            {"results": [{"metrics": ["many", 1, 1, 1, 1, 1], "dimensions": ["2026-03-01", "/fr/"]}]},
            "not a number",
        ),
        ({"results": [{"metrics": [1, 1, 1, 1, 1, 1], "dimensions": ["yesterday", "/fr/"]}]}, "not a day"),
        ({"results": [{"metrics": [1, 1, 1, 1, 1, 1], "dimensions": ["2025-01-01", "/fr/"]}]}, "not a day"),
        ({"results": [{"metrics": [1, 1, 1, 1, 1, 1], "dimensions": ["2026-03-01"]}]}, "dimensions"),
        ({"results": [{"metrics": [-1, 1, 1, 1, 1, 1], "dimensions": ["2026-03-01", "/fr/"]}]}, "negative"),
        ({"results": "none"}, "results list"),
        ({"results": [], "meta": {"total_rows": "many"}}, "total_rows"),
    ],
)
def test_malformed_data_fails_the_run_cleanly(fake, make_client, payload, detail):
    """Issue 15.3: `{"results":[{"metrics":5}]}` was a TypeError, a non-date day a ValueError, and the run stayed
    "running". Now: failed, code "malformed", the detail in the message, nothing written."""
    fake.fail_when = lambda body: (200, payload) if "event:page" in body.get("dimensions", []) else None
    run = run_sync(start=date(2026, 3, 1), end=date(2026, 3, 2), client=make_client())
    assert (run.status, run.error_code) == (SyncStatus.FAILED, SyncErrorCode.MALFORMED)
    assert detail in run.error_message and run.finished_at
    assert not DailyMetric.objects.exists()
    assert not SyncRun.objects.filter(status=SyncStatus.RUNNING).exists()


def test_unexpected_error_ends_the_run_and_is_raised(fake, make_client, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("evaluation.sync.fetch_daily_chunk", boom)
    with pytest.raises(RuntimeError):
        run_sync(start=date(2026, 3, 1), end=date(2026, 3, 2), client=make_client())
    run = SyncRun.objects.get()
    assert (run.status, run.error_code) == (SyncStatus.FAILED, SyncErrorCode.INTERNAL)
    assert "disk full" in run.error_message


def test_not_configured_fails_with_the_config_code(fake):
    from evaluation.clients.plausible import PlausibleClient, UnlimitedBudget

    client = PlausibleClient(base_url="", api_key="", site_id="", budget=UnlimitedBudget())
    run = run_sync(start=date(2026, 3, 1), end=date(2026, 3, 1), client=client)
    assert (run.status, run.error_code) == (SyncStatus.FAILED, SyncErrorCode.CONFIG)


def _running(**fields):
    return SyncRun.objects.create(
        range_start=date(2026, 3, 1), range_end=date(2026, 3, 2), status=SyncStatus.RUNNING, **fields
    )


def test_stale_run_without_heartbeat_is_failed_and_resumed(fake, make_client):
    """Issue 15.3: a run whose process was killed stayed "running" forever."""
    old = timezone.now() - timedelta(minutes=30)
    stale = _running(heartbeat_at=old, completed_until=None)
    SyncRun.objects.filter(pk=stale.pk).update(started_at=old)
    run = run_sync(client=make_client(), today=date(2026, 3, 3))
    stale.refresh_from_db()
    assert (stale.status, stale.error_code) == (SyncStatus.FAILED, SyncErrorCode.STALE)
    assert run.resumes == stale and run.range_start == date(2026, 3, 1)
    assert run.status == SyncStatus.SUCCESS


def test_run_whose_process_is_gone_is_failed(db):
    import socket
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    gone = _running(heartbeat_at=timezone.now(), host=socket.gethostname(), pid=child.pid)
    assert reap_stale_runs() == 1
    gone.refresh_from_db()
    assert gone.status == SyncStatus.FAILED and "process has ended" in gone.error_message


def test_live_run_is_not_reaped_and_blocks_a_second_one(fake, make_client):
    live = _running(heartbeat_at=timezone.now())
    assert reap_stale_runs() == 0
    with pytest.raises(SyncError, match="already running"):
        run_sync(start=date(2026, 3, 1), end=date(2026, 3, 1), client=make_client())
    live.refresh_from_db()
    assert live.status == SyncStatus.RUNNING
    assert SyncRun.objects.count() == 1


def test_heartbeat_is_recorded_while_running(fake, make_client, monkeypatch):
    monkeypatch.setattr("evaluation.sync.HEARTBEAT_SECONDS", 0)
    seen = []
    client = make_client()
    original = client.session.post

    def post(*args, **kwargs):
        seen.append(SyncRun.objects.get().heartbeat_at)
        return original(*args, **kwargs)

    client.session.post = post
    run = run_sync(start=date(2026, 3, 1), end=date(2026, 3, 1), client=client)
    assert run.status == SyncStatus.SUCCESS
    assert len(set(seen)) > 1 and run.host and run.pid


def test_command_runs_and_reports(fake, settings):
    settings.PLAUSIBLE_URL = "https://plausible.test"
    settings.PLAUSIBLE_API_KEY = "k"
    settings.PLAUSIBLE_DOMAIN = "dummy.site"
    from io import StringIO

    out = StringIO()
    call_command("sync_plausible", "--from", "2026-03-01", "--to", "2026-03-01", stdout=out)
    assert "Sync 2026-03-01–2026-03-01" in out.getvalue()
    run = SyncRun.objects.get()
    assert (run.status, run.requests_used) == (SyncStatus.SUCCESS, 10)


@pytest.mark.parametrize(
    "args",
    [
        ["--from", "2026-03-02", "--to", "2026-03-01"],
        ["--from", "yesterday"],
        ["--backfill"],
        ["--estimate", "500"],
    ],
)
def test_command_refuses_bad_input(args):
    with pytest.raises(CommandError):
        call_command("sync_plausible", *args)


def test_command_estimate():
    from io import StringIO

    out = StringIO()
    call_command(
        "sync_plausible", "--from", "2025-01-01", "--to", "2025-12-31", "--estimate", "500", stdout=out
    )
    assert "at most 132 requests" in out.getvalue()


def test_command_wrong_key_fails_with_message(fake, settings):
    settings.PLAUSIBLE_URL = "https://plausible.test"
    settings.PLAUSIBLE_API_KEY = "wrong"
    settings.PLAUSIBLE_DOMAIN = "dummy.site"
    fake.fail_when = lambda body: (
        401,
        {
            "error": "Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested."
        },
    )
    with pytest.raises(CommandError, match="Invalid API key"):
        call_command("sync_plausible", "--from", "2026-03-01", "--to", "2026-03-01")
    assert SyncRun.objects.get().status == SyncStatus.FAILED
    assert DailyMetric.objects.count() == 0


def test_task_runs_immediately(fake, settings):
    settings.PLAUSIBLE_URL = "https://plausible.test"
    settings.PLAUSIBLE_API_KEY = "k"
    settings.PLAUSIBLE_DOMAIN = "dummy.site"
    from evaluation.tasks import sync_plausible

    result = sync_plausible.enqueue(start="2026-03-01", end="2026-03-01")
    assert result.return_value["status"] == "success"


def test_refused_filter_shape_falls_back_and_is_noted(fake, make_client):
    """If Plausible refuses the `or` of page and utm filters (400), the pages-only filter is used and noted."""
    TrackedCampaign.objects.create(
        code="ete",
        name="Été",
        path_prefixes="/fr/campagnes/ete/",
        utm_campaign="ete-2026",
        starts_on=date(2026, 3, 2),
        ends_on=date(2026, 3, 3),
    )

    def refuse_or(body):
        if any(isinstance(f, list) and f and f[0] == "or" for f in body.get("filters", [])):
            return 400, {"error": "#/filters/0: Invalid filter"}
        return None

    fake.fail_when = refuse_or
    run = run_sync(start=date(2026, 3, 1), end=date(2026, 3, 3), client=make_client())
    assert run.status == SyncStatus.SUCCESS
    assert run.error_message.startswith("Warnings: ") and "Invalid filter" in run.error_message
    assert DailyMetric.objects.filter(kind="campaign", value="ete").count() == 3
    assert PeriodAggregate.objects.filter(campaign_code="ete", breakdown="total").count() == 2
    used = [b["filters"][0] for b in fake.calls if b.get("filters") and b["filters"][0][0] != "or"]
    assert ["matches", "event:page", ["^/fr/campagnes/ete/"]] in used
    assert ["has_done", ["matches", "event:page", ["^/fr/campagnes/ete/"]]] in used


def test_command_malformed_answer_is_a_clean_error(fake, settings):
    """Issue 15.3: the command printed a TypeError traceback and left the run "running"."""
    settings.PLAUSIBLE_URL = "https://plausible.test"
    settings.PLAUSIBLE_API_KEY = "k"
    settings.PLAUSIBLE_DOMAIN = "dummy.site"
    fake.fail_when = lambda body: (200, {"results": [{"metrics": 5}]})
    with pytest.raises(CommandError, match="no metrics list"):
        call_command("sync_plausible", "--from", "2026-03-01", "--to", "2026-03-01")
    run = SyncRun.objects.get()
    assert (run.status, run.error_code) == (SyncStatus.FAILED, SyncErrorCode.MALFORMED)
