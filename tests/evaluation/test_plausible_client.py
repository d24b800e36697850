"""Contract tests of the Plausible client against the documented request/response pairs, plus failure injection."""

import json

import pytest
import requests
import responses
from responses import matchers

from evaluation.clients.plausible import (
    PlausibleAuthError,
    PlausibleConfigError,
    PlausibleNetworkError,
    PlausiblePaymentRequired,
    PlausibleQueryError,
    PlausibleRateLimited,
    PlausibleResponseError,
    PlausibleServerError,
)

from .conftest import BASE, QUERY_URL, load

PAIRS = [(p["query"].split("/")[-1], p["response"].split("/")[-1]) for p in load("INDEX.json")["pairs"]]
ERRORS = load("stats_api_error_responses.json")["errors"]


def test_every_documented_pair_is_replayed():
    assert len(PAIRS) == 16


@responses.activate
@pytest.mark.parametrize(("query_file", "response_file"), PAIRS)
def test_documented_pairs(client_api, query_file, response_file):
    query = load(query_file)
    expected = load(response_file)
    responses.post(
        QUERY_URL,
        json=expected,
        match=[
            matchers.json_params_matcher(query),
            matchers.header_matcher({"Authorization": "Bearer test-key"}),
        ],
    )
    kwargs = {k: v for k, v in query.items() if k != "site_id"}
    result = client_api.query(**kwargs)
    # The body sent is exactly the documented query (the matcher checks it), and every row is typed.
    assert len(result.rows) == len(expected["results"])
    for row, raw in zip(result.rows, expected["results"], strict=True):
        assert list(row.dimensions) == raw["dimensions"]
        assert list(row.metrics) == query["metrics"]
        assert list(row.metrics.values()) == raw["metrics"]
    assert result.meta == expected["meta"]
    assert result.query == expected["query"]


@responses.activate
def test_rows_map_metric_names(client_api):
    query = load("utm-query.json")
    responses.post(QUERY_URL, json=load("utm-response.json"))
    result = client_api.query(**{k: v for k, v in query.items() if k != "site_id"})
    first = result.rows[0]
    assert first.dimensions == ("(not set)", "duckduckgo")
    assert (first["visitors"], first["events"], first["pageviews"]) == (320, 382, 297)


@responses.activate
def test_meta_helpers(client_api):
    responses.post(QUERY_URL, json=load("time-labels-response.json"))
    result = client_api.query(
        metrics=["visitors"], date_range="day", dimensions=["time:hour"], include={"time_labels": True}
    )
    assert len(result.time_labels) == 24
    responses.post(QUERY_URL, json=load("revenue-warning-response.json"))
    result = client_api.query(metrics=["total_revenue"], date_range="all")
    assert result.warnings == [
        "total_revenue: Revenue metrics are null as there are multiple currencies for the selected event:goals."
    ]
    assert result.rows[0]["total_revenue"] is None
    responses.post(QUERY_URL, json=load("imports-bad-filter-response.json"))
    result = client_api.query(metrics=["visitors"], date_range="all")
    assert result.warnings[0].startswith("Imported stats are not included")


@responses.activate
def test_pagination_reads_every_page(client_api):
    """pagination-response.json is page 2 (offset 1, limit 3) of 6 rows: query_all walks offsets 0, 3."""
    page = load("pagination-response.json")
    base_query = {
        "site_id": "dummy.site",
        "metrics": ["visitors", "events", "pageviews"],
        "date_range": "7d",
        "dimensions": ["visit:utm_medium", "visit:utm_source"],
        "include": {"total_rows": True},
    }
    responses.post(
        QUERY_URL,
        json=page,
        match=[matchers.json_params_matcher({**base_query, "pagination": {"limit": 3, "offset": 0}})],
    )
    second = {**page, "results": page["results"][:3]}
    responses.post(
        QUERY_URL,
        json=second,
        match=[matchers.json_params_matcher({**base_query, "pagination": {"limit": 3, "offset": 3}})],
    )
    result = client_api.query_all(
        metrics=base_query["metrics"], date_range="7d", dimensions=base_query["dimensions"], page_size=3
    )
    assert len(result.rows) == 6
    assert result.requests_made == 2
    assert len(responses.calls) == 2


@responses.activate
def test_pagination_stops_on_short_page_without_total(client_api):
    responses.post(QUERY_URL, json={"results": [{"dimensions": ["a"], "metrics": [1]}], "meta": {}})
    result = client_api.query_all(
        metrics=["visitors"], date_range="7d", dimensions=["event:page"], page_size=5
    )
    assert len(result.rows) == 1 and len(responses.calls) == 1


# --- Errors ----------------------------------------------------------------------------------------------
EXPECTED_CLASS = {
    400: PlausibleQueryError,
    401: PlausibleAuthError,
    402: PlausiblePaymentRequired,
    429: PlausibleRateLimited,
}


@responses.activate
@pytest.mark.parametrize("error", ERRORS, ids=[e["name"] for e in ERRORS])
def test_error_bodies_raise_clear_errors(make_client, sleeps, error):
    client = make_client(max_retries=2)
    responses.post(QUERY_URL, json=error["body"], status=error["status"])
    with pytest.raises(EXPECTED_CLASS[error["status"]]) as info:
        client.query(metrics=["visitors"], date_range="7d")
    assert info.value.message == error["body"]["error"]
    assert info.value.status == error["status"]
    retried = error["status"] == 429
    assert len(responses.calls) == (3 if retried else 1)
    assert len(sleeps) == (2 if retried else 0)


@responses.activate
def test_429_then_success_backs_off_with_jitter(client_api, sleeps):
    rate_limited = next(e for e in ERRORS if e["status"] == 429)
    responses.post(QUERY_URL, json=rate_limited["body"], status=429)
    responses.post(QUERY_URL, json=rate_limited["body"], status=429)
    responses.post(QUERY_URL, json=load("aggregate-response.json"))
    result = client_api.query(metrics=["visitors", "events"], date_range="7d")
    assert result.rows[0]["visitors"] == 944
    # Full jitter with rng=0.5, base 2 s: 0.5 * 2, 0.5 * 4.
    assert sleeps == [1.0, 2.0]
    assert client_api.requests_made == 3


def test_backoff_is_capped(make_client):
    client = make_client(backoff_base=2.0, backoff_cap=10.0, rng=lambda: 1.0)
    assert [client._backoff(n) for n in range(5)] == [2.0, 4.0, 8.0, 10.0, 10.0]


@responses.activate
def test_5xx_retried_then_clear_error(make_client, sleeps):
    client = make_client(max_retries=3)
    for _ in range(4):
        responses.post(QUERY_URL, body="<html>Bad gateway</html>", status=502)
    with pytest.raises(PlausibleServerError) as info:
        client.query(metrics=["visitors"], date_range="7d")
    assert info.value.status == 502 and "Bad gateway" in info.value.message
    assert len(responses.calls) == 4 and len(sleeps) == 3


@responses.activate
def test_500_then_success(client_api):
    responses.post(QUERY_URL, json={"error": "Internal"}, status=500)
    responses.post(QUERY_URL, json=load("aggregate-response.json"))
    assert client_api.query(metrics=["visitors", "events"], date_range="7d").rows[0]["events"] == 1797


@responses.activate
def test_timeouts_retried_then_network_error(make_client, sleeps):
    client = make_client(max_retries=2)
    responses.post(QUERY_URL, body=requests.ReadTimeout("read timed out"))
    with pytest.raises(PlausibleNetworkError):
        client.query(metrics=["visitors"], date_range="7d")
    assert len(responses.calls) == 3


@responses.activate
def test_timeout_then_success(client_api):
    responses.post(QUERY_URL, body=requests.ConnectTimeout("connect timed out"))
    responses.post(QUERY_URL, json=load("aggregate-response.json"))
    assert client_api.query(metrics=["visitors", "events"], date_range="7d").rows[0]["visitors"] == 944


def test_timeouts_are_passed(make_client):
    class Recorder:
        def post(self, url, **kwargs):
            self.kwargs = kwargs
            raise requests.ConnectionError("nope")

    session = Recorder()
    client = make_client(session=session, max_retries=0, connect_timeout=2, read_timeout=9)
    with pytest.raises(PlausibleNetworkError):
        client.query(metrics=["visitors"], date_range="7d")
    assert session.kwargs["timeout"] == (2, 9)


@responses.activate
@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        json.dumps([1, 2]),
        json.dumps({"meta": {}}),
        json.dumps({"results": [{"metrics": [1, 2, 3]}]}),
    ],
    ids=["malformed", "list", "no-results", "metric-count"],
)
def test_malformed_bodies(client_api, body):
    responses.post(QUERY_URL, body=body, status=200, content_type="application/json")
    with pytest.raises(PlausibleResponseError):
        client_api.query(metrics=["visitors"], date_range="7d")


def test_missing_configuration_sends_nothing(make_client):
    client = make_client(api_key="")
    with pytest.raises(PlausibleConfigError):
        client.query(metrics=["visitors"], date_range="7d")
    assert client.requests_made == 0


@responses.activate
def test_query_sends_only_given_keys(client_api):
    responses.post(QUERY_URL, json={"results": [], "meta": {}})
    client_api.query(metrics=["visitors"], date_range=["2026-01-01", "2026-01-31"])
    assert json.loads(responses.calls[0].request.body) == {
        "site_id": "dummy.site",
        "metrics": ["visitors"],
        "date_range": ["2026-01-01", "2026-01-31"],
    }
    assert responses.calls[0].request.url == f"{BASE}/api/v2/query"
