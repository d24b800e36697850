"""Import services from HSDS 3.0 JSON or from the project's CSV template. All or nothing: every record is checked
first; one error anywhere and nothing is written (the errors are listed per record)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction

from home.fields import LANGUAGE_LABELS

from .models import CATEGORIES, FLAG_CODES, Service
from .services import upsert_location, upsert_organisation, upsert_service

CSV_COLUMNS = [
    "id",
    "name",
    "description",
    "name_nl",
    "description_nl",
    "organization",
    "organization_nl",
    "status",
    "categories",
    "languages",
    "phone",
    "email",
    "url",
    "address",
    "address_nl",
    "postal_code",
    "city",
    "latitude",
    "longitude",
    "hidden_address",
    "transportation",
    "transportation_nl",
    "accessibility",
    "accessibility_nl",
    "minimum_age",
    "maximum_age",
    *FLAG_CODES,
]
CATEGORY_CODES = {code for code, _fr, _nl in CATEGORIES}
STATUSES = {choice for choice, _label in Service.Status.choices}
BYDAY = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
TRUE = {"1", "true", "yes", "oui", "ja", "x"}


class ImportFailed(Exception):
    def __init__(self, errors):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


@dataclass
class Record:
    ref: str
    data: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def _float(value, name, record, low, high):
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        record.errors.append(f"{name}: not a number ({value!r})")
        return None
    if not low <= number <= high:
        record.errors.append(f"{name}: {number} out of range")
        return None
    return number


def _int(value, name, record):
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        record.errors.append(f"{name}: not a whole number ({value!r})")
        return None
    if not 0 <= number <= 120:
        record.errors.append(f"{name}: {number} out of range")
        return None
    return number


def _time(value, name, record):
    try:
        return dt.time.fromisoformat(str(value)[:5])
    except ValueError:
        record.errors.append(f"{name}: not a time ({value!r})")
        return None


def _check_common(record: Record) -> None:
    data = record.data
    if not data.get("external_id"):
        record.errors.append("id: missing")
    if not data.get("name"):
        record.errors.append("name: missing")
    if not data.get("organisation"):
        record.errors.append("organization: missing")
    if data.get("status") not in STATUSES:
        record.errors.append(f"status: {data.get('status')!r} is not one of {sorted(STATUSES)}")
    for code in data.get("categories", []):
        if code not in CATEGORY_CODES:
            record.errors.append(f"categories: unknown code {code!r}")
    for code in data.get("languages", []):
        if code not in LANGUAGE_LABELS:
            record.errors.append(f"languages: unknown code {code!r}")
    for key, validator in (("email", EmailValidator()), ("website", URLValidator())):
        if data.get(key):
            try:
                validator(data[key])
            except ValidationError:
                record.errors.append(f"{key}: not valid ({data[key]!r})")
    low, high = data.get("minimum_age"), data.get("maximum_age")
    if low is not None and high is not None and low > high:
        record.errors.append("maximum_age: below minimum_age")


def parse_csv(text: str) -> list[Record]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("id", "name", "organization") if c not in (reader.fieldnames or [])]
    if missing:
        raise ImportFailed([f"header: missing column(s) {', '.join(missing)}"])
    records = []
    for number, row in enumerate(reader, start=2):
        record = Record(ref=f"line {number} ({row.get('id') or '?'})")
        lat = _float(row.get("latitude"), "latitude", record, 50.7, 51.0)
        lon = _float(row.get("longitude"), "longitude", record, 4.2, 4.55)
        location = None
        if row.get("address") or row.get("address_nl") or lat is not None:
            location = {
                "name": row.get("name", "")
                if not row.get("address")
                else f"{row['name']} – {row['address']}",
                "address_1": row.get("address", ""),
                "address_nl": (row.get("address_nl") or "").strip()[:200],
                "postal_code": row.get("postal_code", ""),
                "city": row.get("city", "") or "Bruxelles",
                "latitude": lat,
                "longitude": lon,
                "hidden_address": (row.get("hidden_address") or "").strip().lower() in TRUE,
                "transportation_fr": (row.get("transportation") or "").strip()[:250],
                "transportation_nl": (row.get("transportation_nl") or "").strip()[:250],
                "accessibility_fr": (row.get("accessibility") or "").strip()[:250],
                "accessibility_nl": (row.get("accessibility_nl") or "").strip()[:250],
            }
        record.data = {
            "external_id": (row.get("id") or "").strip(),
            "name": (row.get("name") or "").strip(),
            "description": row.get("description", ""),
            "name_nl": (row.get("name_nl") or "").strip(),
            "description_nl": row.get("description_nl", ""),
            "organisation": (row.get("organization") or "").strip(),
            "organisation_nl": (row.get("organization_nl") or "").strip(),
            "status": (row.get("status") or "active").strip(),
            "categories": [c.strip() for c in (row.get("categories") or "").split(";") if c.strip()],
            "languages": [c.strip() for c in (row.get("languages") or "").split(";") if c.strip()],
            "phones": [{"number": p.strip()} for p in (row.get("phone") or "").split(";") if p.strip()],
            "email": (row.get("email") or "").strip(),
            "website": (row.get("url") or "").strip(),
            "location": location,
            "schedules": [],
            "minimum_age": _int(row.get("minimum_age"), "minimum_age", record),
            "maximum_age": _int(row.get("maximum_age"), "maximum_age", record),
            "flags": {flag: (row.get(flag) or "").strip().lower() in TRUE for flag in FLAG_CODES},
        }
        _check_common(record)
        records.append(record)
    return records


def parse_hsds(text: str) -> list[Record]:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFailed([f"JSON: {error}"]) from None
    items = payload.get("contents", [payload]) if isinstance(payload, dict) else payload
    if not isinstance(items, list):
        raise ImportFailed(["JSON: expected a service, a list of services or a page with 'contents'"])
    records = []
    for index, item in enumerate(items):
        record = Record(ref=f"record {index + 1} ({item.get('id', '?') if isinstance(item, dict) else '?'})")
        if not isinstance(item, dict):
            record.errors.append("not an object")
            records.append(record)
            continue
        from .hsds import validation_errors

        record.errors.extend(validation_errors(item)[:5])
        location = None
        for sal in item.get("service_at_locations") or []:
            loc = sal.get("location") or {}
            address = (loc.get("addresses") or [{}])[0]
            location = {
                "name": loc.get("name") or item.get("name", ""),
                "address_1": address.get("address_1", ""),
                "postal_code": address.get("postal_code", ""),
                "city": address.get("city", "") or "Bruxelles",
                "latitude": _float(loc.get("latitude"), "latitude", record, 50.7, 51.0),
                "longitude": _float(loc.get("longitude"), "longitude", record, 4.2, 4.55),
                "hidden_address": False,
                "transportation_fr": (loc.get("transportation") or "")[:250],
                "accessibility_fr": "; ".join(
                    a.get("description") or "" for a in loc.get("accessibility") or [] if a.get("description")
                )[:250],
            }
            break
        schedules = []
        for schedule in item.get("schedules") or []:
            if schedule.get("valid_from") or not schedule.get("opens_at"):
                continue
            opens = _time(schedule.get("opens_at"), "opens_at", record)
            closes = _time(schedule.get("closes_at", "00:00"), "closes_at", record)
            for day in (schedule.get("byday") or "").split(","):
                if day.strip() in BYDAY and opens and closes:
                    schedules.append((BYDAY[day.strip()], opens, closes))
        flags = dict.fromkeys(FLAG_CODES, False)
        categories = []
        for attribute in item.get("attributes") or []:
            code = (attribute.get("taxonomy_term") or {}).get("code") or attribute.get("value")
            if code in FLAG_CODES:
                flags[code] = True
            elif code in CATEGORY_CODES:
                categories.append(code)
        organization = item.get("organization") or {}
        record.data = {
            "external_id": str(item.get("id", "")),
            "name": item.get("name", ""),
            "description": item.get("description", "") or "",
            "name_nl": "",
            "description_nl": "",
            "organisation": organization.get("name", ""),
            "organisation_nl": "",
            "status": item.get("status", ""),
            "categories": categories,
            "languages": [lang.get("code") for lang in item.get("languages") or [] if lang.get("code")],
            "phones": [{"number": p["number"]} for p in item.get("phones") or [] if p.get("number")],
            "email": item.get("email") or "",
            "website": item.get("url") or "",
            "location": location,
            "schedules": schedules,
            "minimum_age": _int(item.get("minimum_age"), "minimum_age", record),
            "maximum_age": _int(item.get("maximum_age"), "maximum_age", record),
            "flags": flags,
            "cost": item.get("fees_description") or "",
            "eligibility": item.get("eligibility_description") or "",
        }
        _check_common(record)
        records.append(record)
    return records


def import_records(records: list[Record], *, dry_run: bool = False) -> dict[str, int]:
    errors = [f"{r.ref}: {message}" for r in records for message in r.errors]
    seen = set()
    for record in records:
        key = record.data.get("external_id")
        if key in seen:
            errors.append(f"{record.ref}: id {key!r} appears twice")
        seen.add(key)
    if errors:
        raise ImportFailed(errors)
    created = updated = 0
    with transaction.atomic():
        for record in records:
            data = record.data
            org, org_nl = upsert_organisation(name_fr=data["organisation"], name_nl=data["organisation_nl"])
            locations = []
            if data["location"]:
                locations.append(upsert_location(**data["location"]))
            _fr, _nl, was_created = upsert_service(
                external_id=data["external_id"],
                organisation=org,
                organisation_nl=org_nl,
                fr={
                    "name": data["name"],
                    "description": data["description"],
                    "cost": data.get("cost", ""),
                    "eligibility": data.get("eligibility", ""),
                },
                nl={
                    "name": data["name_nl"] or data["name"],
                    "description": data["description_nl"] or data["description"],
                },
                category_codes=data["categories"],
                locations=locations,
                phones=data["phones"],
                schedules=data["schedules"],
                status=data["status"],
                languages=data["languages"],
                email=data["email"],
                website=data["website"],
                minimum_age=data["minimum_age"],
                maximum_age=data["maximum_age"],
                to_verify=True,
                **data["flags"],
            )
            created += was_created
            updated += not was_created
        if dry_run:
            transaction.set_rollback(True)
    return {"created": created, "updated": updated}
