"""Access to the scheduling data from outside the admin: uses of signed influencer links, staff calendar feed tokens."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import new_token
from .deliverables import Deliverable


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
