"""Browser tests: Playwright (sync API) with Debian's Chromium, against the production-shaped demo served by
gunicorn (tools/live_site.py). Run with `make e2e`; `make test` leaves them out (marker `e2e`).

The live site sends its e-mails to a local capturing SMTP server (`mailbox`, tools/mail_capture.py). With
E2E_DATABASE_URL (a fresh, empty PostgreSQL database) and E2E_REDIS_URL (a Redis database of its own, flushed at
the start), it runs on the real components, as .ci/run does; without them, on SQLite and the local-memory cache.
Staff sign in with `staff_login(page, live, username)`: password, then the authenticator code (MFA is on in
settings.production); the demo has one account per role of docs/journeys.md (load_demo prints them)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tools.live_site import ROOT, LiveSite, live_site
from tools.mail_capture import MailCapture

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {
    "viewport": {"width": 360, "height": 640},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects
def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def mail_server():
    with MailCapture() as capture:
        yield capture


@pytest.fixture
def mailbox(mail_server) -> MailCapture:
    """What the live site sends during one test (emptied before it)."""
    mail_server.clear()
    return mail_server


@pytest.fixture(scope="session")
def live(mail_server) -> LiveSite:
    redis_url = os.environ.get("E2E_REDIS_URL") or None
    if redis_url:
        import redis

        redis.Redis.from_url(
            redis_url
        ).flushdb()  # login throttling and rate-limit counters of an earlier run
    with live_site(
        workdir=ROOT / ".e2e" / "pytest",
        database_url=os.environ.get("E2E_DATABASE_URL") or None,
        redis_url=redis_url,
        mail_port=mail_server.port,
    ) as site:
        yield site


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium chromium-driver")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def plausible_double(request):
    """The Plausible double (tools/plausible_double.py) of a module that defines KEY and SITE (its API key and
    site id)."""
    from tools.plausible_double import PlausibleDouble

    with PlausibleDouble(api_key=request.module.KEY, site_id=request.module.SITE) as double:
        yield double


@pytest.fixture(scope="module")
def plausible_live(request, plausible_double, mail_server) -> LiveSite:
    """A live site of the module's own (in .e2e/<the module's LIVE_WORKDIR>) with PLAUSIBLE_URL (the double),
    PLAUSIBLE_API_KEY, PLAUSIBLE_DOMAIN and PLAUSIBLE_PROXY set; set in this process's environment too while the
    module runs, as the `manage` commands of the live site read them."""
    env = {
        "PLAUSIBLE_URL": plausible_double.url,
        "PLAUSIBLE_API_KEY": request.module.KEY,
        "PLAUSIBLE_DOMAIN": request.module.SITE,
        "PLAUSIBLE_PROXY": "true",
    }
    with pytest.MonkeyPatch.context() as patch:
        for key, value in env.items():
            patch.setenv(key, value)
        with live_site(
            workdir=ROOT / ".e2e" / request.module.LIVE_WORKDIR, mail_port=mail_server.port, extra_env=env
        ) as site:
            yield site


def _context(browser, live, **options):
    context = browser.new_context(base_url=live.base_url, **options)
    context.set_default_timeout(15_000)
    # No request may leave the machine: a public page must not call a third party before the visitor asks.
    outside = []

    def guard(route):
        url = route.request.url
        if url.startswith(live.base_url) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    context.outside_requests = outside
    return context


@pytest.fixture
def phone(browser, live):
    """A 360×640 phone, French-speaking browser."""
    context = _context(browser, live, locale="fr-BE", **PHONE)
    page = context.new_page()
    yield page
    assert context.outside_requests == [], f"third-party requests: {context.outside_requests}"
    context.close()


@pytest.fixture
def desktop(browser, live):
    context = _context(browser, live, locale="fr-BE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def totp_code(live: LiveSite, secret: str | None = None, *, device: str = "admin") -> str:
    """The code an authenticator app shows for `secret` (the demo accounts' by default). A code is accepted once
    per 30-second step and device (django-otp refuses a replay), so successive sign-ins of one account in one
    step use the next step (within django-otp's tolerance of one step) or wait for the clock."""
    from django_otp.oath import TOTP

    from home.mfa import hex_key_from_base32

    secret = secret or live.admin_totp_secret
    used = live.extra.setdefault("totp_steps", {})
    key = (secret, device)
    while True:
        now = int(time.time() // 30)
        step = max(now, used.get(key, -1) + 1)
        if step <= now + 1:
            break
        time.sleep((now + 1) * 30 - time.time() + 0.5)
    used[key] = step
    totp = TOTP(bytes.fromhex(hex_key_from_base32(secret)), step=30, t0=0, digits=6, drift=0)
    totp.time = step * 30 + 1
    return f"{totp.token():06d}"


# The demo's passwords of the accounts made by the apps' demos; every other role account has demo-<name>-2026.
DEMO_PASSWORDS = {"analyst": "demo-analyst-2026", "taskforce-saint-gilles": "demo-taskforce-2026"}


def staff_login(page, live: LiveSite, username: str | None = None, password: str | None = None) -> None:
    """Sign in as a person does: password, then the second step (ADMIN_MFA_REQUIRED is on in
    settings.production) with the code their authenticator app shows. Ends on the admin dashboard."""
    username = username or live.admin_user
    if password is None:
        password = (
            live.admin_password
            if username == live.admin_user
            else DEMO_PASSWORDS.get(username, f"demo-{username}-2026")
        )
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/mfa/verify/**")
    page.fill("input[name=code]", totp_code(live, device=username))
    page.click("form.login-form button[type=submit]")
    page.wait_for_url("**/admin/")


def admin_login(page, live: LiveSite) -> None:
    staff_login(page, live)


@pytest.fixture
def admin(desktop, live):
    admin_login(desktop, live)
    return desktop
