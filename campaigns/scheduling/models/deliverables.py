"""Deliverables, their variants per language, the history of a variant and its approvals.

Status changes of a variant go through `services.py` (row lock + history)."""

from __future__ import annotations

import hashlib
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel

from home.fields import LANGUAGE_CHOICES

from . import DEFAULT_TZ, new_link_code, validate_timezone
from .choices import Platform, ReviewStep, Status
from .influencers import Influencer

# Words that make a paid partnership recognisable at a glance, per post language (Belgian rules: a clear tag in
# the language of the post, or the platform's own paid-partnership label).
DISCLOSURE_TERMS = {
    "fr": ["publicité", "#pub", "partenariat rémunéré", "collaboration commerciale", "sponsorisé"],
    "nl": ["reclame", "advertentie", "#ad", "betaald partnerschap", "gesponsord"],
    "en": ["#ad", "advertisement", "paid partnership", "sponsored"],
}


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
        from .tracking import TrackedLink  # tracking.py imports this module

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
