"""The Plausible double (tools/plausible_double.py) follows the recorded cases: the Events API examples of
events_api_cases.json, the error bodies of stats_api_error_responses.json and the response shapes of the
documented Stats API v2 examples."""

import json
from datetime import UTC, datetime

import pytest
import requests

from evaluation.clients.plausible import (
    PlausibleAuthError,
    PlausibleClient,
    PlausibleQueryError,
    UnlimitedBudget,
)
from tools.plausible_double import PlausibleDouble

from .conftest import FIXTURES, load

UA = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36"


@pytest.fixture
def double():
    with PlausibleDouble(api_key="k", site_id="dummy.site") as double:
        yield double


def post_event(double, body, **headers):
    return requests.post(
        f"{double.url}/api/event",
        data=json.dumps(body),
        headers={"User-Agent": UA, "Content-Type": "application/json", **headers},
        timeout=5,
    )


@pytest.mark.parametrize("case", [c for c in load("events_api_cases.json")["examples"] if "request" in c])
def test_events_api_answers_every_recorded_case(double, case):
    response = post_event(double, case["request"], **{"X-Forwarded-For": "192.0.2.1"})
    assert response.status_code == case["status"]
    if case["status"] == 202:
        assert response.text == "ok"
    if "body" in case:
        assert response.json() == case["body"]
    kept = [e for e in double.events if e.name == case["request"].get("name")]
    assert bool(kept) == (case["status"] == 202)


def test_events_api_text_plain_short_keys_bots_and_other_domains(double):
    ok = requests.post(
        f"{double.url}/api/event",
        data=json.dumps({"n": "pageview", "u": "https://dummy.site/fr/", "d": "dummy.site"}),
        headers={"User-Agent": UA, "Content-Type": "text/plain"},
        timeout=5,
    )
    assert ok.status_code == 202 and double.events[-1].path == "/fr/"
    bot = post_event(double, {"name": "pageview", "url": "https://dummy.site/", "domain": "dummy.site"})
    assert "x-plausible-dropped" not in bot.headers
    for headers, body in (
        (
            {"User-Agent": "Googlebot/2.1"},
            {"name": "pageview", "url": "https://dummy.site/", "domain": "dummy.site"},
        ),
        ({}, {"name": "pageview", "url": "https://other.site/", "domain": "other.site"}),
    ):
        dropped = post_event(double, body, **headers)
        assert (dropped.status_code, dropped.headers["x-plausible-dropped"]) == (202, "1")
    assert len(double.events) == 2
    assert len(double.received) == 4 and double.received[0]["content_type"] == "text/plain"


def test_stats_api_answers_from_what_it_recorded(double):
    double.now = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    q = "?utm_source=instagram&utm_medium=social&utm_campaign=ete"
    post_event(double, {"name": "pageview", "url": f"https://dummy.site/fr/ete/{q}", "domain": "dummy.site"})
    post_event(
        double,
        {
            "name": "Directory search",
            "url": "https://dummy.site/fr/aide/",
            "domain": "dummy.site",
            "props": {"quartier": "21004"},
        },
    )
    post_event(
        double,
        {"name": "pageview", "url": "https://dummy.site/nl/", "domain": "dummy.site"},
        **{"X-Forwarded-For": "198.51.100.7"},
    )
    client = PlausibleClient(base_url=double.url, api_key="k", site_id="dummy.site", budget=UnlimitedBudget())
    total = client.query(
        metrics=["visitors", "visits", "pageviews", "events"], date_range=["2026-03-02", "2026-03-02"]
    )
    assert total.rows[0].metrics == {"visitors": 2, "visits": 2, "pageviews": 2, "events": 3}
    daily = client.query_all(
        metrics=["visitors", "events"],
        date_range=["2026-03-01", "2026-03-03"],
        dimensions=["time:day", "event:goal", "event:props:quartier"],
    )
    assert [(r.dimensions, r.metrics) for r in daily.rows] == [
        (("2026-03-02", "Directory search", "21004"), {"visitors": 1, "events": 1})
    ]
    utm = client.query(
        metrics=["visitors", "bounce_rate"],
        date_range=["2026-03-02", "2026-03-02"],
        dimensions=["visit:utm_source"],
        filters=[["has_done", ["matches", "event:page", ["^/fr/ete/"]]]],
    )
    assert [(r.dimensions, r.metrics) for r in utm.rows] == [
        (("instagram",), {"visitors": 1, "bounce_rate": 0})
    ]
    with pytest.raises(PlausibleQueryError, match="#/metrics/0"):
        client.query(metrics=["nonsense"], date_range="7d")
    with pytest.raises(PlausibleAuthError, match="Invalid API key"):
        PlausibleClient(
            base_url=double.url, api_key="wrong", site_id="dummy.site", budget=UnlimitedBudget()
        ).query(metrics=["visitors"], date_range="7d")


@pytest.mark.parametrize("name", ["timeseries", "custom-properties", "utm", "pagination", "aggregate"])
def test_answers_have_the_documented_shape(double, name):
    """Same top-level keys, the same keys in `query`, rows as {"metrics": [...], "dimensions": [...]}."""
    query = load(f"{name}-query.json")
    documented = load(f"{name}-response.json")
    response = requests.post(
        f"{double.url}/api/v2/query",
        json={**query, "site_id": "dummy.site"},
        headers={"Authorization": "Bearer k"},
        timeout=5,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == set(documented)
    assert set(documented["query"]) <= set(body["query"])
    assert all(set(row) == {"metrics", "dimensions"} for row in body["results"])
    assert ("total_rows" in body["meta"]) == ("total_rows" in documented["meta"])


@pytest.mark.parametrize("name", ["missing_bearer", "invalid_key_or_site", "missing_site_id", "rate_limited"])
def test_error_bodies_are_the_recorded_ones(double, name):
    recorded = {
        e["name"]: e for e in json.loads((FIXTURES / "stats_api_error_responses.json").read_text())["errors"]
    }
    case = recorded[name]
    body = {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"}
    headers = {"Authorization": "Bearer k"}
    if name == "missing_bearer":
        headers = {}
    elif name == "invalid_key_or_site":
        headers = {"Authorization": "Bearer nope"}
    elif name == "missing_site_id":
        body.pop("site_id")
    else:
        double.fail("429", times=1)
    response = requests.post(f"{double.url}/api/v2/query", json=body, headers=headers, timeout=5)
    assert (response.status_code, response.json()) == (case["status"], case["body"])


def test_faults_on_demand(double):
    headers = {"Authorization": "Bearer k"}
    body = {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"}
    double.fail("malformed_json", times=1)
    double.fail("wrong_shape", times=1)
    double.fail("timeout", times=1, timeout_seconds=0.5)
    first = requests.post(f"{double.url}/api/v2/query", json=body, headers=headers, timeout=5)
    with pytest.raises(ValueError):
        first.json()
    assert requests.post(f"{double.url}/api/v2/query", json=body, headers=headers, timeout=5).json()[
        "results"
    ] == [{"metrics": 5}]
    with pytest.raises(requests.Timeout):
        requests.post(f"{double.url}/api/v2/query", json=body, headers=headers, timeout=0.2)
    assert (
        requests.post(f"{double.url}/api/v2/query", json=body, headers=headers, timeout=5).status_code == 200
    )
