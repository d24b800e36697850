"""Models of the evaluation app: stored engagement series, period aggregates, sync log, request budget,
social metrics and hotspot action logs.

Everything here is keyed by strings (campaign codes, page paths, hotspot slugs, handles) rather than foreign keys to
other apps: evaluation reads everything and nothing reads it (see docs/evaluation.md).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .tracking import value_label

code_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9_-]{0,63}$",
    _("Use lower-case letters, digits, hyphens and underscores only."),
)


class DimensionKind(models.TextChoices):
    PAGE = "page", _("Page")
    UTM_SOURCE = "utm_source", _("UTM source")
    UTM_MEDIUM = "utm_medium", _("UTM medium")
    UTM_CAMPAIGN = "utm_campaign", _("UTM campaign")
    UTM_CONTENT = "utm_content", _("UTM content")
    GOAL = "goal", _("Goal")
    GOAL_PROP = "goal_prop", _("Goal property")
    CAMPAIGN = "campaign", _("Campaign")


class MetricsMixin(models.Model):
    """The fixed metric set. Goal series only fill visitors and events (see docs: one metric set per series)."""

    visitors = models.PositiveIntegerField(_("visitors"), null=True, blank=True)
    visits = models.PositiveIntegerField(_("visits"), null=True, blank=True)
    pageviews = models.PositiveIntegerField(_("pageviews"), null=True, blank=True)
    bounce_rate = models.FloatField(_("bounce rate (%)"), null=True, blank=True)
    visit_duration = models.FloatField(_("visit duration (s)"), null=True, blank=True)
    events = models.PositiveIntegerField(_("events"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False, db_index=True)

    class Meta:
        abstract = True


class DailyMetric(MetricsMixin):
    """One day of one series: a page, a UTM value, a goal, or a goal property value."""

    date = models.DateField(_("date"))
    kind = models.CharField(_("dimension"), max_length=20, choices=DimensionKind.choices)
    value = models.CharField(_("value"), max_length=500, help_text=_("Page path, UTM value or goal name."))
    prop_name = models.CharField(_("property"), max_length=64, blank=True, default="")
    prop_value = models.CharField(_("property value"), max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("daily metric")
        verbose_name_plural = _("daily metrics")
        ordering = ["date", "kind", "value"]
        constraints = [
            models.UniqueConstraint(
                fields=["date", "kind", "value", "prop_name", "prop_value"], name="evaluation_daily_unique"
            )
        ]
        indexes = [models.Index(fields=["kind", "date"], name="evaluation_daily_kind_date")]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()} {value_label(self.value)}"


class AggregateBreakdown(models.TextChoices):
    TOTAL = "total", _("Total")
    LANGUAGE = "language", _("Language")
    UTM_SOURCE = "utm_source", _("UTM source")
    UTM_MEDIUM = "utm_medium", _("UTM medium")
    UTM_CONTENT = "utm_content", _("UTM content")
    GOAL = "goal", _("Goal")


class PeriodAggregate(MetricsMixin):
    """Metrics of a campaign over a whole period, queried for that period (visitors are never summed from days)."""

    campaign_code = models.CharField(_("campaign code"), max_length=64, validators=[code_validator])
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    breakdown = models.CharField(_("breakdown"), max_length=20, choices=AggregateBreakdown.choices)
    value = models.CharField(_("value"), max_length=500, blank=True, default="")
    fetched_at = models.DateTimeField(_("fetched at"), auto_now=True)

    class Meta:
        verbose_name = _("period aggregate")
        verbose_name_plural = _("period aggregates")
        ordering = ["campaign_code", "period_start", "breakdown", "value"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign_code", "period_start", "period_end", "breakdown", "value"],
                name="evaluation_period_unique",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="evaluation_period_order"
            ),
        ]

    def __str__(self):
        period = f"{self.period_start}–{self.period_end}"
        return (
            f"{self.campaign_code} {period} {self.get_breakdown_display()} {value_label(self.value)}".strip()
        )


class TrackedCampaign(models.Model):
    """A campaign as the evaluation sees it: a code, the paths of its pages and its utm_campaign value.

    Kept here (strings only) so the evaluation works on its own; `selectors.tracked_campaigns()` is the one
    place that may later read the campaign pages instead.
    """

    code = models.CharField(_("campaign code"), max_length=64, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=200)
    path_prefixes = models.TextField(
        _("page path prefixes"),
        blank=True,
        help_text=_("One path per line, e.g. /fr/campagnes/ete/ and /nl/campagnes/zomer/."),
    )
    utm_campaign = models.CharField(
        _("utm_campaign value"),
        max_length=100,
        blank=True,
        help_text=_("Leave empty to use the campaign code."),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("tracked campaign")
        verbose_name_plural = _("tracked campaigns")
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The end date is before the start date.")
        if any(not prefix.startswith("/") for prefix in self.prefixes):
            errors["path_prefixes"] = _("Each path must start with a slash.")
        if errors:
            raise ValidationError(errors)

    @property
    def prefixes(self) -> list[str]:
        return [line.strip() for line in (self.path_prefixes or "").splitlines() if line.strip()]

    @property
    def utm_value(self) -> str:
        return self.utm_campaign or self.code


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
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

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


class Axis(models.TextChoices):
    SECURITY = "security", _("Security")
    PREVENTION = "prevention", _("Prevention")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood life")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class HotspotAction(models.Model):
    """An action of a local task force on a hotspot. No names of persons: describe the action, not people."""

    hotspot_slug = models.SlugField(_("hotspot"), max_length=100)
    axis = models.CharField(_("axis"), max_length=20, choices=Axis.choices)
    date = models.DateField(_("date"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    description = models.TextField(
        _("description"), help_text=_("What was done. No names or personal details.")
    )
    task_force_group = models.ForeignKey(
        "auth.Group",
        verbose_name=_("task force"),
        on_delete=models.PROTECT,
        related_name="hotspot_actions",
        help_text=_("Members of this group may edit this action."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("hotspot action")
        verbose_name_plural = _("hotspot actions")
        ordering = ["hotspot_slug", "-date", "-id"]
        indexes = [models.Index(fields=["hotspot_slug", "date"], name="evaluation_action_hotspot")]

    def __str__(self):
        return f"{self.hotspot_slug} {self.date} {self.get_axis_display()}"


class HotspotTaskForce(models.Model):
    """Which task-force group acts on which hotspot: its members record that hotspot's actions and read its
    sheet, and no other (docs/journeys.md, hotspot task force). Kept by the regional cell (superusers)."""

    group = models.ForeignKey(
        "auth.Group", verbose_name=_("task force group"), on_delete=models.CASCADE, related_name="hotspots"
    )
    hotspot_slug = models.SlugField(_("hotspot"), max_length=100)

    class Meta:
        verbose_name = _("hotspot task force")
        verbose_name_plural = _("hotspot task forces")
        ordering = ["hotspot_slug", "group__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "hotspot_slug"], name="evaluation_hotspot_task_force_unique"
            )
        ]

    def __str__(self):
        return f"{self.group} · {self.hotspot_slug}"


class HotspotStatus(models.TextChoices):
    DESIGNATED = "designated", _("Designated")
    ESCALATING = "escalating", _("Escalating")
    EASING = "easing", _("Easing")
    RENEWAL = "renewal", _("Urban renewal and social support")
    CLOSED = "closed", _("Closed")


class HotspotStatusChange(models.Model):
    """A change of a hotspot's status, with its date, reason and author (the regional six-month evaluation).
    Keyed by the hotspot's slug like the actions; the latest change on or before a day is the status that day."""

    hotspot_slug = models.SlugField(_("hotspot"), max_length=100)
    date = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=20, choices=HotspotStatus.choices)
    reason = models.TextField(_("reason"), max_length=1000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("hotspot status change")
        verbose_name_plural = _("hotspot status changes")
        ordering = ["hotspot_slug", "-date", "-id"]
        indexes = [models.Index(fields=["hotspot_slug", "date"], name="evaluation_status_slug_date")]

    def __str__(self):
        return f"{self.hotspot_slug} {self.date}: {self.get_status_display()}"
