"""Tracked short links (`/go/<code>`): where a code leads, its UTM tags, and the per-day click counter.

The counter stores a number per code and day (Brussels date): no IP address, no user agent, no cookie.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

import segno
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Locale, Page

from .models import ClickDay, Deliverable, TrackedLink, Variant


@dataclass
class LinkTarget:
    code: str
    page: Page | None
    language: str
    utm: dict[str, str]


def utm_for_variant(variant: Variant) -> dict[str, str]:
    deliverable = variant.deliverable
    return {
        "utm_source": deliverable.platform,
        "utm_medium": "influencer",
        "utm_campaign": deliverable.campaign_code,
        "utm_content": f"{deliverable.influencer.slug}-{deliverable.pk}-{variant.language}",
    }


def utm_for_poster(link: TrackedLink) -> dict[str, str]:
    return {
        "utm_source": link.medium,
        "utm_medium": link.medium,
        "utm_campaign": link.campaign_code,
        "utm_content": f"hotspot-{link.hotspot_slug}",
    }


def page_in_language(page: Page | None, language: str) -> Page | None:
    """The page's live translation in `language`, else the page itself, else that language's home page."""
    locale = Locale.objects.filter(language_code=language).first()
    if page is not None:
        if locale is not None:
            translation = page.get_translation_or_none(locale)
            if translation is not None and translation.live:
                return translation
        if page.live:
            return page
    if locale is not None:
        return Page.objects.filter(depth=2, locale=locale, live=True).first()
    return None


CODE_RE = re.compile(r"[A-Za-z0-9_-]{1,40}")


def valid_code(code: str) -> bool:
    """Codes are slugs; anything else (NUL bytes, very long strings) never reaches the database."""
    return bool(CODE_RE.fullmatch(code or ""))


def resolve(code: str) -> LinkTarget | None:
    if not valid_code(code):
        return None
    variant = (
        Variant.objects.select_related("deliverable__influencer", "deliverable__campaign_page")
        .filter(link_code=code)
        .first()
    )
    if variant is not None:
        page = page_in_language(variant.deliverable.campaign_page, variant.language)
        return LinkTarget(code, page, variant.language, utm_for_variant(variant))
    link = TrackedLink.objects.select_related("campaign_page").filter(code=code).first()
    if link is not None:
        page = page_in_language(link.campaign_page, link.language)
        return LinkTarget(code, page, link.language, utm_for_poster(link))
    return None


def with_utm(url: str, utm: dict[str, str]) -> str:
    parts = urlsplit(url)
    query = f"{parts.query}&{urlencode(utm)}" if parts.query else urlencode(utm)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def local_today() -> dt.date:
    return timezone.localdate()  # TIME_ZONE is Europe/Brussels


def count_click(code: str, day: dt.date | None = None) -> None:
    """Add one click to (code, day) with an F() increment: concurrent clicks are never lost."""
    day = day or local_today()
    if ClickDay.objects.filter(code=code, day=day).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            ClickDay.objects.create(code=code, day=day, count=1)
    except IntegrityError:  # another request created the row first
        ClickDay.objects.filter(code=code, day=day).update(count=F("count") + 1)


def code_in_use(code: str) -> bool:
    if not valid_code(code):
        return False
    return Variant.objects.filter(link_code=code).exists() or TrackedLink.objects.filter(code=code).exists()


def qr_svg(url: str) -> bytes:
    import io

    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=8, border=2, title=url, xmldecl=False)
    return out.getvalue()


def click_totals(codes) -> dict[str, int]:
    """Clicks counted so far per link code (one query)."""
    from django.db.models import Sum

    rows = ClickDay.objects.filter(code__in=list(codes)).values("code").annotate(total=Sum("count"))
    return {row["code"]: row["total"] for row in rows}


def hotspot_choices() -> list[tuple[str, str]]:
    """The directory's hotspots (slug, name in the active language, else the default one)."""
    from django.utils import translation
    from wagtail.models import Locale

    from resources.models import Hotspot

    rows = Hotspot.objects.filter(locale__language_code=translation.get_language()).order_by("name")
    if not rows.exists():
        rows = Hotspot.objects.filter(locale=Locale.get_default()).order_by("name")
    return [(h.slug, h.name) for h in rows]


def campaign_code_choices() -> list[tuple[str, str]]:
    """The campaign codes the evaluation tracks (read by name: the evaluation is a later layer), and those
    already used by deliverables, so a poster's scans reach the same reports as the influencers' posts."""
    from django.apps import apps

    codes: dict[str, str] = {}
    if apps.is_installed("campaigns"):  # the campaign pages' own codes first (their one source)
        for code, title in (
            apps.get_model("campaigns", "CampaignPage")
            .objects.exclude(code="")
            .order_by("-locale__language_code")
            .values_list("code", "title")
        ):
            codes[code] = f"{title} ({code})"
    if apps.is_installed("evaluation"):
        for code, name in apps.get_model("evaluation", "TrackedCampaign").objects.values_list("code", "name"):
            codes[code] = f"{name} ({code})"
    for code in (
        Deliverable.objects.exclude(campaign_code="").values_list("campaign_code", flat=True).distinct()
    ):
        codes.setdefault(code, code)
    return sorted(codes.items(), key=lambda item: item[1].lower())
