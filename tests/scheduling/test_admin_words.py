"""Words the scheduling tools store or send are shown in the reader's language (issue #12, finding 9): history
notes written by the platform, the iCalendar feeds, the reminder e-mails' "In the admin" line."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from campaigns.scheduling import feeds, reminders, services
from campaigns.scheduling.models import Reminder, StaffFeedToken, Status, VariantEvent

pytestmark = pytest.mark.django_db


def test_a_history_note_written_by_the_platform_is_stored_once_and_shown_in_each_language(variant):
    variant.status = Status.APPROVED
    variant.save()
    services.record_reopened(variant)
    event = VariantEvent.objects.filter(variant=variant).latest("pk")
    assert event.note == "edited after approval: re-approval required"  # the msgid, whatever the language
    with translation.override("fr"):
        assert event.note_display == "modifié après approbation : nouvelle approbation requise"
    with translation.override("nl"):
        assert event.note_display == "gewijzigd na goedkeuring: opnieuw goed te keuren"
    typed = VariantEvent.objects.create(
        variant=variant, to_status=Status.CANCELLED, note="Post annulé par Sara"
    )
    with translation.override("nl"):
        assert typed.note_display == "Post annulé par Sara"  # a person's note is shown as typed


def test_the_variant_screen_shows_the_history_note_in_the_admin_language(client, variant, django_user_model):
    services.record_reopened(variant)
    user = django_user_model.objects.create_superuser("root-nl", "r@example.org", "pw-root-123456")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "nl"
    profile.save()
    client.force_login(user)
    html = client.get(reverse("scheduling_admin:variant", args=[variant.pk])).content.decode()
    assert "gewijzigd na goedkeuring" in html
    assert "edited after approval" not in html


def test_an_influencer_feed_speaks_the_influencers_language(client, deliverable, influencer):
    influencer.languages = ["nl", "fr"]
    influencer.save()
    body = client.get(reverse("scheduling_feed", args=[influencer.feed_token])).content.decode()
    assert "Ontwerp verwacht" in body and "Draft due" not in body


def test_a_staff_feed_speaks_the_users_admin_language(client, deliverable, django_user_model):
    user = django_user_model.objects.create_superuser("root-fr", "f@example.org", "pw-root-123456")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fr"
    profile.save()
    token = StaffFeedToken.objects.create(user=user, token="staff-token-0123456789")
    body = client.get(reverse("scheduling_feed", args=[token.token])).content.decode()
    assert "Brouillon attendu" in body and "Draft due" not in body


def test_build_calendar_defaults_to_the_site_language(deliverable):
    body = feeds.build_calendar(list(deliverable.variants.all()), name="x", now=timezone.now()).decode()
    assert "Brouillon attendu" in body


@pytest.mark.parametrize(("language", "label"), [("fr", "Dans l'administration"), ("nl", "In het beheer")])
def test_a_reminder_to_staff_names_the_admin_in_its_language(variant, language, label):
    due = reminders.Due(
        Reminder.Kind.ESCALATION, variant, timezone.now() + dt.timedelta(hours=1), ["x@example.org"], language
    )
    _subject, body = reminders._message(due)
    assert "In the admin" not in body
    assert label in body
