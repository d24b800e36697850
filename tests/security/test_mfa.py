"""Two-step verification for every admin account (home/mfa/): with ADMIN_MFA_REQUIRED on, a signed-in account
that has not passed the second step in this session reaches no admin page but setup/verify; the public site and
the API are not concerned. settings.test turns it off; each test here turns it on."""

import re
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

from home import mfa
from home.roles import ADMIN_ACCESS, declared_roles, sync_roles

pytestmark = pytest.mark.django_db

SETUP, VERIFY, CODES = "/admin/mfa/setup/", "/admin/mfa/verify/", "/admin/mfa/backup-codes/"


@pytest.fixture(autouse=True)
def mfa_on(settings):
    settings.ADMIN_MFA_REQUIRED = True


def code_for(device, steps_ahead=0):
    """The code an authenticator app shows now (or `steps_ahead` periods later) for this device."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def signed_in(client, superuser):
    """After the password (force_login), before the second step."""
    client.force_login(superuser)
    return client


@pytest.fixture
def enrolled(superuser):
    return TOTPDevice.objects.create(user=superuser, name="authenticator", confirmed=True)


def _verified(client, user, device):
    client.force_login(user)
    response = client.post(VERIFY, {"code": code_for(device), "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    return client


# --- Enforcement ---------------------------------------------------------------------------------------


def test_unverified_account_is_sent_from_the_dashboard_to_setup(signed_in):
    response = signed_in.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next={quote('/admin/', safe='')}"


def test_deep_admin_url_is_kept_as_next(signed_in, enrolled):
    deep = "/admin/snippets/home/helpline/?q=tel"
    response = signed_in.get(deep)
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next={quote(deep, safe='')}"
    assert signed_in.post("/admin/pages/1/delete/").status_code == 302  # a POST is refused the same way


def test_an_account_without_a_device_cannot_skip_setup(signed_in, superuser):
    assert signed_in.get(VERIFY)["Location"].startswith(SETUP)  # nothing to verify against yet
    assert signed_in.post(VERIFY, {"code": "123456"})["Location"].startswith(SETUP)
    signed_in.get(SETUP)  # a pending, unconfirmed device now exists
    assert TOTPDevice.objects.filter(user=superuser, confirmed=False).count() == 1
    for url in ("/admin/", "/admin/pages/", "/admin/users/", "/admin/account/"):
        assert signed_in.get(url)["Location"].startswith(SETUP), url
    # Backup codes are no way around it either.
    assert signed_in.get(CODES)["Location"].startswith(VERIFY)
    assert signed_in.post(CODES)["Location"].startswith(VERIFY)
    assert not StaticToken.objects.exists()


def test_sign_in_and_out_and_assets_stay_reachable(signed_in):
    assert signed_in.get("/admin/jsi18n/").status_code == 200
    assert signed_in.get("/admin/sprite/").status_code == 200
    assert signed_in.get("/admin/password_reset/").status_code == 200
    logout = signed_in.post("/admin/logout/")
    assert logout.status_code == 302 and logout["Location"] == "/admin/login/"
    assert "_auth_user_id" not in signed_in.session


@pytest.mark.parametrize("path", ["/fr/", "/nl/", "/api/hsds/services", "/robots.txt"])
def test_public_site_and_api_are_not_concerned(signed_in, home_fr, home_nl, path):
    assert signed_in.get(path).status_code == 200


def test_anonymous_admin_visit_goes_to_the_login_page_as_before(client):
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_off_setting_lets_a_password_only_session_in(settings, signed_in):
    settings.ADMIN_MFA_REQUIRED = False
    assert signed_in.get("/admin/").status_code == 200


ROLES = [
    "Editors",
    "Moderators",
    "Translators",
    "Directory managers",
    "Task force Anderlecht",
    "Reviewers",
    "Influencers",
    "Analysts",
]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_is_sent_to_setup(role, django_user_model, locales):
    """The rule is "may open the admin", whatever the group: each role of the platform is concerned."""
    sync_roles()  # Editors, Moderators, Translators as declared; the others as their apps make them
    group, _ = Group.objects.get_or_create(name=role)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user("member", "m@example.org", "pw-member-123456")
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    assert client.get("/admin/")["Location"].startswith(SETUP)
    assert client.get("/admin/pages/")["Location"].startswith(SETUP)


def test_declared_roles_all_open_the_admin(locales):
    assert {"Editors", "Moderators", "Translators"} <= set(declared_roles())
    assert all(ADMIN_ACCESS in role.permissions for role in declared_roles().values())


def test_superuser_is_required_too(signed_in, superuser):
    assert superuser.is_superuser
    assert signed_in.get("/admin/users/")["Location"].startswith(SETUP)


def test_account_without_admin_access_is_left_to_wagtail(django_user_model):
    """No second step to set up for someone the admin refuses anyway (and no redirect loop)."""
    user = django_user_model.objects.create_user("visitor", "v@example.org", "pw-visitor-123456")
    client = Client()
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


# --- Setup -----------------------------------------------------------------------------------------------


def test_setup_page_shows_a_local_qr_code_and_the_key(signed_in, superuser):
    response = signed_in.get(SETUP + "?next=/admin/pages/")
    assert response.status_code == 200
    body = response.content.decode()
    device = TOTPDevice.objects.get(user=superuser, confirmed=False)
    assert "<svg" in body and 'class="mfa-qr"' in body  # inline SVG made on the server
    assert not re.search(r"<img[^>]+src=\"https?://", body)  # no image from a third party
    assert mfa.base32_secret(device) in body
    assert 'name="next" value="/admin/pages/"' in body
    assert "no-store" in response["Cache-Control"]
    assert "wagtailadmin/css/core" in body  # the admin's look
    # The same secret on reload until it is confirmed.
    signed_in.get(SETUP)
    assert TOTPDevice.objects.filter(user=superuser).count() == 1


def test_setup_with_a_valid_code_turns_it_on_and_shows_backup_codes_once(signed_in, superuser):
    signed_in.get(SETUP)
    device = TOTPDevice.objects.get(user=superuser)
    old_session = signed_in.session.session_key
    response = signed_in.post(SETUP, {"code": code_for(device), "next": "/admin/pages/"})
    assert response.status_code == 302
    assert response["Location"] == f"{CODES}?next={quote('/admin/pages/', safe='')}"
    device.refresh_from_db()
    assert device.confirmed
    assert signed_in.session.session_key != old_session  # a new session id after the second step

    shown = signed_in.get(response["Location"])
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", shown.content.decode())
    assert len(codes) == mfa.BACKUP_CODE_COUNT
    assert set(codes) == set(StaticToken.objects.values_list("token", flat=True))
    again = signed_in.get(CODES).content.decode()
    assert not any(code in again for code in codes)  # shown once

    assert signed_in.get("/admin/").status_code == 200
    assert signed_in.get("/admin/pages/").status_code == 200


def test_setup_with_a_wrong_code_says_so_in_french_and_in_dutch(signed_in, superuser):
    signed_in.get(SETUP)
    french = signed_in.post(SETUP, {"code": "000000"}, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Ce code n’est pas valide" in french
    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = "nl"
    profile.save()
    dutch = signed_in.post(SETUP, {"code": "abc"}).content.decode()
    assert "Deze code is niet geldig" in dutch
    assert not TOTPDevice.objects.get(user=superuser).confirmed
    assert signed_in.get("/admin/")["Location"].startswith(SETUP)


def test_setup_when_already_enrolled_goes_to_verify(signed_in, enrolled):
    assert signed_in.get(SETUP)["Location"].startswith(VERIFY)
    assert signed_in.post(SETUP, {"code": code_for(enrolled)})["Location"].startswith(VERIFY)


# --- Verify ----------------------------------------------------------------------------------------------


def test_verify_with_the_app_code_reaches_the_page_asked_for(signed_in, enrolled):
    page = signed_in.get(VERIFY + "?next=/admin/pages/")
    assert page.status_code == 200 and 'autocomplete="one-time-code"' in page.content.decode()
    response = signed_in.post(VERIFY, {"code": code_for(enrolled), "next": "/admin/pages/"})
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert signed_in.get("/admin/pages/").status_code == 200
    assert signed_in.get(VERIFY)["Location"] == "/admin/"  # nothing more to do


def test_a_code_is_accepted_only_once(client, superuser, enrolled):
    code = code_for(enrolled)
    _verified(client, superuser, enrolled)
    replay = Client()
    replay.force_login(superuser)
    response = replay.post(VERIFY, {"code": code})
    assert response.status_code == 200 and "Ce code n’est pas valide" in response.content.decode()


def test_wrong_code_is_refused_in_the_admin_language(signed_in, superuser, enrolled):
    response = signed_in.post(VERIFY, {"code": "000000"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    assert "Ce code n’est pas valide" in response.content.decode()
    assert signed_in.get("/admin/").status_code == 302


def test_repeated_wrong_codes_are_throttled_even_for_the_right_one(signed_in, enrolled):
    for _ in range(3):
        signed_in.post(VERIFY, {"code": "000000"})
    response = signed_in.post(VERIFY, {"code": code_for(enrolled)})
    assert response.status_code == 200
    assert "Trop de codes erronés" in response.content.decode()
    assert signed_in.get("/admin/").status_code == 302


def test_a_backup_code_works_once(signed_in, superuser, enrolled):
    codes = mfa.new_backup_codes(superuser)
    response = signed_in.post(VERIFY, {"code": codes[0].upper()})
    assert response["Location"] == "/admin/"
    dashboard = signed_in.get("/admin/")
    assert dashboard.status_code == 200
    assert f"Il vous reste {mfa.BACKUP_CODE_COUNT - 1} codes de secours" in dashboard.content.decode()
    other = Client()
    other.force_login(superuser)
    assert other.post(VERIFY, {"code": codes[0]}).status_code == 200  # used up
    assert other.get("/admin/").status_code == 302


def test_next_never_leaves_the_admin(superuser, enrolled):
    for evil in ("https://evil.example/admin/", "//evil.example/", "/fr/", "/admin/mfa/setup/"):
        TOTPDevice.objects.filter(pk=enrolled.pk).update(last_t=-1)  # the same time step again, for this test
        client = Client()
        client.force_login(superuser)
        response = client.post(VERIFY, {"code": code_for(enrolled), "next": evil})
        assert response.status_code == 302 and response["Location"] == "/admin/", evil


def test_new_backup_codes_replace_the_old_ones(client, superuser, enrolled):
    old = mfa.new_backup_codes(superuser)
    _verified(client, superuser, enrolled)
    page = client.get(CODES).content.decode()
    assert f"{len(old)} codes de secours" in page  # how many are left, never the codes themselves
    assert not any(code in page for code in old)
    response = client.post(CODES)
    assert response.status_code == 302
    new = re.findall(
        r"<li><code>([a-z2-7]{8})</code></li>", client.get(response["Location"]).content.decode()
    )
    assert len(new) == mfa.BACKUP_CODE_COUNT and not set(new) & set(old)
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(new)


def test_a_verified_session_costs_no_query_more_than_with_mfa_off(client, superuser, enrolled, settings):
    _verified(client, superuser, enrolled)
    client.get("/admin/account/")  # warm-up
    counts = {}
    for required in (False, True):
        settings.ADMIN_MFA_REQUIRED = required
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/admin/account/").status_code == 200
        counts[required] = len(queries)
    assert counts[True] == counts[False]


# --- Operations ------------------------------------------------------------------------------------------


def test_mfa_reset_command_removes_the_devices(client, superuser, enrolled):
    mfa.new_backup_codes(superuser)
    call_command("mfa_reset", superuser.username, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not TOTPDevice.objects.exists() and not StaticDevice.objects.exists()
    client.force_login(superuser)
    assert client.get("/admin/")["Location"].startswith(SETUP)


def test_demo_account_gets_a_device_with_the_printed_key(superuser):
    from io import StringIO

    from demo.accounts import DEMO_BACKUP_CODES, DEMO_TOTP_SECRET
    from demo.management.commands.load_demo import Command

    out = StringIO()
    command = Command(stdout=out)
    command._ensure_mfa(superuser, DEMO_TOTP_SECRET)
    command._ensure_mfa(superuser, DEMO_TOTP_SECRET)  # idempotent: same device, same codes
    device = TOTPDevice.objects.get(user=superuser, confirmed=True)
    assert mfa.base32_from_hex_key(device.key) == DEMO_TOTP_SECRET
    codes = list(StaticToken.objects.values_list("token", flat=True))
    assert len(codes) == DEMO_BACKUP_CODES
    printed = out.getvalue()
    assert DEMO_TOTP_SECRET in printed and all(code in printed for code in codes)
    client = Client()
    client.force_login(superuser)
    assert client.post(VERIFY, {"code": codes[0]})["Location"] == "/admin/"
    # A used code is replaced at the next run, so the printed ones always work.
    later = StringIO()
    Command(stdout=later)._ensure_mfa(superuser, DEMO_TOTP_SECRET)
    assert StaticToken.objects.count() == DEMO_BACKUP_CODES
    assert codes[0] not in later.getvalue() and codes[1] in later.getvalue()


def test_load_demo_refuses_a_key_that_is_not_base32(db):
    with pytest.raises(CommandError, match="not base32"):
        call_command("load_demo", "--totp-secret", "not base32!")
