"""gunicorn settings, shared by production (README), the browser tests, `make bench` and the fault checks
(tools/live_site.py): `gunicorn -c gunicorn.conf.py`.

Threaded workers (gthread): WEB_WORKERS processes × WEB_THREADS threads. A request that waits on something
slow (a mail server that does not answer the warm referral, within REFERRALS_EMAIL_TIMEOUT; a slow PostgreSQL
query) holds one thread, not a whole process, so the other threads keep serving the cached pages. With the
former 2 sync workers, two such requests stalled the whole site (issue 13: a cached home page took 7.1 s while
two problem reports waited on a silent SMTP server).

Each thread holds its own PostgreSQL connection (DB_CONN_MAX_AGE): WEB_WORKERS × WEB_THREADS connections per
server, plus the task worker's.
"""

import os

wsgi_app = "wsgi:application"
chdir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "site")
bind = os.environ.get("WEB_BIND", "0.0.0.0:8000")
worker_class = "gthread"
workers = int(os.environ.get("WEB_WORKERS", "2"))
threads = int(os.environ.get("WEB_THREADS", "4"))
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))  # a thread stuck longer than this restarts its worker
graceful_timeout = 20
keepalive = 5
# No max_requests: recycling a worker costs a Django start-up (seconds on a small box) during which the
# requests it had accepted wait; in the SMTP fault checks a warm referral took 7.9 s instead of 3 s because
# both workers restarted at their 5,000th request. Set it (GUNICORN_CMD_ARGS) only against a proven leak.
