"""Influencer content scheduling: influencers, consent records, deliverables, variants per platform × language,
approvals, tracked links, click counters, access logs, reminders and post metrics.

Status changes of a variant go through `services.py` (row lock + history); models hold fields, constraints and
small properties only. Times are stored as aware UTC datetimes plus the IANA zone of the slot.

One module per concept; every model and public name is importable from `campaigns.scheduling.models`:
- `choices`: platforms, statuses, review steps;
- `influencers`: influencers and their agreements;
- `deliverables`: deliverables, variants, their history and approvals, the disclosure check;
- `tracking`: tracked (poster/QR) links, clicks per day, metrics snapshots;
- `access`: signed-link access log, staff calendar feed tokens;
- `reminders`: reminders.

The field defaults and the validator below are defined here, before the submodules are imported, because the
migrations refer to them by this path (`campaigns.scheduling.models.new_token`...): a field's deconstruction
names the module that defines the function.
"""

from __future__ import annotations

import secrets
import zoneinfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_TZ = "Europe/Brussels"
REVIEWERS_GROUP = "Reviewers"
INFLUENCERS_GROUP = "Influencers"


def new_token() -> str:
    return secrets.token_urlsafe(24)


def new_link_code() -> str:
    return secrets.token_urlsafe(6).replace("-", "x").replace("_", "y").lower()


def validate_timezone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(_("Unknown time zone: %(zone)s"), params={"zone": value}) from exc


from .access import AccessLog, StaffFeedToken  # noqa: E402
from .choices import Platform, ReviewStep, Status  # noqa: E402
from .deliverables import (  # noqa: E402
    DISCLOSURE_TERMS,
    ApprovalRecord,
    Deliverable,
    Variant,
    VariantEvent,
    check_disclosure,
    page_campaign_code,
)
from .influencers import Agreement, Influencer  # noqa: E402
from .reminders import Reminder  # noqa: E402
from .tracking import ClickDay, MetricSnapshot, TrackedLink  # noqa: E402

__all__ = [
    "DEFAULT_TZ",
    "DISCLOSURE_TERMS",
    "INFLUENCERS_GROUP",
    "REVIEWERS_GROUP",
    "AccessLog",
    "Agreement",
    "ApprovalRecord",
    "ClickDay",
    "Deliverable",
    "Influencer",
    "MetricSnapshot",
    "Platform",
    "Reminder",
    "ReviewStep",
    "StaffFeedToken",
    "Status",
    "TrackedLink",
    "Variant",
    "VariantEvent",
    "check_disclosure",
    "new_link_code",
    "new_token",
    "page_campaign_code",
    "validate_timezone",
]
