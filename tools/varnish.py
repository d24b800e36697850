"""Run Varnish (Debian's `varnish` package) with the project's VCL (deploy/varnish/default.vcl) in front of one
or more local app servers, for the tests and `make bench`:

    with varnish(backend_ports=[8001, 8002], workdir=Path(".e2e/varnish")) as v:
        print(v.base_url)        # http://127.0.0.1:<free port>
        v.purge_location         # what FRONTEND_CACHE_URL should be for the app servers

It writes backends.vcl (a round-robin director over the ports, each health-checked on /robots.txt) next to a
copy of default.vcl, starts `varnishd -F` in its own process group and stops it when the block ends."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VCL = ROOT / "deploy" / "varnish" / "default.vcl"


def available() -> bool:
    return shutil.which("varnishd") is not None or Path("/usr/sbin/varnishd").exists()


def backends_vcl(ports: list[int]) -> str:
    lines = []
    for index, port in enumerate(ports):
        lines.append(
            f'backend app{index} {{ .host = "127.0.0.1"; .port = "{port}"; .first_byte_timeout = 30s;\n'
            '  .probe = { .url = "/robots.txt"; .interval = 2s; .timeout = 1s; .window = 3; .threshold = 2; } }'
        )
    lines.append("sub vcl_init {\n  new app = directors.round_robin();")
    lines += [f"  app.add_backend(app{index});" for index in range(len(ports))]
    lines.append("}")
    return "\n".join(lines) + "\n"


@dataclass
class Varnish:
    base_url: str
    port: int
    workdir: Path
    process: subprocess.Popen

    @property
    def purge_location(self) -> str:
        return self.base_url


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def varnish(
    *, backend_ports: list[int], workdir: Path, port: int | None = None, memory: str = "128m"
) -> Iterator[Varnish]:
    workdir = workdir.resolve()
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    shutil.copyfile(VCL, workdir / "default.vcl")
    (workdir / "backends.vcl").write_text(backends_vcl(backend_ports))
    port = port or _free_port()
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    log = (workdir / "varnishd.log").open("wb")
    process = subprocess.Popen(
        [
            varnishd,
            "-F",
            "-f",
            str(workdir / "default.vcl"),
            "-a",
            f"127.0.0.1:{port}",
            "-T",
            "none",
            "-n",
            str(workdir / "state"),
            "-s",
            f"malloc,{memory}",
            "-p",
            "vcl_path=" + str(workdir),
            "-p",
            "default_grace=0",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    "varnishd exited:\n" + (workdir / "varnishd.log").read_text(errors="replace")
                )
            with suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
            if time.monotonic() > deadline:
                raise RuntimeError("varnishd did not listen within 30 s")
            time.sleep(0.2)
        yield Varnish(base_url=f"http://127.0.0.1:{port}", port=port, workdir=workdir, process=process)
    finally:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)
        if process.poll() is None:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        log.close()
