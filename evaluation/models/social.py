"""Social media metrics of influencer posts, imported from CSV files."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .fields import code_validator


class Platform(models.TextChoices):
    INSTAGRAM = "instagram", "Instagram"
    TIKTOK = "tiktok", "TikTok"
    YOUTUBE = "youtube", "YouTube"
    FACEBOOK = "facebook", "Facebook"
    SNAPCHAT = "snapchat", "Snapchat"
    X = "x", "X"
    OTHER = "other", _("Other")


class SocialMetric(models.Model):
    """Reach and engagement of one influencer post on one day, imported from a CSV file."""

    campaign_code = models.CharField(_("campaign code"), max_length=64, validators=[code_validator])
    influencer_handle = models.CharField(_("influencer handle"), max_length=100)
    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices)
    language = models.CharField(_("language"), max_length=5)
    date = models.DateField(_("date"))
    post_ref = models.CharField(_("post reference"), max_length=200, blank=True, default="")
    impressions = models.PositiveIntegerField(_("impressions"), default=0)
    reach = models.PositiveIntegerField(_("reach"), default=0)
    engagements = models.PositiveIntegerField(_("engagements"), default=0)
    clicks = models.PositiveIntegerField(_("link clicks"), default=0)
    video_views = models.PositiveIntegerField(_("video views"), default=0)
    is_demo = models.BooleanField(_("demo data"), default=False)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("social metric")
        verbose_name_plural = _("social metrics")
        ordering = ["campaign_code", "date", "platform", "influencer_handle"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign_code", "influencer_handle", "platform", "language", "date", "post_ref"],
                name="evaluation_social_unique",
            )
        ]

    def __str__(self):
        return f"{self.campaign_code} {self.influencer_handle} {self.platform} {self.date}"
