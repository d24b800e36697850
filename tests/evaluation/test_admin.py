from datetime import date

import pytest
from django.urls import reverse

from evaluation.models import SyncRun, SyncStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def run():
    return SyncRun.objects.create(
        range_start=date(2026, 3, 1),
        range_end=date(2026, 3, 2),
        status=SyncStatus.FAILED,
        error_message="PlausibleAuthError: Invalid API key",
    )


def test_sync_log_visible_to_admin_and_analyst(admin_client, analyst_client, run):
    for client in (admin_client, analyst_client):
        response = client.get("/admin/evaluation_sync_runs/")
        assert response.status_code == 200
        assert "Invalid API key" in response.content.decode()


def test_sync_log_is_read_only_even_for_superusers(admin_client, run):
    for url in (reverse("evaluation_sync_runs:add"), reverse("evaluation_sync_runs:edit", args=[run.pk])):
        response = admin_client.get(url)  # Wagtail's refusal: back to the admin home with a message
        assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    assert admin_client.get(f"/admin/evaluation_sync_runs/inspect/{run.pk}/").status_code == 200


def test_sync_log_refused_without_permission(client, editor_without_rights, run):
    client.force_login(editor_without_rights)
    response = client.get("/admin/evaluation_sync_runs/")
    assert response.status_code in (302, 403)


def test_sync_log_csv_export(analyst_client, run):
    response = analyst_client.get("/admin/evaluation_sync_runs/?export=csv")
    assert response.status_code == 200 and b"Invalid API key" in b"".join(response.streaming_content)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/evaluation_daily_metrics/",
        "/admin/evaluation_period_aggregates/",
        "/admin/evaluation_social_metrics/",
        "/admin/evaluation_tracked_campaigns/",
    ],
)
def test_analyst_reads_every_listing(analyst_client, url):
    assert analyst_client.get(url).status_code == 200


def test_analyst_cannot_add_a_campaign(analyst_client):
    response = analyst_client.get(reverse("evaluation_tracked_campaigns:add"))
    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))


# --- Start a sync and follow it (issue 15, requirement 4) -------------------------------------------------
@pytest.fixture
def double(settings):
    from tools.plausible_double import PlausibleDouble

    with PlausibleDouble(api_key="k", site_id="dummy.site") as double:
        settings.PLAUSIBLE_URL = double.url
        settings.PLAUSIBLE_API_KEY = "k"
        settings.PLAUSIBLE_DOMAIN = "dummy.site"
        yield double


START_URL = "/admin/evaluation_sync_runs/start/"


def test_analyst_starts_a_sync_and_sees_it_in_the_log(analyst_client, analyst, double):
    listing = analyst_client.get("/admin/evaluation_sync_runs/").content.decode()
    assert START_URL in listing and "Start a sync" in listing
    assert analyst_client.get(START_URL).status_code == 200
    response = analyst_client.post(START_URL, {"start": "2026-03-01", "end": "2026-03-02"}, follow=True)
    assert response.redirect_chain[-1][0] == "/admin/evaluation_sync_runs/"
    run = SyncRun.objects.get()
    assert (run.status, run.requested_by, run.range_start) == (SyncStatus.SUCCESS, analyst, date(2026, 3, 1))
    text = response.content.decode()
    assert "Sync finished." in text and "2/2 days, 0/0 campaign periods" in text
    assert double.queries  # it did ask Plausible


def test_start_refused_when_plausible_is_not_configured(analyst_client):
    page = analyst_client.get(START_URL).content.decode()
    assert "Plausible is not configured on this server" in page
    response = analyst_client.post(START_URL, {})
    assert response.status_code == 400
    assert not SyncRun.objects.exists()


def test_start_refused_while_a_run_is_under_way_and_the_log_refreshes(analyst_client, double):
    from django.utils import timezone

    SyncRun.objects.create(
        range_start=date(2026, 3, 1),
        range_end=date(2026, 3, 2),
        status=SyncStatus.RUNNING,
        heartbeat_at=timezone.now(),
    )
    response = analyst_client.post(START_URL, {})
    assert response.status_code == 400 and "A sync is already running" in response.content.decode()
    listing = analyst_client.get("/admin/evaluation_sync_runs/").content.decode()
    assert 'http-equiv="refresh"' in listing and "A sync is running since" in listing
    assert SyncRun.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"backfill": "on"}, "A backfill needs both dates."),
        ({"start": "2026-03-02", "end": "2026-03-01"}, "The end date is before the start date."),
        ({"start": "2099-01-01"}, "Today is not over yet"),
        ({"start": "not a date"}, "Enter a valid date."),
    ],
)
def test_start_form_refuses_bad_input(analyst_client, double, data, message):
    response = analyst_client.post(START_URL, data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not SyncRun.objects.exists()


def test_start_refused_without_the_permission(client, editor_without_rights):
    client.force_login(editor_without_rights)
    response = client.get(START_URL)
    assert response.status_code in (302, 403)


def test_listing_the_log_fails_stale_runs(analyst_client):
    from datetime import timedelta

    from django.utils import timezone

    old = timezone.now() - timedelta(hours=2)
    stale = SyncRun.objects.create(
        range_start=date(2026, 3, 1), range_end=date(2026, 3, 2), status=SyncStatus.RUNNING, heartbeat_at=old
    )
    text = analyst_client.get("/admin/evaluation_sync_runs/").content.decode()
    stale.refresh_from_db()
    assert stale.status == SyncStatus.FAILED and "The run stopped without finishing" in text
    assert 'http-equiv="refresh"' not in text


def test_failure_reason_in_the_analysts_language(client, analyst, double):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(analyst)
    profile.preferred_language = "fr"
    profile.save()
    client.force_login(analyst)
    double.fail("wrong_shape")
    response = client.post(START_URL, {"start": "2026-03-01", "end": "2026-03-01"}, follow=True)
    run = SyncRun.objects.get()
    assert run.status == SyncStatus.FAILED
    text = response.content.decode()
    assert "forme inattendue" in text and run.error_code == "malformed"
