from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management.color import no_style

from demo import evaluation as demo
from evaluation.models import DailyMetric, HotspotAction, PeriodAggregate, SocialMetric, TrackedCampaign

pytestmark = pytest.mark.django_db


def counts():
    return (
        DailyMetric.objects.count(),
        PeriodAggregate.objects.count(),
        SocialMetric.objects.count(),
        HotspotAction.objects.count(),
        TrackedCampaign.objects.count(),
    )


def values():
    return list(
        DailyMetric.objects.order_by("date", "kind", "value", "prop_value").values_list(
            "visitors", "visits", "bounce_rate"
        )
    )


def test_demo_is_idempotent_and_flagged():
    out = StringIO()
    demo.load(stdout=out, style=no_style())
    first, first_values = counts(), values()
    assert first[0] > 1000 and all(first)
    demo.load(stdout=StringIO(), style=no_style())
    assert counts() == first
    assert values() == first_values
    assert not DailyMetric.objects.filter(is_demo=False).exists()
    assert not PeriodAggregate.objects.filter(is_demo=False).exists()
    analyst = get_user_model().objects.get(username="analyst")
    assert analyst.check_password("demo-analyst-2026")
    assert "password: demo-analyst-2026" in out.getvalue()
    assert analyst.has_perm("evaluation.view_periodaggregate")
    assert not analyst.has_perm("evaluation.change_hotspotaction")


def test_demo_visitors_are_below_the_sum_of_days():
    demo.load(stdout=StringIO(), style=no_style())
    total = PeriodAggregate.objects.get(
        campaign_code="festival-2026", breakdown="total", period_start=demo.CAMPAIGN["starts_on"]
    )
    daily_sum = sum(
        DailyMetric.objects.filter(
            kind="campaign", date__range=(demo.CAMPAIGN["starts_on"], demo.CAMPAIGN["ends_on"])
        ).values_list("visitors", flat=True)
    )
    assert 0 < total.visitors < daily_sum


def test_demo_report_renders_with_numbers_and_banner(admin_client):
    demo.load(stdout=StringIO(), style=no_style())
    response = admin_client.get("/admin/evaluation/campaign-report/", {"campaign": "festival-2026"})
    assert response.status_code == 200
    report = response.context["report"]
    assert report.has_demo_data and report.totals.current.exact
    assert report.totals.current.visitors > report.totals.baseline.visitors
    assert "Demo data" in response.content.decode()
