import datetime as dt
import zoneinfo

import pytest
from django.core import mail
from django.core.management import call_command

from campaigns.scheduling import reminders, services
from campaigns.scheduling.models import Reminder, Status

BXL = zoneinfo.ZoneInfo("Europe/Brussels")
pytestmark = pytest.mark.django_db


def _at(*args):
    return dt.datetime(*args, tzinfo=BXL).astimezone(dt.UTC)


@pytest.fixture
def dst_deliverable(make_deliverable, editor):
    # Slot on the Sunday the clocks go back (25 October 2026, 10:00); draft due Friday 23 October 18:00.
    d = make_deliverable(
        at=_at(2026, 10, 25, 10, 0), draft_due_at=_at(2026, 10, 23, 18, 0), created_by=editor
    )
    return d


def test_each_reminder_once_when_run_twice(dst_deliverable):
    now = _at(2026, 10, 22, 9, 0)
    first = reminders.run(now=now)
    assert first.sent == 2  # draft due (FR + NL variants)
    second = reminders.run(now=now)
    assert second.sent == 0 and second.skipped == 2
    assert len(mail.outbox) == 2
    assert Reminder.objects.filter(kind="draft_due").count() == 2


def test_every_minute_across_dst_weekend_sends_each_once(dst_deliverable, reviewer, approve_all):
    fr = dst_deliverable.variants.get(language="fr")
    nl = dst_deliverable.variants.get(language="nl")
    services.submit_draft(nl.pk, caption="Tekst")
    now = _at(2026, 10, 22, 9, 0)
    services.submit_draft(fr.pk, caption="Texte")
    approve_all(fr, reviewer, now=now)
    # Minute by minute through the night the clocks go back, and hourly around it.
    moments = [now + dt.timedelta(hours=h) for h in range(0, 72)]
    night = _at(2026, 10, 25, 1, 30)
    moments += [night + dt.timedelta(minutes=m) for m in range(0, 120)]
    for moment in sorted(moments):
        reminders.run(now=moment)
    keys = list(Reminder.objects.values_list("key", flat=True))
    assert len(keys) == len(set(keys))
    kinds = sorted(Reminder.objects.values_list("kind", flat=True))
    assert kinds.count("slot_soon") == 1  # FR approved: post due within 24 h, once
    assert kinds.count("approval_expiring") == 1  # NL still in review
    assert len(mail.outbox) == Reminder.objects.filter(state="sent").count()


def test_overdue_draft_escalates_to_page_owner_and_planner(dst_deliverable, superuser):
    home = dst_deliverable.campaign_page
    home.owner = superuser
    home.save()
    reminders.run(now=_at(2026, 10, 23, 19, 0))
    kinds = sorted(Reminder.objects.values_list("kind", flat=True))
    assert kinds.count("draft_overdue") == 2 and kinds.count("escalation") == 2
    escalations = [
        m
        for m in mail.outbox
        if "Escalation" in m.subject or "scalade" in m.subject or "Escalatie" in m.subject
    ]
    assert escalations and set(escalations[0].to) == {"root@example.org", "ed@example.org"}


def test_subjects_are_generic(dst_deliverable):
    reminders.run(now=_at(2026, 10, 22, 9, 0))
    for message in mail.outbox:
        assert "Sara" not in message.subject and "sara" not in message.subject.lower()
        assert "/brief/" in message.body
        assert message.to == ["sara@example.org"]


def test_dutch_variant_reminder_in_dutch(dst_deliverable):
    reminders.run(now=_at(2026, 10, 22, 9, 0))
    langs = {("/nl/" in m.body) for m in mail.outbox}
    assert langs == {True, False}


def test_failed_send_not_retried(dst_deliverable, monkeypatch):
    def boom(*a, **k):
        raise OSError("smtp down")

    monkeypatch.setattr(reminders, "send_mail", boom)
    report = reminders.run(now=_at(2026, 10, 22, 9, 0))
    assert report.failed == 2
    monkeypatch.undo()
    assert reminders.run(now=_at(2026, 10, 22, 9, 1)).sent == 0
    assert set(Reminder.objects.values_list("state", flat=True)) == {"failed"}


def test_command_runs(dst_deliverable, capsys):
    call_command("send_reminders")
    assert "sent=" in capsys.readouterr().out


def test_claim_refuses_existing_key(dst_deliverable):
    v = dst_deliverable.variants.first()
    due = reminders.Due("draft_due", v, dst_deliverable.draft_due_at, ["x@example.org"])
    assert reminders._claim(due) is not None
    assert reminders._claim(due) is None
    assert v.status == Status.PLANNED
