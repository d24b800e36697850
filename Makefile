# Two commands on a fresh clone: `make demo` and `make test`. Python >= 3.11 and make are all they need.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
LANGS ?= fr nl
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed

.PHONY: demo test install migrate messages compilemessages lint check serve lock clean e2e lighthouse bench chaos
# Coverage floor of `make test` (percent of the statements of the apps, both pytest runs combined): raise it
# when the figure rises, never lower it.
COV_FLOOR ?= 95
COV_APPS := campaigns resources evaluation site/home demo

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -c 'import sys; sys.exit("Python >= 3.11 is required") if sys.version_info < (3, 11) else None'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt ".[dev]"
	touch $(STAMP)

install: $(STAMP)

compilemessages: $(STAMP)
	$(MANAGE) compilemessages --ignore "$(VENV)/*" --ignore "node_modules/*" -v 0

migrate: install compilemessages
	$(MANAGE) migrate --no-input -v 0

demo: migrate
	$(PY) manage.py collectstatic --no-input -v 0
	$(MANAGE) load_demo
	@echo "Serving the demo on http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	WAGTAILADMIN_BASE_URL=$${WAGTAILADMIN_BASE_URL:-http://127.0.0.1:$(PORT)} $(MANAGE) runserver 127.0.0.1:$(PORT) --noreload

# Two runs (the `flushes` tests empty the database: alone, without xdist); coverage is measured over both (the
# second appends to the first's .coverage) and the floor checked at the end. A subset (PYTEST_ARGS) covers less:
# `make test PYTEST_ARGS=… COV_FLOOR=0`.
test: install compilemessages
	$(PY) -m pytest -n 2 --dist loadfile -q $(foreach a,$(COV_APPS),--cov=$(a)) --cov-report= $(PYTEST_ARGS)
	$(PY) -m pytest -q -m flushes $(foreach a,$(COV_APPS),--cov=$(a)) --cov-append --cov-report= $(PYTEST_ARGS) \
	  || test $$? -eq 5  # 5: none selected by PYTEST_ARGS
	$(PY) -m coverage report --skip-covered --skip-empty --sort=cover --fail-under=$(COV_FLOOR)

# Refresh locale/{fr,nl}/LC_MESSAGES/django.po from the code and templates, then translate the new (empty) entries
# in those files: they are the only source of the translations (docs/translation.md). The same options as
# tools/check_catalogues.py, which `make lint` runs.
messages: install
	$(MANAGE) makemessages $(foreach l,$(LANGS),-l $(l)) --no-location --no-obsolete --no-wrap --ignore "$(VENV)/*" --ignore "node_modules/*" --ignore "static_collected/*" --ignore "tests/*" --ignore "tools/*"

# The static gates, also run by .pre-commit-config.yaml and .ci/run: ruff, the layering contracts, the templates'
# indentation (djhtml; `$(VENV)/bin/djhtml templates` fixes it) and the catalogues (in step with the code, complete).
lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	PYTHONPATH=site:. $(VENV)/bin/lint-imports
	$(VENV)/bin/djhtml --check $$(find templates -name '*.html' | sort)
	$(PY) tools/check_catalogues.py

check: install compilemessages
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	SECRET_KEY=check-only-$$(date +%s)-0123456789abcdefghijklmnopqrstuvwxyz ALLOWED_HOSTS=prevention.brussels \
	  DJANGO_SETTINGS_MODULE=settings.production $(MANAGE) check --deploy --fail-level WARNING

# Re-resolve the exact pins (constraints.txt) from the ranges in pyproject.toml.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv && .lock-venv/bin/pip install --quiet --upgrade "pip>=24"
	.lock-venv/bin/pip install --quiet ".[dev,s3,bench,e2e]"
	.lock-venv/bin/pip freeze --exclude-editable | grep -v '^brussels-prevention' > constraints.txt
	rm -rf .lock-venv

# Browser journeys and axe (tests/e2e) in Debian's Chromium against the production-shaped demo (gunicorn,
# settings.production, DEBUG off) on a fresh SQLite file. Prints pytest's summary; fails on any axe violation.
CHROMIUM ?= /usr/bin/chromium
e2e: install compilemessages
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt ".[dev,e2e]"
	@test -x $(CHROMIUM) || { echo "Chromium is missing: apt-get install -y chromium chromium-driver"; exit 1; }
	$(PY) -m pytest tests/e2e -m e2e -p no:xdist -q $(PYTEST_ARGS)

# Lighthouse 12.2.3 (pinned in package-lock.json), mobile, 3 runs per page, medians against the budgets.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

lighthouse: install compilemessages node_modules/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt ".[dev,e2e]"
	$(PY) tools/lighthouse.py $(LIGHTHOUSE_ARGS)

# Throughput (wrk), query counts and a locust run on gunicorn + PostgreSQL + Redis; see docs/performance.md.
# Server CPU per request per page type only (minutes, no wrk/locust): make bench BENCH_ARGS=--cpu-only
bench: install compilemessages
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt ".[dev,bench]"
	@command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
	$(PY) bench/run.py $(BENCH_ARGS)

# Fault injection on the production shape (tools/chaos.py, results in docs/quality.md): Redis down and slow
# through a local TCP proxy, Plausible 500 and slow (a local double), PostgreSQL connections terminated, SMTP
# refused and black hole (tools/smtp_fault.py; these and the task worker need DATABASE_URL pointing to a
# PostgreSQL server; SQLite otherwise). Needs Redis on 127.0.0.1:6379 (db 6).
chaos: install compilemessages
	$(PY) tools/chaos.py $(CHAOS_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 static_collected .test-media build *.egg-info .e2e .bench .chaos node_modules
