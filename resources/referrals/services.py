"""Writes of the referral tools: counters only (never a person), and the warm-referral e-mail (never stored)."""

from __future__ import annotations

import logging
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from home import outbox

from .models import ReferralCount
from .selectors import geography_of, hotspots_by_quartier

logger = logging.getLogger(__name__)


def count(services, *, kind: str, language: str) -> None:
    """Add one to today's counter of each service, in two queries whatever the number of services.

    Rows are created with count 0 when missing (ignoring the unique-constraint conflict another request may
    win), then incremented with F() in one UPDATE: no lost updates under concurrency."""
    if not services:
        return
    today = timezone.localdate()
    geos = {service.pk: geography_of(service) for service in services}
    hotspots = hotspots_by_quartier({qid for qid, _code in geos.values() if qid is not None})
    keys = []
    for service in services:
        quartier_id, quartier_code = geos[service.pk]
        keys.append(
            {
                "date": today,
                "service_id": service.pk,
                "quartier_code": quartier_code,
                "hotspot_slug": hotspots.get(quartier_id, ""),
                "language": language,
                "kind": kind,
            }
        )
    with transaction.atomic():
        ReferralCount.objects.bulk_create([ReferralCount(**key) for key in keys], ignore_conflicts=True)
        ReferralCount.objects.filter(reduce(or_, (Q(**key) for key in keys))).update(count=F("count") + 1)


class WarmReferralFailed(Exception):
    """The e-mail could not be handed to the mail server or provider."""


def subject() -> str:
    site = getattr(settings, "REFERRALS_SITE_NAME", "prevention.brussels")
    parts = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            parts.append(translation.gettext("New referral via %(site)s") % {"site": site})
    return " / ".join(dict.fromkeys(parts))


def send_warm_referral(*, service, data: dict, service_url: str) -> None:
    """E-mail the service, in the request, with a short timeout (REFERRALS_EMAIL_TIMEOUT). The notice exists only in this message:
    no model, no task argument, no log line holds it. The subject carries neither health details nor data
    about the person."""
    bodies = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            bodies.append(
                render_to_string(
                    "referrals/email/warm_referral.txt",
                    {"service": service, "data": data, "service_url": service_url},
                ).strip()
            )
    message = EmailMessage(
        subject=subject(),
        body="\n\n— — —\n\n".join(bodies) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[service.referral_email],
    )
    try:
        # Past the outbox (nothing is stored), with REFERRALS_EMAIL_TIMEOUT (3 s per network operation).
        outbox.deliver_now(message, timeout=outbox.request_timeout())
    except Exception as exc:  # SMTP errors, time-outs, provider errors: nothing about the person in the log
        logger.warning("Warm referral e-mail for service %s failed (%s)", service.pk, type(exc).__name__)
        raise WarmReferralFailed from exc
