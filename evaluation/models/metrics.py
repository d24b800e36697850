"""Stored engagement series: the daily series of pages, UTM values and goals, and the campaign period aggregates
(the fixed metric set of both lives in MetricsMixin)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..tracking import value_label
from .fields import code_validator


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
