"""Import services from HSDS 3.0 JSON or from the project's CSV template, through the shared layer (home.tabular).

All or nothing: every record is checked first; one refused record and nothing is written. Safe to repeat: a
service is keyed on its `id` (unique per locale, migration 0007); a record whose import would change nothing
leaves no trace and reads "unchanged"; imports take a PostgreSQL advisory lock for their transaction, so two
imports of the same file at once run one after the other and the second finds every record unchanged. As in
the admin form, a published record with no way to reach the service is refused (completeness.reach_error).

`run_import(data, kind, dry_run=...)` returns a `home.tabular.Report`: one entry per record (created, updated,
unchanged or refused, with the reasons in the active language). The admin upload and the management command
both show it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from home import tabular
from home.fields import LANGUAGE_LABELS, content_languages, default_content_language

from .completeness import reach_error
from .models import CATEGORIES, FLAG_CODES, Location, Service
from .services import CHILD_FIELDS, upsert_location, upsert_organisation, upsert_service

MAX_BYTES = 10 * tabular.MB
MAX_ROWS = 10_000
REQUIRED_COLUMNS = ("id", "name", "organization")
# Any constant: the key of the advisory lock that serialises directory imports on PostgreSQL.
IMPORT_LOCK = 0x4449_5245  # "DIRE"

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
    """The file as a whole, or some of its records, refused: `errors` say why, in the active language."""

    def __init__(self, errors):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


@dataclass
class Record:
    ref: str
    data: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


# --- values -------------------------------------------------------------------------------------------------


def _float(value, name, record, low, high):
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        record.errors.append(_("%(field)s: not a number (%(value)s)") % {"field": name, "value": repr(value)})
        return None
    if not low <= number <= high:
        record.errors.append(_("%(field)s: %(value)s out of range") % {"field": name, "value": number})
        return None
    return number


def _int(value, name, record):
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        record.errors.append(
            _("%(field)s: not a whole number (%(value)s)") % {"field": name, "value": repr(value)}
        )
        return None
    if not 0 <= number <= 120:
        record.errors.append(_("%(field)s: %(value)s out of range") % {"field": name, "value": number})
        return None
    return number


def _time(value, name, record):
    try:
        return dt.time.fromisoformat(str(value)[:5])
    except ValueError:
        record.errors.append(_("%(field)s: not a time (%(value)s)") % {"field": name, "value": repr(value)})
        return None


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


def _flag(value) -> bool:
    return (value or "").strip().lower() in TRUE


# --- checks common to both formats --------------------------------------------------------------------------


def _check_required(record: Record) -> None:
    for key, column in (("external_id", "id"), ("name", "name"), ("organisation", "organization")):
        if not record.data.get(key):
            record.errors.append(_("%(field)s: missing") % {"field": column})
    status = record.data.get("status")
    if status not in STATUSES:
        record.errors.append(
            _("status: %(value)s is not one of %(choices)s")
            % {"value": repr(status), "choices": sorted(STATUSES)}
        )


def _check_codes(record: Record) -> None:
    for name, known in (("categories", CATEGORY_CODES), ("languages", LANGUAGE_LABELS)):
        for code in record.data.get(name, []):
            if code not in known:
                record.errors.append(
                    _("%(field)s: unknown code %(code)s") % {"field": name, "code": repr(code)}
                )


def _check_contacts(record: Record) -> None:
    data = record.data
    for key, validator in (("email", EmailValidator()), ("website", URLValidator())):
        if data.get(key):
            try:
                validator(data[key])
            except ValidationError:
                record.errors.append(
                    _("%(field)s: not valid (%(value)s)") % {"field": key, "value": repr(data[key])}
                )


def _check_reach(record: Record) -> None:
    """As the admin form: a published listing (active or temporarily closed) needs a way to reach the service
    (a phone, an e-mail, a website or a public street); otherwise the record is refused, not imported."""
    data = record.data
    location = data.get("location")
    fields = ("streets", "location_type", "url", "hidden_address")
    locations = [Location(**{key: location[key] for key in fields if key in location})] if location else []
    error = reach_error(
        status=data.get("status", ""),
        phones=[phone["number"] for phone in data.get("phones", [])],
        email=data.get("email", ""),
        website=data.get("website", ""),
        locations=locations,
    )
    if error is not None:
        record.errors.append(str(error))


def _check_common(record: Record) -> None:
    _check_required(record)
    _check_codes(record)
    _check_contacts(record)
    _check_reach(record)
    low, high = record.data.get("minimum_age"), record.data.get("maximum_age")
    if low is not None and high is not None and low > high:
        record.errors.append(_("maximum_age: below minimum_age"))


# --- CSV template -------------------------------------------------------------------------------------------


def _csv_texts(row: dict, column: str, max_length: int) -> dict:
    """A location text's columns -> {language code: text}: `column` is in the site's default language, and
    `column_<code>` in another content language (`address_nl`, `transportation_nl`, a third language's
    `address_en`…); empty texts are left out."""
    default = default_content_language()
    columns = {default: column} | {
        code: f"{column}_{code}" for code, _label in content_languages() if code != default
    }
    texts = {code: (row.get(name) or "").strip()[:max_length] for code, name in columns.items()}
    return {code: text for code, text in texts.items() if text}


def _csv_location(row: dict, record: Record) -> dict | None:
    lat = _float(row.get("latitude"), "latitude", record, 50.7, 51.0)
    lon = _float(row.get("longitude"), "longitude", record, 4.2, 4.55)
    streets = _csv_texts(row, "address", 200)
    if not streets and lat is None:
        return None
    return {
        "name": f"{row['name']} – {row['address']}" if row.get("address") else row.get("name", ""),
        "streets": streets,
        "postal_code": row.get("postal_code", ""),
        "city": row.get("city", "") or "Bruxelles",
        "latitude": lat,
        "longitude": lon,
        "hidden_address": _flag(row.get("hidden_address")),
        "transportation_texts": _csv_texts(row, "transportation", 250),
        "accessibility_texts": _csv_texts(row, "accessibility", 250),
    }


def _csv_record(line: int, row: dict) -> Record:
    record = Record(ref=_("line %(line)s (%(id)s)") % {"line": line, "id": row.get("id") or "?"})
    record.data = {
        "external_id": row.get("id", ""),
        "name": row.get("name", ""),
        "description": row.get("description", ""),
        "name_nl": row.get("name_nl", ""),
        "description_nl": row.get("description_nl", ""),
        "organisation": row.get("organization", ""),
        "organisation_nl": row.get("organization_nl", ""),
        "status": row.get("status") or "active",
        "categories": _split(row.get("categories")),
        "languages": _split(row.get("languages")),
        "phones": [{"number": number} for number in _split(row.get("phone"))],
        "email": row.get("email", ""),
        "website": row.get("url", ""),
        "location": _csv_location(row, record),
        "schedules": [],
        "minimum_age": _int(row.get("minimum_age"), "minimum_age", record),
        "maximum_age": _int(row.get("maximum_age"), "maximum_age", record),
        "flags": {flag: _flag(row.get(flag)) for flag in FLAG_CODES},
    }
    _check_common(record)
    return record


def parse_csv(data: str | bytes) -> list[Record]:
    """The CSV template (docs/resources.md), read by home.tabular: comma, semicolon or tab, UTF-8 with or
    without BOM, at most MAX_ROWS rows."""
    raw = data.encode() if isinstance(data, str) else data
    try:
        table = tabular.read_csv(raw, required=REQUIRED_COLUMNS, max_bytes=MAX_BYTES, max_rows=MAX_ROWS)
    except tabular.FileRefused as refused:
        raise ImportFailed(refused.messages) from None
    return [_csv_record(line, row) for line, row in table.rows]


# --- HSDS 3.0 JSON ------------------------------------------------------------------------------------------


def _address(loc: dict) -> dict:
    """The first address of an HSDS location ({} when it has none)."""
    return (loc.get("addresses") or [{}])[0]


def _street(loc: dict) -> str:
    return _address(loc).get("address_1") or ""


def _transportation(loc: dict) -> str:
    return loc.get("transportation") or ""


def _hsds_location(item: dict, record: Record) -> dict | None:
    """The service's first location, or None."""
    sal = next(iter(item.get("service_at_locations") or []), None)
    if sal is None:
        return None
    loc = sal.get("location") or {}
    address = _address(loc)
    return {
        "name": loc.get("name") or item.get("name", ""),
        **_location_texts(loc),
        "postal_code": address.get("postal_code", ""),
        "city": address.get("city", "") or "Bruxelles",
        "latitude": _float(loc.get("latitude"), "latitude", record, 50.7, 51.0),
        "longitude": _float(loc.get("longitude"), "longitude", record, 4.2, 4.55),
        "hidden_address": False,
    }


def _location_texts(loc: dict) -> dict:
    """The street, transport and accessibility texts of an HSDS location, in the default content language."""
    accessibility = [a.get("description") for a in loc.get("accessibility") or [] if a.get("description")]
    language = default_content_language()
    texts = {
        "streets": _street(loc).strip()[:200],
        "transportation_texts": _transportation(loc).strip()[:250],
        "accessibility_texts": "; ".join(accessibility).strip()[:250],
    }
    return {field: {language: text} if text else {} for field, text in texts.items()}


def _hsds_schedules(item: dict, record: Record) -> list[tuple]:
    """The weekly schedules, as (weekday, opens, closes); exceptional ones (`valid_from`) are left out."""
    schedules = []
    for schedule in item.get("schedules") or []:
        if not schedule.get("valid_from") and schedule.get("opens_at"):
            schedules.extend(_weekly_openings(schedule, record))
    return schedules


def _weekly_openings(schedule: dict, record: Record) -> list[tuple]:
    opens = _time(schedule.get("opens_at"), "opens_at", record)
    closes = _time(schedule.get("closes_at", "00:00"), "closes_at", record)
    days = [day.strip() for day in (schedule.get("byday") or "").split(",")]
    return [(BYDAY[day], opens, closes) for day in days if day in BYDAY and opens and closes]


def _hsds_attributes(item: dict) -> tuple[dict, list[str]]:
    flags = dict.fromkeys(FLAG_CODES, False)
    categories = []
    for attribute in item.get("attributes") or []:
        code = (attribute.get("taxonomy_term") or {}).get("code") or attribute.get("value")
        if code in FLAG_CODES:
            flags[code] = True
        elif code in CATEGORY_CODES:
            categories.append(code)
    return flags, categories


def _first_location(item: dict, location_id=None) -> dict:
    """The location `location_id` of an HSDS service (else its first), {} when it has none."""
    locations = [sal.get("location") or {} for sal in item.get("service_at_locations") or []]
    return next((loc for loc in locations if loc.get("id") == location_id), locations[0] if locations else {})


def _accessibility(loc: dict) -> str:
    return "; ".join(a.get("description") or "" for a in loc.get("accessibility") or [])


# A location's texts in each language: (field, maximum length, how to read it from an HSDS location).
_LOCATION_TEXTS = (
    ("streets", 200, _street),
    ("transportation_texts", 250, _transportation),
    ("accessibility_texts", 250, _accessibility),
)


def _location_dutch(fr_item: dict, nl_item: dict, location: dict) -> None:
    """Adds to `location` the Dutch street, transport and accessibility of the French document's location, from
    the Dutch document (the export gives each in its document's language, the French one when there is no Dutch
    one: equal means not given in Dutch)."""
    fr_loc = _first_location(fr_item)
    nl_loc = _first_location(nl_item, fr_loc.get("id"))
    for name, max_length, read in _LOCATION_TEXTS:
        dutch = read(nl_loc).strip()[:max_length]
        texts = {code: text for code, text in (location.get(name) or {}).items() if code != "nl"}
        if dutch and dutch != read(fr_loc).strip()[:max_length]:
            texts["nl"] = dutch
        location[name] = texts


def _hsds_dutch(record: Record, item: dict, nl_item: dict) -> None:
    """Completes a record with the Dutch document of the same service (a bilingual file)."""
    from .hsds import validation_errors

    record.errors.extend(f"nl: {error}" for error in validation_errors(nl_item)[:5])
    record.data["name_nl"] = nl_item.get("name", "") or ""
    record.data["description_nl"] = nl_item.get("description", "") or ""
    record.data["organisation_nl"] = (nl_item.get("organization") or {}).get("name", "") or ""
    if record.data["location"] is not None:
        _location_dutch(item, nl_item, record.data["location"])


def _hsds_record(index: int, item, nl_item: dict | None = None) -> Record:
    ref_id = item.get("id", "?") if isinstance(item, dict) else "?"
    record = Record(ref=_("record %(number)s (%(id)s)") % {"number": index + 1, "id": ref_id})
    if not isinstance(item, dict):
        record.errors.append(_("not an object"))
        return record
    from .hsds import validation_errors

    record.errors.extend(validation_errors(item)[:5])
    record.data = _hsds_data(item, record)
    if nl_item is not None:
        _hsds_dutch(record, item, nl_item)
    _check_common(record)
    return record


def _hsds_data(item: dict, record: Record) -> dict:
    """What a record imports from an HSDS service (in French; the Dutch texts come from `_hsds_dutch`)."""
    flags, categories = _hsds_attributes(item)
    return {
        "external_id": str(item.get("id", "")),
        "name": item.get("name", ""),
        "description": item.get("description", "") or "",
        "name_nl": "",
        "description_nl": "",
        "organisation": (item.get("organization") or {}).get("name", ""),
        "organisation_nl": "",
        "status": item.get("status", ""),
        "categories": categories,
        **_hsds_contacts(item),
        "location": _hsds_location(item, record),
        "schedules": _hsds_schedules(item, record),
        "minimum_age": _int(item.get("minimum_age"), "minimum_age", record),
        "maximum_age": _int(item.get("maximum_age"), "maximum_age", record),
        "flags": flags,
        "cost": item.get("fees_description") or "",
        "eligibility": item.get("eligibility_description") or "",
    }


def _hsds_contacts(item: dict) -> dict:
    return {
        "languages": [lang.get("code") for lang in item.get("languages") or [] if lang.get("code")],
        "phones": [{"number": p["number"]} for p in item.get("phones") or [] if p.get("number")],
        "email": item.get("email") or "",
        "website": item.get("url") or "",
    }


def _hsds_items(payload) -> list:
    """A service, a list of services or a page with 'contents' (the API's shape), as a list."""
    items = payload.get("contents", [payload]) if isinstance(payload, dict) else payload
    if not isinstance(items, list):
        raise ImportFailed([_("JSON: expected a service, a list of services or a page with “contents”.")])
    return items


def _is_bilingual(payload) -> bool:
    return isinstance(payload, dict) and "fr" in payload and set(payload) <= {"fr", "nl"}


def _hsds_pairs(payload) -> tuple[list[tuple[object, dict | None]], list]:
    """(French document, its Dutch document or None) per service, and the Dutch documents of no French one.

    A bilingual file is {"fr": …, "nl": …}, each what the API gives in that language (`?lang=fr`, `?lang=nl`):
    the two documents of a service share its id."""
    if not _is_bilingual(payload):
        return [(item, None) for item in _hsds_items(payload)], []
    dutch = {item.get("id"): item for item in _hsds_items(payload.get("nl", [])) if isinstance(item, dict)}
    pairs = [
        (item, dutch.pop(item.get("id"), None) if isinstance(item, dict) else None)
        for item in _hsds_items(payload["fr"])
    ]
    return pairs, list(dutch.values())


def _orphan_record(item: dict) -> Record:
    record = Record(ref=_("Dutch record (%(id)s)") % {"id": item.get("id", "?")})
    record.errors.append(_("no French record with this id in the file"))
    return record


def parse_hsds(data: str | bytes) -> list[Record]:
    """A service, a list of services or a page with 'contents' (the API's shape), in French; or both languages,
    {"fr": …, "nl": …}, each in one of those shapes (the Dutch names, streets and texts come from "nl")."""
    try:
        text = tabular.decode(tabular.read_bytes(data.encode() if isinstance(data, str) else data, MAX_BYTES))
        payload = json.loads(text)
    except tabular.FileRefused as refused:
        raise ImportFailed(refused.messages) from None
    except json.JSONDecodeError as error:
        raise ImportFailed([_("The file is not valid JSON: %(error)s") % {"error": error}]) from None
    pairs, orphans = _hsds_pairs(payload)
    if len(pairs) + len(orphans) > MAX_ROWS:
        raise ImportFailed([_("More than %(max)s rows: split the file.") % {"max": MAX_ROWS}])
    records = [_hsds_record(index, item, nl_item) for index, (item, nl_item) in enumerate(pairs)]
    return records + [_orphan_record(item) for item in orphans]


def parse_file(data: bytes, kind: str) -> list[Record]:
    return parse_hsds(data) if kind == "json" else parse_csv(data)


# --- writing ------------------------------------------------------------------------------------------------


class _Unchanged(Exception):
    """Raised inside a record's savepoint when its import changed nothing: the savepoint is rolled back, so an
    unchanged record leaves no trace (not even an `updated_at`)."""


def _check_duplicates(records: list[Record]) -> None:
    seen: dict[str, str] = {}
    for record in records:
        key = record.data.get("external_id")
        if key and key in seen:
            record.errors.append(
                _("id %(id)s appears twice (also %(other)s)") % {"id": repr(key), "other": seen[key]}
            )
        seen.setdefault(key, record.ref)


def _state(external_id: str) -> tuple | None:
    """Everything an import writes about one service, in every locale: equal before and after means unchanged."""
    services = Service.objects.filter(external_id=external_id).order_by("locale_id")
    if not services:
        return None
    return tuple(repr(_service_state(service)) for service in services)


_STATE_SKIPPED = {"id", "updated_at"}


def _row_values(row) -> list:
    """The values of a row's columns, but its id and `updated_at`."""
    return [getattr(row, f.attname) for f in row._meta.concrete_fields if f.attname not in _STATE_SKIPPED]


def _service_state(service: Service) -> list:
    """One row's part of `_state`: its columns, organisation, categories, child rows and locations."""
    values = _row_values(service)
    values.append(service.organisation.name)
    values.append(sorted(service.categories.values_list("code", flat=True)))
    for relation, (_model, fields) in CHILD_FIELDS.items():
        values.append([tuple(getattr(row, f) for f in fields) for row in getattr(service, relation).all()])
    values.extend(_row_values(link.location) for link in service.locations.select_related("location"))
    return values


def _write(data: dict) -> None:
    org, org_nl = upsert_organisation(name_fr=data["organisation"], name_nl=data["organisation_nl"])
    locations = [upsert_location(**data["location"])] if data["location"] else []
    upsert_service(
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


def _apply(record: Record) -> str:
    before = _state(record.data["external_id"])
    try:
        with transaction.atomic():
            _write(record.data)
            if before is not None and _state(record.data["external_id"]) == before:
                raise _Unchanged
    except _Unchanged:
        return tabular.Action.UNCHANGED
    return tabular.Action.CREATE if before is None else tabular.Action.UPDATE


def _serialise_imports() -> None:
    """One directory import at a time (until the transaction ends): the second of two concurrent imports of the
    same file waits, then sees the first's services and finds them unchanged."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])


def apply_records(records: list[Record], *, dry_run: bool = False) -> tabular.Report:
    """Check every record, then write them all in one transaction (or none: one refused record, or a dry run,
    and the transaction is rolled back). The report says, per record, what was (or would be) done."""
    report = tabular.Report(dry_run=dry_run)
    _check_duplicates(records)
    if any(record.errors for record in records):
        report.entries = [
            tabular.Entry(r.ref, tabular.Action.REFUSE if r.errors else tabular.Action.CREATE, list(r.errors))
            for r in records
        ]
        _guess_actions(report, records)
        return report
    try:
        with transaction.atomic():
            _serialise_imports()
            report.entries = [tabular.Entry(record.ref, _apply(record)) for record in records]
            if dry_run:
                transaction.set_rollback(True)
    except IntegrityError:  # a service saved meanwhile by someone else under one of these ids (not an import)
        report.entries = []
        report.file_errors = [_("These services were changed by someone else at the same time: try again.")]
        return report
    report.written = not dry_run
    return report


def _guess_actions(report: tabular.Report, records: list[Record]) -> None:
    """For a refused file, whether each good record would be created or updated (not whether it is unchanged:
    that takes a write)."""
    existing = set(
        Service.objects.filter(external_id__in=[r.data.get("external_id") for r in records]).values_list(
            "external_id", flat=True
        )
    )
    for entry, record in zip(report.entries, records, strict=True):
        if entry.action != tabular.Action.REFUSE and record.data.get("external_id") in existing:
            entry.action = tabular.Action.UPDATE


def run_import(uploaded, kind: str, *, dry_run: bool) -> tabular.Report:
    """Read (bytes or a binary file, at most MAX_BYTES), check and, unless `dry_run`, import a file. A file refused
    as a whole gives a report with `file_errors` and no entries. `kind` is "json" or "csv"."""
    try:
        data = tabular.read_bytes(uploaded, MAX_BYTES)
        records = parse_file(data, kind)
    except tabular.FileRefused as refused:
        return tabular.Report(dry_run=dry_run, file_errors=refused.messages)
    except ImportFailed as failure:
        return tabular.Report(dry_run=dry_run, file_errors=failure.errors, sha256=tabular.digest(data))
    report = apply_records(records, dry_run=dry_run)
    report.sha256 = tabular.digest(data)
    return report


def import_records(records: list[Record], *, dry_run: bool = False) -> dict[str, int]:
    """The former interface: counts, or ImportFailed with "ref: message" per error."""
    report = apply_records(records, dry_run=dry_run)
    if not report.ok:
        raise ImportFailed([f"{e.ref}: {message}" for e in report.refused for message in e.messages])
    return {"created": report.count(tabular.Action.CREATE), "updated": report.count(tabular.Action.UPDATE)}
