import datetime as dt
import zoneinfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from campaigns.scheduling import reminders, services
from campaigns.scheduling.models import Reminder, Status
from home import outbox
from home.models import OutgoingEmail

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


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """reminders.run, then what it put in the outbox is handed to the (immediate) task backend on commit."""

    def go(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders.run(**kwargs)

    return go


def test_each_reminder_once_when_run_twice(dst_deliverable, run):
    now = _at(2026, 10, 22, 9, 0)
    first = run(now=now)
    assert first.sent == 2  # draft due (FR + NL variants)
    second = run(now=now)
    assert second.sent == 0 and second.skipped == 2
    assert len(mail.outbox) == 2
    assert Reminder.objects.filter(kind="draft_due").count() == 2


def test_every_minute_across_dst_weekend_sends_each_once(dst_deliverable, reviewer, approve_all, run):
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
        run(now=moment)
    keys = list(Reminder.objects.values_list("key", flat=True))
    assert len(keys) == len(set(keys))
    kinds = sorted(Reminder.objects.values_list("kind", flat=True))
    assert kinds.count("slot_soon") == 1  # FR approved: post due within 24 h, once
    assert kinds.count("approval_expiring") == 1  # NL still in review
    assert len(mail.outbox) == Reminder.objects.filter(state="sent").count()


def test_overdue_draft_escalates_to_page_owner_and_planner(dst_deliverable, superuser, run):
    home = dst_deliverable.campaign_page
    home.owner = superuser
    home.save()
    run(now=_at(2026, 10, 23, 19, 0))
    kinds = sorted(Reminder.objects.values_list("kind", flat=True))
    assert kinds.count("draft_overdue") == 2 and kinds.count("escalation") == 2
    escalations = [
        m
        for m in mail.outbox
        if "Escalation" in m.subject or "scalade" in m.subject or "Escalatie" in m.subject
    ]
    assert escalations and set(escalations[0].to) == {"root@example.org", "ed@example.org"}


def test_subjects_are_generic(dst_deliverable, run):
    run(now=_at(2026, 10, 22, 9, 0))
    for message in mail.outbox:
        assert "Sara" not in message.subject and "sara" not in message.subject.lower()
        assert "/brief/" in message.body
        assert message.to == ["sara@example.org"]


def test_dutch_variant_reminder_in_dutch(dst_deliverable, run):
    run(now=_at(2026, 10, 22, 9, 0))
    langs = {("/nl/" in m.body) for m in mail.outbox}
    assert langs == {True, False}


def test_failed_send_is_retried_by_the_outbox_exactly_once(dst_deliverable, run, settings):
    """The mail server is down when the reminders are due: they wait in the outbox, are retried, and each leaves
    once when the server is back; running the reminders again queues nothing more."""
    settings.EMAIL_BACKEND = "tests.referrals.failing_backend.EmailBackend"
    report = run(now=_at(2026, 10, 22, 9, 0))
    assert report.sent == 2  # handed to the outbox
    rows = OutgoingEmail.objects.filter(kind="reminder")
    assert rows.count() == 2 and set(rows.values_list("status", flat=True)) == {"pending"}
    assert mail.outbox == []
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert run(now=_at(2026, 10, 22, 9, 1)).sent == 0
    later = timezone.now() + dt.timedelta(hours=2)
    assert outbox.drain(now=later)["sent"] == 2
    assert outbox.drain(now=later)["sent"] == 0
    assert len(mail.outbox) == 2
    assert set(rows.values_list("status", flat=True)) == {"sent"}
    assert set(Reminder.objects.values_list("state", flat=True)) == {"sent"}


def test_command_runs(dst_deliverable, capsys):
    call_command("send_reminders")
    assert "sent=" in capsys.readouterr().out


def test_claim_refuses_existing_key(dst_deliverable):
    v = dst_deliverable.variants.first()
    due = reminders.Due("draft_due", v, dst_deliverable.draft_due_at, ["x@example.org"])
    assert reminders._claim(due) is not None
    assert reminders._claim(due) is None
    assert v.status == Status.PLANNED
