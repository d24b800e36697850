import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from campaigns.scheduling import services
from campaigns.scheduling.models import (
    Agreement,
    ApprovalRecord,
    Deliverable,
    Status,
    Variant,
    VariantEvent,
    check_disclosure,
)

pytestmark = pytest.mark.django_db


def test_full_lifecycle_with_history(variant, reviewer, approve_all):
    services.submit_draft(variant.pk, caption="Parle à quelqu'un #pub")
    variant = approve_all(variant, reviewer)
    assert variant.status == Status.APPROVED and variant.approved_at
    variant = services.mark_published(variant.pk, live_url="https://instagram.com/p/abc")
    assert variant.status == Status.PUBLISHED
    variant = services.note_metrics(variant.pk)
    assert variant.status == Status.METRICS_COLLECTED
    history = list(VariantEvent.objects.filter(variant=variant).values_list("to_status", flat=True))
    assert history == ["draft_submitted", "in_review", "approved", "published", "metrics_collected"]


def test_status_is_per_variant(deliverable, reviewer, approve_all):
    fr, nl = deliverable.variants.get(language="fr"), deliverable.variants.get(language="nl")
    services.submit_draft(fr.pk, caption="Texte")
    approve_all(fr, reviewer)
    fr.refresh_from_db()
    nl.refresh_from_db()
    assert (fr.status, nl.status) == (Status.APPROVED, Status.PLANNED)


def test_refused_transitions(variant):
    with pytest.raises(services.TransitionError):
        services.mark_published(variant.pk, live_url="https://x.example/p")
    with pytest.raises(services.TransitionError):
        services.note_metrics(variant.pk)
    services.cancel(variant.pk, actor=None)
    with pytest.raises(services.TransitionError):
        services.submit_draft(variant.pk, caption="x")


def test_only_reviewers_review(variant, editor, superuser):
    services.submit_draft(variant.pk, caption="Texte")
    for user in (editor, superuser):
        with pytest.raises(PermissionDenied):
            services.record_review(variant.pk, step="content", decision="approved", reviewer=user)
    assert not ApprovalRecord.objects.exists()


def test_all_three_steps_needed_and_changes_request_blocks(variant, reviewer):
    services.submit_draft(variant.pk, caption="Texte")
    services.record_review(variant.pk, step="content", decision="approved", reviewer=reviewer)
    services.record_review(variant.pk, step="health", decision="changes", reviewer=reviewer)
    v = services.record_review(variant.pk, step="disclosure", decision="approved", reviewer=reviewer)
    assert v.status == Status.IN_REVIEW
    v = services.record_review(variant.pk, step="health", decision="approved", reviewer=reviewer)
    assert v.status == Status.APPROVED


def test_edit_after_approval_requires_reapproval(variant, reviewer, approve_all):
    services.submit_draft(variant.pk, caption="Texte")
    variant = approve_all(variant, reviewer)
    variant.caption = "Texte modifié"
    services.save_variant(variant)
    variant.refresh_from_db()
    assert variant.status == Status.IN_REVIEW
    assert variant.version == 3  # 1 created, 2 draft, 3 edit
    # earlier approvals were for another version: one step is not enough
    v = services.record_review(variant.pk, step="content", decision="approved", reviewer=reviewer)
    assert v.status == Status.IN_REVIEW
    assert VariantEvent.objects.filter(
        variant=variant, from_status="approved", to_status="in_review"
    ).exists()


def test_saving_without_change_keeps_approval(variant, reviewer, approve_all):
    services.submit_draft(variant.pk, caption="Texte")
    variant = approve_all(variant, reviewer)
    variant.refresh_from_db()
    services.save_variant(variant)
    variant.refresh_from_db()
    assert variant.status == Status.APPROVED


def test_approval_too_late_expires(make_deliverable, reviewer, approve_all):
    deliverable = make_deliverable(at=timezone.now() + dt.timedelta(hours=1), draft_due_at=None)
    variant = deliverable.variants.get(language="fr")
    services.submit_draft(variant.pk, caption="Texte")
    variant = approve_all(variant, reviewer)
    assert variant.status == Status.APPROVAL_EXPIRED


@override_settings(SCHEDULING_APPROVAL_LEAD=dt.timedelta(minutes=30))
def test_lead_is_configurable(make_deliverable, reviewer, approve_all):
    deliverable = make_deliverable(at=timezone.now() + dt.timedelta(hours=1), draft_due_at=None)
    variant = deliverable.variants.get(language="fr")
    services.submit_draft(variant.pk, caption="Texte")
    assert approve_all(variant, reviewer).status == Status.APPROVED


def test_nothing_auto_approves_and_expiry_job(make_deliverable):
    deliverable = make_deliverable(at=timezone.now() + dt.timedelta(hours=3), draft_due_at=None)
    variant = deliverable.variants.get(language="fr")
    services.submit_draft(variant.pk, caption="Texte")
    assert services.expire_approvals() == 0
    later = timezone.now() + dt.timedelta(hours=1, minutes=5)
    assert services.expire_approvals(now=later) == 2
    assert services.expire_approvals(now=later) == 0
    assert set(deliverable.variants.values_list("status", flat=True)) == {Status.APPROVAL_EXPIRED}


def test_reschedule_reopens_expired(make_deliverable, editor):
    deliverable = make_deliverable(at=timezone.now() + dt.timedelta(hours=1), draft_due_at=None)
    services.expire_approvals()
    new_day = deliverable.local_planned_at.date() + dt.timedelta(days=3)
    result = services.move_deliverable(deliverable.pk, new_day=new_day, actor=editor)
    assert result.reopened == 2
    assert set(deliverable.variants.values_list("status", flat=True)) == {Status.IN_REVIEW}


@pytest.mark.parametrize(
    ("lang", "text", "ok"),
    [
        ("fr", "Publicité", True),
        ("fr", "#pub avec @marque", True),
        ("fr", "Reclame", False),
        ("nl", "Reclame", True),
        ("nl", "Publicité", False),
        ("nl", "", False),
        ("ar", "إعلان", True),
    ],
)
def test_disclosure_in_post_language(lang, text, ok):
    if ok:
        check_disclosure(lang, text)
    else:
        with pytest.raises(ValidationError):
            check_disclosure(lang, text)


def test_slot_in_past_and_bad_zone_refused(home_fr, influencer):
    d = Deliverable(
        campaign_page=home_fr,
        campaign_code="x",
        influencer=influencer,
        platform="tiktok",
        planned_at=timezone.now() - dt.timedelta(hours=1),
        timezone="Mars/Olympus",
    )
    with pytest.raises(ValidationError) as info:
        d.full_clean()
    assert {"planned_at", "timezone"} <= set(info.value.message_dict)
    d.platform = "myspace"
    with pytest.raises(ValidationError) as info:
        d.full_clean()
    assert "platform" in info.value.message_dict


def test_minor_needs_guardian_consent(influencer):
    agreement = Agreement(influencer=influencer, minor=True)
    with pytest.raises(ValidationError):
        agreement.full_clean()
    agreement.guardian_consent = True
    agreement.full_clean()


def test_one_variant_per_language(deliverable):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Variant.objects.create(deliverable=deliverable, language="fr", disclosure="Publicité")


def test_published_url_must_be_https(variant, reviewer, approve_all):
    services.submit_draft(variant.pk, caption="Texte")
    approve_all(variant, reviewer)
    with pytest.raises(services.TransitionError):
        services.mark_published(variant.pk, live_url="javascript:alert(1)")


def test_link_codes_do_not_collide_between_posters_and_posts(variant, home_fr):
    from campaigns.scheduling.models import TrackedLink

    poster = TrackedLink(code=variant.link_code, hotspot_slug="x", campaign_page=home_fr, campaign_code="c")
    with pytest.raises(ValidationError):
        poster.full_clean()
    TrackedLink.objects.create(code="taken", hotspot_slug="x", campaign_page=home_fr, campaign_code="c")
    variant.link_code = "taken"
    with pytest.raises(ValidationError):
        variant.full_clean()


def test_caption_versions_and_word_diff(variant):
    services.submit_draft(variant.pk, caption="Parle à un pro")
    services.submit_draft(variant.pk, caption="Parle à un ami ou un pro")
    variant.refresh_from_db()
    versions = services.caption_versions(variant)
    assert [c for _v, c in versions][-2:] == ["Parle à un pro", "Parle à un ami ou un pro"]
    diff = services.word_diff("Parle à un pro", "Parle à un ami ou un pro")
    assert ("ins", "ami ou un") in diff and all(op != "del" for op, _t in diff)
