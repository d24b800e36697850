"""Tracked links (posters, QR codes), clicks per day and the metrics of published posts."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from home.fields import LANGUAGE_CHOICES

from . import new_link_code
from .deliverables import Variant, page_campaign_code


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


class MetricSnapshot(models.Model):
    # The figures a person copies from the platform's statistics, in the order of the form and of the CSV import
    # (where `link_clicks` is an optional last column).
    REPORTED_FIELDS = ("date", "views", "reach", "likes", "comments", "shares", "saves", "completion_rate")

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
