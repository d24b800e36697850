"""CSV import and export of the plan, and CSV import of post metrics.

Import is all-or-nothing: every row is checked first (per-row messages with the line number); if one row is
wrong nothing is written. A dry run checks and reports without writing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from home import tabular
from home.fields import LANGUAGE_LABELS

from . import services
from .models import Deliverable, Influencer, MetricSnapshot, Platform, Status, Variant, check_disclosure

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
PLAN_COLUMNS = [
    "campaign_code",
    "campaign_page_id",
    "influencer",
    "platform",
    "planned_local",
    "timezone",
    "draft_due_local",
    "key_message",
    "language",
    "caption",
    "hashtags",
    "disclosure",
]
EXPORT_COLUMNS = [*PLAN_COLUMNS, "status", "tracked_link", "live_url"]
METRIC_COLUMNS = ["link_code", *MetricSnapshot.REPORTED_FIELDS]
METRIC_OPTIONAL = ["link_clicks"]


class CSVFileError(ValueError):
    """The file as a whole cannot be read."""


@dataclass
class ImportReport:
    dry_run: bool
    errors: list[str] = field(default_factory=list)
    deliverables: int = 0
    variants: int = 0
    written: bool = False


def read_rows(uploaded, required: list[str]) -> list[tuple[int, dict[str, str]]]:
    """The rows of an upload, read by the shared layer (home.tabular): size, encoding, dialect, header, row cap."""
    try:
        return tabular.read_csv(uploaded, required=required, max_bytes=MAX_BYTES, max_rows=MAX_ROWS).rows
    except tabular.FileRefused as exc:
        raise CSVFileError(" ".join(exc.messages)) from exc


def _parse_local(value: str, zone_name: str, label: str) -> dt.datetime:
    try:
        naive = dt.datetime.strptime(value, "%Y-%m-%d %H:%M")
    except ValueError as exc:
        raise ValidationError(
            _("%(field)s: “%(value)s” is not a date and time like 2026-03-29 18:30.")
            % {"field": label, "value": value}
        ) from exc
    zone = services.zone_or_default(zone_name)
    return services.local_to_utc(naive.date(), naive.time(), zone)


def _find_influencer(value: str, cache: dict) -> Influencer:
    if value not in cache:
        handle = value.lstrip("@")
        cache[value] = list(
            Influencer.objects.filter(
                Q(name__iexact=value)
                | Q(handle_instagram__iexact=handle)
                | Q(handle_tiktok__iexact=handle)
                | Q(handle_youtube__iexact=handle)
                | Q(handle_snapchat__iexact=handle)
            )[:2]
        )
    found = cache[value]
    if len(found) != 1:
        raise ValidationError(
            _("Unknown influencer “%(value)s”.") % {"value": value}
            if not found
            else _("Several influencers match “%(value)s”.") % {"value": value}
        )
    return found[0]


def _check_slot(row: dict, zone_name: str, now: dt.datetime, problems: list) -> tuple:
    slot = due = None
    try:
        slot = _parse_local(row.get("planned_local", ""), zone_name, "planned_local")
        if slot <= now:
            problems.append(_("The slot is in the past."))
    except ValidationError as exc:
        problems.extend(exc.messages)
    if row.get("draft_due_local"):
        try:
            due = _parse_local(row["draft_due_local"], zone_name, "draft_due_local")
            if slot and due > slot:
                problems.append(_("The draft must be due before the slot."))
        except ValidationError as exc:
            problems.extend(exc.messages)
    return slot, due


def _check_zone(row: dict, problems: list) -> str:
    zone_name = row.get("timezone") or "Europe/Brussels"
    try:
        zoneinfo.ZoneInfo(zone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        problems.append(_("Unknown time zone: %(zone)s") % {"zone": zone_name})
    return zone_name


def _check_language(row: dict, problems: list) -> str:
    language = row.get("language", "")
    if language not in LANGUAGE_LABELS:
        problems.append(_("Unknown language code(s): %(codes)s") % {"codes": language})
    try:
        check_disclosure(language, row.get("disclosure", ""))
    except ValidationError as exc:
        problems.extend(exc.messages)
    return language


def _check_campaign(row: dict, problems: list):
    if not row.get("campaign_code", ""):
        problems.append(_("The campaign code is required."))
    value = row.get("campaign_page_id")
    if not value:
        return None
    page = Page.objects.filter(pk=value).first() if value.isdigit() else None
    if page is None:
        problems.append(_("Unknown campaign page id “%(value)s”.") % {"value": value})
    return page


def _check_platform(row: dict, problems: list) -> str:
    platform = row.get("platform", "")
    if platform not in Platform.values:
        problems.append(
            _("Unknown platform “%(value)s” (use one of: %(choices)s).")
            % {"value": platform, "choices": ", ".join(Platform.values)}
        )
    return platform


def _plan_row(row: dict, influencers: dict, now: dt.datetime) -> tuple[dict, list[str]]:
    """One row of the plan checked: (the deliverable's fields and the variant's language, problems)."""
    problems: list[str] = []
    try:
        influencer = _find_influencer(row.get("influencer", ""), influencers)
    except ValidationError as exc:
        problems.extend(exc.messages)
        influencer = None
    platform = _check_platform(row, problems)
    zone_name = _check_zone(row, problems)
    slot, due = _check_slot(row, zone_name, now, problems)
    language = _check_language(row, problems)
    page = _check_campaign(row, problems)
    fields = {
        "campaign_code": row.get("campaign_code", ""),
        "campaign_page": page,
        "influencer": influencer,
        "platform": platform,
        "planned_at": slot,
        "timezone": zone_name,
        "draft_due_at": due,
        "key_message": row.get("key_message", ""),
    }
    return {"fields": fields, "language": language}, problems


# The columns a plan file must have (the others are optional).
PLAN_REQUIRED_COLUMNS = [c for c in PLAN_COLUMNS if c not in ("campaign_page_id", "draft_due_local")]


def _line_errors(line: int, problems: list[str]) -> list[str]:
    return [_("Line %(line)s: %(problem)s") % {"line": line, "problem": p} for p in problems]


def import_plan(uploaded, *, actor, dry_run: bool, now: dt.datetime | None = None) -> ImportReport:
    now = now or timezone.now()
    report = ImportReport(dry_run=dry_run)
    rows = read_rows(uploaded, PLAN_REQUIRED_COLUMNS)
    influencers: dict = {}
    planned: dict[tuple, dict] = {}
    for line, row in rows:
        checked, problems = _plan_row(row, influencers, now)
        if problems:
            report.errors.extend(_line_errors(line, problems))
            continue
        if not _plan_variant(planned, checked, row, actor):
            report.errors.append(
                _("Line %(line)s: %(problem)s")
                % {"line": line, "problem": _("This language appears twice for the same post.")}
            )
    report.deliverables = len(planned)
    report.variants = sum(len(g["variants"]) for g in planned.values())
    if report.errors or dry_run:
        return report
    _write_plan(planned)
    report.written = True
    return report


def _plan_variant(planned: dict[tuple, dict], checked: dict, row: dict, actor) -> bool:
    """Add the row's variant to its post (one per campaign, influencer, platform and slot); False when the post
    has that language already."""
    fields, language = checked["fields"], checked["language"]
    key = (fields["campaign_code"], fields["influencer"].pk, fields["platform"], fields["planned_at"])
    group = planned.setdefault(key, {"fields": {**fields, "created_by": actor}, "variants": {}})
    if language in group["variants"]:
        return False
    group["variants"][language] = {
        "language": language,
        "caption": row.get("caption", ""),
        "hashtags": row.get("hashtags", ""),
        "disclosure": row.get("disclosure", ""),
    }
    return True


@transaction.atomic
def _write_plan(planned: dict[tuple, dict]) -> None:
    for group in planned.values():
        deliverable = Deliverable.objects.create(**group["fields"])
        for values in group["variants"].values():
            services.save_variant(Variant(deliverable=deliverable, **values))


def _safe(value) -> str:
    """Neutralise spreadsheet formulas (CSV injection)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export_plan(variants, *, request=None) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for v in variants:
        d = v.deliverable
        zone = d.zone
        link = request.build_absolute_uri(f"/go/{v.link_code}") if request else f"/go/{v.link_code}"
        writer.writerow(
            [
                _safe(x)
                for x in (
                    d.campaign_code,
                    d.campaign_page_id or "",
                    d.influencer.name,
                    d.platform,
                    d.planned_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                    d.timezone,
                    d.draft_due_at.astimezone(zone).strftime("%Y-%m-%d %H:%M") if d.draft_due_at else "",
                    d.key_message,
                    v.language,
                    v.caption,
                    v.hashtags,
                    v.disclosure,
                    v.status,
                    link,
                    v.live_url,
                )
            ]
        )
    return out.getvalue()


def _metric_row(row: dict, variants: dict) -> tuple:
    """One row of the metrics file read: (variant, day, values, problems)."""
    problems = []
    variant = variants.get(row.get("link_code", ""))
    if variant is None:
        problems.append(_("Unknown tracked link code “%(value)s”.") % {"value": row.get("link_code", "")})
    elif variant.status not in (Status.PUBLISHED, Status.METRICS_COLLECTED):
        problems.append(_("Metrics can only be entered for a published post."))
    try:
        day = dt.date.fromisoformat(row.get("date", ""))
    except ValueError:
        problems.append(_("“%(value)s” is not a date like 2026-03-29.") % {"value": row.get("date", "")})
        day = None
    values = _metric_values(row, problems)
    return variant, day, values, problems


def _metric_values(row: dict, problems: list) -> dict:
    values = {}
    for name in ["views", "reach", "likes", "comments", "shares", "saves", *METRIC_OPTIONAL]:
        raw = row.get(name, "") or "0"
        if not raw.isdigit():
            problems.append(
                _("%(field)s: “%(value)s” is not a whole number.") % {"field": name, "value": raw}
            )
        else:
            values[name] = int(raw)
    rate = row.get("completion_rate", "").replace(",", ".").rstrip("%")
    if rate:
        try:
            values["completion_rate"] = Decimal(rate)
            if not 0 <= values["completion_rate"] <= 100:
                raise InvalidOperation
        except InvalidOperation:
            problems.append(_("completion_rate: “%(value)s” is not a percentage.") % {"value": rate})
    return values


def import_metrics(uploaded, *, actor, dry_run: bool, allowed_variants=None) -> ImportReport:
    report = ImportReport(dry_run=dry_run)
    rows = read_rows(uploaded, METRIC_COLUMNS)
    base = allowed_variants if allowed_variants is not None else Variant.objects.all()
    variants = {v.link_code: v for v in base.filter(link_code__in=[r.get("link_code", "") for _l, r in rows])}
    parsed = []
    for line, row in rows:
        variant, day, values, problems = _metric_row(row, variants)
        if problems:
            report.errors.extend(_line_errors(line, problems))
            continue
        parsed.append((variant, day, values))
    report.variants = len(parsed)
    if report.errors or dry_run:
        return report
    with transaction.atomic():
        for variant, day, values in parsed:
            MetricSnapshot.objects.update_or_create(variant=variant, date=day, defaults=values)
            services.note_metrics(variant.pk, actor=actor)
    report.written = True
    return report
