"""The influencer's and the reviewer's journey (issue 12, findings 1, 6, 8, 10): what the browser sends on the brief
page, what an influencer's account may see, the calendar feed for people without an account, "planned by" on
deliverables made in the admin, and the site address in e-mail links. The browser side is in
tests/e2e/test_journey_influencer.py."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from campaigns.scheduling import access, reminders, services
from campaigns.scheduling.models import INFLUENCERS_GROUP, Deliverable, Reminder, Status

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]

# What a browser sends, per the Fetch standard, for a same-origin form POST and for requests the page makes:
# policy -> (the Origin header of the POST, whether the URL's path ever goes out as Referer).
FETCH_RULES = {
    "no-referrer": ("null", False),
    "same-origin": ("origin", True),
    "origin": ("origin", False),
    "strict-origin": ("origin", False),
    "origin-when-cross-origin": ("origin", True),
    "strict-origin-when-cross-origin": ("origin", True),
    "no-referrer-when-downgrade": ("origin", True),
    "unsafe-url": ("origin", True),
}


def _brief_url(deliverable, lang="fr"):
    with translation.override(lang):
        return access.brief_path(deliverable, lang)


# --- 1. The brief's forms pass Django's CSRF check from a browser ------------------------------------------


def test_brief_policy_lets_the_browser_send_its_origin_and_never_the_token(deliverable):
    """The page's Referrer-Policy decides the Origin header of its own POSTs: with `no-referrer` the browser
    sends `Origin: null` and Django refuses every draft (403). The policy must give the real origin, and keep the
    path (the secret token) out of every Referer."""
    browser = Client(enforce_csrf_checks=True)
    url = _brief_url(deliverable)
    page = browser.get(url)
    policy = page["Referrer-Policy"]
    origin_rule, path_leaves = FETCH_RULES[policy]
    assert not path_leaves, f"{policy} sends the brief's URL, token included, as Referer"
    origin = "null" if origin_rule == "null" else "http://testserver"
    fr = deliverable.variants.get(language="fr")
    response = browser.post(
        url,
        {
            "csrfmiddlewaretoken": browser.cookies["csrftoken"].value,
            "variant": fr.pk,
            "action": "draft",
            f"d{fr.pk}-caption": "Mon brouillon",
        },
        HTTP_ORIGIN=origin,
    )
    assert response.status_code == 302, response.content.decode()[:300]
    fr.refresh_from_db()
    assert fr.status == Status.DRAFT_SUBMITTED


@pytest.mark.parametrize("outcome", ["valid", "expired"])
def test_brief_pages_carry_no_analytics(client, deliverable, outcome):
    """The analytics script reports the page's URL: on the brief it would hand the token to the statistics."""
    url = _brief_url(deliverable)
    with override_settings(PLAUSIBLE_DOMAIN="prevention.brussels"):
        if outcome == "expired":
            with override_settings(SCHEDULING_LINK_MAX_AGE=dt.timedelta(seconds=-1)):
                response = client.get(url)
            assert response.status_code == 403
        else:
            response = client.get(url)
            assert response.status_code == 200
            # The script is there on ordinary pages with these settings.
            assert (
                "data-domain"
                in client.get(reverse("scheduling_go", args=["nope"]), follow=True).content.decode()
            )
    assert "data-domain" not in response.content.decode()
    assert response["Referrer-Policy"] == "strict-origin"


# --- 8. The calendar feed on the brief, in the influencer's language ---------------------------------------


@pytest.mark.parametrize(("lang", "label"), [("fr", "Adresse de l’agenda"), ("nl", "Adres van de agenda")])
def test_brief_shows_the_influencers_feed_in_their_language(client, deliverable, lang, label):
    influencer = deliverable.influencer
    body = client.get(_brief_url(deliverable, lang)).content.decode()
    feed_path = reverse("scheduling_feed", args=[influencer.feed_token])
    assert f'value="http://testserver{feed_path}"' in body
    assert label in body
    feed = client.get(feed_path)
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    assert f"deliverable-{deliverable.pk}@".encode() in feed.content


# --- 6. An influencer's account sees only what is shared with them ------------------------------------------


@pytest.fixture
def influencer_user(influencer, django_user_model):
    user = django_user_model.objects.create_user("sara", "sara@example.org", "pw-sara-123456789")
    user.groups.add(Group.objects.get(name=INFLUENCERS_GROUP))
    influencer.user = user
    influencer.save()
    return user


@pytest.fixture
def reviewed(variant, django_user_model):
    reviewer = django_user_model.objects.create_user("jan.peeters", "jan@example.org", "pw-jan-123456789")
    reviewer.groups.add(Group.objects.get(name="Reviewers"))
    services.submit_draft(variant.pk, caption="Mon texte", via_link=True)
    services.record_review(
        variant.pk,
        step="content",
        decision="approved",
        reviewer=reviewer,
        comment="INTERNAL: check the legal wording",
        share_with_influencer=False,
    )
    services.record_review(
        variant.pk,
        step="health",
        decision="approved",
        reviewer=reviewer,
        comment="Bravo, le message est clair",
        share_with_influencer=True,
    )
    return variant


def test_influencer_account_sees_shared_comments_only_and_no_user_names(client, influencer_user, reviewed):
    client.force_login(influencer_user)
    response = client.get(reverse("scheduling_admin:variant", args=[reviewed.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Bravo, le message est clair" in body
    assert "INTERNAL" not in body
    assert "jan.peeters" not in body and "jan@example.org" not in body
    # Their own account opens their brief to send a draft or the live post.
    assert "/brief/" in body


def test_team_still_sees_every_comment_and_who_made_it(client, editor, reviewed):
    client.force_login(editor)
    body = client.get(reverse("scheduling_admin:variant", args=[reviewed.pk])).content.decode()
    assert "INTERNAL: check the legal wording" in body and "Bravo" in body and "jan.peeters" in body


def test_influencer_account_is_refused_other_influencers_items(
    client, influencer_user, make_deliverable, other_influencer
):
    foreign = make_deliverable(influencer=other_influencer).variants.first()
    client.force_login(influencer_user)
    for url in (
        reverse("scheduling_admin:variant", args=[foreign.pk]),
        reverse("wagtailsnippets_scheduling_influencer:list"),
        reverse("wagtailsnippets_scheduling_influencer:edit", args=[other_influencer.pk]),
        reverse("wagtailsnippets_scheduling_deliverable:list"),
        reverse("scheduling_admin:import"),
        reverse("scheduling_admin:import_metrics"),
        reverse("wagtailimages:index"),
        reverse("wagtaildocs:index"),
    ):
        response = client.get(url, follow=True)
        assert response.redirect_chain and response.redirect_chain[-1][0] == reverse("wagtailadmin_home"), url
        # The admin's usual refusal, in the admin's language (French here).
        assert "pas les autorisations pour accéder" in response.content.decode(), url
    refused = client.post(reverse("scheduling_admin:variant_action", args=[foreign.pk, "cancel"]))
    assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")
    foreign.refresh_from_db()
    assert foreign.status == Status.PLANNED
    assert client.get(reverse("scheduling_admin:variant", args=[999999])).status_code == 404


def test_influencer_account_feed_is_the_influencers_own(client, influencer_user, influencer, deliverable):
    client.force_login(influencer_user)
    page = client.get(reverse("scheduling_admin:feed")).content.decode()
    assert reverse("scheduling_feed", args=[influencer.feed_token]) in page
    old = influencer.feed_token
    client.post(reverse("scheduling_admin:feed"))
    influencer.refresh_from_db()
    assert influencer.feed_token != old
    assert client.get(reverse("scheduling_feed", args=[old])).status_code == 404
    assert client.get(reverse("scheduling_feed", args=[influencer.feed_token])).status_code == 200


# --- 10b. "Planned by" on deliverables made in the admin; escalations always reach someone -------------------


def _deliverable_form(influencer, home_fr):
    return {
        "campaign_page": home_fr.pk,
        "campaign_code": "dt",
        "influencer": influencer.pk,
        "platform": "tiktok",
        "planned_at": "2031-06-01 18:30",
        "timezone": "Europe/Brussels",
        "draft_due_at": "",
        "key_message": "Msg",
        "variants-TOTAL_FORMS": "1",
        "variants-INITIAL_FORMS": "0",
        "variants-MIN_NUM_FORMS": "1",
        "variants-MAX_NUM_FORMS": "1000",
        "variants-0-language": "fr",
        "variants-0-caption": "Texte",
        "variants-0-hashtags": "",
        "variants-0-disclosure": "Publicité",
        "variants-0-link_code": "plannedby1",
    }


def test_deliverable_made_in_the_admin_is_planned_by_its_author(client, editor, influencer, home_fr):
    client.force_login(editor)
    response = client.post(
        reverse("wagtailsnippets_scheduling_deliverable:add"), _deliverable_form(influencer, home_fr)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Deliverable.objects.get().created_by == editor


def test_escalation_without_planner_goes_to_the_planners(
    make_deliverable, editor, django_user_model, django_capture_on_commit_callbacks
):
    """No page owner, no planner recorded, no SCHEDULING_ESCALATION_EMAILS: the planners (Editors, Moderators)
    hear of the overdue draft instead of nobody."""
    now = dt.datetime(2031, 3, 10, 12, 0, tzinfo=dt.UTC)
    d = make_deliverable(at=now + dt.timedelta(days=2), draft_due_at=now - dt.timedelta(hours=1))
    d.campaign_page.owner = None
    d.campaign_page.save()
    assert d.created_by is None
    django_user_model.objects.create_user("plain", "plain@example.org", "pw-plain-123456789")
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends once the claims are committed
        reminders.run(now=now)
    escalations = Reminder.objects.filter(kind="escalation")
    assert escalations.count() == 2 and set(escalations.values_list("state", flat=True)) == {"sent"}
    # The influencer's "draft overdue" (FR, NL) and the two escalations, to the one planner with an address.
    assert sorted(m.to for m in mail.outbox) == [["ed@example.org"]] * 2 + [["sara@example.org"]] * 2


def test_escalation_with_nobody_at_all_is_logged(make_deliverable, caplog):
    now = dt.datetime(2031, 3, 10, 12, 0, tzinfo=dt.UTC)
    d = make_deliverable(at=now + dt.timedelta(days=2), draft_due_at=now - dt.timedelta(hours=1))
    d.campaign_page.owner = None
    d.campaign_page.save()
    with caplog.at_level("WARNING", logger="campaigns.scheduling.reminders"):
        reminders.run(now=now)
    assert set(Reminder.objects.filter(kind="escalation").values_list("state", flat=True)) == {"skipped"}
    assert "escalation:" in caplog.text and "no recipient" in caplog.text


# --- 10a. The site address in e-mail links comes from the environment in production ---------------------------


def _production(env_extra, code="from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)"):
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "CSRF_TRUSTED_ORIGINS",
            "WAGTAILADMIN_BASE_URL",
            "DATABASE_URL",
        }
    }
    env.update({"DJANGO_SETTINGS_MODULE": "settings.production", "SECRET_KEY": "x" * 60, **env_extra})
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        (
            {"ALLOWED_HOSTS": "prevention.brussels", "WAGTAILADMIN_BASE_URL": "https://www.example.org/"},
            "https://www.example.org",
        ),
        (
            {"ALLOWED_HOSTS": "prevention.brussels", "CSRF_TRUSTED_ORIGINS": "https://admin.example.org"},
            "https://admin.example.org",
        ),
        ({"ALLOWED_HOSTS": ".example.org,prevention.brussels"}, "https://prevention.brussels"),
    ],
)
def test_production_site_address_comes_from_the_environment(env, expected):
    result = _production(env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == expected


@pytest.mark.parametrize(
    "env",
    [
        {"ALLOWED_HOSTS": "*"},
        {"ALLOWED_HOSTS": "prevention.brussels", "WAGTAILADMIN_BASE_URL": "prevention.brussels"},
    ],
)
def test_production_refuses_an_unusable_site_address(env):
    result = _production(env)
    assert result.returncode != 0
    assert "WAGTAILADMIN_BASE_URL" in result.stderr
