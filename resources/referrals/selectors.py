"""Reads of the referral tools: the services of a basket in the slip's language, in a fixed number of queries."""

from __future__ import annotations

from resources.models import Hotspot, Service
from resources.selectors import PUBLIC_STATUSES, with_relations


def slip_services(ids: list[int], *, locale) -> tuple[list[Service], list[int]]:
    """The public services of the basket, each in `locale` when translated (else as stored), in basket order.

    Returns (services, ids that are unknown, inactive or repeat a service already in the basket)."""
    if not ids:
        return [], []
    keys = Service.objects.filter(pk__in=ids, live=True, status__in=PUBLIC_STATUSES).values("translation_key")
    candidates = list(
        with_relations(
            Service.objects.filter(translation_key__in=keys, live=True, status__in=PUBLIC_STATUSES)
        )
    )
    by_pk = {service.pk: service for service in candidates}
    in_locale = {service.translation_key: service for service in candidates if service.locale_id == locale.pk}
    services, left_out, seen = [], [], set()
    for pk in ids:
        service = by_pk.get(pk)
        if service is None or service.translation_key in seen:
            left_out.append(pk)
            continue
        seen.add(service.translation_key)
        services.append(in_locale.get(service.translation_key, service))
    return services, left_out


def hotspots_by_quartier(quartier_ids: set[int]) -> dict[int, str]:
    """The slug of a hotspot tied to each quartier (the first by slug when several are), in one query."""
    if not quartier_ids:
        return {}
    through = Hotspot.quartiers.through
    rows = (
        through.objects.filter(quartier_id__in=quartier_ids)
        .order_by("-hotspot__slug")
        .values_list("quartier_id", "hotspot__slug")
    )
    return dict(rows)


def geography_of(service: Service) -> tuple[int | None, str]:
    """(quartier id, quartier code) of the service's first located place, from prefetched rows."""
    for link in service.locations.all():
        quartier = link.location.quartier
        if quartier is not None:
            return quartier.pk, str(quartier.mdzone)
    return None, ""
