"""Hotspots as the evaluation sees them: the task forces' action log, who acts where, and the status history."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .fields import person_field


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
    created_by = person_field(_("created by"), editable=False)
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
    author = person_field(_("recorded by"), editable=False)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("hotspot status change")
        verbose_name_plural = _("hotspot status changes")
        ordering = ["hotspot_slug", "-date", "-id"]
        indexes = [models.Index(fields=["hotspot_slug", "date"], name="evaluation_status_slug_date")]

    def __str__(self):
        return f"{self.hotspot_slug} {self.date}: {self.get_status_display()}"
