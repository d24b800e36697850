"""Counters for the evaluation of the referral tools: numbers per day, service, neighbourhood and language.

Nothing here describes a person: no name, no contact, no free text, no time of day, no client address.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReferralCount(models.Model):
    class Kind(models.TextChoices):
        SLIP_MADE = "slip_made", _("Referral slip shown")
        WARM_REFERRAL_SENT = "warm_referral_sent", _("Warm referral sent")

    date = models.DateField(_("date"), default=timezone.localdate)
    service = models.ForeignKey(
        "resources.Service", verbose_name=_("service"), on_delete=models.CASCADE, related_name="+"
    )
    quartier_code = models.CharField(
        _("quartier code"), max_length=10, blank=True, default="", help_text=_("Monitoring code (mdzone).")
    )
    hotspot_slug = models.CharField(_("hotspot"), max_length=80, blank=True, default="")
    language = models.CharField(_("slip language"), max_length=10)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("referral count")
        verbose_name_plural = _("referral counts")
        ordering = ["-date", "service_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["date", "service", "quartier_code", "hotspot_slug", "language", "kind"],
                name="referrals_one_counter_per_dimension",
            )
        ]

    def __str__(self):
        return f"{self.date} · {self.service_id} · {self.kind} · {self.count}"
