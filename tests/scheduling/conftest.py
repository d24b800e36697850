import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone, translation

from campaigns.scheduling.models import Deliverable, Influencer, Platform, Variant


@pytest.fixture(autouse=True)
def _english():
    """Service messages are asserted in English (the msgids); requests still pick their own language."""
    with translation.override("en"):
        yield


@pytest.fixture
def influencer(db):
    return Influencer.objects.create(
        name="Sara Example", handle_instagram="sara.bxl", languages=["fr", "nl"], email="sara@example.org"
    )


@pytest.fixture
def other_influencer(db):
    return Influencer.objects.create(name="Other Person", handle_tiktok="other", email="other@example.org")


@pytest.fixture
def make_deliverable(home_fr, influencer):
    def make(*, at=None, influencer=influencer, platform=Platform.INSTAGRAM_REEL, langs=("fr", "nl"), **kw):
        at = at or timezone.now() + dt.timedelta(days=5)
        deliverable = Deliverable.objects.create(
            campaign_page=kw.pop("campaign_page", home_fr),
            campaign_code="dope-talk",
            influencer=influencer,
            platform=platform,
            planned_at=at,
            draft_due_at=kw.pop("draft_due_at", at - dt.timedelta(days=2)),
            key_message="Talk to someone",
            **kw,
        )
        for lang in langs:
            Variant.objects.create(
                deliverable=deliverable,
                language=lang,
                caption=f"Caption {lang} {deliverable.pk}",
                disclosure="Publicité" if lang == "fr" else "Reclame",
            )
        return deliverable

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
