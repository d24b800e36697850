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
