"""`make chaos`: fault injection on the production shape (issue 13). Everything stays on 127.0.0.1.

1. The production-shaped demo (tools/live_site.py): gunicorn (gunicorn.conf.py: 2 gthread workers × 4 threads),
   settings.production, `db_worker` beside it on PostgreSQL (the e-mail outbox), the page cache on, the rate
   limits on (rates raised: every request comes from 127.0.0.1), the Plausible proxy on; PostgreSQL (a
   throw-away database on the server of DATABASE_URL) when DATABASE_URL is set, else SQLite.
2. Redis is reached through a small local TCP proxy (`TcpProxy`) that can cut or slow the traffic, so Redis itself
   is never stopped (the site uses Redis db CHAOS_REDIS_DB, 6 by default); Plausible is a local double
   (`PlausibleDouble`) that can answer 500 or answer late; the mail server is a local SMTP server that can refuse
   connections or stay silent (tools/smtp_fault.py).
3. For each case of the registry (`CASES`): inject the fault, check that every public page type and the admin
   sign-in answer as expected within a bound (a sequential sweep), then run a bounded load (4 concurrent clients
   that behave like browsers: a page, its analytics script, a page view event, plus the cached home page), clear
   the fault, and check the case's own conditions (the bar of the issue).

Prints one line per case: fault, requests, 5xx, p95, lost, duplicated; `--markdown` also prints the table for
docs/quality.md. Exit 1 when a case fails.

Adding a case is one decorated function (the SMTP cases below are built this way):

    @case("smtp-refused", "SMTP port refused", needs=("smtp",))
    def _smtp_refused(run: Run) -> Fault | str:
        return Fault(inject=lambda: smtp.set_mode("refuse"), clear=lambda: smtp.set_mode("capture"),
                     during_load=..., verify=...)  # verify: lost/duplicated from the double's mailbox

A double is registered with `@double("smtp")`: a function that starts it and returns (object, environment
variables for the site); it is started once, before the site, and its `close()` called at the end. `verify`
fills `result.lost` / `result.duplicated` and appends to `result.failures`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import select
import socket
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.live_site import ROOT, _migrations_key, live_site, manage, production_env
from tools.quality_pages import PAGES

REDIS_HOST, REDIS_PORT = "127.0.0.1", int(os.environ.get("CHAOS_REDIS_PORT", "6379"))
REDIS_DB = int(os.environ.get("CHAOS_REDIS_DB", "6"))
CLIENTS = 4
REQUESTS_PER_CASE = int(os.environ.get("CHAOS_REQUESTS", "60"))  # the load; the sweep adds one per page type
SWEEP_BOUND = 5.0  # seconds: every page type answers within this under every fault
CACHED_PATH = "/fr/"  # the cached page whose p95 is compared with and without a fault
SLOW_FACTOR = 3.0  # p95 of the cached page under a "slow" fault ≤ 3 × its p95 without a fault …
P95_FLOOR = 0.05  # … where the baseline counts as at least 50 ms (a 5 ms baseline is noise on a shared box)


# --- Doubles --------------------------------------------------------------------------------------------------


class TcpProxy:
    """Forwards 127.0.0.1:<port> to a TCP server. Modes: "pass"; "down" (every connection, open or new, is closed
    at once: the client sees a reset or EOF); "slow" (each chunk from the server is held `delay` seconds)."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.mode = "pass"
        self.delay = 0.0
        self._pairs: set[tuple[socket.socket, socket.socket]] = set()
        self._lock = threading.Lock()
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port = self._listener.getsockname()[1]
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def set(self, mode: str, delay: float = 0.0) -> None:
        self.mode, self.delay = mode, delay
        if mode == "down":
            with self._lock:
                pairs, self._pairs = list(self._pairs), set()
            for pair in pairs:
                for sock in pair:
                    with contextlib.suppress(OSError):
                        sock.close()

    def close(self) -> None:
        self._closed = True
        self.set("down")
        with contextlib.suppress(OSError):
            self._listener.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _addr = self._listener.accept()
            except OSError:
                return
            if self.mode == "down":
                client.close()
                continue
            try:
                server = socket.create_connection(self.target, timeout=2)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            pair = (client, server)
            with self._lock:
                self._pairs.add(pair)
            threading.Thread(target=self._pump, args=(pair,), daemon=True).start()

    def _pump(self, pair) -> None:
        client, server = pair
        try:
            while True:
                readable, _w, _x = select.select([client, server], [], [], 1.0)
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    if sock is server and self.mode == "slow":
                        time.sleep(self.delay)
                    (server if sock is client else client).sendall(data)
        except (OSError, ValueError):
            return
        finally:
            with self._lock:
                self._pairs.discard(pair)
            for sock in pair:
                with contextlib.suppress(OSError):
                    sock.close()


class PlausibleDouble:
    """A local Plausible: the tracker script and the events API. Modes: "ok", "error" (500), "slow" (answers
    after `delay` seconds). Counts the requests it received."""

    SCRIPT = b"/* plausible double */ window.plausible = window.plausible || function () {};"

    def __init__(self):
        double = self
        self.mode, self.delay, self.hits = "ok", 0.0, 0

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                double.hits += 1
                if double.mode == "slow":
                    time.sleep(double.delay)
                try:
                    if double.mode == "error":
                        self.send_response(500)
                        self.end_headers()
                        self.wfile.write(b"internal error")
                    elif self.command == "GET":
                        self.send_response(200)
                        self.send_header("Content-Type", "application/javascript")
                        self.end_headers()
                        self.wfile.write(double.SCRIPT)
                    else:
                        self.rfile.read(int(self.headers.get("Content-Length") or 0))
                        self.send_response(202)
                        self.end_headers()
                        self.wfile.write(b"ok")
                except OSError:  # the site gave up waiting, as it should
                    pass

            do_GET = _answer
            do_POST = _answer

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def set(self, mode: str, delay: float = 0.0) -> None:
        self.mode, self.delay = mode, delay

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# --- Registries -----------------------------------------------------------------------------------------------

DoubleFactory = Callable[[], tuple[object, dict[str, str]]]
DOUBLES: dict[str, DoubleFactory] = {}


def double(name: str):
    def register(factory: DoubleFactory) -> DoubleFactory:
        DOUBLES[name] = factory
        return factory

    return register


class _RedisDouble(TcpProxy):
    """The TCP proxy in front of Redis; at the end, the run's keys are deleted (its own prefix, db REDIS_DB)."""

    def __init__(self):
        super().__init__((REDIS_HOST, REDIS_PORT))
        self.prefix = f"chaos-{os.getpid()}-{int(time.time())}"

    def close(self) -> None:
        super().close()
        import redis

        with contextlib.suppress(Exception):
            client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=REDIS_DB, socket_timeout=2)
            for key in client.scan_iter(f"{self.prefix}:*", count=500):
                client.delete(key)


@double("redis")
def _redis_double():
    proxy = _RedisDouble()
    # Its own key prefix: two runs at once (or a run and a bench) never read each other's pages or memos.
    return proxy, {
        "REDIS_URL": f"redis://127.0.0.1:{proxy.port}/{REDIS_DB}",
        "REDIS_KEY_PREFIX": proxy.prefix,
    }


@double("plausible")
def _plausible_double():
    plausible = PlausibleDouble()
    return plausible, {
        "PLAUSIBLE_DOMAIN": "prevention.test",
        "PLAUSIBLE_URL": f"http://127.0.0.1:{plausible.port}",
        "PLAUSIBLE_PROXY": "true",
    }


@dataclass
class Result:
    name: str
    title: str
    requests: int = 0
    errors_5xx: int = 0
    other_failures: int = 0
    p95: float = 0.0
    cached_p95: float = 0.0
    lost: int | None = None
    duplicated: int | None = None
    skipped: str = ""
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


@dataclass
class Fault:
    inject: Callable[[], None] = lambda: None
    clear: Callable[[], None] = lambda: None
    during_load: Callable[[], None] | None = None  # called once, half-way through the load
    verify: Callable[[Result], None] | None = None  # the case's own bar, once the fault is cleared
    max_5xx: int = 0


@dataclass
class Case:
    name: str
    title: str
    build: Callable[[Run], Fault | str]  # a Fault, or the reason the case is skipped
    needs: tuple[str, ...] = ()


CASES: dict[str, Case] = {}


def case(name: str, title: str, *, needs: tuple[str, ...] = ()):
    def register(build):
        CASES[name] = Case(name, title, build, needs)
        return build

    return register


@dataclass
class Run:
    site: object
    doubles: dict[str, object]
    targets: list[Target]
    database_url: str
    baseline: Result | None = None


# --- The cases ------------------------------------------------------------------------------------------------


@case("baseline", "no fault")
def _baseline(run: Run) -> Fault:
    return Fault()


@case("redis-down", "Redis down (connections cut)", needs=("redis",))
def _redis_down(run: Run) -> Fault:
    redis = run.doubles["redis"]
    return Fault(inject=lambda: redis.set("down"), clear=lambda: redis.set("pass"))


@case("redis-slow", "Redis slow (50 ms per answer)", needs=("redis",))
def _redis_slow(run: Run) -> Fault:
    redis = run.doubles["redis"]
    return Fault(inject=lambda: redis.set("slow", 0.05), clear=lambda: redis.set("pass"))


@case("plausible-500", "Plausible answers 500", needs=("plausible",))
def _plausible_500(run: Run) -> Fault:
    plausible = run.doubles["plausible"]
    return Fault(
        inject=lambda: plausible.set("error"), clear=lambda: plausible.set("ok"), verify=_cached_p95_bar
    )


@case("plausible-slow", "Plausible answers after 5 s", needs=("plausible",))
def _plausible_slow(run: Run) -> Fault:
    plausible = run.doubles["plausible"]
    return Fault(
        inject=lambda: plausible.set("slow", 5.0), clear=lambda: plausible.set("ok"), verify=_cached_p95_bar
    )


@case("postgres-reset", "PostgreSQL connections terminated")
def _postgres_reset(run: Run) -> Fault | str:
    if not run.database_url.startswith(("postgres://", "postgresql://")):
        return "SQLite (set DATABASE_URL to a PostgreSQL server)"
    dbname = urllib.parse.urlsplit(run.database_url).path.lstrip("/")

    def terminate():
        _psql(
            run.database_url,
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            params=(dbname,),
        )

    # Requests in flight at the moment of the reset may fail (at most one per worker); the next ones reconnect.
    return Fault(inject=terminate, during_load=terminate, max_5xx=2 * 2)


# --- E-mail: SMTP refused, SMTP black hole (tools/smtp_fault.py, docs/email.md) ------------------------------

SMTP_REPORTS = 6  # problem reports sent through the service page's form during each SMTP fault
SMTP_WARM = 2  # warm referrals (the only e-mail sent while a visitor waits)
REPORT_BOUND = 2.0  # seconds: a problem report is answered (success redirect) within this under an SMTP fault
WARM_BOUND = 3 + 2.0  # REFERRALS_EMAIL_TIMEOUT (3 s, as shipped) + 2 s: sent, or the honest 502
WARM_HONEST_FR = "L’avis n’a pas pu être envoyé"  # "The notice could not be sent … Nothing was kept …"


@double("smtp")
def _smtp_double():
    from tools.smtp_fault import FaultySMTP

    smtp = FaultySMTP().__enter__()
    return smtp, {
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "EMAIL_USE_TLS": "false",
        "EMAIL_TIMEOUT": "3",  # the worker's (production: 10 s), to keep the run short
        "EMAIL_RETRY_DELAY": "1",
        "DIRECTORY_MANAGERS_EMAILS": "directory@chaos.example",
    }


def _query(database_url: str, sql: str, params: tuple = ()) -> list[tuple]:
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        return conn.execute(sql, params or None).fetchall()


class _Visitor:
    """A browser that fills a form: keeps its cookies by hand (Secure cookies over the plain HTTP of 127.0.0.1)."""

    def __init__(self, site):
        self.site, self.cookies = site, {}
        self.opener = urllib.request.build_opener(_NoRedirect)

    def go(self, path: str, data: dict | None = None) -> tuple[int, str, float]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        headers = {"User-Agent": "chaos/1 (127.0.0.1)", "Referer": self.site.url(path)}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.monotonic()
        try:
            with self.opener.open(
                urllib.request.Request(self.site.url(path), body, headers), timeout=30
            ) as r:
                status, text, headers_in = r.status, r.read().decode(errors="replace"), r.headers
        except urllib.error.HTTPError as exc:
            status, text, headers_in = exc.code, exc.read().decode(errors="replace"), exc.headers
        except (urllib.error.URLError, OSError) as exc:
            return 0, str(exc), time.monotonic() - started
        for header in headers_in.get_all("Set-Cookie") or []:
            name, _eq, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return status, text, time.monotonic() - started

    def submit(self, path: str, fields: dict) -> tuple[int, str, float]:
        _status, html, _t = self.go(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        return self.go(path, {"csrfmiddlewaretoken": token.group(1) if token else "", **fields})


_FORM_PATHS: dict[str, str] = {}


def _form_paths(site) -> dict[str, str]:
    if not _FORM_PATHS:
        _FORM_PATHS.update(
            json.loads(
                site.manage(
                    "shell",
                    "-c",
                    "import json; from django.urls import reverse; from django.utils import translation;"
                    "from resources.models import Service; translation.activate('fr');"
                    "fr = Service.objects.filter(status='active', locale__language_code='fr').order_by('pk');"
                    "w = fr.exclude(referral_email='').first(); r = fr.first();"
                    "print(json.dumps({'report': reverse('resources:service', args=[r.pk]),"
                    " 'warm': reverse('referrals:warm', args=[w.pk]) + '?lang=fr'}))",
                )
                .stdout.strip()
                .splitlines()[-1]
            )
        )
    return _FORM_PATHS


def _judge_form_answers(result: Result, answers: list) -> int:
    """Each report answered with the success redirect within REPORT_BOUND, each warm referral sent or honestly
    refused within WARM_BOUND. Returns the number of accepted reports."""
    accepted = 0
    for kind, status, text, seconds in answers:
        if kind == "report":
            accepted += status == 302
            if status != 302 or seconds > REPORT_BOUND:
                result.failures.append(f"problem report → {status} in {seconds:.1f} s")
        elif not (status == 302 or (status == 502 and WARM_HONEST_FR in text.replace("'", "’"))):
            result.failures.append(f"warm referral → {status} (neither sent nor an honest refusal)")
        elif seconds > WARM_BOUND:
            result.failures.append(f"warm referral answered in {seconds:.1f} s")
    return accepted


def _drain_outbox(run: Run) -> None:
    """`send_outbox` every 3 s (as cron would) beside the worker until the outbox is empty (at most 90 s)."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        run.site.manage("send_outbox")
        waiting = _query(
            run.database_url,
            "SELECT count(*) FROM home_outgoingemail WHERE status IN ('pending', 'sending')",
        )[0][0]
        if not waiting:
            break
        time.sleep(3)


def _count_deliveries(run: Run, smtp, last: int, accepted: int, result: Result) -> None:
    """Each accepted report e-mailed exactly once: its outbox row's Message-ID counted at the capturing server."""
    rows = _query(
        run.database_url,
        "SELECT r.id, coalesce(o.message_id, '') FROM resources_problemreport r LEFT JOIN home_outgoingemail o "
        "ON o.key = 'problem-report:' || r.id WHERE r.id > %s",
        (last,),
    )
    received: dict[str, int] = {}
    for message in smtp.all():
        key = (message["Message-ID"] or "").strip()
        received[key] = received.get(key, 0) + 1
    counts = [received.get(message_id.strip(), 0) if message_id else 0 for _id, message_id in rows]
    result.lost = sum(1 for n in counts if n == 0) + max(0, accepted - len(rows))
    result.duplicated = sum(max(0, n - 1) for n in counts)
    if result.lost or result.duplicated:
        result.failures.append(f"{result.lost} reports lost, {result.duplicated} duplicated e-mails")


def _smtp_fault(run: Run, mode: str) -> Fault | str:
    """After the registry's load: 4 clients on the cached page (its p95 is the case's cached p95) while
    SMTP_REPORTS problem reports and SMTP_WARM warm referrals are sent. Then: each report answered with the success redirect within REPORT_BOUND, each warm
    referral sent or honestly refused (502) within WARM_BOUND; after the fault, `send_outbox` every 3 s (as cron
    would) beside the worker until the outbox is empty, and each accepted report e-mailed exactly once (its
    outbox row's Message-ID counted at the capturing server)."""
    if not run.database_url.startswith(("postgres://", "postgresql://")):
        return "SQLite (the task worker needs PostgreSQL: set DATABASE_URL)"
    smtp = run.doubles["smtp"]
    paths = _form_paths(run.site)
    state: dict = {"answers": [], "cached": []}

    def inject():
        state["last"] = _query(run.database_url, "SELECT coalesce(max(id), 0) FROM resources_problemreport")[
            0
        ][0]
        smtp.set_mode(mode)

    def verify(result: Result) -> None:
        _verify_smtp_fault(run, smtp, state, result)

    return Fault(
        inject=inject,
        clear=lambda: smtp.set_mode("capture"),
        during_load=lambda: _send_forms_under_load(run, paths, state),
        verify=verify,
    )


def _send_forms_under_load(run: Run, paths: dict, state: dict) -> None:
    """Called half-way through the registry's load: let its 4 browsers finish (about a second), so that the
    cached page is measured with 4 concurrent clients, as in the baseline, while the forms wait."""

    def sample(stop: threading.Event):
        target = Target("cached", "GET", CACHED_PATH)
        while not stop.is_set():
            state["cached"].append(request(run.site, target))

    def warm():
        fields = {"name": "Chaos", "language": "fr", "contact": "come_by", "consent": "on", "lang": "fr"}
        state["answers"].append(("warm", *_Visitor(run.site).submit(paths["warm"], fields)))

    time.sleep(1.5)
    stop = threading.Event()
    samplers = [threading.Thread(target=sample, args=(stop,), daemon=True) for _ in range(CLIENTS)]
    warms = [threading.Thread(target=warm, daemon=True) for _ in range(SMTP_WARM)]
    for thread in samplers + warms:
        thread.start()
    for number in range(SMTP_REPORTS):
        fields = {"reason": "hours", "comment": f"Chaos {number}: fermé le lundi"}
        state["answers"].append(("report", *_Visitor(run.site).submit(paths["report"], fields)))
        time.sleep(0.3)
    for thread in warms:
        thread.join()
    stop.set()
    for thread in samplers:
        thread.join()


def _verify_smtp_fault(run: Run, smtp, state: dict, result: Result) -> None:
    result.requests += len(state["cached"]) + 2 * len(state["answers"])
    cached_errors = sum(1 for status, _t in state["cached"] if status >= 500 or status == 0)
    if cached_errors:
        result.failures.append(f"cached page: {cached_errors} × 5xx or no answer")
    # The case's cached p95: 4 clients on the cached page while the reports and warm referrals are sent.
    result.cached_p95 = p95([t for _s, t in state["cached"]])
    _cached_p95_bar(result)
    accepted = _judge_form_answers(result, state["answers"])
    _drain_outbox(run)
    _count_deliveries(run, smtp, int(state["last"]), accepted, result)


@case("smtp-refused", "SMTP port refused", needs=("smtp",))
def _smtp_refused(run: Run) -> Fault | str:
    return _smtp_fault(run, "refuse")


@case("smtp-blackhole", "SMTP black hole (accepts, never answers)", needs=("smtp",))
def _smtp_blackhole(run: Run) -> Fault | str:
    return _smtp_fault(run, "blackhole")


_CURRENT: dict[str, Result] = {}


def _cached_p95_bar(result: Result) -> None:
    baseline = _CURRENT.get("baseline")
    if baseline is None:
        return
    bound = SLOW_FACTOR * max(baseline.cached_p95, P95_FLOOR)
    if result.cached_p95 > bound:
        result.failures.append(
            f"cached page p95 {result.cached_p95 * 1000:.0f} ms > {SLOW_FACTOR:g} × baseline "
            f"({max(baseline.cached_p95, P95_FLOOR) * 1000:.0f} ms)"
        )


# --- Targets and clients --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    kind: str
    method: str
    path: str
    status: tuple[int, ...] = (200,)
    data: dict | None = None
    public: bool = True  # counted in 5xx (the analytics endpoints are not: they may say 502/503 by design)


def discover_targets(site) -> list[Target]:
    """One path per public page type of tools/quality_pages.py (French first), plus the page types those checks
    do not visit: the slip, the warm-referral form, the HSDS API, the sitemap, a tracked link, the admin
    sign-in; and what a browser asks besides the page: the analytics script and a page view event."""
    seen: dict[str, Target] = {}
    for page in PAGES:
        if page.kind not in seen:
            seen[page.kind] = Target(page.kind, "GET", page.path, (page.status,))
    facts = json.loads(
        site.manage(
            "shell",
            "-c",
            "import json;"
            "from django.urls import reverse;"
            "from django.utils import translation;"
            "from resources.models import Quartier, Service;"
            "from campaigns.scheduling.models import TrackedLink;"
            "translation.activate('fr');"
            "s = Service.objects.filter(locale__language_code='fr').exclude(referral_email='').first();"
            "q = Quartier.objects.order_by('mdzone').first();"
            "t = TrackedLink.objects.order_by('pk').first();"
            "print(json.dumps({"
            "'warm': reverse('referrals:warm', args=[s.pk]) if s else None,"
            "'slip': reverse('referrals:slip') + (f'?s={s.pk}' if s else ''),"
            "'quartier': reverse('resources:quartier', args=[q.mdzone]) if q else None,"
            "'neighbourhoods': reverse('resources:neighbourhoods'),"
            "'link': f'/go/{t.code}' if t else None}))",
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    extra = [
        Target("slip", "GET", facts["slip"]),
        Target("neighbourhoods", "GET", facts["neighbourhoods"]),
        Target("hsds-api", "GET", "/api/hsds/services"),
        Target("sitemap", "GET", "/sitemap.xml"),
        Target("admin-login", "LOGIN", "/admin/login/", (302,)),
    ]
    if facts["quartier"]:
        extra.append(Target("quartier", "GET", facts["quartier"]))
    if facts["warm"]:
        extra.append(Target("warm-referral", "GET", facts["warm"]))
    if facts["link"]:
        extra.append(Target("tracked-link", "GET", facts["link"], (302,)))
    extra += [
        Target("stats-script", "GET", "/stats/js/script.js", (200,), public=False),
        Target("stats-event", "EVENT", "/stats/api/event", (202, 502), public=False),
    ]
    targets = list(seen.values()) + extra
    return [t for t in targets if _resolvable(site, t)]


def _resolvable(site, target: Target) -> bool:
    """Translated URL patterns differ from the guesses above: keep a guessed extra only if it exists."""
    if target.method != "GET" or target.kind in {p.kind for p in PAGES}:
        return True
    status, _elapsed = request(site, target)
    if status in target.status:
        return True
    sys.stderr.write(f"chaos: skipped {target.kind} {target.path} (answered {status} without a fault)\n")
    return False


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def request(site, target: Target, timeout: float = 30.0) -> tuple[int, float]:
    """(status, seconds). Status 0: no answer within `timeout` or the connection failed."""
    started = time.monotonic()
    try:
        if target.method == "LOGIN":
            return _login(site, timeout), time.monotonic() - started
        data, headers = None, {"User-Agent": "chaos/1 (127.0.0.1)"}
        if target.method == "EVENT":
            payload = {"n": "pageview", "u": site.url("/fr/"), "d": "prevention.test"}
            data, headers["Content-Type"] = json.dumps(payload).encode(), "text/plain"
        opener = urllib.request.build_opener(_NoRedirect)
        req = urllib.request.Request(site.url(target.path), data=data, headers=headers)
        with opener.open(req, timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except (urllib.error.URLError, OSError):
        status = 0
    return status, time.monotonic() - started


def _login(site, timeout: float) -> int:
    """The admin sign-in form: GET, then POST the password (302 to the second step when accepted). The CSRF
    cookie is Secure in production, which a cookie jar keeps off plain HTTP: it is sent by hand."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(site.url("/admin/login/"), timeout=timeout) as response:
            html = response.read().decode()
            cookies = [c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or []]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": site.admin_user, "password": site.admin_password}
        ).encode()
        headers = {"Referer": site.url("/admin/login/"), "Cookie": "; ".join(cookies)}
        req = urllib.request.Request(site.url("/admin/login/"), data=body, headers=headers)
        with opener.open(req, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, OSError, AttributeError):
        return 0


def p95(values: list[float]) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


# --- Running a case -------------------------------------------------------------------------------------------


def _visit_sequence(i: int, cached: Target, pages: list[Target], extras: list[Target]) -> list[Target]:
    """A visit: the cached home page, then another page; its script and page view now and then."""
    sequence = [cached, pages[i % len(pages)]]
    if extras and i % 3 == 0:
        sequence.append(extras[(i // 3) % len(extras)])
    return sequence


def _browse(run: Run, result: Result, fault: Fault) -> tuple[list[float], list[float]]:
    """The load: 4 browsers, REQUESTS_PER_CASE visits in all; `fault.during_load` half-way. Returns the public
    pages' timings and the cached page's."""
    timings: list[float] = []
    cached: list[float] = []
    lock = threading.Lock()
    counter = iter(range(REQUESTS_PER_CASE))
    halfway = threading.Event()
    page_targets = [t for t in run.targets if t.public and t.method == "GET"]
    extras = [t for t in run.targets if not t.public]
    cached_target = Target("cached", "GET", CACHED_PATH)

    def visit(target: Target) -> None:
        status, elapsed = request(run.site, target)
        with lock:
            result.requests += 1
            if target.public:
                timings.append(elapsed)
            if target is cached_target:
                cached.append(elapsed)
            _judge(result, target, status, elapsed, bound=SWEEP_BOUND * 2)

    def browser(offset: int):
        for i, n in enumerate(counter, start=offset):
            if n == REQUESTS_PER_CASE // 2:
                halfway.set()
            for target in _visit_sequence(i, cached_target, page_targets, extras):
                visit(target)

    with ThreadPoolExecutor(CLIENTS) as pool:
        futures = [pool.submit(browser, k * 7) for k in range(CLIENTS)]
        if fault.during_load is not None:
            halfway.wait(timeout=120)
            fault.during_load()
        for future in futures:
            future.result()
    return timings, cached


def _judge_case(run: Run, result: Result, fault: Fault) -> None:
    """Once the fault is cleared: the case's bars, then every page type answers again."""
    if result.errors_5xx > fault.max_5xx:
        result.failures.append(f"{result.errors_5xx} × 5xx (at most {fault.max_5xx})")
    if result.other_failures:
        result.failures.append(f"{result.other_failures} answers with an unexpected status or too slow")
    # Recovery: once the fault is cleared, every page type answers again.
    time.sleep(0.3)
    for target in run.targets:
        status, _elapsed = request(run.site, target)
        if target.public and status not in target.status:
            result.failures.append(f"after the fault: {target.kind} {target.path} → {status}")
    if fault.verify is not None:
        fault.verify(result)


def run_case(run: Run, spec: Case) -> Result:
    result = Result(spec.name, spec.title)
    missing = [name for name in spec.needs if name not in run.doubles]
    fault = spec.build(run) if not missing else f"no {', '.join(missing)} double"
    if isinstance(fault, str):
        result.skipped = fault
        return result
    fault.inject()
    try:
        time.sleep(0.2)
        # The sweep: every page type, one after the other, within the bound.
        for target in run.targets:
            status, elapsed = request(run.site, target)
            result.requests += 1
            _judge(result, target, status, elapsed, bound=SWEEP_BOUND)
        timings, cached = _browse(run, result, fault)
        result.p95 = p95(timings)
        result.cached_p95 = p95(cached)
    finally:
        fault.clear()
    _CURRENT[spec.name] = result
    _judge_case(run, result, fault)
    return result


_DETAILS: list[str] = []


def _judge(result: Result, target: Target, status: int, elapsed: float, *, bound: float) -> None:
    if not target.public:
        if status >= 500 and status not in target.status:
            _DETAILS.append(f"{result.name}: {target.kind} {target.path} → {status}")
            result.other_failures += 1
        return
    if status >= 500 or status == 0:
        result.errors_5xx += 1
        _DETAILS.append(f"{result.name}: {target.kind} {target.path} → {status or 'no answer'}")
    elif status not in target.status or elapsed > bound:
        result.other_failures += 1
        _DETAILS.append(f"{result.name}: {target.kind} {target.path} → {status} in {elapsed:.2f} s")


# --- Main -----------------------------------------------------------------------------------------------------


def _psql(database_url: str, sql: str, dbname: str | None = None, params: tuple = ()) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(database_url)
    url = urllib.parse.urlunsplit(parts._replace(path=f"/{dbname}")) if dbname else database_url
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql, params or None)


@contextlib.contextmanager
def throwaway_database():
    """A fresh PostgreSQL database on the server of DATABASE_URL (dropped at the end), or None for SQLite. It is
    copied from a migrated template database, `chaos_tpl_<key of the migrations>`, made on the first run and reused
    while the migrations and pins are unchanged (migrating PostgreSQL from scratch takes minutes on a busy box)."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        yield None
        return
    template = f"chaos_tpl_{_migrations_key()}"
    with_db = lambda name: urllib.parse.urlunsplit(urllib.parse.urlsplit(base)._replace(path=f"/{name}"))  # noqa: E731
    if not _database_exists(base, template):
        building = f"{template}_build_{os.getpid()}"
        _psql(base, f"CREATE DATABASE {building}", dbname="postgres")
        try:
            env = production_env(
                workdir=ROOT / ".chaos", database_url=with_db(building), redis_url=None, port=0
            )
            manage(env, "migrate", "--no-input", "-v", "0")
            _psql(base, f"ALTER DATABASE {building} RENAME TO {template}", dbname="postgres")
        except Exception:
            _psql(base, f"DROP DATABASE IF EXISTS {building} WITH (FORCE)", dbname="postgres")
            raise
    name = f"chaos_{int(time.time())}_{os.getpid()}"
    _psql(base, f"CREATE DATABASE {name} TEMPLATE {template}", dbname="postgres")
    try:
        yield with_db(name)
    finally:
        with contextlib.suppress(Exception):
            _psql(base, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", dbname="postgres")


def _database_exists(base: str, name: str) -> bool:
    import psycopg

    url = urllib.parse.urlunsplit(urllib.parse.urlsplit(base)._replace(path="/postgres"))
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def _row(r: Result) -> list[str]:
    if r.skipped:
        return [r.title, "–", "–", "–", "–", "–", "–", f"skipped: {r.skipped}"]
    return [
        r.title,
        str(r.requests),
        str(r.errors_5xx),
        f"{r.p95 * 1000:.0f}",
        f"{r.cached_p95 * 1000:.0f}",
        "–" if r.lost is None else str(r.lost),
        "–" if r.duplicated is None else str(r.duplicated),
        "pass" if r.ok else "FAIL: " + "; ".join(r.failures),
    ]


def table(results: list[Result], *, markdown: bool) -> str:
    header = ["fault", "requests", "5xx", "p95 (ms)", "cached p95 (ms)", "lost", "duplicated", "result"]
    rows = [_row(r) for r in results]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in [header, *rows]
    )


def _case_names(parser: argparse.ArgumentParser, cases: list[str]) -> list[str]:
    """The cases asked for (default: all), the baseline first; an unknown name stops with a usage error."""
    names = cases or list(CASES)
    unknown = [n for n in names if n not in CASES]
    if unknown:
        parser.error(f"unknown case(s): {', '.join(unknown)}")
    if "baseline" not in names:
        names.insert(0, "baseline")
    return names


def _site_env() -> dict[str, str]:
    return {
        "PAGE_CACHE_ENABLED": "true",
        "RATELIMIT_ENABLE": "true",  # on, so that their cache reads are exercised; rates raised (one address)
        **{
            f"RATELIMIT_{name}": "100000/m"
            for name in (
                "SEARCH",
                "AUTOCOMPLETE",
                "API",
                "MIX",
                "SLIP",
                "QUIZ",
                "REPORT",
                "WARM",
                "BRIEF",
                "EVENT",
            )
        },
        "LOGIN_FAILURE_LIMIT": "1000",
    }


def _run_cases(run: Run, names: list[str]) -> list[Result]:
    results = []
    for name in names:
        case_started = time.monotonic()
        result = run_case(run, CASES[name])
        results.append(result)
        status = "skipped" if result.skipped else ("pass" if result.ok else "FAIL")
        print(f"chaos: {name}: {status} ({time.monotonic() - case_started:.0f} s)", flush=True)
    return results


def _print_results(results: list[Result], *, markdown: bool) -> None:
    print()
    print(table(results, markdown=False))
    if markdown:
        print()
        print(table(results, markdown=True))
    if _DETAILS:
        print("\nunexpected answers (first 20):")
        for line in _DETAILS[:20]:
            print("  " + line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("cases", nargs="*", help=f"cases to run (default: all): {', '.join(CASES)}")
    parser.add_argument("--markdown", action="store_true", help="also print the table in Markdown")
    args = parser.parse_args(argv)
    names = _case_names(parser, args.cases)
    started = time.monotonic()
    doubles: dict[str, object] = {}
    env: dict[str, str] = _site_env()
    try:
        for name, factory in DOUBLES.items():
            doubles[name], extra_env = factory()
            env.update(extra_env)
        with (
            throwaway_database() as database_url,
            live_site(
                workdir=ROOT / ".chaos" / "run",
                database_url=database_url,
                extra_env=env,
                task_worker=bool(
                    database_url
                ),  # the e-mail outbox's worker, as in production (PostgreSQL only)
            ) as site,
        ):
            print(
                f"chaos: site up in {time.monotonic() - started:.0f} s ({'PostgreSQL' if database_url else 'SQLite'})"
            )
            run = Run(
                site=site, doubles=doubles, targets=discover_targets(site), database_url=database_url or ""
            )
            print(f"chaos: {len(run.targets)} targets: {', '.join(t.kind for t in run.targets)}")
            results = _run_cases(run, names)
    finally:
        for obj in doubles.values():
            with contextlib.suppress(Exception):
                obj.close()
    _print_results(results, markdown=args.markdown)
    print(f"\nchaos: {time.monotonic() - started:.0f} s in all")
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
