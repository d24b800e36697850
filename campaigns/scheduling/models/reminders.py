"""Reminders about a variant: one row per reminder key, with its sending state."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .deliverables import Variant


class Reminder(models.Model):
    class Kind(models.TextChoices):
        DRAFT_DUE = "draft_due", _("Draft due in 48 hours")
        SLOT_SOON = "slot_soon", _("Post due in 24 hours")
        DRAFT_OVERDUE = "draft_overdue", _("Draft overdue")
        PROOF_OVERDUE = "proof_overdue", _("Proof overdue")
        APPROVAL_EXPIRING = "approval_expiring", _("Approval about to expire")
        ESCALATION = "escalation", _("Escalation to the campaign editor")

    class State(models.TextChoices):
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("No recipient")

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    variant = models.ForeignKey(Variant, on_delete=models.CASCADE, related_name="reminders")
    due_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.SENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self):
        return self.key
