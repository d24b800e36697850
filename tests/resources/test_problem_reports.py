"""Problem reports with the mail server away, what they keep, and for how long (issue 13: 2 and 9)."""

import datetime as dt
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from home import outbox
from home.models import OutgoingEmail
from home.redact import REMOVED
from resources.models import ProblemReport

LATER = dt.timedelta(hours=3)


def service_url(pk, lang="fr"):
    with translation.override(lang):
        return reverse("resources:service", args=[pk])


def test_report_while_the_mail_server_is_down_is_answered_kept_and_sent_once_later(
    client, make_service, settings, django_capture_on_commit_callbacks
):
    settings.DIRECTORY_MANAGERS_EMAILS = ["team@example.org"]
    settings.EMAIL_BACKEND = "tests.referrals.failing_backend.EmailBackend"  # like an unreachable server
    fr, _nl = make_service("Signalé")
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(service_url(fr.pk), {"reason": "hours", "comment": "Fermé le lundi"})
    assert response.status_code == 302 and time.monotonic() - started < 2
    assert "Merci" in client.get(response["Location"]).content.decode()
    report = ProblemReport.objects.get()
    row = OutgoingEmail.objects.get(key=f"problem-report:{report.pk}")
    assert row.status == "pending" and row.attempts == 1 and mail.outbox == []
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the fault clears
    assert outbox.drain(now=timezone.now() + LATER)["sent"] == 1
    assert outbox.drain(now=timezone.now() + LATER)["sent"] == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["team@example.org"]
    assert "Fermé le lundi" in mail.outbox[0].body


def test_contacts_are_removed_before_storage_and_e_mail(
    client, make_service, settings, django_capture_on_commit_callbacks
):
    settings.DIRECTORY_MANAGERS_EMAILS = ["team@example.org"]
    fr, _nl = make_service("Signalé")
    comment = (
        "Je suis Marie, appelez-moi au 0470 12 34 56 ou au +32 2 123 45 67, "
        "le numéro 02/123.45.67 ne répond pas, écrivez à name@example.be"
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(service_url(fr.pk), {"reason": "phone", "comment": comment})
    stored = ProblemReport.objects.get().comment
    for contact in ("0470 12 34 56", "+32 2 123 45 67", "02/123.45.67", "name@example.be"):
        assert contact not in stored and contact not in mail.outbox[0].body
    assert stored.count(REMOVED) == 4 and "ne répond pas" in stored


@pytest.mark.parametrize(
    ("lang", "warning"),
    [
        ("fr", "N’écrivez ni votre nom, ni votre numéro de téléphone"),
        ("nl", "Schrijf niet uw naam, uw telefoonnummer"),
    ],
)
def test_comment_field_warns_against_personal_data(client, make_service, lang, warning):
    fr, nl = make_service("Signalé")
    page = client.get(service_url(fr.pk if lang == "fr" else nl.pk, lang)).content.decode()
    assert warning in page.replace("'", "’")


def test_reports_are_purged_after_the_retention_period(make_service, settings, capsys):
    settings.PROBLEM_REPORT_RETENTION_DAYS = 180
    fr, _nl = make_service("Signalé")
    old = ProblemReport.objects.create(service=fr, reason="closed", comment="ancien")
    ProblemReport.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=181))
    ProblemReport.objects.create(service=fr, reason="closed", comment="récent", resolved=True)
    call_command("purge_expired")
    assert list(ProblemReport.objects.values_list("comment", flat=True)) == ["récent"]
    out = capsys.readouterr().out
    assert "problem reports: 1 deleted" in out and "outgoing e-mails: 0 deleted" in out
