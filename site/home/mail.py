"""E-mail backends of the platform (see home/outbox.py for the outbox itself).

- `OutboxEmailBackend` (settings.production's EMAIL_BACKEND): every message sent by Django or Wagtail
  (moderation notifications, password resets…) is written to the outbox and sent by the task worker, so no
  visitor and no editor waits for a mail server. Messages with attachments are the exception: they are
  delivered at once, with the delivery backend's short timeout.
- `SMTPEmailBackend` (the delivery backend when there is no django-anymail provider): Django's SMTP backend
  that remembers whether the whole message was written to the server. A failure before that point (refused,
  no greeting, 4xx) is safe to retry; a failure after it (no answer to the final dot) has an unknown outcome
  and is never retried blindly.
"""

from __future__ import annotations

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.smtp import EmailBackend as DjangoSMTPBackend


class SMTPEmailBackend(DjangoSMTPBackend):
    payload_sent = False

    @property
    def connection_class(self):
        base = super().connection_class
        backend = self

        class TrackingSMTP(base):
            def send(self, s):
                if isinstance(s, bytes) and s.endswith(b"\r\n.\r\n"):
                    backend.payload_sent = True  # from here on, the server may have the message
                return super().send(s)

        return TrackingSMTP


class OutboxEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        from . import outbox

        count = 0
        for message in email_messages:
            if message.attachments:
                outbox.deliver_now(message, timeout=outbox.request_timeout())
            else:
                outbox.queue_message(message)
            count += 1
        return count
