"""A Plausible double for tests: a small HTTP server (standard library, one thread, 127.0.0.1) that

- accepts the Events API (`POST /api/event`) as Plausible documents it (the recorded cases in
  tests/evaluation/fixtures/plausible-api-v2/events_api_cases.json: 202 "ok", 400 with `{"errors": {...}}` for a
  missing url, a blank name or a blank domain; bot traffic and unknown domains answered 202 with
  `x-plausible-dropped`), and records every event it keeps;
- answers the Stats API v2 (`POST /api/v2/query`) from what it recorded, in the documented shapes
  (`{"results": [{"metrics": [...], "dimensions": [...]}], "meta": {...}, "query": {...}}`), with the documented
  errors (401 without or with a wrong bearer key, 400 for an invalid query);
- can be told to fail: 429, 500, timeout (answers after `timeout_seconds`), malformed JSON, wrong shapes (a metric
  that is not a list, a first dimension that is not a date), on every request or the ones a predicate picks, a
  given number of times.

What it computes (enough to check the sync and the reports end to end, not a copy of Plausible's engine):
visitor = hash of domain, IP, User-Agent and day (Plausible's daily salt); session = a visitor's events with less
than 30 minutes between them, whose utm_* values and entry page come from its first event; goal = the name of a
custom event (pageviews are not goals); a missing custom property is "(none)", a missing utm value "(not set)".
Metrics: visitors (distinct visitors), visits (distinct sessions), pageviews, events (every event), bounce_rate
(% of the sessions with one pageview and no other event), visit_duration (mean seconds between a session's first
and last event). Filters: is, is_not, contains, contains_not, matches, matches_not, and, or, not, has_done,
has_not_done. Dimensions: time:day, event:page, event:goal, event:props:<name>, visit:utm_*, visit:entry_page,
visit:source. Limits the cases file names but whose messages it does not record (30 property pairs, 2,000
characters of path) are enforced with this double's own wording.

Events carry no timestamp in the Events API: the double stamps them with its clock (`double.now`, settable).

Use:
    with PlausibleDouble(api_key="k", site_id="dummy.site") as double:
        requests.post(f"{double.url}/api/event", json={...}, headers={"User-Agent": "..."})
        double.fail("500", when=lambda body: body.get("dimensions") == ["time:day", "event:page"])
Or as a process (for the live site): `python tools/plausible_double.py --port 8765 --key k --site dummy.site`.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

CASES_ERRORS = {
    "missing_bearer": "Missing API key. Please use a valid Plausible API key as a Bearer Token.",
    "invalid_key_or_site": (
        "Invalid API key or site ID. Please make sure you're using a valid API key with access to the site "
        "you've requested."
    ),
    "missing_site_id": "Missing site ID. Please provide the required site_id parameter with your request.",
    "rate_limited": (
        "Too many API requests. Your API key is limited to 600 requests per hour. Please contact us to request "
        "more capacity."
    ),
}
METRICS = ("visitors", "visits", "pageviews", "events", "bounce_rate", "visit_duration")
QUERY_KEYS = {
    "site_id",
    "metrics",
    "date_range",
    "dimensions",
    "filters",
    "order_by",
    "include",
    "pagination",
}
UTM = ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term")
SESSION_GAP = timedelta(minutes=30)
BOT_RE = re.compile(r"bot|crawl|spider|slurp|curl/|python-requests", re.I)
FAULT_KINDS = ("429", "500", "timeout", "malformed_json", "wrong_shape", "not_a_date")


class QueryError(Exception):
    pass


@dataclass
class Event:
    name: str
    domain: str
    url: str
    path: str
    props: dict[str, str]
    referrer: str
    timestamp: datetime
    visitor: str
    utm: dict[str, str]
    session: int = 0
    session_utm: dict[str, str] = field(default_factory=dict)
    entry_page: str = ""
    source: str = ""
    user_agent: str = ""

    @property
    def is_pageview(self) -> bool:
        return self.name == "pageview"


@dataclass
class Fault:
    kind: str
    when: Callable[[dict], bool] | None = None
    times: int | None = None  # None: until cleared
    path: str = "/api/v2/query"
    timeout_seconds: float = 1.0
    hits: int = 0

    def matches(self, path: str, body: Any) -> bool:
        if path != self.path or (self.times is not None and self.hits >= self.times):
            return False
        try:
            return self.when is None or bool(self.when(body if isinstance(body, dict) else {}))
        except Exception:  # a predicate written for another shape of body
            return False


class PlausibleDouble:
    def __init__(self, *, api_key: str = "test-key", site_id: str = "dummy.site", port: int = 0):
        self.api_key = api_key
        self.site_id = site_id
        self.events: list[Event] = []
        self.received: list[dict] = []  # every request: path, status, body, the headers that matter
        self.queries: list[dict] = []  # Stats API bodies
        self.faults: list[Fault] = []
        self.now: datetime | None = None  # None: the real clock
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    # -- lifecycle --
    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> PlausibleDouble:
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="plausible-double", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> PlausibleDouble:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- control --
    def fail(
        self, kind: str, *, when=None, times: int | None = None, path: str = "/api/v2/query", **kw
    ) -> Fault:
        if kind not in FAULT_KINDS:
            raise ValueError(f"Unknown fault {kind!r}: one of {FAULT_KINDS}")
        fault = Fault(kind, when=when, times=times, path=path, **kw)
        with self._lock:
            self.faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        with self._lock:
            self.faults.clear()

    def clock(self) -> datetime:
        return self.now or datetime.now(UTC)

    # -- Events API --
    def accept_event(self, body: Any, headers: dict[str, str], client_ip: str) -> tuple[int, Any, dict]:
        if not isinstance(body, dict):
            return 400, {"errors": {"request": ["Unable to parse request body as json"]}}, {}

        def pick(*keys):
            return next((body[key] for key in keys if key in body), None)

        name, url, domain = pick("name", "n"), pick("url", "u"), pick("domain", "d")
        props, errors = _checked_event(name, url, domain, pick("props", "p", "meta", "m"))
        if errors:
            return 400, {"errors": errors}, {}
        user_agent = headers.get("user-agent", "")
        if self._dropped(user_agent, domain):
            return 202, "ok", {"x-plausible-dropped": "1"}
        ip = (headers.get("x-forwarded-for") or client_ip).split(",")[0].strip()
        event = self._event(str(name), str(url), props, str(pick("referrer", "r") or ""), ip, user_agent)
        with self._lock:
            self._sessionise(event)
            self.events.append(event)
        return 202, "ok", {}

    def _dropped(self, user_agent: str, domain) -> bool:
        """Bots, and events for another site, are answered 202 and dropped, as Plausible does."""
        domains = [d.strip() for d in str(domain).split(",")]
        return not user_agent or bool(BOT_RE.search(user_agent)) or self.site_id not in domains

    def _event(self, name: str, url: str, props: dict, referrer: str, ip: str, user_agent: str) -> Event:
        now = self.clock()
        parts = urlsplit(url)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        visitor = hashlib.sha256(f"{now.date()}|{self.site_id}|{ip}|{user_agent}".encode()).hexdigest()[:16]
        scalar = (str, int, float, bool)
        return Event(
            name=name,
            domain=self.site_id,
            url=url,
            path=parts.path or "/",
            props={str(k): str(v) for k, v in props.items() if isinstance(v, scalar) and str(v) != ""},
            referrer=referrer,
            timestamp=now,
            visitor=visitor,
            utm={k: query[k] for k in UTM if query.get(k)},
            user_agent=user_agent,
        )

    def _sessionise(self, event: Event) -> None:
        previous = next((e for e in reversed(self.events) if e.visitor == event.visitor), None)
        if previous is not None and event.timestamp - previous.timestamp < SESSION_GAP:
            event.session, event.session_utm = previous.session, previous.session_utm
            event.entry_page, event.source = previous.entry_page, previous.source
            return
        event.session = 1 + max((e.session for e in self.events), default=0)
        event.session_utm = dict(event.utm)
        event.entry_page = event.path
        referrer_host = urlsplit(event.referrer).hostname or ""
        event.source = event.utm.get("utm_source") or referrer_host or "Direct / None"

    # -- Stats API --
    def answer_query(self, body: Any, headers: dict[str, str]) -> tuple[int, Any]:
        auth = headers.get("authorization", "")
        if not auth.startswith("Bearer ") or not auth[7:].strip():
            return 401, {"error": CASES_ERRORS["missing_bearer"]}
        if not isinstance(body, dict) or not body.get("site_id"):
            return 400, {"error": CASES_ERRORS["missing_site_id"]}
        if auth[7:].strip() != self.api_key or body["site_id"] != self.site_id:
            return 401, {"error": CASES_ERRORS["invalid_key_or_site"]}
        try:
            return 200, self._query(body)
        except QueryError as exc:
            return 400, {"error": str(exc)}

    def _query(self, body: dict) -> dict:
        metrics = _checked_metrics(body)
        start, end = self._date_range(body.get("date_range"))
        dimensions = _checked_dimensions(body)
        filters = body.get("filters") or []
        with self._lock:
            events = [e for e in self.events if start <= e.timestamp.date() <= end]
        rows = _rows(events, filters, metrics, dimensions)
        order_by = body.get("order_by") or _default_order(metrics, dimensions)
        _sort_rows(rows, order_by, metrics, dimensions)
        return self._answer(body, rows, (start, end), filters, metrics, dimensions, order_by)

    def _answer(
        self, body: dict, rows: list, period: tuple[date, date], filters, metrics, dimensions, order_by
    ):
        start, end = period
        include = body.get("include") or {}
        pagination = body.get("pagination") or {}
        limit, offset = int(pagination.get("limit", 10_000)), int(pagination.get("offset", 0))
        meta = {"total_rows": len(rows)} if include.get("total_rows") else {}
        query = {
            "site_id": self.site_id,
            "metrics": metrics,
            "date_range": [f"{start.isoformat()}T00:00:00+00:00", f"{end.isoformat()}T23:59:59+00:00"],
            "filters": filters,
            "dimensions": dimensions,
            "order_by": order_by,
            "include": include,
            "pagination": {"offset": offset, "limit": limit},
        }
        return {"results": rows[offset : offset + limit], "meta": meta, "query": query}

    def _date_range(self, value) -> tuple[date, date]:
        today = self.clock().date()
        if isinstance(value, list) and len(value) == 2:
            try:
                start, end = (date.fromisoformat(str(v)[:10]) for v in value)
            except ValueError as exc:
                raise QueryError("#/date_range: Invalid date range") from exc
            if end < start:
                raise QueryError("#/date_range: Invalid date range")
            return start, end
        relative = {"day": 0, "7d": 6, "28d": 27, "30d": 29, "91d": 90}
        if value in relative:
            end = today if value == "day" else today - timedelta(days=1)
            return end - timedelta(days=relative[value]), end
        if value == "all":
            return date(2000, 1, 1), today
        raise QueryError(f"#/date_range: Invalid date range {json.dumps(value)}")


# --- Event helpers ----------------------------------------------------------------------------------------
def _checked_event(name, url, domain, raw_props) -> tuple[dict, dict[str, list[str]]]:
    errors = _event_errors(name, url, domain)
    props, props_errors = _event_props(raw_props)
    errors.update(props_errors)
    if isinstance(url, str) and len(urlsplit(url).path) > 2000:
        errors["url"] = ["path is longer than 2000 characters"]
    return props, errors


def _event_props(props) -> tuple[dict, dict[str, list[str]]]:
    """The event's custom properties (a JSON object, or a string holding one) and their errors."""
    props = props or {}
    if isinstance(props, str):
        try:
            props = json.loads(props)
        except ValueError:
            props = {}
    if not isinstance(props, dict):
        return {}, {"props": ["is invalid"]}
    if len(props) > 30:
        return props, {"props": ["too many properties (30 at most)"]}
    return props, {}


def _event_errors(name, url, domain) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if url is None:
        errors["url"] = ["is required"]
    if name is None or (isinstance(name, str) and not name.strip()):
        errors["event_name"] = ["can't be blank"]
    if not domain:
        errors["domain"] = ["can't be blank"]
    return errors


# --- Query helpers ----------------------------------------------------------------------------------------
def _checked_metrics(body: dict) -> list:
    unknown = sorted(set(body) - QUERY_KEYS)
    if unknown:
        raise QueryError(f"#/{unknown[0]}: Schema does not allow additional properties.")
    metrics = body.get("metrics")
    if not isinstance(metrics, list) or not metrics:
        raise QueryError("#/metrics: Expected a non-empty list of metrics")
    for index, metric in enumerate(metrics):
        if metric not in METRICS:
            raise QueryError(f"#/metrics/{index}: Invalid metric {json.dumps(metric)}")
    return metrics


def _checked_dimensions(body: dict) -> list:
    dimensions = body.get("dimensions") or []
    for index, dim in enumerate(dimensions):
        if not _dimension_ok(dim):
            raise QueryError(f"#/dimensions/{index}: Invalid dimension {json.dumps(dim)}")
    return dimensions


def _rows(events: list[Event], filters: list, metrics: list, dimensions: list) -> list[dict]:
    by_session: dict[int, list[Event]] = {}
    for e in events:
        by_session.setdefault(e.session, []).append(e)
    predicate = _all_of([_compile(f, f"#/filters/{i}", by_session) for i, f in enumerate(filters)])
    groups = _grouped([e for e in events if predicate(e)], dimensions)
    return [
        {"metrics": [_metric(m, group, by_session) for m in metrics], "dimensions": list(key)}
        for key, group in groups.items()
    ]


def _default_order(metrics: list, dimensions: list) -> list:
    return [["time:day", "asc"]] if "time:day" in dimensions else [[metrics[0], "desc"]]


def _grouped(matched: list[Event], dimensions: list) -> dict[tuple, list[Event]]:
    if not dimensions:
        return {(): matched}
    groups: dict[tuple, list[Event]] = {}
    for e in matched:
        key = tuple(_dimension_value(e, dim) for dim in dimensions)
        if None not in key:
            groups.setdefault(key, []).append(e)
    return groups


def _sort_rows(rows: list[dict], order_by: list, metrics: list, dimensions: list) -> None:
    rows.sort(key=lambda r: tuple(str(d) for d in r["dimensions"]))
    for name, direction in reversed(order_by):
        if name in metrics:
            index = metrics.index(name)
            rows.sort(key=lambda r, i=index: r["metrics"][i] or 0, reverse=direction == "desc")
        elif name in dimensions:
            index = dimensions.index(name)
            rows.sort(key=lambda r, i=index: str(r["dimensions"][i]), reverse=direction == "desc")
        else:
            raise QueryError(f"#/order_by: Invalid order_by entry {json.dumps(name)}")


def _dimension_ok(dim) -> bool:
    return isinstance(dim, str) and (
        dim in {"time:day", "event:page", "event:goal", "visit:entry_page", "visit:source"}
        or dim in {"visit:os", "visit:browser", "visit:device"}
        or dim.startswith("event:props:")
        or dim.removeprefix("visit:") in UTM
    )


def _dimension_value(e: Event, dim: str):
    if dim == "time:day":
        return e.timestamp.date().isoformat()
    if dim == "event:page":
        return e.path
    if dim == "event:goal":
        return None if e.is_pageview else e.name
    if dim.startswith("event:props:"):
        return e.props.get(dim.removeprefix("event:props:"), "(none)")
    if dim == "visit:entry_page":
        return e.entry_page
    if dim == "visit:source":
        return e.source
    if dim in ("visit:os", "visit:browser", "visit:device"):
        return _from_user_agent(e.user_agent)[dim]
    return e.session_utm.get(dim.removeprefix("visit:"), "(not set)")


def _from_user_agent(ua: str) -> dict[str, str]:
    """A rough reading of the User-Agent (enough for filters such as the documented `visit:os` example)."""
    mobile = "Mobile" in ua or "Android" in ua or "iPhone" in ua
    os_name = next(
        (
            name
            for token, name in (
                ("Android", "Android"),
                ("iPhone", "iOS"),
                ("Windows", "Windows"),
                ("Mac OS", "Mac"),
                ("Linux", "GNU/Linux"),
            )
            if token in ua
        ),
        "(not set)",
    )
    browser = next(
        (
            name
            for token, name in (
                ("Firefox/", "Firefox"),
                ("Edg/", "Microsoft Edge"),
                ("Chrome/", "Chrome"),
                ("Safari/", "Safari"),
            )
            if token in ua
        ),
        "(not set)",
    )
    return {"visit:os": os_name, "visit:browser": browser, "visit:device": "Mobile" if mobile else "Desktop"}


def _all_of(predicates):
    return lambda e: all(p(e) for p in predicates)


def _compile(flt, where: str, by_session: dict[int, list[Event]]):
    if not isinstance(flt, list) or not flt:
        raise QueryError(f"{where}: Invalid filter")
    logical = _compile_logical(flt, where, by_session)
    return logical if logical is not None else _compile_dimension_filter(flt, where)


def _negate(predicate):
    return lambda e: not predicate(e)


def _compile_and_or(op: str, filters: list, where: str, by_session: dict[int, list[Event]]):
    parts = [_compile(f, f"{where}/1/{i}", by_session) for i, f in enumerate(filters)]
    return _all_of(parts) if op == "and" else (lambda e: any(p(e) for p in parts))


def _compile_logical(flt: list, where: str, by_session: dict[int, list[Event]]):
    """A filter made of filters (and, or, not, has_done, has_not_done), or None for a dimension filter."""
    op = flt[0]
    if len(flt) != 2:
        return None
    if op in ("and", "or") and isinstance(flt[1], list):
        return _compile_and_or(op, flt[1], where, by_session)
    if op not in ("not", "has_done", "has_not_done"):
        return None
    inner = _compile(flt[1], f"{where}/1", by_session)
    if op == "not":
        return _negate(inner)
    done = lambda e: any(inner(other) for other in by_session.get(e.session, []))  # noqa: E731
    return done if op == "has_done" else _negate(done)


def _compile_dimension_filter(flt: list, where: str):
    op = flt[0]
    if len(flt) < 3 or not _dimension_ok(flt[1]) or flt[1] == "time:day" or not isinstance(flt[2], list):
        raise QueryError(f"{where}: Invalid filter")
    dim, values = flt[1], [str(v) for v in flt[2]]
    case_sensitive = not (len(flt) > 3 and isinstance(flt[3], dict) and flt[3].get("case_sensitive") is False)
    hit = _dimension_hit(op, dim, values, case_sensitive, where)
    return hit if not op.endswith("_not") else _negate(hit)


def _matches(dim: str, values: list[str], case_sensitive: bool, where: str):
    try:
        patterns = [re.compile(v, 0 if case_sensitive else re.I) for v in values]
    except re.error as exc:
        raise QueryError(f"{where}: Invalid regular expression") from exc
    return lambda e: (v := _dimension_value(e, dim)) is not None and any(p.search(v) for p in patterns)


def _dimension_hit(op: str, dim: str, values: list[str], case_sensitive: bool, where: str):
    if op in ("matches", "matches_not"):
        return _matches(dim, values, case_sensitive, where)

    def value_of(e):
        value = _dimension_value(e, dim)
        return value if value is None or case_sensitive else value.lower()

    wanted = values if case_sensitive else [v.lower() for v in values]
    if op in ("is", "is_not"):
        return lambda e: value_of(e) in wanted
    if op in ("contains", "contains_not"):
        return lambda e: value_of(e) is not None and any(w in value_of(e) for w in wanted)
    raise QueryError(f"{where}: Invalid filter operator {json.dumps(op)}")


def _metric(name: str, events: list[Event], by_session: dict[int, list[Event]]):
    sessions = {e.session for e in events}
    counts = {
        "visitors": lambda: len({e.visitor for e in events}),
        "visits": lambda: len(sessions),
        "pageviews": lambda: sum(1 for e in events if e.is_pageview),
        "events": lambda: len(events),
    }
    if name in counts:
        return counts[name]()
    if not sessions:
        return 0
    if name == "bounce_rate":
        return _bounce_rate(sessions, by_session)
    durations = []
    for session in sessions:
        stamps = [e.timestamp for e in by_session.get(session, [])]
        durations.append((max(stamps) - min(stamps)).total_seconds())
    return round(sum(durations) / len(durations))


def _bounce_rate(sessions: set[int], by_session: dict[int, list[Event]]) -> int:
    bounces = 0
    for session in sessions:
        all_events = by_session.get(session, [])
        if len(all_events) == 1 and all_events[0].is_pageview:
            bounces += 1
    return round(100 * bounces / len(sessions))


# --- HTTP -------------------------------------------------------------------------------------------------
TRACKER = """(function () {
  "use strict";
  var tag = document.currentScript;
  var api = tag.getAttribute("data-api") || new URL(tag.src).origin + "/api/event";
  var domain = tag.getAttribute("data-domain");
  var queue = (window.plausible && window.plausible.q) || [];
  function track(name, options) {
    var body = { n: name, u: window.location.href, d: domain, r: document.referrer || null };
    if (options && options.props) body.p = options.props;
    var request = new XMLHttpRequest();
    request.open("POST", api, true);
    request.setRequestHeader("Content-Type", "text/plain");
    if (options && options.callback) {
      request.onreadystatechange = function () {
        if (request.readyState === 4) options.callback({ status: request.status });
      };
    }
    request.send(JSON.stringify(body));
  }
  window.plausible = track;
  for (var i = 0; i < queue.length; i++) track.apply(null, queue[i]);
  track("pageview");
  // The outbound-links and file-downloads extensions (script.outbound-links.file-downloads…js): a click on a
  // link to another host, or to a file of these types, is an event with the link's address (no query string).
  var FILES = /\\.(pdf|xlsx|docx|txt|rtf|csv|exe|key|pps|ppt|pptx|7z|pkg|rar|gz|zip|avi|mov|mp4|mpeg|wmv|midi|mp3|wav|wma|dmg)$/i;
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link) return;
    var url = new URL(link.href, window.location.href);
    if (url.protocol !== "http:" && url.protocol !== "https:") return;
    var address = url.protocol + "//" + url.host + url.pathname;
    if (FILES.test(url.pathname)) track("File Download", { props: { url: address } });
    else if (url.host !== window.location.host) track("Outbound Link: Click", { props: { url: address } });
  });
})();
"""


class _Handler(BaseHTTPRequestHandler):
    """The double's HTTP side; `_handler(double)` makes a subclass bound to one double."""

    double: PlausibleDouble

    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        path = urlsplit(self.path).path
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            body = None
        fault = self._matching_fault(path, body)
        if path == "/api/v2/query" and isinstance(body, dict):
            self.double.queries.append(body)
        status = self._fault(fault, body) if fault is not None else self._answer(path, body, headers)
        self.double.received.append(
            {
                "path": path,
                "status": status,
                "body": body,
                "user_agent": headers.get("user-agent", ""),
                "forwarded_for": headers.get("x-forwarded-for", ""),
                "content_type": headers.get("content-type", ""),
            }
        )

    def _matching_fault(self, path: str, body) -> Fault | None:
        with self.double._lock:
            for candidate in self.double.faults:
                if candidate.matches(path, body):
                    candidate.hits += 1
                    return candidate
        return None

    def _answer(self, path: str, body, headers: dict) -> int:
        if path == "/api/event":
            status, payload, extra = self.double.accept_event(body, headers, self.client_address[0])
            self._send(status, payload, extra)
        elif path == "/api/v2/query":
            status, payload = self.double.answer_query(body, headers)
            self._send(status, payload)
        else:
            status = 404
            self._send(404, {"error": "Not found"})
        return status

    def _fault(self, fault: Fault, body) -> int:
        if fault.kind == "429":
            self._send(429, {"error": CASES_ERRORS["rate_limited"]})
            return 429
        if fault.kind == "500":
            self._send(500, {"error": "Internal server error"})
            return 500
        if fault.kind == "timeout":
            time.sleep(fault.timeout_seconds)
            return 0  # the client gave up: nothing is sent
        if fault.kind == "malformed_json":
            self._send_raw(200, b'{"results": [{"metrics": [1, 2', "application/json")
            return 200
        dims = body.get("dimensions") if isinstance(body, dict) else None
        if fault.kind == "not_a_date":
            row = {"metrics": [1] * len(body.get("metrics") or [1]), "dimensions": ["not-a-date"]}
            row["dimensions"] += ["x"] * (len(dims or [""]) - 1)
            self._send(200, {"results": [row], "meta": {"total_rows": 1}, "query": body})
            return 200
        self._send(200, {"results": [{"metrics": 5}], "meta": {}, "query": body})  # wrong_shape
        return 200

    def do_GET(self):
        """The tracker (`/js/script*.js`): a minimal stand-in for Plausible's script, enough for a browser
        test: `window.plausible(name, {props})` and a pageview on load, posted as the real script does
        (`{n, u, d, r, p}`, text/plain) to the tag's `data-api`, else to this server's /api/event."""
        path = urlsplit(self.path).path
        if path.startswith("/js/script") and path.endswith(".js"):
            self._send_raw(200, TRACKER.encode(), "application/javascript; charset=utf-8")
        else:
            self._send(404, {"error": "Not found"})

    def _send(self, status: int, payload, extra: dict | None = None):
        if isinstance(payload, str):
            self._send_raw(status, payload.encode(), "text/plain; charset=utf-8", extra)
        else:
            self._send_raw(status, json.dumps(payload).encode(), "application/json", extra)

    def _send_raw(self, status: int, data: bytes, content_type: str, extra: dict | None = None):
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass


def _handler(double: PlausibleDouble) -> type[_Handler]:
    return type("Handler", (_Handler,), {"double": double})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--key", default="test-key")
    parser.add_argument("--site", default="dummy.site")
    args = parser.parse_args()
    double = PlausibleDouble(api_key=args.key, site_id=args.site, port=args.port)
    print(f"Plausible double on {double.url} (site {args.site})", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        double._server.serve_forever()


if __name__ == "__main__":
    main()
