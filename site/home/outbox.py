"""The outbox: every e-mail the platform sends by itself is a row (home.models.OutgoingEmail) written in the
request or the command that wants it sent, and delivered by the task worker (django-tasks; `db_worker` in
production) or by `manage.py send_outbox` (every minute, the safety net and the retry schedule).

- Idempotent: each row has a unique key (`problem-report:<id>`, `scheduling:<reminder key>`…): queueing the
  same key twice queues one e-mail. Each row keeps one Message-ID across its attempts.
- At most one sender per row: a row is claimed by a conditional UPDATE (pending → sending), so two workers,
  or a worker and the command, never send it both.
- Retries: a failure before the mail server took the message (connection refused, no answer, 4xx) puts the
  row back with a growing delay (EMAIL_RETRY_DELAY × 2^(attempts−1), at most an hour); after
  EMAIL_MAX_ATTEMPTS, or on a permanent refusal (5xx), or when the outcome is unknown (the whole message was
  written but the server never confirmed), the row is "failed": the dead letter, listed in the admin with a
  retry action. Nothing is retried blindly after an unknown outcome.
- Privacy: the body is emptied once the message is sent; errors are stored and logged without addresses;
  `purge_expired` deletes sent rows after EMAIL_OUTBOX_KEEP_DAYS and failed ones after
  EMAIL_OUTBOX_KEEP_FAILED_DAYS.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import uuid
from email.utils import make_msgid, parseaddr

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import OutgoingEmail
from .redact import redact_contacts

logger = logging.getLogger(__name__)
Status = OutgoingEmail.Status
OUTBOX_BACKEND = "home.mail.OutboxEmailBackend"
CLAIM_TIMEOUT = dt.timedelta(minutes=10)  # a row "sending" for longer was interrupted (worker killed)
SENT, RETRY, FAILED, SKIPPED = "sent", "retry", "failed", "skipped"


# --- Delivery -----------------------------------------------------------------------------------------------


def delivery_backend() -> str:
    backend = getattr(settings, "OUTBOX_EMAIL_BACKEND", "") or settings.EMAIL_BACKEND
    return "home.mail.SMTPEmailBackend" if backend == OUTBOX_BACKEND else backend


def worker_timeout() -> int:
    return int(getattr(settings, "EMAIL_TIMEOUT", None) or 10)


def request_timeout() -> int:
    return int(getattr(settings, "REFERRALS_EMAIL_TIMEOUT", 3))


def connection(*, timeout: int):
    """A connection to the delivery backend with an explicit timeout (seconds per network operation)."""
    backend = delivery_backend()
    if backend.endswith(("smtp.EmailBackend", "SMTPEmailBackend")):
        return get_connection(backend=backend, timeout=timeout)
    if backend.startswith("anymail."):
        return get_connection(backend=backend, requests_timeout=timeout)
    return get_connection(backend=backend)


def deliver_now(message: EmailMessage, *, timeout: int) -> None:
    """Send one message at once (the warm referral, attachments); raises on failure."""
    message.connection = connection(timeout=timeout)
    message.send(fail_silently=False)


# --- Queueing -----------------------------------------------------------------------------------------------


def _msgid(from_email: str) -> str:
    domain = parseaddr(from_email or settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return make_msgid(idstring="outbox", domain=domain)


def queue(
    *,
    key: str,
    kind: str,
    subject: str,
    body: str,
    to: list[str],
    from_email: str | None = None,
    html: str = "",
    cc: list[str] | None = None,
    bcc: list[str] | None = None,
    reply_to: list[str] | None = None,
    headers: dict | None = None,
) -> OutgoingEmail:
    """Queue one e-mail under `key` (a second call with the same key returns the first row and queues
    nothing). The worker is asked to send it once the surrounding transaction commits."""
    from_email = from_email or settings.DEFAULT_FROM_EMAIL
    defaults = {
        "kind": kind,
        "subject": " ".join(str(subject).split())[:300],
        "body": body,
        "html": html,
        "from_email": from_email,
        "to": list(to),
        "cc": list(cc or []),
        "bcc": list(bcc or []),
        "reply_to": list(reply_to or []),
        "headers": {k: str(v) for k, v in (headers or {}).items() if k.lower() != "message-id"},
        "message_id": _msgid(from_email),
    }
    try:
        with transaction.atomic():
            row, created = OutgoingEmail.objects.get_or_create(key=key, defaults=defaults)
    except IntegrityError:  # queued by someone else in the meantime
        return OutgoingEmail.objects.get(key=key)
    if created:
        transaction.on_commit(lambda: enqueue(row.pk))
    return row


def queue_message(message: EmailMessage, *, key: str | None = None, kind: str = "other") -> OutgoingEmail:
    html = next(
        (content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), ""
    )
    return queue(
        key=key or f"mail:{uuid.uuid4().hex}",
        kind=kind,
        subject=message.subject,
        body=message.body,
        html=html,
        from_email=message.from_email,
        to=message.to,
        cc=message.cc,
        bcc=message.bcc,
        reply_to=message.reply_to,
        headers=message.extra_headers,
    )


def enqueue(pk: int, run_after: dt.datetime | None = None) -> None:
    """Ask the task worker to send row `pk` (now, or after `run_after`). If the task backend cannot defer, or
    is unreachable, `send_outbox` sends it at its next run."""
    from .tasks import send_outgoing_email

    task = send_outgoing_email
    try:
        if run_after is not None:
            if not task.get_backend().supports_defer:
                return
            task = task.using(run_after=run_after)
        task.enqueue(pk)
    except Exception as exc:  # the row is safe in the outbox; the scheduled command will send it
        logger.warning("Could not enqueue outgoing e-mail %s (%s)", pk, type(exc).__name__)


# --- Sending ------------------------------------------------------------------------------------------------


def _message(row: OutgoingEmail, conn) -> EmailMessage:
    headers = {**row.headers, "Message-ID": row.message_id} if row.message_id else dict(row.headers)
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.body,
        from_email=row.from_email or None,
        to=row.to,
        cc=row.cc,
        bcc=row.bcc,
        reply_to=row.reply_to,
        headers=headers,
        connection=conn,
    )
    if row.html:
        message.attach_alternative(row.html, "text/html")
    return message


def _outcome_unknown(exc: Exception, conn) -> bool:
    if getattr(conn, "payload_sent", False) and not isinstance(exc, smtplib.SMTPResponseException):
        return True
    try:
        from requests.exceptions import ReadTimeout
    except ImportError:  # pragma: no cover
        return False
    cause = exc
    while cause is not None:
        if isinstance(cause, ReadTimeout):
            return True
        cause = cause.__cause__ or cause.__context__
    return False


def _permanent(exc: Exception) -> bool:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _msg in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code >= 500
    status = getattr(exc, "status_code", None)  # anymail's API errors
    if type(exc).__name__ == "AnymailRecipientsRefused":
        return True
    return isinstance(status, int) and 400 <= status < 500 and status not in (408, 429)


def describe(exc: Exception) -> str:
    """The error for staff and logs: its kind and the server's code, never an address."""
    text = f"{type(exc).__name__}"
    code = getattr(exc, "smtp_code", None) or getattr(exc, "status_code", None)
    if code:
        text += f" {code}"
    detail = redact_contacts(" ".join(str(exc).split()))
    return f"{text}: {detail}"[:300] if detail else text


def retry_delay(attempts: int) -> dt.timedelta:
    base = int(getattr(settings, "EMAIL_RETRY_DELAY", 60))
    return dt.timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), max(base, 3600)))


def send(pk: int, *, now: dt.datetime | None = None) -> str:
    """Send row `pk` if it is due and nobody else is sending it: "sent", "retry", "failed" or "skipped"."""
    now = now or timezone.now()
    claimed = OutgoingEmail.objects.filter(pk=pk, status=Status.PENDING, next_attempt_at__lte=now).update(
        status=Status.SENDING, attempts=F("attempts") + 1, claimed_at=timezone.now()
    )
    if not claimed:
        return SKIPPED
    row = OutgoingEmail.objects.get(pk=pk)
    conn = connection(timeout=worker_timeout())
    mine = OutgoingEmail.objects.filter(pk=pk, status=Status.SENDING)
    try:
        _message(row, conn).send(fail_silently=False)
    except Exception as exc:
        error = describe(exc)
        if _outcome_unknown(exc, conn):
            error = f"Outcome unknown (the server may have received it; check before retrying). {error}"
            outcome = FAILED
        elif _permanent(exc) or row.attempts >= int(getattr(settings, "EMAIL_MAX_ATTEMPTS", 10)):
            outcome = FAILED
        else:
            outcome = RETRY
        logger.warning(
            "Outgoing e-mail %s (%s) not sent, attempt %s: %s", pk, row.kind, row.attempts, error[:120]
        )
        if outcome == RETRY:
            next_at = timezone.now() + retry_delay(row.attempts)
            mine.update(status=Status.PENDING, next_attempt_at=next_at, last_error=error[:300])
            enqueue(pk, run_after=next_at)
        else:
            mine.update(status=Status.FAILED, last_error=error[:300])
        return outcome
    mine.update(status=Status.SENT, sent_at=timezone.now(), body="", html="", last_error="")
    return SENT


def drain(*, limit: int = 200, now: dt.datetime | None = None) -> dict[str, int]:
    """Send what is due, oldest first. Stops at the first transient failure (the server is unreachable: the
    rest waits for the next run rather than each waiting for its own timeout)."""
    now = now or timezone.now()
    counts = {SENT: 0, RETRY: 0, FAILED: 0, SKIPPED: 0, "interrupted": 0}
    counts["interrupted"] = OutgoingEmail.objects.filter(
        status=Status.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT
    ).update(status=Status.FAILED, last_error="Interrupted while sending: the outcome is unknown.")
    due = (
        OutgoingEmail.objects.filter(status=Status.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in list(due):
        outcome = send(pk, now=now)
        counts[outcome] += 1
        if outcome == RETRY:
            break
    return counts


def retry(rows) -> int:
    """Put failed rows back in the queue (the admin's retry action): attempts start again from zero."""
    pks = list(rows.filter(status=Status.FAILED).values_list("pk", flat=True))
    OutgoingEmail.objects.filter(pk__in=pks, status=Status.FAILED).update(
        status=Status.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error=""
    )
    for pk in pks:
        transaction.on_commit(lambda pk=pk: enqueue(pk))
    return len(pks)


def purge(*, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    keep_sent = dt.timedelta(days=int(getattr(settings, "EMAIL_OUTBOX_KEEP_DAYS", 30)))
    keep_failed = dt.timedelta(days=int(getattr(settings, "EMAIL_OUTBOX_KEEP_FAILED_DAYS", 90)))
    sent, _ = OutgoingEmail.objects.filter(status=Status.SENT, sent_at__lt=now - keep_sent).delete()
    failed, _ = OutgoingEmail.objects.filter(status=Status.FAILED, created_at__lt=now - keep_failed).delete()
    return sent + failed
