import io

import pytest
from django.core.management.color import no_style

from campaigns.scheduling.models import Deliverable, Influencer, MetricSnapshot, Status, Variant, VariantEvent
from demo import scheduling as demo

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Influencer.objects.count(),
        Deliverable.objects.count(),
        Variant.objects.count(),
        VariantEvent.objects.count(),
        MetricSnapshot.objects.count(),
    )


def test_demo_is_idempotent_and_covers_every_status(home_fr):
    demo.load(stdout=io.StringIO(), style=no_style())
    first = _counts()
    assert first[:3] == (3, 24, 48)
    statuses = set(Variant.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    assert set(Variant.objects.values_list("language", flat=True)) == {"fr", "nl"}
    assert Deliverable.objects.first().campaign_page_id == home_fr.pk
    demo.load(stdout=io.StringIO(), style=no_style())
    assert _counts() == first
