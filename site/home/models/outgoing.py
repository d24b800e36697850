"""The outbox's rows: one e-mail on its way out (home/outbox.py)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """One e-mail on its way out (home/outbox.py): written in the request, sent by the task worker.

    A row per message, claimed by one worker at a time (a conditional UPDATE), so a message is handed to the
    mail server at most once per attempt; failures before the server took the message are retried with a
    growing delay, then the row is "failed" (the dead letter, listed in the admin with a retry action). The
    body is emptied once the message is sent: the row then only says that it left, and when."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    key = models.CharField(_("key"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=40, default="other")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    html = models.TextField(_("HTML"), blank=True)
    from_email = models.CharField(_("sender"), max_length=300, blank=True)
    to = models.JSONField(_("recipients"), default=list)
    cc = models.JSONField(default=list, blank=True)
    bcc = models.JSONField(default=list, blank=True)
    reply_to = models.JSONField(default=list, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    message_id = models.CharField(_("message ID"), max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("queued"), default=timezone.now, db_index=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="home_outbox_due")]

    def __str__(self):
        return f"{self.get_status_display()} · {self.subject}"

    @property
    def recipients_masked(self) -> str:
        """What staff need to tell recipients apart, not the addresses: "d…@prevention.brussels (+1)"."""
        addresses = [*self.to, *self.cc, *self.bcc]
        if not addresses:
            return "—"
        local, _at, domain = str(addresses[0]).rpartition("<")[2].rstrip(">").partition("@")
        shown = f"{local[:1]}…@{domain}" if domain else "…"
        return f"{shown} (+{len(addresses) - 1})" if len(addresses) > 1 else shown
