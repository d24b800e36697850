"""Writes of the directory: create or update a service with its FR source and NL translation."""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Locale

from .listing import FACT_FIELDS  # the facts every translation shares: one list
from .models import (
    Category,
    Closure,
    Location,
    Organisation,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
)


def upsert_organisation(*, name_fr: str, name_nl: str = "", website: str = "", email: str = "") -> tuple:
    fr = Locale.objects.get(language_code="fr")
    nl = Locale.objects.filter(language_code="nl").first()
    org = Organisation.objects.filter(locale=fr, name=name_fr).first()
    if org is None:
        org = Organisation.objects.create(locale=fr, name=name_fr, website=website, email=email)
    org_nl = None
    if nl is not None:
        org_nl = org.get_translation_or_none(nl)
        if org_nl is None:
            org_nl = org.copy_for_translation(nl)
            org_nl.name = name_nl or name_fr
            org_nl.save()
    return org, org_nl


def upsert_location(*, name: str, **fields) -> Location:
    location = Location.objects.filter(name=name).first()
    if location is None:
        return Location.objects.create(name=name, **fields)
    changed = False
    for key, value in fields.items():
        if getattr(location, key) != value:
            setattr(location, key, value)
            changed = True
    if changed:
        location.save()
    return location


def _replace_children(service: Service, locations, phones, schedules, closures) -> None:
    """Each kind of child rows replaced only when it differs from what is wanted."""
    wanted_locations = [loc.pk for loc in locations]
    if [link.location_id for link in service.locations.all()] != wanted_locations:
        service.locations = [ServiceAtLocation(location=loc) for loc in locations]
    wanted_phones = [(p["number"], p.get("phone_type", "voice"), p.get("description", "")) for p in phones]
    if [(p.number, p.phone_type, p.description) for p in service.phones.all()] != wanted_phones:
        service.phones = [Phone(number=n, phone_type=t, description=d) for n, t, d in wanted_phones]
    _replace_hours(service, schedules, closures)


def _replace_hours(service: Service, schedules, closures) -> None:
    wanted_hours = [(d, o, c) for d, o, c in schedules]
    if [(s.weekday, s.opens, s.closes) for s in service.schedules.all()] != wanted_hours:
        service.schedules = [Schedule(weekday=d, opens=o, closes=c) for d, o, c in wanted_hours]
    wanted_closures = [(c["start"], c["end"], c.get("opens"), c.get("closes")) for c in closures]
    if [(c.start, c.end, c.opens, c.closes) for c in service.closures.all()] != wanted_closures:
        service.closures = [Closure(start=a, end=b, opens=o, closes=c) for a, b, o, c in wanted_closures]


@transaction.atomic
def upsert_service(
    *,
    external_id: str,
    organisation: Organisation,
    organisation_nl: Organisation | None,
    fr: dict,
    nl: dict | None = None,
    category_codes: list[str] = (),
    locations: list[Location] = (),
    phones: list[dict] = (),
    schedules: list[tuple] = (),
    closures: list[dict] = (),
    **scalars,
) -> tuple[Service, Service | None, bool]:
    """Idempotent on `external_id`: returns (fr, nl, created). Children are replaced only when they differ."""
    fr_locale = Locale.objects.get(language_code="fr")
    service = (
        Service.objects.filter(locale=fr_locale, external_id=external_id).first() if external_id else None
    )
    created = service is None
    if created:
        service = Service(locale=fr_locale, external_id=external_id)
    service.organisation = organisation
    for key, value in {**fr, **scalars}.items():
        setattr(service, key, value)
    categories = list(Category.objects.filter(code__in=category_codes))
    service.categories = categories
    _replace_children(service, locations, phones, schedules, closures)
    service.save()

    translation = None
    nl_locale = Locale.objects.filter(language_code="nl").first()
    if nl is not None and nl_locale is not None:
        translation = sync_translation(service, nl_locale, organisation=organisation_nl or organisation, **nl)
    return service, translation, created


def sync_translation(service: Service, locale: Locale, *, organisation: Organisation, **texts) -> Service:
    """Create or refresh the translation: translated texts from `texts`, everything else copied from the source."""
    translation = service.get_translation_or_none(locale)
    if translation is None:
        translation = service.copy_for_translation(locale)
    translation.organisation = organisation
    for key in FACT_FIELDS:
        setattr(translation, key, getattr(service, key))
    for key, value in texts.items():
        setattr(translation, key, value)
    translation.categories = list(service.categories.all())
    _copy_children(service, translation)
    translation.save()
    return translation


CHILD_FIELDS = {
    "locations": (ServiceAtLocation, ["location_id"]),
    "phones": (Phone, ["number", "phone_type", "description", "languages"]),
    "schedules": (Schedule, ["weekday", "opens", "closes"]),
    "closures": (Closure, ["start", "end", "opens", "closes", "reason"]),
}


def _copy_children(source: Service, target: Service) -> None:
    """Synchronised child rows: replaced in the translation only when they differ from the source."""
    for relation, (model, fields) in CHILD_FIELDS.items():
        wanted = [tuple(getattr(row, f) for f in fields) for row in getattr(source, relation).all()]
        current = [tuple(getattr(row, f) for f in fields) for row in getattr(target, relation).all()]
        if wanted != current:
            setattr(target, relation, [model(**dict(zip(fields, values, strict=True))) for values in wanted])
