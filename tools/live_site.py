"""Serve the site the way production does, on a throw-away database, for browser tests, Lighthouse and benchmarks.

    with live_site(workdir=Path(".e2e/run")) as site:
        print(site.base_url)          # http://127.0.0.1:<free port>

What it does, in order: a fresh database (a new SQLite file, or the PostgreSQL URL given), `migrate`,
`collectstatic` (WhiteNoise's compressed manifest storage, as in production), `load_demo` (the whole bilingual
demo of every installed app, plus the demo admin account), then gunicorn (gunicorn.conf.py: gthread workers, as in
production) with `settings.production` (through tools/live_settings.py, which only adds /media/), DEBUG
off, SECRET_KEY/ALLOWED_HOSTS from the environment, and SSL redirect off (plain HTTP on 127.0.0.1). The server
is stopped (its process group) when the block ends.

Why a subprocess rather than pytest-django's live_server: the same WSGI stack, settings module, static file
storage and demo loader as production; no transaction tricks (home pages recreated after
`transactional_db` flushes) and no threaded dev server. It costs ~10 s per session, which the browser tests pay once.

Used by tests/e2e/conftest.py, tools/lighthouse.py and bench/run.py.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADMIN_USER = "admin"
ADMIN_PASSWORD = "e2e-admin-password-2026"  # noqa: S105 -- a throwaway test site's
# The admin's authenticator secret (base32): the browser tests type the code computed from it, as a person
# types the one their app shows (two-step verification is on with settings.production).
ADMIN_TOTP_SECRET = "V5H6XO446FIH3UZGYCE7BA5JINEEY2U4"  # noqa: S105 -- a throwaway test site's


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def venv_bin(name: str) -> str:
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else name


@dataclass
class LiveSite:
    base_url: str
    env: dict[str, str]
    workdir: Path
    process: subprocess.Popen | None = None
    log_path: Path | None = None
    admin_user: str = ADMIN_USER
    admin_password: str = ADMIN_PASSWORD
    admin_totp_secret: str = ADMIN_TOTP_SECRET
    extra: dict = field(default_factory=dict)

    def manage(self, *args: str, quiet: bool = True) -> subprocess.CompletedProcess:
        return manage(self.env, *args, quiet=quiet)

    def url(self, path: str) -> str:
        return self.base_url + path

    def log_tail(self, lines: int = 40) -> str:
        if not self.log_path or not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def production_env(
    *, workdir: Path, database_url: str, redis_url: str | None, port: int, mail_port: int | None = None
) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "PYTEST_"))
    }
    env.update(
        {
            # settings.production, plus /media/ served by Django (the proxy's job in production).
            "DJANGO_SETTINGS_MODULE": "tools.live_settings",
            "SECRET_KEY": "local-check-" + secrets.token_urlsafe(40),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "SECURE_HSTS_PRELOAD": "false",
            "DATABASE_URL": database_url,
            "DB_CONN_MAX_AGE": "60",
            "MEDIA_ROOT": str(workdir / "media"),
            "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
            "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": "1",  # nothing is sent from a local check
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
            # settings.production turns the page cache on with Redis; the uncached checks keep it off and the
            # cached ones use bench/settings_cached.py, which adds it explicitly.
            "PAGE_CACHE_ENABLED": "false",
            # Every request of a local check comes from 127.0.0.1 (wrk, locust, the browser): the public rate
            # limits (site/home/ratelimit.py, tested in tests/security/test_ratelimits.py) would answer 429.
            "RATELIMIT_ENABLE": "false",
        }
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    if mail_port:  # a local capturing SMTP server (tools/mail_capture.py): plain SMTP on the loopback
        env.update({"EMAIL_PORT": str(mail_port), "EMAIL_USE_TLS": "false"})
    return env


def manage(env: dict[str, str], *args: str, quiet: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=quiet,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    return result


def _project_dirs() -> list[Path]:
    skip = {
        "node_modules",
        "static_collected",
        "media",
        "locale",
        "templates",
        "tests",
        "docs",
        "bench",
        "tools",
    }
    return [p for p in ROOT.iterdir() if p.is_dir() and not p.name.startswith(".") and p.name not in skip]


def _migrations_key() -> str:
    """Changes when a migration of the project or a pinned dependency changes."""
    digest = hashlib.sha256((ROOT / "constraints.txt").read_bytes())
    for path in sorted(p for top in _project_dirs() for p in top.rglob("migrations/*.py")):
        digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def migrate(env: dict[str, str], database_url: str, workdir: Path) -> None:
    """`migrate`; on SQLite, a migrated copy is kept in .e2e/cache/ and reused while migrations are unchanged
    (migrating from scratch takes ~45 s on a busy 2-core box, copying a file takes nothing)."""
    if not database_url.startswith("sqlite:///"):
        manage(env, "migrate", "--no-input", "-v", "0")
        return
    target = Path(database_url.removeprefix("sqlite:///"))
    cached = ROOT / ".e2e" / "cache" / f"migrated-{_migrations_key()}.sqlite3"
    if not cached.exists():
        manage(env, "migrate", "--no-input", "-v", "0")
        cached.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, cached.with_suffix(".tmp"))
        cached.with_suffix(".tmp").replace(cached)
        return
    shutil.copyfile(cached, target)
    manage(env, "migrate", "--no-input", "-v", "0")  # a no-op unless something was missed; cheap


def static_is_stale() -> bool:
    """collectstatic (with WhiteNoise's compression) takes ~35 s: skip it when the manifest is newer than every
    file of the project's static folders and than the installed packages."""
    manifest = ROOT / "static_collected" / "staticfiles.json"
    if not manifest.exists() or os.environ.get("QUALITY_COLLECTSTATIC") == "1":
        return True
    built = manifest.stat().st_mtime
    sources = [
        ROOT / "constraints.txt",
        *(ROOT / "static").rglob("*"),
        *(p for top in _project_dirs() for p in top.rglob("static/**/*")),
    ]
    return any(path.stat().st_mtime > built for path in sources if path.is_file())


def wait_until_up(url: str, *, timeout: float = 60.0, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} before answering")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            last_error = exc
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer 200 within {timeout:.0f} s: {last_error}")


@contextmanager
def live_site(
    *,
    workdir: Path,
    database_url: str | None = None,
    redis_url: str | None = None,
    workers: int = 2,
    port: int | None = None,
    prepare: bool = True,
    extra_setup: list[list[str]] | None = None,
    settings_module: str | None = None,
    mail_port: int | None = None,
    task_worker: bool = False,
    extra_env: dict[str, str] | None = None,
) -> Iterator[LiveSite]:
    """Prepare a fresh database with the demo and serve it with gunicorn until the block ends.

    `task_worker=True`: background tasks (the e-mail outbox, syncs) go to the database queue and a
    `manage.py db_worker` runs beside gunicorn, as in production; otherwise they run in the request
    (django-tasks' immediate backend). `extra_env` adds or overrides environment variables."""
    workdir = workdir.resolve()
    if prepare and workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    database_url = database_url or f"sqlite:///{workdir / 'db.sqlite3'}"
    env = production_env(
        workdir=workdir, database_url=database_url, redis_url=redis_url, port=port, mail_port=mail_port
    )
    env.update(_overrides(settings_module, task_worker, extra_env))
    site = LiveSite(base_url=f"http://127.0.0.1:{port}", env=env, workdir=workdir)
    if prepare:
        _prepare(env, database_url, workdir, port, extra_setup or [])
    site.log_path = workdir / "gunicorn.log"
    process = _start_gunicorn(site.log_path, env, port, workers)
    site.process = process
    processes = [process]
    if task_worker:
        site.extra["worker"] = _start_worker(workdir, env)
        processes.append(site.extra["worker"])
    try:
        wait_until_up(site.url("/fr/"), process=process)
        yield site
    except BaseException:
        sys.stderr.write(site.log_tail())
        raise
    finally:
        _stop(processes)


def _overrides(
    settings_module: str | None, task_worker: bool, extra_env: dict[str, str] | None
) -> dict[str, str]:
    overrides = {}
    if settings_module:
        overrides["DJANGO_SETTINGS_MODULE"] = settings_module
    if task_worker:
        overrides["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"
    overrides.update(
        extra_env or {}
    )  # e.g. tools/chaos.py: the page cache, rate limits, the doubles' addresses
    return overrides


def _start_gunicorn(log_path: Path, env: dict[str, str], port: int, workers: int) -> subprocess.Popen:
    """gunicorn with the production configuration, logging to log_path."""
    with log_path.open("ab") as log:
        return subprocess.Popen(
            [
                venv_bin("gunicorn"),
                "--config",
                str(ROOT / "gunicorn.conf.py"),  # gthread workers, as in production
                "--chdir",
                str(ROOT / "site"),
                "--pythonpath",
                str(ROOT),
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--error-logfile",
                "-",
                "--log-level",
                "warning",
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped as a whole below
        )


def _start_worker(workdir: Path, env: dict[str, str]) -> subprocess.Popen:
    """`manage.py db_worker` beside gunicorn, as in production, logging to worker.log."""
    with (workdir / "worker.log").open("ab") as log:
        return subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "db_worker",
                "--interval",
                "0.5",
                "--no-startup-delay",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _prepare(
    env: dict[str, str], database_url: str, workdir: Path, port: int, extra_setup: list[list[str]]
) -> None:
    """A fresh database with the demo, the static files and the Site's host, then the caller's own steps."""
    migrate(env, database_url, workdir)
    if static_is_stale():
        manage(env, "collectstatic", "--no-input", "-v", "0")
    manage(env, "load_demo", "--password", ADMIN_PASSWORD, "--totp-secret", ADMIN_TOTP_SECRET)
    # As a deployment does: the Site's public host and port (sitemap, canonical links, JSON-LD).
    manage(env, "set_site", "--host", "127.0.0.1", "--port", str(port))
    for command in extra_setup:
        try:
            manage(env, *command)
        except RuntimeError as exc:
            if "Unknown command" not in str(exc):
                raise
            sys.stderr.write(f"skipped (not installed yet): manage.py {' '.join(command)}\n")


def _stop(processes: list[subprocess.Popen]) -> None:
    """SIGTERM to each process group, then SIGKILL to those still running after 15 s."""
    for proc in processes:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
    for proc in processes:
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


if __name__ == "__main__":
    # Manual use: serve the production-shaped demo until Ctrl+C.
    with live_site(workdir=ROOT / ".e2e" / "manual", port=int(os.environ.get("PORT", "0")) or None) as s:
        print(
            f"Serving {s.base_url}/fr/  (admin: {s.admin_user} / {s.admin_password}, authenticator key "
            f"{s.admin_totp_secret}); Ctrl+C to stop"
        )
        with suppress(KeyboardInterrupt):
            s.process.wait()
