import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.scheduling import importing, links, services
from campaigns.scheduling.models import MetricSnapshot, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(variant, reviewer, approve_all):
    services.submit_draft(variant.pk, caption="Texte")
    approve_all(variant, reviewer)
    return services.mark_published(variant.pk, live_url="https://tiktok.com/@x/video/1")


def _file(text):
    return SimpleUploadedFile("m.csv", text.encode())


def test_metrics_csv_import(published, editor):
    header = ",".join(importing.METRIC_COLUMNS)
    text = f"{header}\n{published.link_code},2026-11-20,1000,800,50,4,3,2,45.5\n"
    assert importing.import_metrics(_file(text), actor=editor, dry_run=True).variants == 1
    assert not MetricSnapshot.objects.exists()
    report = importing.import_metrics(_file(text), actor=editor, dry_run=False)
    assert report.written
    snap = MetricSnapshot.objects.get()
    assert (snap.views, snap.reach, str(snap.completion_rate)) == (1000, 800, "45.50")
    published.refresh_from_db()
    assert published.status == Status.METRICS_COLLECTED
    # re-importing the same day updates instead of duplicating
    importing.import_metrics(_file(text.replace("1000", "1200")), actor=editor, dry_run=False)
    assert MetricSnapshot.objects.get().views == 1200


def test_metrics_csv_errors_write_nothing(published, variant, editor, deliverable):
    nl = deliverable.variants.get(language="nl")
    header = ",".join(importing.METRIC_COLUMNS)
    text = (
        f"{header}\n{published.link_code},2026-11-20,10,8,5,4,3,2,45\n"
        f"nope,2026-11-20,1,1,1,1,1,1,1\n"
        f"{published.link_code},20/11/2026,-1,x,1,1,1,1,150\n"
        f"{nl.link_code},2026-11-20,1,1,1,1,1,1,1\n"
    )
    report = importing.import_metrics(_file(text), actor=editor, dry_run=False)
    assert not report.written and not MetricSnapshot.objects.exists()
    joined = "\n".join(report.errors)
    for expected in ("Line 3", "Line 4", "Line 5", "published"):
        assert expected in joined


def test_metrics_form_and_clicks_beside(admin_client, published):
    links.count_click(published.link_code, dt.date(2026, 11, 20))
    url = reverse("scheduling_admin:variant_action", args=[published.pk, "metrics"])
    admin_client.post(
        url,
        {
            "date": "2026-11-20",
            "views": 10,
            "reach": 5,
            "likes": 1,
            "comments": 0,
            "shares": 0,
            "saves": 0,
            "link_clicks": 2,
        },
    )
    assert MetricSnapshot.objects.get().views == 10
    page = admin_client.get(reverse("scheduling_admin:variant", args=[published.pk]))
    assert page.context["click_total"] == 1
    bad = admin_client.post(url, {"date": "2099-01-01", "views": -5}, follow=True)
    assert bad.status_code == 200 and MetricSnapshot.objects.count() == 1


def test_metrics_refused_before_publication(admin_client, variant):
    url = reverse("scheduling_admin:variant_action", args=[variant.pk, "metrics"])
    response = admin_client.post(
        url,
        {
            "date": "2026-11-20",
            "views": 10,
            "reach": 5,
            "likes": 1,
            "comments": 0,
            "shares": 0,
            "saves": 0,
            "link_clicks": 0,
        },
        follow=True,
    )
    assert response.status_code == 200 and not MetricSnapshot.objects.exists()
