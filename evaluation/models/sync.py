"""The Plausible sync: its run log and the request budget of the Stats API."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .fields import person_field


class SyncStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    SUCCESS = "success", _("Success")
    FAILED = "failed", _("Failed")
    PARTIAL = "partial", _("Stopped (budget spent)")


class SyncPhase(models.TextChoices):
    DAILY = "daily", _("Daily series")
    PERIODS = "periods", _("Campaign periods and baselines")
    DONE = "done", _("Done")


class SyncErrorCode(models.TextChoices):
    """Why a run stopped, shown to analysts in their language (the server's own text stays in error_message)."""

    NONE = "", _("No error")
    RATE_LIMITED = "rate_limited", _("Plausible refused the requests: too many requests (HTTP 429).")
    SERVER_ERROR = "server_error", _("Plausible answered with a server error.")
    NETWORK = "network", _("Plausible could not be reached or did not answer in time.")
    MALFORMED = (
        "malformed",
        _("Plausible answered with data in an unexpected shape; nothing of it was stored."),
    )
    AUTH = "auth", _("Plausible refused the API key or the site.")
    PAYMENT = "payment", _("The Plausible plan does not include the Stats API, or the site is locked.")
    QUERY = "query", _("Plausible refused a query.")
    CONFIG = "config", _("Plausible is not configured on this server.")
    BUDGET = "budget", _("The hourly request budget is spent: the next run resumes where this one stopped.")
    STALE = "stale", _("The run stopped without finishing (its process ended): the next run resumes it.")
    INTERNAL = "internal", _("The sync stopped on an internal error: see the details.")


class SyncRun(models.Model):
    """One run of the Plausible sync: what range it covered, how far it got, how many requests it used.

    A run that resumes a failed one carries the failed run's `periods_from` (the first day of the range the chain
    was asked for) and its `periods_done`, so the chain ends with exactly what one clean run would store."""

    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SyncStatus.choices, default=SyncStatus.RUNNING
    )
    phase = models.CharField(_("phase"), max_length=10, choices=SyncPhase.choices, default=SyncPhase.DAILY)
    range_start = models.DateField(_("from"))
    range_end = models.DateField(_("to"))
    periods_from = models.DateField(
        _("campaign periods from"),
        null=True,
        blank=True,
        help_text=_("Campaign periods touching this day or later are (re)fetched."),
    )
    completed_until = models.DateField(
        _("completed until"), null=True, blank=True, help_text=_("Last day whose data is fully stored.")
    )
    periods_total = models.PositiveIntegerField(_("campaign periods"), default=0)
    periods_done = models.JSONField(_("campaign periods stored"), default=list, blank=True)
    resumes = models.ForeignKey(
        "self",
        verbose_name=_("resumes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    backfill = models.BooleanField(_("backfill"), default=False)
    rows_written = models.PositiveIntegerField(_("rows written"), default=0)
    requests_used = models.PositiveIntegerField(_("requests used"), default=0)
    error_code = models.CharField(
        _("outcome"), max_length=20, choices=SyncErrorCode.choices, blank=True, default=""
    )
    error_message = models.TextField(_("error message"), blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    host = models.CharField(_("host"), max_length=255, blank=True, default="")
    pid = models.PositiveIntegerField(_("process id"), null=True, blank=True)
    requested_by = person_field(_("started by"))

    class Meta:
        verbose_name = _("sync run")
        verbose_name_plural = _("sync runs")
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["status"], condition=Q(status="running"), name="evaluation_one_running_sync"
            )
        ]

    def __str__(self):
        return f"{self.range_start}–{self.range_end} {self.status}"

    @property
    def days_total(self) -> int:
        return max(0, (self.range_end - self.range_start).days + 1)

    @property
    def days_done(self) -> int:
        if self.completed_until is None:
            return 0
        return max(0, min(self.days_total, (self.completed_until - self.range_start).days + 1))

    def _progress(self) -> str:
        """ "12/41 days, 3/8 campaign periods": how far the run got (read while it runs)."""
        from django.utils.translation import gettext

        return gettext("%(days_done)s/%(days)s days, %(periods_done)s/%(periods)s campaign periods") % {
            "days_done": self.days_done,
            "days": self.days_total,
            "periods_done": len(self.periods_done or []),
            "periods": self.periods_total,
        }

    _progress.short_description = _("progress")
    progress = property(_progress)


class RequestWindow(models.Model):
    """Requests sent to the Plausible Stats API in one minute: the budget sums the last 60 minutes (the API allows
    600 requests per hour per key, whatever the hour's start)."""

    window_start = models.DateTimeField(_("minute"), unique=True)
    used = models.PositiveIntegerField(_("requests used"), default=0)

    class Meta:
        verbose_name = _("API request window")
        verbose_name_plural = _("API request windows")

    def __str__(self):
        return f"{self.window_start:%Y-%m-%d %H:%M} {self.used}"
