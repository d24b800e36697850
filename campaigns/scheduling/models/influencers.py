"""Influencers and their agreements (contract, image rights, consent)."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from home.fields import LanguageListField

from . import new_token


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
