"""Import social media post metrics from a CSV file: all or nothing, with an error per bad row.

Columns (header row required, any order; extra columns are refused so that a wrong file is noticed):
campaign_code, influencer_handle, platform, language, date (YYYY-MM-DD), post_ref (optional),
impressions, reach, engagements, clicks, video_views (whole numbers >= 0; empty means 0).
A row with the same (campaign, handle, platform, language, date, post_ref) as a stored row updates it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Platform, SocialMetric

REQUIRED = ("campaign_code", "influencer_handle", "platform", "language", "date")
NUMBERS = ("impressions", "reach", "engagements", "clicks", "video_views")
OPTIONAL = ("post_ref", *NUMBERS)
KEY = ("campaign_code", "influencer_handle", "platform", "language", "date", "post_ref")
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000
CODE_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
HANDLE_RE = re.compile(r"^@?[A-Za-z0-9._-]{1,100}$")
POST_REF_RE = re.compile(r"^[A-Za-z0-9._:/-]{0,200}$")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _languages() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}


def parse(data: bytes) -> tuple[list[dict], list[str]]:
    if len(data) > MAX_BYTES:
        return [], [_("The file is larger than 2 MB.")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [_("The file is not UTF-8 text. Save it as “CSV UTF-8”.")]
    sample = text[:2048]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in REQUIRED + OPTIONAL]
    if missing or unknown:
        errors = []
        if missing:
            errors.append(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
        if unknown:
            errors.append(_("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)})
        return [], errors
    reader.fieldnames = header
    rows, errors, seen = [], [], {}
    platforms = set(Platform.values)
    languages = _languages()
    for number, raw in enumerate(reader, start=2):
        if number - 1 > MAX_ROWS:
            return [], [_("More than %(max)s rows: split the file.") % {"max": MAX_ROWS}]
        if None in raw:
            errors.append(_("Row %(row)s: more values than columns.") % {"row": number})
            continue
        values = {k: (v or "").strip() for k, v in raw.items()}
        if not any(values.values()):
            continue
        row_errors = []
        if not CODE_RE.match(values["campaign_code"]):
            row_errors.append(
                _("campaign code “%(value)s” is not a code") % {"value": values["campaign_code"][:40]}
            )
        if not HANDLE_RE.match(values["influencer_handle"]):
            row_errors.append(_("influencer handle is missing or has spaces or symbols"))
        platform = values["platform"].lower()
        if platform not in platforms:
            row_errors.append(_("unknown platform “%(value)s”") % {"value": values["platform"][:40]})
        language = values["language"].lower()
        if language not in languages:
            row_errors.append(
                _("language must be one of %(choices)s") % {"choices": ", ".join(sorted(languages))}
            )
        try:
            day = date.fromisoformat(values["date"])
        except ValueError:
            day = None
            row_errors.append(_("date “%(value)s” is not YYYY-MM-DD") % {"value": values["date"][:20]})
        post_ref = values.get("post_ref", "")
        if not POST_REF_RE.match(post_ref):
            row_errors.append(_("post reference must be an id or a link without spaces"))
        numbers = {}
        for name in NUMBERS:
            value = values.get(name, "").replace(" ", "")
            if value == "":
                numbers[name] = 0
            elif value.isdigit() and int(value) < 2**31:
                numbers[name] = int(value)
            else:
                row_errors.append(_("%(column)s must be a whole number ≥ 0") % {"column": name})
        if not row_errors and numbers["reach"] and numbers["engagements"] > 10 * numbers["reach"]:
            row_errors.append(_("engagements are more than ten times the reach"))
        if row_errors:
            errors.append(_("Row %(row)s: %(errors)s.") % {"row": number, "errors": "; ".join(row_errors)})
            continue
        row = {
            "campaign_code": values["campaign_code"],
            "influencer_handle": values["influencer_handle"],
            "platform": platform,
            "language": language,
            "date": day,
            "post_ref": post_ref,
            **numbers,
        }
        key = tuple(row[k] for k in KEY)
        if key in seen:
            errors.append(
                _("Row %(row)s: same post and date as row %(other)s.") % {"row": number, "other": seen[key]}
            )
            continue
        seen[key] = number
        rows.append(row)
    if not rows and not errors:
        errors.append(_("The file has no data rows."))
    return rows, errors


def import_csv(data: bytes) -> ImportResult:
    rows, errors = parse(data)
    result = ImportResult(errors=errors)
    if errors:
        return result
    with transaction.atomic():
        for row in rows:
            keys = {k: row[k] for k in KEY}
            _obj, created = SocialMetric.objects.update_or_create(
                **keys, defaults={k: row[k] for k in NUMBERS} | {"is_demo": False}
            )
            if created:
                result.created += 1
            else:
                result.updated += 1
    return result
