"""The e-mail outbox (home/outbox.py): queued in the request, sent by the worker, retried without loss or
duplicate, dead-lettered in the admin; against a real local SMTP server that can refuse, stay silent or take a
message and never confirm it (tools/smtp_fault.py)."""

import datetime as dt
import re
import smtplib
import time

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.mail import send_mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from home import outbox
from home.models import OutgoingEmail
from tools.smtp_fault import FaultySMTP

pytestmark = pytest.mark.django_db
LATER = dt.timedelta(hours=3)


def _queue(key="k1", to=("team@example.org",)):
    return outbox.queue(key=key, kind="problem_report", subject="Subject", body="Body", to=list(to))


@pytest.fixture
def smtp(settings):
    with FaultySMTP() as server:
        settings.OUTBOX_EMAIL_BACKEND = "home.mail.SMTPEmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_TIMEOUT = 1
        yield server


def test_queue_is_idempotent_and_sent_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = _queue()
        second = _queue()
    assert first.pk == second.pk and OutgoingEmail.objects.count() == 1
    assert len(mail.outbox) == 1
    row = OutgoingEmail.objects.get()
    assert (row.status, row.attempts, row.body) == ("sent", 1, "")  # the body goes once it has left
    assert mail.outbox[0].extra_headers["Message-ID"] == row.message_id
    assert outbox.drain(now=timezone.now() + LATER)["sent"] == 0
    assert outbox.send(row.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_refused_then_back_sends_each_exactly_once(smtp, django_capture_on_commit_callbacks):
    smtp.set_mode("refuse")
    with django_capture_on_commit_callbacks(execute=True):
        rows = [_queue(key=f"report:{i}") for i in range(3)]
    statuses = list(OutgoingEmail.objects.values_list("status", "attempts"))
    assert statuses == [("pending", 1)] * 3
    assert "ConnectionRefusedError" in OutgoingEmail.objects.first().last_error
    assert outbox.drain()["sent"] == 0  # not due yet: the retry waits
    smtp.set_mode("capture")
    counts = outbox.drain(now=timezone.now() + LATER)
    assert counts["sent"] == 3
    assert outbox.drain(now=timezone.now() + LATER)["sent"] == 0
    ids = sorted(m["Message-ID"].strip() for m in smtp.all())
    assert ids == sorted(row.message_id for row in rows)  # each once, under its own Message-ID


def test_black_hole_is_bounded_by_the_timeout_and_retried(smtp):
    row = _queue()
    smtp.set_mode("blackhole")
    started = time.monotonic()
    assert outbox.send(row.pk) == "retry"
    assert time.monotonic() - started < 3  # EMAIL_TIMEOUT = 1 s per network operation
    row.refresh_from_db()
    assert row.status == "pending" and row.next_attempt_at > timezone.now()
    smtp.set_mode("capture")
    assert outbox.drain(now=timezone.now() + LATER)["sent"] == 1
    assert len(smtp.all()) == 1


def test_drain_stops_at_the_first_unreachable_attempt(smtp):
    for i in range(5):
        _queue(key=f"r{i}")
    smtp.set_mode("blackhole")
    started = time.monotonic()
    counts = outbox.drain()
    assert counts["retry"] == 1 and time.monotonic() - started < 3  # not 5 × the timeout
    assert OutgoingEmail.objects.filter(status="pending", attempts=0).count() == 4


def test_unknown_outcome_is_never_retried_blindly(smtp):
    row = _queue()
    smtp.set_mode("hang_after_data")
    assert outbox.send(row.pk) == "failed"
    row.refresh_from_db()
    assert row.status == "failed" and row.last_error.startswith("Outcome unknown")
    smtp.set_mode("capture")
    assert outbox.drain(now=timezone.now() + LATER)["sent"] == 0


def test_permanent_refusal_is_a_dead_letter_without_addresses(settings, monkeypatch):
    row = _queue(to=["bob.secret@example.org"])

    def refuse(self, messages):
        raise smtplib.SMTPRecipientsRefused(
            {"bob.secret@example.org": (550, b"5.1.1 <bob.secret@example.org>")}
        )

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    assert outbox.send(row.pk) == "failed"
    row.refresh_from_db()
    assert row.status == "failed" and row.attempts == 1
    assert "SMTPRecipientsRefused" in row.last_error and "bob.secret" not in row.last_error


def test_gives_up_after_max_attempts_then_staff_retry(settings):
    settings.EMAIL_BACKEND = "tests.referrals.failing_backend.EmailBackend"
    settings.EMAIL_MAX_ATTEMPTS = 3
    row = _queue()
    moment = timezone.now()
    for _ in range(5):
        moment += LATER
        outbox.drain(now=moment)
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("failed", 3)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox.retry(OutgoingEmail.objects.all()) == 1
    assert outbox.drain(now=timezone.now() + LATER)["sent"] == 1
    assert len(mail.outbox) == 1


def test_interrupted_send_becomes_failed_not_resent():
    row = _queue()
    OutgoingEmail.objects.filter(pk=row.pk).update(status="sending", claimed_at=timezone.now() - LATER)
    assert outbox.drain()["interrupted"] == 1
    row.refresh_from_db()
    assert row.status == "failed" and mail.outbox == []


def test_retry_delay_grows_and_is_capped(settings):
    settings.EMAIL_RETRY_DELAY = 60
    delays = [outbox.retry_delay(n).total_seconds() for n in (1, 2, 3, 7, 20)]
    assert delays == [60, 120, 240, 3600, 3600]


def test_django_mail_goes_through_the_outbox_in_production_shape(
    settings, django_capture_on_commit_callbacks
):
    """settings.production: EMAIL_BACKEND is the outbox; Wagtail's and Django's own e-mails wait for nobody."""
    settings.EMAIL_BACKEND = "home.mail.OutboxEmailBackend"
    settings.OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Password reset", "Follow the link", None, ["editor@example.org"])
        assert mail.outbox == []  # queued, not sent, inside the request's transaction
    row = OutgoingEmail.objects.get()
    assert row.kind == "other" and row.status == "sent"
    assert mail.outbox[0].to == ["editor@example.org"]


def test_send_outbox_command(capsys):
    _queue()
    call_command("send_outbox")
    assert "sent=1" in capsys.readouterr().out


def test_production_settings_route_mail_through_the_outbox():
    import importlib
    import os

    os.environ.setdefault("SECRET_KEY", "x" * 50)
    os.environ.setdefault("ALLOWED_HOSTS", "example.org")
    production = importlib.import_module("settings.production")
    assert production.EMAIL_BACKEND == "home.mail.OutboxEmailBackend"
    assert production.OUTBOX_EMAIL_BACKEND == "home.mail.SMTPEmailBackend"
    assert production.EMAIL_TIMEOUT <= 10 and production.REFERRALS_EMAIL_TIMEOUT <= 5


# --- The admin listing -------------------------------------------------------------------------------------


@pytest.fixture
def failed_row(settings):
    settings.EMAIL_BACKEND = "tests.referrals.failing_backend.EmailBackend"
    settings.EMAIL_MAX_ATTEMPTS = 1
    row = outbox.queue(
        key="x",
        kind="problem_report",
        subject="Directory: problem reported on listing #12",
        body="Comment: private words",
        to=["directory.team@prevention.example"],
    )
    outbox.send(row.pk)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    row.refresh_from_db()
    assert row.status == "failed"
    return row


@pytest.mark.parametrize(
    ("lang", "label", "retry"),
    [("fr", "E-mails sortants", "Réessayer"), ("nl", "Uitgaande e-mails", "Opnieuw proberen")],
)
def test_admin_lists_failed_emails_without_personal_data(client, admin_user, failed_row, lang, label, retry):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = lang
    profile.save()
    client.force_login(admin_user)
    response = client.get(reverse("outgoing_emails:index") + "?status=failed")
    body = response.content.decode()
    assert response.status_code == 200
    assert label in body and re.search(rf">\s*{retry}\s*<", body)  # the row's retry action
    assert reverse("outgoing_emails:retry", args=[failed_row.pk]) in body
    assert "listing #12" in body and "d…@prevention.example" in body and "TimeoutError" in body
    assert "directory.team" not in body and "private words" not in body


def test_admin_retry_action(admin_client, failed_row, django_capture_on_commit_callbacks):
    url = reverse("outgoing_emails:retry", args=[failed_row.pk])
    assert admin_client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url)
    assert response.status_code == 302
    failed_row.refresh_from_db()
    assert failed_row.status == "sent" and len(mail.outbox) == 1


def test_admin_outbox_needs_its_permission(client, django_user_model, failed_row):
    user = django_user_model.objects.create_user("ed", "ed@example.org", "pw-ed-123456789")
    group = Group.objects.create(name="Some staff")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    assert client.get(reverse("outgoing_emails:index")).status_code in (302, 403)
    assert client.post(reverse("outgoing_emails:retry", args=[failed_row.pk])).status_code in (302, 403)
    failed_row.refresh_from_db()
    assert failed_row.status == "failed"
