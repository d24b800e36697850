"""The doubles of `make chaos` (tools/chaos.py) do what the fault cases say: the TCP proxy passes, cuts and slows
a connection; the Plausible double fails and answers late; the registry takes new cases and doubles."""

import socket
import threading
import time
import urllib.error
import urllib.request

import pytest

from tools import chaos


@pytest.fixture
def echo_server():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)

    def serve():
        while True:
            try:
                conn, _addr = listener.accept()
            except OSError:
                return
            threading.Thread(target=_echo, args=(conn,), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    yield listener.getsockname()
    listener.close()


def _echo(conn):
    with conn:
        while data := conn.recv(1024):
            conn.sendall(data)


def _roundtrip(port, payload=b"ping", timeout=2.0):
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(payload)
        return sock.recv(1024)


def test_tcp_proxy_passes_cuts_and_slows(echo_server):
    proxy = chaos.TcpProxy(echo_server)
    try:
        assert _roundtrip(proxy.port) == b"ping"
        kept = socket.create_connection(("127.0.0.1", proxy.port), timeout=2)
        kept.sendall(b"a")
        assert kept.recv(10) == b"a"
        proxy.set("down")
        with pytest.raises(OSError):  # an open connection is cut…
            kept.sendall(b"b")
            if not kept.recv(10):
                raise ConnectionResetError
        with pytest.raises(OSError):  # …and a new one is closed at once
            if not _roundtrip(proxy.port):
                raise ConnectionResetError
        proxy.set("slow", 0.3)
        started = time.monotonic()
        assert _roundtrip(proxy.port) == b"ping"
        assert time.monotonic() - started >= 0.3
        proxy.set("pass")
        assert _roundtrip(proxy.port) == b"ping"
    finally:
        proxy.close()


def test_plausible_double_fails_and_answers_late():
    plausible = chaos.PlausibleDouble()
    url = f"http://127.0.0.1:{plausible.port}/js/script.js"
    try:
        assert urllib.request.urlopen(url, timeout=2).read() == chaos.PlausibleDouble.SCRIPT
        plausible.set("error")
        with pytest.raises(urllib.error.HTTPError) as failed:
            urllib.request.urlopen(url, timeout=2)
        assert failed.value.code == 500
        plausible.set("slow", 1.0)
        with pytest.raises(OSError):
            urllib.request.urlopen(url, timeout=0.3)
        assert plausible.hits == 3
    finally:
        plausible.close()


def test_the_registry_has_the_cases_of_the_issue_and_takes_new_ones(monkeypatch):
    assert {
        "baseline",
        "redis-down",
        "redis-slow",
        "plausible-500",
        "plausible-slow",
        "postgres-reset",
        "smtp-refused",
        "smtp-blackhole",
    } <= set(chaos.CASES)
    assert {"redis", "plausible", "smtp"} <= set(chaos.DOUBLES)
    monkeypatch.setattr(chaos, "CASES", dict(chaos.CASES))
    monkeypatch.setattr(chaos, "DOUBLES", dict(chaos.DOUBLES))

    @chaos.double("smtp")
    def smtp():
        return object(), {"EMAIL_PORT": "2525"}

    @chaos.case("smtp-new", "a new case", needs=("smtp",))
    def smtp_new(run):
        return chaos.Fault()

    assert chaos.CASES["smtp-new"].needs == ("smtp",) and "smtp" in chaos.DOUBLES
    result = chaos.run_case(
        chaos.Run(site=None, doubles={}, targets=[], database_url=""), chaos.CASES["smtp-new"]
    )
    assert result.skipped == "no smtp double"
    # The SMTP cases need the task worker, which runs on PostgreSQL only.
    result = chaos.run_case(
        chaos.Run(site=None, doubles={"smtp": object()}, targets=[], database_url="sqlite:///x"),
        chaos.CASES["smtp-refused"],
    )
    assert result.skipped.startswith("SQLite")


def test_p95_and_table():
    assert chaos.p95([0.1] * 19 + [5.0]) == 0.1  # one slow answer in 20 is the 5 % above the 95th percentile
    assert chaos.p95([float(i) for i in range(101)]) == 95.0
    result = chaos.Result("x", "Redis down", requests=10, p95=0.2, cached_p95=0.1)
    assert "| Redis down | 10 | 0 | 200 | 100 | – | – | pass |" in chaos.table([result], markdown=True)
