"""Import social media post metrics from a CSV file: all or nothing, with an error per bad row.

Columns (header row required, any order; extra columns are refused so that a wrong file is noticed):
campaign_code, influencer_handle, platform, language, date (YYYY-MM-DD), post_ref (optional),
impressions, reach, engagements, clicks, video_views (whole numbers >= 0; empty means 0).
A row with the same (campaign, handle, platform, language, date, post_ref) as a stored row updates it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from home import tabular

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


def _check_identity(values: dict, errors: list) -> tuple[str, str]:
    if not CODE_RE.match(values["campaign_code"]):
        errors.append(_("campaign code “%(value)s” is not a code") % {"value": values["campaign_code"][:40]})
    if not HANDLE_RE.match(values["influencer_handle"]):
        errors.append(_("influencer handle is missing or has spaces or symbols"))
    platform = values["platform"].lower()
    if platform not in Platform.values:
        errors.append(_("unknown platform “%(value)s”") % {"value": values["platform"][:40]})
    language = values["language"].lower()
    languages = _languages()
    if language not in languages:
        errors.append(_("language must be one of %(choices)s") % {"choices": ", ".join(sorted(languages))})
    return platform, language


def _check_date(values: dict, errors: list) -> date | None:
    try:
        return date.fromisoformat(values["date"])
    except ValueError:
        errors.append(_("date “%(value)s” is not YYYY-MM-DD") % {"value": values["date"][:20]})
        return None


def _check_numbers(values: dict, errors: list) -> dict[str, int]:
    numbers = {}
    for name in NUMBERS:
        value = values.get(name, "").replace(" ", "")
        if value == "":
            numbers[name] = 0
        elif value.isdigit() and int(value) < 2**31:
            numbers[name] = int(value)
        else:
            errors.append(_("%(column)s must be a whole number ≥ 0") % {"column": name})
    if not errors and numbers["reach"] and numbers["engagements"] > 10 * numbers["reach"]:
        errors.append(_("engagements are more than ten times the reach"))
    return numbers


def _parse_row(values: dict) -> tuple[dict, list[str]]:
    errors: list[str] = []
    platform, language = _check_identity(values, errors)
    day = _check_date(values, errors)
    post_ref = values.get("post_ref", "")
    if not POST_REF_RE.match(post_ref):
        errors.append(_("post reference must be an id or a link without spaces"))
    numbers = _check_numbers(values, errors)
    row = {
        "campaign_code": values["campaign_code"],
        "influencer_handle": values["influencer_handle"],
        "platform": platform,
        "language": language,
        "date": day,
        "post_ref": post_ref,
        **numbers,
    }
    return row, errors


def parse(data: bytes) -> tuple[list[dict], list[str]]:
    """Rows read by the shared layer (home.tabular); each row checked here. Returns (rows, errors)."""
    try:
        table = tabular.read_csv(
            data, required=REQUIRED, optional=OPTIONAL, max_bytes=MAX_BYTES, max_rows=MAX_ROWS
        )
    except tabular.FileRefused as refused:
        return [], refused.messages
    rows, errors, seen = [], [], {}
    for number, values in table.rows:
        if number in table.overfull:
            errors.append(_("Row %(row)s: more values than columns.") % {"row": number})
            continue
        row, row_errors = _parse_row(values)
        if row_errors:
            errors.append(_("Row %(row)s: %(errors)s.") % {"row": number, "errors": "; ".join(row_errors)})
            continue
        key = tuple(row[k] for k in KEY)
        if key in seen:
            errors.append(
                _("Row %(row)s: same post and date as row %(other)s.") % {"row": number, "other": seen[key]}
            )
            continue
        seen[key] = number
        rows.append(row)
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
