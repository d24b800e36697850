"""No listing that leads nowhere (issue #14, item 4).

- A listing is *published* when its status is one the public sees (selectors.PUBLIC_STATUSES: active,
  temporarily closed). It may be published only with at least one way to reach the service: a phone (not a
  fax), a public e-mail, a website, a public street address (a location whose address is not hidden) or the web
  address of a virtual location. The admin form refuses the save otherwise (`reach_error`).
- A *completeness score* (0-100) counts what a visitor needs, each item weighing the same (`CHECKS`). The
  admin's service list shows it; "Listings to complete" lists a task force's incomplete or stale listings.

Every function reads prefetched relations (`selectors.with_relations`, or the admin list's prefetch): no query
per listing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .selectors import PUBLIC_STATUSES


def _phones(service) -> list:
    return [phone for phone in service.phones.all() if phone.phone_type != "fax" and phone.number.strip()]


def _locations(service) -> list:
    return [link.location for link in service.locations.all()]


def location_reaches(location) -> bool:
    """A location through which a visitor can reach the service: a public street, or a virtual location's web
    address. A hidden address reaches nobody (it is given only once the visitor has contacted the service)."""
    if location is None or location.hidden_address:
        return False
    if location.location_type == "virtual":
        return bool(location.url)
    return location.has_street


def ways_to_reach(service) -> list[str]:
    """The channels a visitor can use: "phone", "email", "website", "address" (each at most once)."""
    ways = []
    if _phones(service):
        ways.append("phone")
    if service.email:
        ways.append("email")
    locations = _locations(service)
    if service.website or any(loc.location_type == "virtual" and location_reaches(loc) for loc in locations):
        ways.append("website")
    if any(loc.location_type != "virtual" and location_reaches(loc) for loc in locations):
        ways.append("address")
    return ways


REACH_MESSAGE = _(
    "A listing can be published (active or temporarily closed) only with at least one way to reach the "
    "service: a phone number, a public e-mail, a website or a public street address. Add one, or set the "
    "status to inactive."
)


def reach_error(*, status: str, phones: list[str], email: str, website: str, locations: list) -> str | None:
    """The form's check, from the values being saved (not yet in the database): the message, or None."""
    if status not in PUBLIC_STATUSES:
        return None
    if any(number.strip() for number in phones) or email or website:
        return None
    if any(location_reaches(location) for location in locations):
        return None
    return REACH_MESSAGE


@dataclass(frozen=True)
class Check:
    code: str
    label: str
    passes: object  # callable(service) -> bool


CHECKS = [
    Check("reach", _("a way to reach the service"), lambda s: bool(ways_to_reach(s))),
    Check("phone", _("a phone number"), lambda s: bool(_phones(s))),
    Check("hours", _("opening hours"), lambda s: s.always_open or bool(s.schedules.all())),
    Check("description", _("a description"), lambda s: bool(s.description.strip())),
    Check("categories", _("a category"), lambda s: bool(s.categories.all())),
    Check("languages", _("the languages spoken"), lambda s: bool(s.languages)),
    Check(
        "eligibility",
        _("for whom (eligibility or ages)"),
        lambda s: bool(s.eligibility.strip()) or s.minimum_age is not None or s.maximum_age is not None,
    ),
    Check("what_to_bring", _("what to bring"), lambda s: bool(s.what_to_bring.strip())),
    Check(
        "accessibility",
        _("accessibility"),
        lambda s: (
            s.wheelchair
            or any(loc.accessibility for loc in _locations(s))
            or (bool(_locations(s)) and all(loc.location_type == "virtual" for loc in _locations(s)))
        ),
    ),
    Check("verified", _("verified in the last six months"), lambda s: not s.is_stale),
]


def missing(service) -> list[Check]:
    return [check for check in CHECKS if not check.passes(service)]


def score(service) -> int:
    """The share of `CHECKS` the listing passes, in percent (rounded down)."""
    return (len(CHECKS) - len(missing(service))) * 100 // len(CHECKS)


# What `score` reads, for a queryset of services (the admin list).
COMPLETENESS_PREFETCH = ("phones", "schedules", "categories", "locations__location")


@dataclass
class ToComplete:
    service: object
    score: int
    missing: list[Check]
    edit_url: str


def listings_to_complete(user) -> list[ToComplete]:
    """The published source-language listings `user` may edit that are incomplete or stale, least complete
    first (then the stalest). Scoped like every directory screen (permissions.py)."""
    from django.conf import settings
    from django.db.models import F
    from django.urls import reverse

    from .models import Service
    from .permissions import policy_for

    reachable = policy_for(Service).instances_user_has_any_permission_for(user, ("change",))
    services = (
        Service.objects.filter(
            pk__in=reachable.values("pk"),
            status__in=PUBLIC_STATUSES,
            locale__language_code=settings.LANGUAGE_CODE,
        )
        .prefetch_related(*COMPLETENESS_PREFETCH)
        .order_by(F("last_verified").asc(nulls_first=True), "name")
    )
    rows = []
    for service in services:
        lacking = missing(service)
        if lacking:
            rows.append(
                ToComplete(
                    service=service,
                    score=(len(CHECKS) - len(lacking)) * 100 // len(CHECKS),
                    missing=lacking,
                    edit_url=reverse("wagtailsnippets_resources_service:edit", args=[service.pk]),
                )
            )
    rows.sort(key=lambda row: row.score)
    return rows
