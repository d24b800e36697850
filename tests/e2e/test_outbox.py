"""Journeys of issue 13 in Chromium on the production settings: a visitor reports a problem (their phone number
never reaches the team), and staff retry a failed e-mail from Settings → Outgoing e-mails."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tools.mail_capture import body_text

from .conftest import staff_login


def _service_path(live) -> str:
    code = (
        "from django.urls import reverse; from django.utils import translation; from resources.models import Service;"
        "translation.activate('fr'); s = Service.objects.filter(status='active', locale__language_code='fr')"
        ".order_by('pk').first(); print(reverse('resources:service', args=[s.pk]))"
    )
    return live.manage("shell", "-c", code).stdout.strip().splitlines()[-1]


def test_problem_report_reaches_the_team_without_the_visitors_phone_number(phone, live, mailbox):
    phone.goto(_service_path(live))
    phone.locator("section.report summary").click()
    phone.get_by_label("Les heures d'ouverture sont fausses").check()
    phone.locator("textarea[name=comment]").fill("Fermé le lundi. Rappelez-moi au 0470 12 34 56.")
    expect(phone.locator("section.report")).to_contain_text("numéro de téléphone")  # the help text warns
    phone.locator("section.report button[type=submit]").click()
    expect(phone.locator("body")).to_contain_text("Merci")
    message = mailbox.wait_for(lambda m: "directory@" in m["To"])
    text = body_text(message)
    assert "Fermé le lundi" in text and "0470" not in text and "[…]" in text


def test_staff_retry_a_failed_e_mail(desktop, live, mailbox):
    live.manage(
        "shell",
        "-c",
        "from home import outbox; from home.models import OutgoingEmail;"
        "row = outbox.queue(key='e2e-failed', kind='problem_report', subject='E2E: problem reported on listing #1',"
        " body='E2E body', to=['team@prevention.example']);"
        "OutgoingEmail.objects.filter(pk=row.pk).update(status='failed', attempts=10, last_error='TimeoutError')",
    )
    mailbox.clear()
    staff_login(desktop, live)
    desktop.goto("/admin/outgoing-emails/?status=failed")
    expect(desktop.locator("body")).to_contain_text("E2E: problem reported on listing #1")
    expect(desktop.locator("body")).to_contain_text("t…@prevention.example")
    expect(desktop.locator("body")).not_to_contain_text("team@prevention.example")
    desktop.get_by_role("link", name=re.compile("Réessayer tous|Retry every|Alle mislukte")).click()
    desktop.get_by_role("button", name=re.compile("^(Réessayer|Retry|Opnieuw proberen)$")).click()
    expect(desktop.locator("body")).to_contain_text(
        re.compile("de retour dans la file|back in the queue|wachtrij")
    )
    message = mailbox.wait_for(lambda m: "team@prevention.example" in m["To"])
    assert message["Subject"] == "E2E: problem reported on listing #1"
