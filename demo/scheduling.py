"""Demo content of the scheduling app: three influencers, a month of FR/NL deliverables in every status, some
metrics and clicks, and a poster/QR link. Idempotent: items are found again by their demo marker and never
changed or duplicated by a second run.

The campaign page is looked up at run time (the campaigns app may not be merged yet): the first CampaignPage if
any, else the French home page.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop
from wagtail.models import Page

from campaigns.scheduling import services
from campaigns.scheduling.models import (
    REVIEWERS_GROUP,
    Agreement,
    ClickDay,
    Deliverable,
    Influencer,
    MetricSnapshot,
    Platform,
    ReviewStep,
    Status,
    TrackedLink,
    Variant,
    page_campaign_code,
)

FALLBACK_CODE = "demo-campaign"  # only when no campaign page exists (the campaigns app's demo not loaded)
INFLUENCERS = [
    {
        "name": "Yasmine B.",
        "handle_instagram": "yas.bxl",
        "handle_tiktok": "yasbxl",
        "languages": ["fr", "ar"],
    },
    {
        "name": "Jonas V.",
        "handle_tiktok": "jonas.vlaanderen",
        "handle_youtube": "JonasV",
        "languages": ["nl", "fr"],
    },
    {
        "name": "Inès & Milan",
        "handle_instagram": "ines.milan",
        "handle_snapchat": "inesmilan",
        "languages": ["fr", "nl"],
    },
]
PLATFORMS = [
    Platform.INSTAGRAM_REEL,
    Platform.TIKTOK,
    Platform.INSTAGRAM_STORY,
    Platform.YOUTUBE_SHORTS,
    Platform.SNAPCHAT,
    Platform.INSTAGRAM_POST,
]
PAST_STATUSES = [Status.PUBLISHED, Status.METRICS_COLLECTED, Status.APPROVAL_EXPIRED, Status.CANCELLED]
FUTURE_STATUSES = [Status.PLANNED, Status.DRAFT_SUBMITTED, Status.IN_REVIEW, Status.APPROVED]
CAPTIONS = {
    "fr": "On en parle sans tabou : si tu as des questions sur les drogues, des pros t'écoutent. Lien en bio. (#{n})",
    "nl": "We praten er zonder taboe over: vragen over drugs? Professionals luisteren. Link in bio. (#{n})",
}


def campaign_page() -> Page | None:
    page = Page.objects.filter(content_type__model="campaignpage").first()
    if page is None:
        page = Page.objects.filter(depth=2, locale__language_code="fr").first()
    return page


def _reviewer():
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username="demo-reviewer", defaults={"email": "reviewer@prevention.brussels"}
    )
    if created:
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get_or_create(name=REVIEWERS_GROUP)[0])
    return user


def _drive(variant: Variant, target: str, reviewer, slot: dt.datetime) -> None:
    """Take a new variant to `target` through the real services (history included)."""
    if target == Status.PLANNED:
        return
    if target == Status.CANCELLED:
        services.cancel(variant.pk, actor=None, note=gettext_noop("cancelled in the demo"))
        return
    services.submit_draft(variant.pk, caption=variant.caption or "…")
    if target == Status.DRAFT_SUBMITTED:
        return
    services.start_review(variant.pk, actor=reviewer)
    if target == Status.IN_REVIEW:
        return
    review_time = slot - dt.timedelta(days=1)
    if target == Status.APPROVAL_EXPIRED:
        review_time = slot - dt.timedelta(minutes=30)
    for step in ReviewStep.values:
        services.record_review(variant.pk, step=step, decision="approved", reviewer=reviewer, now=review_time)
    if target in (Status.APPROVED, Status.APPROVAL_EXPIRED):
        return
    services.mark_published(variant.pk, live_url=f"https://example.org/post/{variant.link_code}")
    if target == Status.METRICS_COLLECTED:
        day = slot.date() + dt.timedelta(days=2)
        MetricSnapshot.objects.get_or_create(
            variant=variant,
            date=day,
            defaults={
                "views": 12000,
                "reach": 9000,
                "likes": 640,
                "comments": 41,
                "shares": 35,
                "saves": 58,
                "completion_rate": 38,
                "link_clicks": 120,
            },
        )
        services.note_metrics(variant.pk)


def _influencer(data: dict) -> Influencer:
    """The demo influencer of this name, created with an agreement when missing."""
    influencer = Influencer.objects.filter(name=data["name"]).first()
    if influencer is not None:
        return influencer
    influencer = Influencer.objects.create(
        email=f"{data['name'].split()[0].lower()}@example.org",
        audience_notes="16–25, Brussels",
        **data,
    )
    Agreement.objects.create(
        influencer=influencer,
        image_rights=True,
        contract_start=timezone.localdate().replace(day=1),
        contract_end=timezone.localdate().replace(day=1) + dt.timedelta(days=120),
        usage_rights_end=timezone.localdate().replace(day=1) + dt.timedelta(days=365),
    )
    return influencer


class _Targets:
    """The statuses to drive the demo posts to, in turn: past slots through PAST_STATUSES, future ones through
    FUTURE_STATUSES."""

    def __init__(self):
        self.past_i = self.future_i = 0

    def next(self, slot):
        if slot <= timezone.now():
            target = PAST_STATUSES[self.past_i % len(PAST_STATUSES)]
            self.past_i += 1
        else:
            target = FUTURE_STATUSES[self.future_i % len(FUTURE_STATUSES)]
            self.future_i += 1
        return target


def _add_variants(deliverable, n: int, day, slot, target, reviewer) -> None:
    for lang in ("fr", "nl"):
        variant = Variant.objects.create(
            deliverable=deliverable,
            language=lang,
            caption=CAPTIONS[lang].format(n=n),
            hashtags="#dopetalk #bruxelles" if lang == "fr" else "#dopetalk #brussel",
            disclosure="Publicité · partenariat rémunéré"
            if lang == "fr"
            else "Reclame · betaald partnerschap",
            link_code=f"demo{n}{lang}",
        )
        # The Dutch variant of an in-review post is still a draft: status is per variant.
        _drive(
            variant,
            Status.DRAFT_SUBMITTED if (lang == "nl" and target == Status.IN_REVIEW) else target,
            reviewer,
            slot,
        )
        if target in (Status.PUBLISHED, Status.METRICS_COLLECTED):
            ClickDay.objects.get_or_create(code=variant.link_code, day=day, defaults={"count": 20 + n})


def load(*, stdout, style):
    page = campaign_page()
    if page is None:
        stdout.write(style.WARNING("scheduling: no page to attach the demo to; skipped."))
        return
    # The campaign page's own code (one source): the demo's posts and posters reach that page's report.
    code = page_campaign_code(page.pk) or FALLBACK_CODE
    influencers = [_influencer(data) for data in INFLUENCERS]
    reviewer = _reviewer()
    today = timezone.localdate()
    zone = services.zone_or_default("Europe/Brussels")
    created = 0
    targets = _Targets()
    for n in range(24):
        marker = f"[demo {n}]"
        if Deliverable.objects.filter(campaign_code=code, key_message__startswith=marker).exists():
            continue
        day = today + dt.timedelta(days=n * 30 // 24 - 15)
        slot = services.local_to_utc(day, dt.time(17 + n % 4, 30 if n % 2 else 0), zone)
        target = targets.next(slot)
        deliverable = Deliverable.objects.create(
            campaign_page=page,
            campaign_code=code,
            influencer=influencers[n % 3],
            platform=PLATFORMS[n % len(PLATFORMS)],
            planned_at=slot,
            draft_due_at=slot - dt.timedelta(days=3),
            key_message=(
                f"{marker} Parler des drogues, c'est OK : l'aide est à un clic (lignes d'aide, services près de"
                " chez toi). / Over drugs praten mag: hulp is één tik verwijderd (hulplijnen, diensten in je buurt)."
            ),
        )
        _add_variants(deliverable, n, day, slot, target, reviewer)
        created += 1
    TrackedLink.objects.get_or_create(
        code="demo-gare-du-midi",
        defaults={
            "medium": "poster",
            "hotspot_slug": "gare-du-midi",
            "campaign_page": page,
            "campaign_code": code,
        },
    )
    total = Deliverable.objects.filter(Q(campaign_code=code)).count()
    stdout.write(style.SUCCESS(f"scheduling: {created} deliverables created, {total} in the demo plan."))
