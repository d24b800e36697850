"""Feedback and follow-up: problem reports, task forces, the review switch and stale-listing reminders."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .geography import Commune
from .names import sorted_by_name
from .services import Service


class ProblemReport(models.Model):
    class Reason(models.TextChoices):
        ADDRESS = "address", _("The address is wrong")
        PHONE = "phone", _("The phone number is wrong")
        HOURS = "hours", _("The opening hours are wrong")
        CLOSED = "closed", _("The service has closed")
        OTHER = "other", _("Something else")

    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="problem_reports"
    )
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    comment = models.TextField(_("comment"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    resolved = models.BooleanField(_("resolved"), default=False)

    class Meta:
        verbose_name = _("problem report")
        verbose_name_plural = _("problem reports")
        ordering = ["resolved", "-created_at"]

    def __str__(self):
        return f"{self.service} · {self.get_reason_display()}"


class TaskForce(models.Model):
    """A commune task force: its Wagtail group edits the services located in its communes."""

    group = models.OneToOneField(
        "auth.Group", verbose_name=_("group"), on_delete=models.CASCADE, related_name="task_force"
    )
    communes = models.ManyToManyField(Commune, verbose_name=_("communes"), related_name="task_forces")
    email = models.EmailField(_("e-mail for reminders"), blank=True)

    class Meta:
        verbose_name = _("task force")
        verbose_name_plural = _("task forces")

    def __str__(self):
        return self.group.name  # "Task force Saint-Gilles": an identifier, named once in the default language

    def commune_names(self) -> str:
        """The task force's communes in the admin's language ("Sint-Gillis" in a Dutch admin)."""
        return ", ".join(commune.name for commune in sorted_by_name(self.communes.all()))

    commune_names.short_description = _("communes")


@register_setting(icon="tasks")
class DirectoryReviewSettings(BaseGenericSetting):
    """The directory managers' switch: whether a task force's changes to listings wait for their review.

    ON: task forces save drafts and submit them to the "Directory review" workflow; a directory manager approves,
    which publishes. OFF: task forces publish directly. Directory managers always publish directly
    (resources/permissions.py reads this for the "publish" permission of services and locations)."""

    task_force_review = models.BooleanField(
        _("Task force changes need a directory manager's review"),
        default=False,
        help_text=_(
            "When ticked, task forces cannot publish a listing or a location: they submit their changes to the "
            "directory review, and a directory manager approves them."
        ),
    )

    panels = [FieldPanel("task_force_review")]

    class Meta:
        verbose_name = _("directory review")
        verbose_name_plural = _("directory review")

    @classmethod
    def review_required(cls) -> bool:
        return bool(cls.objects.values_list("task_force_review", flat=True).first())


class StaleReminder(models.Model):
    """One reminder sent for one listing in one staleness period (never twice)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="stale_reminders")
    period_start = models.DateField(_("stale since"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("stale-listing reminder")
        verbose_name_plural = _("stale-listing reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "period_start"], name="resources_one_reminder_per_period"
            )
        ]

    def __str__(self):
        return f"{self.service_id} · {self.period_start}"
