"""Stale listings: services not verified for REVIEW_STALE_AFTER_DAYS (6 months) are flagged in the admin and
their task force gets one e-mail per listing per staleness period (a StaleReminder row makes it never twice).

Each task force is written to at its own address: its `TaskForce.email`, else the addresses of its group's
active members; the directory managers (DIRECTORY_MANAGERS_EMAILS) only get the listings that lie in no task
force's commune. Each listing comes with the direct link to its edit form and to "Listings to complete"."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from home import outbox

from .models import STALE_AFTER_DAYS, Service, ServiceAtLocation, StaleReminder, TaskForce


def stale_since(service: Service) -> dt.date:
    """The day the listing became stale (the start of its current staleness period)."""
    if service.last_verified is not None:
        return service.last_verified + dt.timedelta(days=STALE_AFTER_DAYS)
    return timezone.localdate(service.created_at)


def stale_services(today: dt.date | None = None):
    today = today or timezone.localdate()
    source_locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    services = Service.objects.filter(locale=source_locale).exclude(status=Service.Status.DEFUNCT)
    for service in services.iterator(chunk_size=500):
        if service.is_stale and stale_since(service) <= today:
            yield service


def send_stale_reminders(*, today: dt.date | None = None, dry_run: bool = False) -> dict[str, int]:
    recipients_of = _Recipients()
    already = set(StaleReminder.objects.values_list("service_id", "period_start"))
    pending = []
    for service in stale_services(today):
        period = stale_since(service)
        if (service.pk, period) not in already:
            pending.append((service, period))
    if dry_run:
        return {"listings": len(pending), "emails": len({e for s, _p in pending for e in recipients_of(s)})}
    by_recipient: dict[str, list[Service]] = defaultdict(list)
    # The claims and the e-mails in the outbox (home/outbox.py) in one transaction: a listing claimed is a
    # listing whose reminder will leave, even if the mail server is away right now.
    with transaction.atomic():
        for service, period in pending:
            try:
                with transaction.atomic():
                    StaleReminder.objects.create(service=service, period_start=period)
            except IntegrityError:  # another run got there first
                continue
            for email in recipients_of(service):
                by_recipient[email].append((service, period))
        with translation.override(settings.LANGUAGE_CODE):
            for email, claimed in by_recipient.items():
                _queue_reminder(email, claimed)
    return {"listings": len(pending), "emails": len(by_recipient)}


class _Recipients:
    """Who is reminded of a listing: the task forces of the communes of its places, else the directory managers."""

    def __init__(self):
        self.task_forces = list(
            TaskForce.objects.prefetch_related("communes", "group__user_set").select_related("group")
        )
        self.addresses = {tf.pk: _task_force_addresses(tf) for tf in self.task_forces}
        self.managers = list(getattr(settings, "DIRECTORY_MANAGERS_EMAILS", []))
        self.communes_of = defaultdict(set)
        for service_id, commune_id in ServiceAtLocation.objects.filter(
            location__commune__isnull=False
        ).values_list("service_id", "location__commune_id"):
            self.communes_of[service_id].add(commune_id)

    def __call__(self, service) -> list[str]:
        communes = self.communes_of.get(service.pk, set())
        found = {
            email
            for tf in self.task_forces
            if communes & {c.id for c in tf.communes.all()}
            for email in self.addresses[tf.pk]
        }
        return sorted(found) or self.managers


def _queue_reminder(email: str, claimed: list) -> None:
    lines = [_("These listings have not been verified for six months. Please check them:"), ""]
    for service, _period in claimed:
        lines += [
            f"- {service.name}",
            f"  {_admin_url('wagtailsnippets_resources_service:edit', service.pk)}",
        ]
    lines += [
        "",
        _("All the listings of your communes that are incomplete or not verified:"),
        _admin_url("resources_to_complete:index"),
    ]
    digest = hashlib.sha256((email + "".join(f"|{s.pk}:{p}" for s, p in claimed)).encode()).hexdigest()[:40]
    outbox.queue(
        key=f"stale-listings:{digest}",
        kind="stale_listings",
        subject=_("Directory: %(count)s listing(s) to verify") % {"count": len(claimed)},
        body="\n".join(lines),
        to=[email],
    )


def _task_force_addresses(task_force) -> list[str]:
    if task_force.email:
        return [task_force.email]
    return sorted({user.email for user in task_force.group.user_set.all() if user.is_active and user.email})


def _admin_url(name: str, *args) -> str:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse(name, args=args)
