"""An e-mail backend that fails like an unreachable SMTP server."""

from django.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise TimeoutError("timed out")
