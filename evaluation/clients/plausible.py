"""A small client for the Plausible Stats API v2 (`POST /api/v2/query`) and the Events API (`POST /api/event`).

- One `requests.Session`, connect/read timeouts on every call.
- Exponential backoff with full jitter on 429, 5xx and network errors (Plausible sends no Retry-After). The sleep
  function and the random source are injectable so tests run instantly and deterministically.
- A request budget (`budget.consume()` before every attempt, retries included): plausible.io allows 600 requests
  per hour per key. The default budget is a persistent per-hour counter in the database (see `evaluation.budget`).
- `query_all()` pages through results with `pagination.limit/offset` and `meta.total_rows`.
- Typed results (`QueryResult`, `ResultRow`) and one exception per failure a caller must treat differently, each
  carrying the server's own message.

Shapes: the request/response pairs in tests/evaluation/fixtures/plausible-api-v2/ (Plausible Analytics
documentation, CC BY-SA 4.0).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NotRequired, Protocol, TypedDict, Unpack

import requests
from django.conf import settings
from urllib3.util import Timeout

logger = logging.getLogger(__name__)

QUERY_PATH = "/api/v2/query"
EVENT_PATH = "/api/event"
MAX_PAGE_SIZE = 10_000
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


# --- Exceptions ------------------------------------------------------------------------------------------
class PlausibleError(Exception):
    """Base class. `status` is the HTTP status (None for network or configuration errors)."""

    def __init__(self, message: str, *, status: int | None = None):
        super().__init__(message)
        self.message = message
        self.status = status

    def __str__(self) -> str:
        return f"{self.message} (HTTP {self.status})" if self.status else self.message


class PlausibleConfigError(PlausibleError):
    """URL, API key or site id missing: nothing was sent."""


class PlausibleQueryError(PlausibleError):
    """400: the query is invalid (the server's message names the JSON pointer of each problem)."""


class PlausibleAuthError(PlausibleError):
    """401: missing or wrong API key, or a site the key cannot read."""


class PlausiblePaymentRequired(PlausibleError):
    """402: the plan has no Stats API access, or the site is locked."""


class PlausibleRateLimited(PlausibleError):
    """429 still returned after every retry."""


class PlausibleServerError(PlausibleError):
    """5xx still returned after every retry, or another unexpected status."""


class PlausibleNetworkError(PlausibleError):
    """Timeouts or connection errors after every retry."""


class PlausibleResponseError(PlausibleError):
    """The server answered 200 with a body that is not the documented shape (malformed JSON...)."""


class BudgetExhausted(PlausibleError):
    """The hourly request budget is spent: nothing was sent. Try again in the next hour window."""


STATUS_EXCEPTIONS: dict[int, type[PlausibleError]] = {
    400: PlausibleQueryError,
    401: PlausibleAuthError,
    402: PlausiblePaymentRequired,
    429: PlausibleRateLimited,
}


# --- Typed results ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ResultRow:
    dimensions: tuple[Any, ...]
    metrics: dict[str, Any]

    def __getitem__(self, metric: str) -> Any:
        return self.metrics[metric]


@dataclass(frozen=True)
class QueryResult:
    metrics: tuple[str, ...]
    dimensions: tuple[str, ...]
    rows: list[ResultRow]
    meta: dict[str, Any] = field(default_factory=dict)
    query: dict[str, Any] = field(default_factory=dict)
    requests_made: int = 1

    @property
    def total_rows(self) -> int | None:
        return self.meta.get("total_rows")

    @property
    def time_labels(self) -> list[str]:
        return list(self.meta.get("time_labels") or [])

    @property
    def warnings(self) -> list[str]:
        out = [self.meta["imports_warning"]] if self.meta.get("imports_warning") else []
        for name, warning in sorted((self.meta.get("metric_warnings") or {}).items()):
            out.append(f"{name}: {warning.get('warning', warning.get('code', ''))}")
        return out


@dataclass(frozen=True)
class EventResult:
    status: int
    dropped: bool


class Budget(Protocol):
    def consume(self) -> None:
        """Count one request; raise BudgetExhausted when the window is spent."""


class UnlimitedBudget:
    def __init__(self):
        self.used = 0

    def consume(self) -> None:
        self.used += 1


class QueryCriteria(TypedDict):
    """What `PlausibleClient.query_all` pages through: the keyword arguments of `query` but the paging ones."""

    metrics: Sequence[str]
    date_range: str | Sequence[str]
    dimensions: NotRequired[Sequence[str] | None]
    filters: NotRequired[Sequence[Any] | None]
    order_by: NotRequired[Sequence[Sequence[str]] | None]


# How each optional key of a query is sent (only when given: the API rejects unknown keys).
_OPTIONAL_KEYS: dict[str, Callable[[Any], Any]] = {
    "dimensions": list,
    "filters": list,
    "order_by": lambda items: [list(item) for item in items],
    "include": dict,
    "pagination": dict,
}


# --- Client ----------------------------------------------------------------------------------------------
class PlausibleClient:
    def __init__(
        self,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        site_id: str | None = None,
        session: requests.Session | None = None,
        connect_timeout: float = 3.05,
        read_timeout: float = 30.0,
        max_retries: int = 4,
        backoff_base: float = 2.0,
        backoff_cap: float = 120.0,
        sleep: Callable[[float], None] = time.sleep,
        rng: Callable[[], float] = random.random,
        budget: Budget | None = None,
        on_request: Callable[[], None] | None = None,
    ):
        self.base_url = (base_url if base_url is not None else settings.PLAUSIBLE_URL or "").rstrip("/")
        self.api_key = api_key if api_key is not None else settings.PLAUSIBLE_API_KEY
        self.site_id = site_id if site_id is not None else settings.PLAUSIBLE_DOMAIN
        self.session = session or requests.Session()
        self.timeout = (connect_timeout, read_timeout)
        self.max_retries = max_retries
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.sleep = sleep
        self.rng = rng
        if budget is None:
            from evaluation.budget import DatabaseBudget

            budget = DatabaseBudget()
        self.budget = budget
        self.on_request = on_request  # called before every attempt (the sync's heartbeat)
        self.requests_made = 0

    # -- Stats API --
    def query(
        self,
        *,
        metrics: Sequence[str],
        date_range: str | Sequence[str],
        dimensions: Sequence[str] | None = None,
        filters: Sequence[Any] | None = None,
        order_by: Sequence[Sequence[str]] | None = None,
        include: dict[str, Any] | None = None,
        pagination: dict[str, int] | None = None,
    ) -> QueryResult:
        """One request. Only the keys given are sent (the API rejects unknown keys)."""
        if not self.base_url or not self.api_key or not self.site_id:
            raise PlausibleConfigError(
                "Plausible is not configured: PLAUSIBLE_URL, PLAUSIBLE_API_KEY and PLAUSIBLE_DOMAIN are needed."
            )
        body: dict[str, Any] = {
            "site_id": self.site_id,
            "metrics": list(metrics),
            "date_range": date_range if isinstance(date_range, str) else list(date_range),
        }
        optional = {
            "dimensions": dimensions,
            "filters": filters,
            "order_by": order_by,
            "include": include,
            "pagination": pagination,
        }
        body.update({key: _OPTIONAL_KEYS[key](value) for key, value in optional.items() if value})
        payload = self._post_json(QUERY_PATH, body)
        return self._parse(payload, body)

    def query_all(
        self, *, page_size: int = MAX_PAGE_SIZE, max_pages: int = 1000, **criteria: Unpack[QueryCriteria]
    ) -> QueryResult:
        """Every row of a query (the criteria of `query`), `page_size` rows per request, using meta.total_rows to
        know when to stop."""
        page_size = max(1, min(page_size, MAX_PAGE_SIZE))
        rows: list[ResultRow] = []
        meta: dict[str, Any] = {}
        query: dict[str, Any] = {}
        offset = 0
        pages = 0
        while True:
            result = self.query(
                **criteria, include={"total_rows": True}, pagination={"limit": page_size, "offset": offset}
            )
            pages += 1
            rows.extend(result.rows)
            meta, query = result.meta, result.query
            offset += page_size
            total = result.total_rows
            done = len(result.rows) < page_size if total is None else offset >= total
            if done or not result.rows:
                break
            if pages >= max_pages:
                raise PlausibleResponseError(f"More than {max_pages} pages: refusing to continue.")
        return QueryResult(
            metrics=tuple(criteria["metrics"]),
            dimensions=tuple(criteria.get("dimensions") or ()),
            rows=rows,
            meta=meta,
            query=query,
            requests_made=pages,
        )

    # -- Events API (used by the public proxy) --
    def send_event(
        self, payload: dict[str, Any], *, user_agent: str, forwarded_for: str, timeout: float = 1.0
    ) -> EventResult:
        """Forward one event. One attempt, at most `timeout` seconds in all (connecting, waiting and reading):
        a lost page view is better than a slow page."""
        if not self.base_url:
            raise PlausibleConfigError("PLAUSIBLE_URL is not set.")
        headers = {
            "User-Agent": user_agent or "",
            "X-Forwarded-For": forwarded_for or "",
            "Content-Type": "application/json",
        }
        response, _body = self._bounded(
            "POST",
            f"{self.base_url}{EVENT_PATH}",
            timeout,
            what="Event not forwarded",
            json=payload,
            headers=headers,
        )
        if response.status_code >= 400:
            raise _error_for(response)
        return EventResult(
            status=response.status_code, dropped=bool(response.headers.get("x-plausible-dropped"))
        )

    def fetch_script(self, path: str, *, timeout: float = 1.0) -> tuple[bytes, str]:
        """The tracker script; at most `timeout` seconds in all for slow headers, and a slow body is cut at the
        first 1 KB chunk read after the deadline (see `_bounded`)."""
        response, body = self._bounded("GET", f"{self.base_url}{path}", timeout, what="Script not fetched")
        if response.status_code != 200:
            raise _error_for(response)
        return body, response.headers.get("Content-Type", "application/javascript")

    def _bounded(
        self, method: str, url: str, total: float, *, what: str, max_bytes: int = 2_000_000, **kwargs
    ):
        """One request bounded by `total` seconds from start to the last byte: urllib3's total timeout bounds
        connecting and waiting for the headers together, and the body is read in 1 KB chunks against the same
        deadline (requests' own timeouts bound each socket operation, not the exchange)."""
        deadline = time.monotonic() + total
        try:
            response = self.session.request(
                method, url, timeout=Timeout(total=total, connect=min(total, 0.5)), stream=True, **kwargs
            )
            try:
                chunks, size = [], 0
                for chunk in response.iter_content(1024):
                    chunks.append(chunk)
                    size += len(chunk)
                    if time.monotonic() > deadline or size > max_bytes:
                        raise requests.Timeout(f"over {total} s or {max_bytes} bytes")
                body = b"".join(chunks)
            finally:
                response.close()
        except requests.RequestException as exc:
            raise PlausibleNetworkError(f"{what}: {exc.__class__.__name__}") from exc
        if time.monotonic() > deadline:
            raise PlausibleNetworkError(f"{what}: over {total} s")
        response._content = body  # response.content/json() still work for the callers
        return response, body

    # -- internals --
    def _backoff(self, attempt: int) -> float:
        """Full jitter: a random delay in [0, min(cap, base * 2**attempt)]."""
        return self.rng() * min(self.backoff_cap, self.backoff_base * (2**attempt))

    def _post_json(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        url = f"{self.base_url}{path}"
        headers = {"Authorization": f"Bearer {self.api_key}", "Content-Type": "application/json"}
        last_error: PlausibleError | None = None
        for attempt in range(self.max_retries + 1):
            if attempt:
                delay = self._backoff(attempt - 1)
                logger.info("Plausible: retry %s in %.1fs after %s", attempt, delay, last_error)
                self.sleep(delay)
            if self.on_request is not None:
                self.on_request()
            self.budget.consume()
            self.requests_made += 1
            try:
                response = self.session.post(url, json=body, headers=headers, timeout=self.timeout)
            except (requests.Timeout, requests.ConnectionError) as exc:
                last_error = PlausibleNetworkError(f"{exc.__class__.__name__} talking to Plausible")
                continue
            if response.status_code in RETRY_STATUSES:
                last_error = _error_for(response)
                continue
            if response.status_code != 200:
                raise _error_for(response)
            try:
                payload = response.json()
            except ValueError as exc:
                raise PlausibleResponseError(
                    "Plausible answered with a body that is not JSON.", status=200
                ) from exc
            if not isinstance(payload, dict):
                raise PlausibleResponseError("Plausible answered with an unexpected JSON shape.", status=200)
            return payload
        raise last_error or PlausibleError("No attempt was made.")

    @staticmethod
    def _parse(payload: dict[str, Any], body: dict[str, Any]) -> QueryResult:
        """Check the documented shape strictly: a wrong shape raises PlausibleResponseError, never a TypeError."""
        metrics = tuple(body["metrics"])
        dimensions = tuple(body.get("dimensions") or ())
        results = payload.get("results")
        if not isinstance(results, list):
            raise PlausibleResponseError("Plausible answered without a results list.", status=200)
        rows = [
            _result_row(f"Result row {index}", item, metrics, dimensions)
            for index, item in enumerate(results)
        ]
        meta = _checked_meta(payload.get("meta") or {})
        query = payload.get("query") or {}
        return QueryResult(
            metrics=metrics,
            dimensions=dimensions,
            rows=rows,
            meta=meta,
            query=query if isinstance(query, dict) else {},
        )


def _result_row(where: str, item: Any, metrics: tuple, dimensions: tuple) -> ResultRow:
    if not isinstance(item, dict):
        raise PlausibleResponseError(f"{where} is not an object.", status=200)
    values = item.get("metrics")
    dims = item.get("dimensions", [])
    _check_metric_values(where, values, metrics)
    # At least the dimensions requested (one documented example answers a dimension it was not asked).
    if not isinstance(dims, list) or len(dims) < len(dimensions):
        raise PlausibleResponseError(
            f"{where} does not have the {len(dimensions)} dimensions requested.", status=200
        )
    if any(not isinstance(value, (str, int, float)) or isinstance(value, bool) for value in dims):
        raise PlausibleResponseError(f"{where} has a dimension that is not a text.", status=200)
    return ResultRow(dimensions=tuple(dims), metrics=dict(zip(metrics, values, strict=True)))


def _check_metric_values(where: str, values: Any, metrics: tuple) -> None:
    if not isinstance(values, list):
        raise PlausibleResponseError(f"{where} has no metrics list.", status=200)
    if len(values) != len(metrics):
        raise PlausibleResponseError(
            f"{where} has {len(values)} metrics for {len(metrics)} requested.", status=200
        )
    for name, value in zip(metrics, values, strict=True):
        if name.endswith("_revenue") and isinstance(value, dict):
            continue  # documented: revenue metrics are {"value", "short", "long", "currency"}
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise PlausibleResponseError(f"{where}: metric {name} is not a number.", status=200)


def _checked_meta(meta: Any) -> dict:
    if not isinstance(meta, dict):
        raise PlausibleResponseError("Plausible answered with a meta that is not an object.", status=200)
    total = meta.get("total_rows")
    if total is not None and (isinstance(total, bool) or not isinstance(total, int) or total < 0):
        raise PlausibleResponseError("Plausible answered with a total_rows that is not a count.", status=200)
    return meta


def _error_for(response: requests.Response) -> PlausibleError:
    try:
        data = response.json()
    except ValueError:
        data = None
    message = ""
    if isinstance(data, dict):
        error = data.get("error")
        if isinstance(error, str):
            message = error
        elif data.get("errors"):
            message = "; ".join(
                f"{key}: {', '.join(map(str, value))}" for key, value in data["errors"].items()
            )
    if not message:
        message = (response.text or "")[:300] or response.reason or "no message"
    cls = STATUS_EXCEPTIONS.get(response.status_code, PlausibleServerError)
    return cls(message, status=response.status_code)


def date_range(start, end) -> list[str]:
    return [start.isoformat(), end.isoformat()]


def matches_any(dimension: str, values: Iterable[str]) -> list[Any]:
    return ["matches", dimension, list(values)]
