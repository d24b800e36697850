import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone, translation

from campaigns.scheduling.models import Platform
from demo.factories import DeliverableFactory, InfluencerFactory


@pytest.fixture(autouse=True)
def _english():
    """Service messages are asserted in English (the msgids); requests still pick their own language."""
    with translation.override("en"):
        yield


@pytest.fixture
def influencer(db):
    return InfluencerFactory(
        name="Sara Example", handle_instagram="sara.bxl", languages=["fr", "nl"], email="sara@example.org"
    )


@pytest.fixture
def other_influencer(db):
    return InfluencerFactory(
        name="Other Person", handle_instagram="", handle_tiktok="other", email="other@example.org"
    )


@pytest.fixture
def make_deliverable(home_fr, influencer):
    def make(*, at=None, influencer=influencer, platform=Platform.INSTAGRAM_REEL, langs=("fr", "nl"), **kw):
        at = at or timezone.now() + dt.timedelta(days=5)
        kw.setdefault("campaign_page", home_fr)
        return DeliverableFactory(
            influencer=influencer, platform=platform, planned_at=at, variants=langs, **kw
        )

    return make


@pytest.fixture
def deliverable(make_deliverable):
    return make_deliverable()


@pytest.fixture
def variant(deliverable):
    return deliverable.variants.get(language="fr")


@pytest.fixture
def reviewer(db, django_user_model):
    user = django_user_model.objects.create_user("rev", "rev@example.org", "pw-rev-123456789")
    user.groups.add(Group.objects.get(name="Reviewers"))
    return user


@pytest.fixture
def editor(db, django_user_model):
    user = django_user_model.objects.create_user("ed", "ed@example.org", "pw-ed-123456789")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def approve_all():
    from campaigns.scheduling import services
    from campaigns.scheduling.models import ReviewStep

    def run(variant, reviewer, **kw):
        for step in ReviewStep.values:
            variant = services.record_review(
                variant.pk, step=step, decision="approved", reviewer=reviewer, **kw
            )
        return variant

    return run
