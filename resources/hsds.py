"""Open Referral HSDS 3.0: export of the directory, one document per language, validated against the compiled
schemas (resources/data/hsds/, CC BY-SA 4.0 "Human Services Data Specification: an Open Referral resource").

Identifiers: a service or an organisation is exported with its `translation_key` (a UUID shared by its French and
Dutch records), so both language documents describe the same record. Child rows get stable UUIDv5 identifiers.
Hidden addresses are never exported: such a location keeps its name, commune and quartier (as a service area)
but no street, postcode or coordinates.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import uuid
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft7Validator

from home.memo import remember

from .models import FLAGS, Category, Service

SCHEMA_DIR = Path(__file__).resolve().parent / "data" / "hsds"
NAMESPACE = uuid.UUID("6f1d2a52-3c49-4d8e-9b53-7d0c4b1f3a10")
BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
CATEGORY_TAXONOMY = "brussels-directory-categories"
FLAG_TAXONOMY = "brussels-directory-flags"


def stable_id(kind: str, key) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


@lru_cache(maxsize=4)
def schema(name: str) -> dict:
    with gzip.open(SCHEMA_DIR / f"{name}.json.gz", "rt", encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=4)
def validator(name: str) -> Draft7Validator:
    return Draft7Validator(schema(name))


def validation_errors(document: dict, name: str = "service") -> list[str]:
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(root)'}: {error.message}"
        for error in validator(name).iter_errors(document)
    ]


def category_term(category: Category, lang: str) -> dict:
    """A category as an HSDS taxonomy term, named in `lang` (its `names`: any configured language)."""
    name = category.name_in(lang)
    return {
        "id": stable_id("category", category.code),
        "code": category.code,
        "name": name,
        "description": name,
        "taxonomy": CATEGORY_TAXONOMY,
        "taxonomy_id": stable_id("taxonomy", CATEGORY_TAXONOMY),
        "language": lang,
    }


def taxonomy_terms(lang: str) -> list[dict]:
    """Every term: the categories (rows, memoised between requests), then the flags (no query)."""
    categories = remember("resources:categories", lambda: list(Category.objects.all())) or []
    return [*(category_term(category, lang) for category in categories), *flag_terms(lang)]


def flag_terms(lang: str) -> list[dict]:
    from django.utils import translation

    terms = []
    with translation.override(lang):
        for code, label in FLAGS:
            terms.append(
                {
                    "id": stable_id("flag", code),
                    "code": code,
                    "name": str(label),
                    "description": str(label),
                    "taxonomy": FLAG_TAXONOMY,
                    "taxonomy_id": stable_id("taxonomy", FLAG_TAXONOMY),
                    "language": lang,
                }
            )
    return terms


def region_name(lang: str) -> str:
    from django.utils import translation

    with translation.override(lang):
        return translation.gettext("Brussels-Capital Region")


def _term(terms_by_code, taxonomy, code):
    return next(t for t in terms_by_code if t["taxonomy"] == taxonomy and t["code"] == code)


def organization_document(org, lang: str, *, with_services=()) -> dict:
    document = {
        "id": str(org.translation_key),
        "name": org.name,
        "description": org.description or org.name,
        "email": org.email or None,
        "website": org.website or None,
    }
    if with_services:
        document["services"] = [
            {"id": str(s.translation_key), "name": s.name, "status": s.status} for s in with_services
        ]
    return {k: v for k, v in document.items() if v is not None}


def iso_z(moment) -> str:
    """UTC with millisecond accuracy, as HSDS asks: 2023-03-15T10:30:45.123Z."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _hhmm(value) -> str:
    return value.strftime("%H:%M")


def _attributes(service: Service, sid: str, terms: list[dict], lang: str) -> list[dict]:
    """Categories and flags, as attributes with their taxonomy terms (`terms`: the flags'; a category's term is
    made from the prefetched category)."""
    values = [
        (category.code, category_term(category, lang), "service_category", category.code)
        for category in service.categories.all()
    ]
    values += [
        (code, _term(terms, FLAG_TAXONOMY, code), "service_flag", "true")
        for code, _label in FLAGS
        if getattr(service, code)
    ]
    attributes = []
    for code, term, link_type, value in values:
        attributes.append(
            {
                "id": stable_id(f"attr:{sid}", code),
                "link_id": sid,
                "link_type": link_type,
                "link_entity": "service",
                "taxonomy_term_id": term["id"],
                "value": value,
                "taxonomy_term": term,
            }
        )
    return attributes


def _weekly_schedules(service: Service, sid: str) -> list[dict]:
    schedules = []
    if service.always_open:
        schedules.append(
            {
                "id": stable_id(f"schedule:{sid}", "always"),
                "service_id": sid,
                "freq": "WEEKLY",
                "byday": ",".join(BYDAY),
                "opens_at": "00:00",
                "closes_at": "23:59",
                "description": "24/7",
                "notes": "Europe/Brussels local time",
            }
        )
    for row in service.schedules.all():
        schedules.append(
            {
                "id": stable_id(f"schedule:{sid}", f"{row.weekday}-{row.opens}-{row.closes}"),
                "service_id": sid,
                "freq": "WEEKLY",
                "byday": BYDAY[row.weekday],
                "opens_at": _hhmm(row.opens),
                "closes_at": _hhmm(row.closes),
                "notes": "Europe/Brussels local time",
            }
        )
    return schedules


def _closure_schedules(service: Service, sid: str) -> list[dict]:
    """Exceptional closures (or special hours) as schedules with `valid_from`/`valid_to`."""
    schedules = []
    for closure in service.closures.all():
        entry = {
            "id": stable_id(f"closure:{sid}", f"{closure.start}-{closure.end}"),
            "service_id": sid,
            "valid_from": closure.start.isoformat(),
            "valid_to": closure.end.isoformat(),
            "description": closure.reason or ("special hours" if closure.opens else "closed"),
            "notes": "Europe/Brussels local time; exceptional hours replacing the weekly schedule",
        }
        if closure.opens and closure.closes:
            entry.update({"opens_at": _hhmm(closure.opens), "closes_at": _hhmm(closure.closes)})
        schedules.append(entry)
    return schedules


def _addresses(location, loc_id: str, lang: str) -> list[dict] | None:
    """The street address in the document's language (`lang`; none for a hidden address)."""
    if not location.street:
        return None
    return [
        {
            "id": stable_id("address", location.pk),
            "location_id": loc_id,
            "address_1": location.street,  # in the document's language (lang)
            "city": location.locality or "Bruxelles",
            "state_province": region_name(lang),
            "postal_code": location.postal_code,
            "country": "BE",
            "address_type": "physical",
        }
    ]


def _location(location, lang: str) -> dict:
    loc_id = stable_id("location", location.pk)
    entry = {
        "id": loc_id,
        "location_type": location.location_type,
        # A hidden address gives nothing that could locate the place (Location.public_*).
        "name": location.public_name or None,
        "url": location.public_url or None,
        "transportation": location.transportation or None,
        "accessibility": [
            {
                "id": stable_id("accessibility", location.pk),
                "location_id": loc_id,
                "description": location.accessibility,
            }
        ]
        if location.accessibility
        else None,
    }
    if location.location_type == "physical" and not location.hidden_address:
        entry["latitude"] = location.latitude
        entry["longitude"] = location.longitude
        entry["addresses"] = _addresses(location, loc_id, lang)
    return {k: v for k, v in entry.items() if v is not None}


def _service_at_locations(service: Service, sid: str, lang: str) -> list[dict]:
    return [
        {
            "id": stable_id("sal", f"{sid}:{link.location.pk}"),
            "service_id": sid,
            "location_id": stable_id("location", link.location.pk),
            "location": _location(link.location, lang),
        }
        for link in service.locations.all()
    ]


def _service_areas(service: Service, sid: str) -> list[dict]:
    """Each location's quartier (or commune)."""
    areas = []
    for link in service.locations.all():
        location = link.location
        area = location.quartier or location.commune
        if area is None:
            continue
        kind = "quartier" if location.quartier else "commune"
        areas.append(
            {
                "id": stable_id(f"area:{sid}", f"{kind}:{area.pk}"),
                "service_id": sid,
                "name": area.name,
                "description": kind,
                "extent_type": "text",
                "extent": f"{kind}:{getattr(area, 'mdzone', None) or getattr(area, 'nis_code', '')}",
            }
        )
    return areas


def _phones(service: Service, sid: str) -> list[dict]:
    phones = [
        {
            "id": stable_id(f"phone:{sid}", phone.number),
            "service_id": sid,
            "number": phone.number,
            "type": phone.phone_type,
            "description": phone.description or None,
        }
        for phone in service.phones.all()
    ]
    return [{k: v for k, v in p.items() if v is not None} for p in phones]


def _required_documents(service: Service, sid: str) -> list[dict]:
    if not service.what_to_bring:
        return []
    return [{"id": stable_id("document", sid), "service_id": sid, "document": service.what_to_bring}]


def _service_fields(service: Service, sid: str) -> dict:
    """The service's own fields (an empty one is None, left out of the document)."""
    return {
        "id": sid,
        "organization_id": str(service.organisation.translation_key),
        "name": service.name,
        "description": service.description or None,
        "url": service.website or None,
        "email": service.email or None,
        "status": service.status,
        "fees_description": service.cost or None,
        "eligibility_description": service.eligibility or None,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "assured_date": service.last_verified.isoformat() if service.last_verified else None,
        "last_modified": iso_z(service.updated_at),
    }


def _languages(service: Service, sid: str) -> list[dict]:
    return [
        {"id": stable_id(f"language:{sid}", code), "service_id": sid, "code": code}
        for code in service.languages or []
    ]


def service_document(service: Service, lang: str, *, terms: list[dict] | None = None) -> dict:
    """An HSDS 3.0 service (with organisation, locations, phones, schedules, languages, attributes).

    Uses prefetched relations (selectors.with_relations): no query per service. `terms`: the flags' terms
    (`flag_terms`), given once for many services; a category's term is made from the prefetched category."""
    terms = terms if terms is not None else flag_terms(lang)
    sid = str(service.translation_key)
    document = {
        **_service_fields(service, sid),
        "organization": organization_document(service.organisation, lang),
        "phones": _phones(service, sid),
        "schedules": _weekly_schedules(service, sid) + _closure_schedules(service, sid),
        "service_areas": _service_areas(service, sid),
        "service_at_locations": _service_at_locations(service, sid, lang),
        "languages": _languages(service, sid),
        "required_documents": _required_documents(service, sid),
        "attributes": _attributes(service, sid, terms, lang),
    }
    return {k: v for k, v in document.items() if v is not None}
