"""The vocabularies of scheduling: platforms, variant statuses and review steps."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


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
