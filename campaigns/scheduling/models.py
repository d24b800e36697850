"""Influencer content scheduling: influencers, consent records, deliverables, variants per platform × language,
approvals, tracked links, click counters, access logs, reminders and post metrics.

Status changes of a variant go through `services.py` (row lock + history); models hold fields, constraints and
small properties only. Times are stored as aware UTC datetimes plus the IANA zone of the slot.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from home.fields import LANGUAGE_CHOICES, LanguageListField

DEFAULT_TZ = "Europe/Brussels"
REVIEWERS_GROUP = "Reviewers"
INFLUENCERS_GROUP = "Influencers"


def new_token() -> str:
    return secrets.token_urlsafe(24)


def new_link_code() -> str:
    return secrets.token_urlsafe(6).replace("-", "x").replace("_", "y").lower()


def validate_timezone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(_("Unknown time zone: %(zone)s"), params={"zone": value}) from exc


class Platform(models.TextChoices):
    TIKTOK = "tiktok", _("TikTok")
    INSTAGRAM_POST = "instagram_post", _("Instagram post")
    INSTAGRAM_REEL = "instagram_reel", _("Instagram reel")
    INSTAGRAM_STORY = "instagram_story", _("Instagram story")
    YOUTUBE = "youtube", _("YouTube")
    YOUTUBE_SHORTS = "youtube_shorts", _("YouTube Shorts")
    SNAPCHAT = "snapchat", _("Snapchat")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DRAFT_SUBMITTED = "draft_submitted", _("Draft submitted")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    APPROVAL_EXPIRED = "approval_expired", _("Approval expired")
    PUBLISHED = "published", _("Published")
    METRICS_COLLECTED = "metrics_collected", _("Metrics collected")
    CANCELLED = "cancelled", _("Cancelled")


class ReviewStep(models.TextChoices):
    CONTENT = "content", _("Content")
    HEALTH = "health", _("Health accuracy")
    DISCLOSURE = "disclosure", _("Disclosure check")


# Words that make a paid partnership recognisable at a glance, per post language (Belgian rules: a clear tag in
# the language of the post, or the platform's own paid-partnership label).
DISCLOSURE_TERMS = {
    "fr": ["publicité", "#pub", "partenariat rémunéré", "collaboration commerciale", "sponsorisé"],
    "nl": ["reclame", "advertentie", "#ad", "betaald partnerschap", "gesponsord"],
    "en": ["#ad", "advertisement", "paid partnership", "sponsored"],
}


class Influencer(ClusterableModel):
    shown_on_public_pages = False  # saving one purges no cached page (home/cache.py)
    name = models.CharField(_("name"), max_length=120)
    handle_tiktok = models.CharField(_("TikTok handle"), max_length=80, blank=True)
    handle_instagram = models.CharField(_("Instagram handle"), max_length=80, blank=True)
    handle_youtube = models.CharField(_("YouTube channel"), max_length=120, blank=True)
    handle_snapchat = models.CharField(_("Snapchat handle"), max_length=80, blank=True)
    handle_other = models.CharField(_("other handle"), max_length=120, blank=True)
    languages = LanguageListField(_("languages"), help_text=_("Languages the influencer posts in."))
    audience_notes = models.TextField(_("audience notes"), blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("admin account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="influencer_profile",
        help_text=_("Optional: an account in the Influencers group that sees only this influencer's items."),
    )
    feed_token = models.CharField(_("calendar feed token"), max_length=64, unique=True, default=new_token)

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("handle_tiktok"), FieldPanel("handle_instagram")]),
                FieldRowPanel([FieldPanel("handle_youtube"), FieldPanel("handle_snapchat")]),
                FieldPanel("handle_other"),
            ],
            heading=_("Handles"),
        ),
        FieldPanel("languages"),
        FieldPanel("audience_notes"),
        FieldPanel("email"),
        FieldPanel("active"),
        FieldPanel("user"),
        InlinePanel("agreements", heading=_("Agreements and consent"), label=_("Agreement")),
    ]

    class Meta:
        verbose_name = _("influencer")
        verbose_name_plural = _("influencers")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def handle(self) -> str:
        """The first public handle (used in e-mail subjects instead of the person's name)."""
        for value in (self.handle_instagram, self.handle_tiktok, self.handle_youtube, self.handle_snapchat):
            if value:
                return value if value.startswith("@") else f"@{value}"
        return f"#{self.pk}"

    @property
    def slug(self) -> str:
        base = re.sub(r"[^a-z0-9]+", "", (self.handle or "").lower())
        return base or f"i{self.pk}"

    def rotate_feed_token(self) -> None:
        self.feed_token = new_token()
        self.save(update_fields=["feed_token"])


class Agreement(models.Model):
    influencer = ParentalKey(Influencer, on_delete=models.CASCADE, related_name="agreements")
    image_rights = models.BooleanField(_("image rights granted"), default=False)
    contract_start = models.DateField(_("contract start"), null=True, blank=True)
    contract_end = models.DateField(_("contract end"), null=True, blank=True)
    usage_rights_end = models.DateField(
        _("usage rights end"),
        null=True,
        blank=True,
        help_text=_("Content may not be reused after this date."),
    )
    minor = models.BooleanField(_("minor"), default=False, help_text=_("The influencer is under 18."))
    guardian_consent = models.BooleanField(_("guardian consent on file"), default=False)
    notes = models.TextField(_("notes"), blank=True)

    panels = [
        FieldRowPanel(
            [FieldPanel("contract_start"), FieldPanel("contract_end"), FieldPanel("usage_rights_end")]
        ),
        FieldRowPanel([FieldPanel("image_rights"), FieldPanel("minor"), FieldPanel("guardian_consent")]),
        FieldPanel("notes"),
    ]

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self):
        return f"{self.influencer} ({self.contract_start or '…'} – {self.contract_end or '…'})"

    def clean(self):
        if self.contract_start and self.contract_end and self.contract_end < self.contract_start:
            raise ValidationError({"contract_end": _("The contract cannot end before it starts.")})
        if self.minor and not self.guardian_consent:
            raise ValidationError({"guardian_consent": _("A minor needs a guardian's consent on file.")})


def page_campaign_code(page_id) -> str:
    """The campaign code of a campaign page: its one source. Deliverables and poster/QR links that point to a
    campaign page take its code (utm_campaign), so their visits reach the page's report; "" for another page."""
    if not page_id:
        return ""
    from django.apps import apps

    if not apps.is_installed("campaigns"):
        return ""
    model = apps.get_model("campaigns", "CampaignPage")
    return model.objects.filter(pk=page_id).values_list("code", flat=True).first() or ""


class Deliverable(ClusterableModel):
    shown_on_public_pages = False  # saving one purges no cached page (home/cache.py)
    campaign_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("campaign page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    campaign_code = models.SlugField(
        _("campaign code"), max_length=60, help_text=_("Used as utm_campaign, e.g. dope-talk-2026.")
    )
    influencer = models.ForeignKey(
        Influencer, verbose_name=_("influencer"), on_delete=models.PROTECT, related_name="deliverables"
    )
    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices)
    planned_at = models.DateTimeField(_("planned slot"), db_index=True)
    timezone = models.CharField(
        _("time zone"), max_length=64, default=DEFAULT_TZ, validators=[validate_timezone]
    )
    draft_due_at = models.DateTimeField(_("draft due"), null=True, blank=True)
    key_message = models.TextField(_("key message"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("planned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldRowPanel([FieldPanel("campaign_page"), FieldPanel("campaign_code")]),
        FieldRowPanel([FieldPanel("influencer"), FieldPanel("platform")]),
        FieldRowPanel([FieldPanel("planned_at"), FieldPanel("timezone"), FieldPanel("draft_due_at")]),
        FieldPanel("key_message"),
        InlinePanel("variants", heading=_("Variants per language"), label=_("Variant"), min_num=1),
    ]

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ["planned_at"]

    def __str__(self):
        local = self.local_planned_at
        return f"{self.influencer} · {self.get_platform_display()} · {local:%Y-%m-%d %H:%M}"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.timezone or DEFAULT_TZ)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(DEFAULT_TZ)

    @property
    def local_planned_at(self):
        return self.planned_at.astimezone(self.zone)

    def save(self, *args, **kwargs):
        self.campaign_code = page_campaign_code(self.campaign_page_id) or self.campaign_code
        super().save(*args, **kwargs)

    def clean(self):
        if self.planned_at and self._state.adding and self.planned_at < timezone.now():
            raise ValidationError({"planned_at": _("The slot is in the past.")})
        if self.draft_due_at and self.planned_at and self.draft_due_at > self.planned_at:
            raise ValidationError({"draft_due_at": _("The draft must be due before the slot.")})


class Variant(models.Model):
    """One post of a deliverable in one language, with its own status."""

    CONTENT_FIELDS = ("caption", "hashtags", "disclosure", "image_id", "document_id")

    deliverable = ParentalKey(Deliverable, on_delete=models.CASCADE, related_name="variants")
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES)
    caption = models.TextField(_("caption"), blank=True)
    hashtags = models.CharField(_("hashtags"), max_length=300, blank=True)
    disclosure = models.CharField(
        _("paid-partnership disclosure"),
        max_length=120,
        help_text=_('In the language of the post, e.g. "Publicité" (FR) or "Reclame" (NL).'),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("media file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link_code = models.SlugField(_("tracked link code"), max_length=40, unique=True, default=new_link_code)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED, editable=False
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    content_sha = models.CharField(max_length=64, blank=True, editable=False)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    live_url = models.URLField(_("live URL"), blank=True)
    proof = models.ImageField(_("proof screenshot"), upload_to="scheduling/proofs/%Y/%m/", blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)

    panels = [
        FieldPanel("language"),
        FieldPanel("caption"),
        FieldPanel("hashtags"),
        FieldPanel("disclosure"),
        FieldRowPanel([FieldPanel("image"), FieldPanel("document")]),
        FieldPanel("link_code"),
    ]

    class Meta:
        verbose_name = _("variant")
        verbose_name_plural = _("variants")
        constraints = [
            models.UniqueConstraint(
                fields=["deliverable", "language"], name="scheduling_variant_one_per_lang"
            )
        ]

    def __str__(self):
        return f"{self.deliverable} · {self.language.upper()}"

    def save(self, *args, **kwargs):
        # A new variant starts at version 1 with the hash of its content. Later content edits are noted by the
        # service layer (services.save_variant, called by the admin form, the import and the transitions): it
        # bumps the version and sends an approved variant back to review; the model changes no status.
        if self._state.adding:
            self.content_sha = self.content_hash()
        super().save(*args, **kwargs)

    def content_hash(self) -> str:
        raw = "\x1f".join(str(getattr(self, name) or "") for name in self.CONTENT_FIELDS)
        return hashlib.sha256(raw.encode()).hexdigest()

    def clean(self):
        check_disclosure(self.language, self.disclosure)
        if self.link_code and TrackedLink.objects.filter(code=self.link_code).exists():
            raise ValidationError({"link_code": _("This link code is already used by a poster or QR link.")})


def check_disclosure(language: str, disclosure: str) -> None:
    text = (disclosure or "").strip().lower()
    if not text:
        raise ValidationError({"disclosure": _("The paid-partnership disclosure is required.")})
    terms = DISCLOSURE_TERMS.get(language)
    if terms and not any(term in text for term in terms):
        raise ValidationError(
            {
                "disclosure": _(
                    "The disclosure must contain one of: %(terms)s (in the language of the post)."
                )
                % {"terms": ", ".join(terms)}
            }
        )


class VariantEvent(models.Model):
    """The history of a variant: every status change and content version (its revision record)."""

    variant = models.ForeignKey(Variant, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    via_link = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    caption = models.TextField(blank=True)
    # A note written by the platform is stored as its English msgid (services.py, gettext_noop) and translated
    # when shown; a note typed by a person is shown as typed.
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("variant history entry")
        verbose_name_plural = _("variant history")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.variant_id}: {self.from_status} → {self.to_status}"

    @property
    def note_display(self) -> str:
        """The note in the current language (see `note`)."""
        return gettext(self.note) if self.note else ""


class ApprovalRecord(models.Model):
    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approved")
        CHANGES = "changes", _("Changes requested")

    variant = models.ForeignKey(Variant, on_delete=models.CASCADE, related_name="approvals")
    step = models.CharField(_("step"), max_length=20, choices=ReviewStep.choices)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField()
    comment = models.TextField(_("comment"), blank=True)
    share_with_influencer = models.BooleanField(
        _("show the comment to the influencer"),
        default=False,
        help_text=_("Otherwise the comment stays internal to the team."),
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("approval record")
        verbose_name_plural = _("approval records")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.variant_id} v{self.version} {self.step}: {self.decision}"


class TrackedLink(models.Model):
    """A short link on our own domain. Either for an influencer variant or for a poster/QR code at a hotspot."""

    shown_on_public_pages = False  # saving one purges no cached page (home/cache.py)

    class Medium(models.TextChoices):
        QR = "qr", _("QR code")
        POSTER = "poster", _("Poster")

    code = models.SlugField(_("code"), max_length=40, unique=True, default=new_link_code)
    medium = models.CharField(_("medium"), max_length=10, choices=Medium.choices, default=Medium.QR)
    hotspot_slug = models.SlugField(_("hotspot"), max_length=80)
    campaign_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("campaign page"), on_delete=models.CASCADE, related_name="+"
    )
    campaign_code = models.SlugField(_("campaign code"), max_length=60)
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES, default="fr")

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("medium")]),
        FieldPanel("hotspot_slug"),
        FieldRowPanel([FieldPanel("campaign_page"), FieldPanel("campaign_code"), FieldPanel("language")]),
    ]

    class Meta:
        verbose_name = _("poster or QR link")
        verbose_name_plural = _("poster and QR links")

    def __str__(self):
        return f"/go/{self.code} ({self.get_medium_display()}, {self.hotspot_slug})"

    def save(self, *args, **kwargs):
        self.campaign_code = page_campaign_code(self.campaign_page_id) or self.campaign_code
        super().save(*args, **kwargs)

    def clean(self):
        if self.code and Variant.objects.filter(link_code=self.code).exists():
            raise ValidationError({"code": _("This link code is already used by an influencer post.")})


class ClickDay(models.Model):
    """Clicks per link per day. No IP, no user agent, no cookie: just a number."""

    code = models.SlugField(max_length=40, db_index=True)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("clicks per day")
        verbose_name_plural = _("clicks per day")
        constraints = [models.UniqueConstraint(fields=["code", "day"], name="scheduling_click_code_day")]

    def __str__(self):
        return f"{self.code} {self.day}: {self.count}"


class AccessLog(models.Model):
    """Uses of a signed influencer link, counted per deliverable, outcome and day (one row, however many
    requests): anonymous traffic cannot add rows without bound, and links that point to no deliverable
    (forged or mistyped) are never written. No IP address or user agent is stored. Rows are deleted after
    SCHEDULING_ACCESS_LOG_DAYS by `purge_expired`."""

    class Outcome(models.TextChoices):
        VIEW = "view", _("Viewed")
        SUBMIT = "submit", _("Submitted")
        EXPIRED = "expired", _("Expired link")
        FORGED = "forged", _("Invalid link")
        REFUSED = "refused", _("Refused")

    deliverable = models.ForeignKey(
        Deliverable, null=True, blank=True, on_delete=models.CASCADE, related_name="access_logs"
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    detail = models.CharField(max_length=200, blank=True)
    day = models.DateField(default=timezone.localdate)
    count = models.PositiveIntegerField(default=1)
    at = models.DateTimeField(default=timezone.now)  # the last use that day

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at"]
        constraints = [
            models.UniqueConstraint(
                fields=["deliverable", "outcome", "detail", "day"], name="scheduling_accesslog_per_day"
            )
        ]

    def __str__(self):
        return f"{self.day} {self.outcome} ×{self.count}"


class StaffFeedToken(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True, default=new_token)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self):
        return str(self.user)


class Reminder(models.Model):
    class Kind(models.TextChoices):
        DRAFT_DUE = "draft_due", _("Draft due in 48 hours")
        SLOT_SOON = "slot_soon", _("Post due in 24 hours")
        DRAFT_OVERDUE = "draft_overdue", _("Draft overdue")
        PROOF_OVERDUE = "proof_overdue", _("Proof overdue")
        APPROVAL_EXPIRING = "approval_expiring", _("Approval about to expire")
        ESCALATION = "escalation", _("Escalation to the campaign editor")

    class State(models.TextChoices):
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("No recipient")

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    variant = models.ForeignKey(Variant, on_delete=models.CASCADE, related_name="reminders")
    due_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.SENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self):
        return self.key


class MetricSnapshot(models.Model):
    variant = models.ForeignKey(
        Variant, verbose_name=_("variant"), on_delete=models.CASCADE, related_name="metrics"
    )
    date = models.DateField(_("date"))
    views = models.PositiveIntegerField(_("views"), default=0)
    reach = models.PositiveIntegerField(_("reach"), default=0)
    likes = models.PositiveIntegerField(_("likes"), default=0)
    comments = models.PositiveIntegerField(_("comments"), default=0)
    shares = models.PositiveIntegerField(_("shares"), default=0)
    saves = models.PositiveIntegerField(_("saves"), default=0)
    completion_rate = models.DecimalField(
        _("completion rate (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    link_clicks = models.PositiveIntegerField(_("link clicks (platform)"), default=0)

    class Meta:
        verbose_name = _("metrics snapshot")
        verbose_name_plural = _("metrics snapshots")
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["variant", "date"], name="scheduling_metric_day")]

    def __str__(self):
        return f"{self.variant_id} {self.date}"
