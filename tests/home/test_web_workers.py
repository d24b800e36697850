"""Web workers: one slow request holds a thread, not the site (issue 13.2); the README's production steps,
the browser tests, the benchmark and the fault checks all serve through gunicorn.conf.py."""

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_gunicorn_uses_threaded_workers(monkeypatch):
    monkeypatch.delenv("WEB_WORKERS", raising=False)
    monkeypatch.delenv("WEB_THREADS", raising=False)
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert conf["worker_class"] == "gthread"
    assert conf["workers"] >= 2 and conf["threads"] >= 4
    assert conf["wsgi_app"] == "wsgi:application" and Path(conf["chdir"]) == ROOT / "site"


def test_everything_serves_through_gunicorn_conf():
    assert (
        "gunicorn.conf.py" in (ROOT / "tools" / "live_site.py").read_text()
    )  # e2e, bench, lighthouse, chaos
    readme = (ROOT / "README.md").read_text()
    assert "gunicorn -c gunicorn.conf.py" in readme
    for command in ("send_outbox", "purge_expired", "db_worker"):
        assert f"python manage.py {command}" in readme
