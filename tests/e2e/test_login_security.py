"""Signing in to the admin in the real stack (settings.production): two-step verification set up and used by
a new editor, and the lockout after too many wrong passwords, in French, with no axe violation."""

import re

import pytest
from playwright.sync_api import expect

from tools.mail_capture import body_text

from .conftest import totp_code
from .test_accessibility import _violations

pytestmark = pytest.mark.e2e

EDITOR, EDITOR_PASSWORD = "e2e-editor", "e2e-editor-password-2026"


@pytest.fixture(scope="module")
def new_editor(live):
    live.manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import Group, User; "
        f"u = User.objects.create_user('{EDITOR}', 'e2e-editor@example.org', '{EDITOR_PASSWORD}'); "
        "u.groups.add(Group.objects.get(name='Editors'))",
    )
    return EDITOR


def _password_step(page, username, password):
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


def test_mfa_new_editor_sets_up_an_app_then_signs_in_with_a_code(browser, live, new_editor):
    context = browser.new_context(base_url=live.base_url, locale="fr-BE")
    context.set_default_timeout(15_000)
    page = context.new_page()

    # First sign-in: the password, then setup (QR code drawn on the page, and the key to type).
    _password_step(page, new_editor, EDITOR_PASSWORD)
    page.wait_for_url(re.compile(r"/admin/mfa/setup/"))
    expect(page.locator("h1")).to_have_text("Activer la vérification en deux étapes")
    expect(page.locator("svg.mfa-qr")).to_be_visible()
    assert _violations(page) == []
    secret = page.locator(".mfa-secret code").inner_text().replace(" ", "")
    page.fill("input[name=code]", totp_code(live, secret, device=new_editor))
    page.click("form.login-form button[type=submit]")

    # Backup codes, once; then the dashboard.
    page.wait_for_url(re.compile(r"/admin/mfa/backup-codes/"))
    expect(page.locator(".mfa-codes li")).to_have_count(10)
    page.get_by_role("link", name="J’ai conservé mes codes, continuer").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    context.close()

    # Next session: the password is not enough; a wrong code is refused in French, the app's code lets in.
    context = browser.new_context(base_url=live.base_url, locale="fr-BE")
    context.set_default_timeout(15_000)
    page = context.new_page()
    _password_step(page, new_editor, EDITOR_PASSWORD)
    page.wait_for_url(re.compile(r"/admin/mfa/verify/"))
    page.goto("/admin/pages/")
    assert "/admin/mfa/verify/" in page.url  # no admin page before the second step
    page.fill("input[name=code]", "000000")
    page.click("form.login-form button[type=submit]")
    expect(page.locator(".error-message")).to_contain_text("Ce code n’est pas valide")
    assert _violations(page) == []
    page.wait_for_timeout(1500)  # django-otp waits 1 s after a wrong code
    page.fill("input[name=code]", totp_code(live, secret, device=new_editor))
    page.click("form.login-form button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/pages/$"))
    context.close()


def test_login_lockout_after_wrong_passwords_is_a_french_page(desktop, live):
    for _ in range(4):
        _password_step(desktop, "e2e-nobody", "wrong-password")
        expect(desktop.locator("h1")).not_to_have_text("Trop de tentatives de connexion")
    with desktop.expect_response(lambda r: r.request.method == "POST" and "/admin/login/" in r.url) as posted:
        _password_step(desktop, "e2e-nobody", "wrong-password")
    assert posted.value.status == 429
    expect(desktop.locator("h1")).to_have_text("Trop de tentatives de connexion")
    expect(desktop.locator(".messages")).to_contain_text("Réessayez dans 60 minutes")
    assert _violations(desktop) == []


def test_staff_who_forgot_their_password_gets_a_french_reset_link_that_works(desktop, live, mailbox):
    """The e-mail goes through the real SMTP path (the local capturing server) and links to this site."""
    desktop.goto("/admin/password_reset/")
    desktop.fill("input[name=email]", "translator@prevention.brussels")
    desktop.click("form button[type=submit]")
    expect(desktop.locator("main")).to_contain_text("e-mail")
    message = mailbox.wait_for(lambda m: "translator@prevention.brussels" in m["To"])
    assert "translator" not in message["Subject"]  # nothing about the person in the subject
    link = re.search(r"https?://\S+/admin/password_reset/confirm/\S+/", body_text(message))
    assert link, body_text(message)
    assert link.group(0).startswith(live.base_url)  # WAGTAILADMIN_BASE_URL is this site, not a default host
    desktop.goto(link.group(0))
    expect(desktop.locator("input[name=new_password1]")).to_be_visible()
