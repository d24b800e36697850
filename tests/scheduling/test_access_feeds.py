import datetime as dt
import io

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar
from PIL import Image

from campaigns.scheduling import access, services
from campaigns.scheduling.models import AccessLog, StaffFeedToken, Status, VariantEvent

pytestmark = pytest.mark.django_db


def _brief_url(deliverable, lang="fr"):
    with translation.override(lang):
        return access.brief_path(deliverable, lang)


def test_brief_view_and_draft_submission_logged(client, deliverable):
    url = _brief_url(deliverable)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store" and response["Referrer-Policy"] == "strict-origin"
    body = response.content.decode()
    assert deliverable.key_message in body and "Europe/Brussels" in body
    fr = deliverable.variants.get(language="fr")
    response = client.post(
        url,
        {"variant": fr.pk, "action": "draft", f"d{fr.pk}-caption": "Mon texte", f"d{fr.pk}-hashtags": "#x"},
    )
    assert response.status_code == 302
    fr.refresh_from_db()
    assert fr.status == Status.DRAFT_SUBMITTED and fr.caption == "Mon texte"
    assert VariantEvent.objects.get(variant=fr).via_link
    outcomes = list(AccessLog.objects.filter(deliverable=deliverable).values_list("outcome", flat=True))
    assert sorted(outcomes) == ["submit", "view"]


def test_brief_refuses_other_deliverables_variant(client, deliverable, make_deliverable, other_influencer):
    other = make_deliverable(influencer=other_influencer)
    foreign = other.variants.first()
    response = client.post(
        _brief_url(deliverable),
        {"variant": foreign.pk, "action": "draft", f"d{foreign.pk}-caption": "hijack"},
        follow=True,
    )
    assert response.status_code == 200
    foreign.refresh_from_db()
    assert foreign.status == Status.PLANNED
    assert AccessLog.objects.filter(outcome="refused").exists()


def _png():
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, "PNG")
    return SimpleUploadedFile("proof.png", out.getvalue(), content_type="image/png")


@override_settings(MEDIA_ROOT="/tmp/sched-test-media")
def test_proof_after_approval_only(client, deliverable, reviewer, approve_all):
    fr = deliverable.variants.get(language="fr")
    url = _brief_url(deliverable)
    data = {"variant": fr.pk, "action": "proof", f"p{fr.pk}-live_url": "https://instagram.com/p/1"}
    client.post(url, data)
    fr.refresh_from_db()
    assert fr.status == Status.PLANNED
    services.submit_draft(fr.pk, caption="Texte")
    approve_all(fr, reviewer)
    client.post(url, {**data, f"p{fr.pk}-proof": _png()})
    fr.refresh_from_db()
    assert fr.status == Status.PUBLISHED and fr.proof.name.endswith(".png")
    bad = client.post(url, {**data, f"p{fr.pk}-live_url": "not a url"})
    assert bad.status_code == 400


def test_forged_and_expired_links(client, deliverable):
    url = _brief_url(deliverable)
    forged = url.replace("/brief/", "/brief/x")
    response = client.get(forged)
    assert response.status_code == 403 and "n’est pas valide" in response.content.decode().replace("'", "’")
    token = signing.TimestampSigner(salt="wrong").sign(f"{deliverable.pk}.{deliverable.influencer_id}")
    assert client.get(f"/fr/brief/{token}/").status_code == 403
    with override_settings(SCHEDULING_LINK_MAX_AGE=dt.timedelta(seconds=-1)):
        response = client.get(url)
    assert response.status_code == 403 and "a expiré" in response.content.decode()
    # Links that name no deliverable write nothing (anyone can make them up); the expired one is counted.
    outcomes = set(AccessLog.objects.values_list("outcome", flat=True))
    assert outcomes == {"expired"}
    assert AccessLog.objects.get(outcome="expired").deliverable == deliverable


def test_reassigned_deliverable_voids_link(client, deliverable, other_influencer):
    url = _brief_url(deliverable)
    deliverable.influencer = other_influencer
    deliverable.save()
    assert client.get(url).status_code == 403


def test_brief_in_dutch(client, deliverable):
    response = client.get(_brief_url(deliverable, "nl"))
    assert response.status_code == 200 and 'lang="nl"' in response.content.decode()


# --- iCalendar ----------------------------------------------------------------------------------------


def test_influencer_feed_is_valid_ical(client, deliverable, make_deliverable, other_influencer):
    make_deliverable(influencer=other_influencer)
    response = client.get(f"/scheduling/feed/{deliverable.influencer.feed_token}.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = cal.walk("VEVENT")
    assert len(events) == 2  # the post and its draft due date; not the other influencer's
    post = next(e for e in events if str(e["UID"]).startswith("deliverable-"))
    assert post.decoded("DTSTART") == deliverable.planned_at.replace(microsecond=0)
    assert post.decoded("DTSTART").utcoffset() == dt.timedelta(0)
    assert "DTSTAMP" in post and str(cal["VERSION"]) == "2.0" and "PRODID" in cal


def test_feed_token_revocation(client, admin_client, superuser, deliverable):
    old = deliverable.influencer.feed_token
    admin_client.post(reverse("scheduling_admin:rotate_feed", args=[deliverable.influencer_id]))
    assert client.get(f"/scheduling/feed/{old}.ics", follow=True).status_code == 404
    page = admin_client.get(reverse("scheduling_admin:feed"))
    token = StaffFeedToken.objects.get(user=superuser).token
    assert token in page.content.decode()
    cal = Calendar.from_ical(client.get(f"/scheduling/feed/{token}.ics").content)
    assert len(cal.walk("VEVENT")) == 2
    admin_client.post(reverse("scheduling_admin:feed"))
    assert client.get(f"/scheduling/feed/{token}.ics", follow=True).status_code == 404


def test_rotate_refused_for_reviewer(client, reviewer, deliverable):
    old = deliverable.influencer.feed_token
    client.force_login(reviewer)
    client.post(reverse("scheduling_admin:rotate_feed", args=[deliverable.influencer_id]))
    deliverable.influencer.refresh_from_db()
    assert deliverable.influencer.feed_token == old


@pytest.mark.parametrize("token", ["short", "x" * 200])
def test_bad_feed_tokens_are_404(client, deliverable, token):
    assert client.get(f"/scheduling/feed/{token}.ics", follow=True).status_code == 404


@pytest.mark.parametrize("token", ["1:2:3", "a" * 500])
def test_garbage_brief_tokens_are_clear_403(client, deliverable, token):
    assert client.get(f"/fr/brief/{token}/").status_code == 403


@pytest.mark.parametrize("path", ["/scheduling/feed/abc%00defghijklmnopqrstu.ics", "/fr/brief/%00/"])
def test_control_characters_in_tokens_are_refused_before_the_views(client, deliverable, path):
    assert client.get(path).status_code == 400  # home/input_guard.py


def test_only_shared_review_comments_reach_the_influencer(client, deliverable, reviewer):
    fr = deliverable.variants.get(language="fr")
    services.submit_draft(fr.pk, caption="Texte")
    services.record_review(
        fr.pk,
        step="health",
        decision="changes",
        reviewer=reviewer,
        comment="Cite la ligne d'aide",
        share_with_influencer=True,
    )
    services.record_review(
        fr.pk, step="content", decision="changes", reviewer=reviewer, comment="INTERNAL-NOTE"
    )
    body = client.get(_brief_url(deliverable)).content.decode()
    assert "Cite la ligne" in body and "INTERNAL-NOTE" not in body


def test_anonymous_gets_write_bounded_rows(client, deliverable):
    """Issue 13.4: 200 GETs of made-up links write nothing; 50 views of a real link in a day are one row."""
    for i in range(200):
        assert client.get(f"/fr/brief/made-up-{i}/").status_code == 403
    assert AccessLog.objects.count() == 0
    url = _brief_url(deliverable)
    for _ in range(50):
        client.get(url)
    row = AccessLog.objects.get()
    assert (row.deliverable, row.outcome, row.count) == (deliverable, "view", 50)


def test_access_log_is_pruned(client, deliverable, settings, capsys):
    from django.core.management import call_command
    from django.utils import timezone

    settings.SCHEDULING_ACCESS_LOG_DAYS = 90
    client.get(_brief_url(deliverable))
    AccessLog.objects.update(at=timezone.now() - dt.timedelta(days=91))
    call_command("purge_expired")
    assert not AccessLog.objects.exists()
    assert "influencer link access log: 1 deleted" in capsys.readouterr().out
