"""Read-only HSDS 3.0 API (unprefixed, /api/hsds/…): services, one service, organisations, taxonomies.

Query parameters: search, taxonomy_term_id, modified_after (ISO date or datetime), postcode, proximity (metres
from the centre of the postcode's communes), page, per_page (≤ 100), lang (fr|nl, default fr). Bad parameters → 400 with a JSON message; never a 500. Over the rate limit (RATELIMITS["api"]) → 429. A fixed number of queries per
page. Hidden addresses are never exported (see hsds.py).
"""

from __future__ import annotations

import datetime as dt
import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from home.ratelimit import check as ratelimit_check

from .geo import distance_km
from .hsds import (
    CATEGORY_TAXONOMY,
    FLAG_TAXONOMY,
    flag_terms,
    organization_document,
    service_document,
    stable_id,
    taxonomy_terms,
)
from .models import FLAG_CODES, Category, Commune, Organisation, Service, ServiceAtLocation, normalize
from .selectors import PUBLIC_STATUSES, category_q, located_q, with_relations

MAX_PER_PAGE = 100


class BadRequest(ValueError):
    pass


def _lang(request) -> str:
    lang = request.GET.get("lang", settings.LANGUAGE_CODE)
    if lang not in dict(settings.LANGUAGES):
        raise BadRequest(
            _("Unknown language: use one of %(codes)s.") % {"codes": ", ".join(dict(settings.LANGUAGES))}
        )
    return lang


def _int(request, name, default, minimum, maximum) -> int:
    raw = request.GET.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(_("%(name)s must be a whole number.") % {"name": name}) from None
    if not minimum <= value <= maximum:
        raise BadRequest(
            _("%(name)s must be between %(min)s and %(max)s.")
            % {"name": name, "min": minimum, "max": maximum}
        )
    return value


def _modified_after(request):
    raw = request.GET.get("modified_after")
    if not raw:
        return None
    try:
        moment = parse_datetime(raw)
        if moment is None and (day := parse_date(raw)) is not None:
            moment = dt.datetime.combine(day, dt.time(0))
    except ValueError:
        moment = None
    if moment is None:
        raise BadRequest(_("modified_after must be an ISO 8601 date or date-time."))
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, dt.UTC)
    return moment


def _error(message: str, status=400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def api_view(func):
    @require_GET
    def wrapper(request, *args, **kwargs):
        if (usage := ratelimit_check(request, "api")) is not None:
            response = _error(_("Too many requests: please slow down and try again in a minute."), status=429)
            response["Retry-After"] = str(max(1, usage["time_left"]))
            return response
        try:
            lang = _lang(request)
            with override(lang):
                return func(request, *args, lang=lang, **kwargs)
        except BadRequest as error:
            return _error(str(error))

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper


def _page(queryset_or_list, request, total):
    per_page = _int(request, "per_page", 20, 1, MAX_PER_PAGE)
    page = _int(request, "page", 1, 1, 1_000_000)
    pages = max(1, math.ceil(total / per_page))
    start = (page - 1) * per_page
    return page, per_page, pages, queryset_or_list[start : start + per_page]


def _envelope(contents, *, page, per_page, pages, total):
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": not contents,
        "contents": contents,
    }


def _locale(lang):
    return Locale.objects.get(language_code=lang)


def _paged_response(request, queryset, documents) -> JsonResponse:
    """One page of `queryset` (`page`, `per_page`) in the HSDS envelope; `documents` writes a page's rows."""
    total = queryset.count()
    page, per_page, pages, sliced = _page(queryset, request, total)
    contents = documents(sliced)
    return JsonResponse(_envelope(contents, page=page, per_page=per_page, pages=pages, total=total))


@api_view
def services(request, *, lang):
    """GET /api/hsds/services"""
    queryset = Service.objects.filter(locale=_locale(lang), live=True, status__in=PUBLIC_STATUSES)
    queryset = _search_filter(request, queryset)
    queryset = _taxonomy_term_filter(request, queryset, lang)
    if (after := _modified_after(request)) is not None:
        queryset = queryset.filter(updated_at__gt=after)
    queryset = _postcode_filter(request, queryset).order_by("pk")
    terms = flag_terms(lang)
    return _paged_response(
        request, queryset, lambda page: [service_document(s, lang, terms=terms) for s in with_relations(page)]
    )


def _search_filter(request, queryset):
    """`search`: services whose text holds every word (accents and case ignored; 8 words at most)."""
    if search := request.GET.get("search", "")[:200]:
        for term in normalize(search).split()[:8]:
            queryset = queryset.filter(search_text__contains=term)
    return queryset


def _taxonomy_term_filter(request, queryset, lang):
    """`taxonomy_term_id` (a term's id or code): services in that category, or with that flag."""
    term_id = request.GET.get("taxonomy_term_id")
    if not term_id:
        return queryset
    term = next((t for t in taxonomy_terms(lang) if t["id"] == term_id or t["code"] == term_id), None)
    if term is None:
        raise BadRequest(_("Unknown taxonomy_term_id."))
    if term["taxonomy"] == CATEGORY_TAXONOMY:
        return queryset.filter(category_q(Category.objects.filter(code=term["code"]).values("id")))
    if term["code"] in FLAG_CODES:
        return queryset.filter(**{term["code"]: True})
    return queryset


def _postcode_filter(request, queryset):
    """`postcode`: services located in a commune with that postcode (or at that postcode). With `proximity`
    (metres): services with a location within that distance of the centre of those communes."""
    postcode, proximity = _postcode_and_proximity(request)
    if not postcode:
        return queryset
    communes = [c for c in Commune.objects.all() if postcode in (c.postal_codes or [])]
    if not proximity:
        return queryset.filter(
            located_q(commune__in=[c.id for c in communes])
            | located_q(postal_code=postcode, hidden_address=False)  # never an oracle for a hidden one
        )
    return _near_communes(queryset, communes, _metres(proximity))


def _postcode_and_proximity(request) -> tuple[str, str]:
    """The `postcode` ("" when not given: then no `proximity` either) and the `proximity` as typed."""
    postcode = request.GET.get("postcode", "").strip()
    proximity = request.GET.get("proximity", "").strip()
    if proximity and not postcode:
        raise BadRequest(_("proximity needs a postcode."))
    if postcode and not (postcode.isdigit() and len(postcode) == 4):
        raise BadRequest(_("postcode must be a Belgian postcode (4 digits)."))
    return postcode, proximity


def _metres(proximity: str) -> float:
    try:
        metres = float(proximity)
    except ValueError:
        raise BadRequest(_("proximity must be a distance in metres.")) from None
    if not 0 < metres <= 50_000:
        raise BadRequest(_("proximity must be between 1 and 50000 metres."))
    return metres


def _near_communes(queryset, communes, metres: float):
    """The services with a public location within `metres` of the centre of `communes` (none without a centre)."""
    centres = [(c.centroid_lat, c.centroid_lon) for c in communes if c.centroid_lat is not None]
    if not centres:
        return queryset.none()
    lat = sum(p[0] for p in centres) / len(centres)
    lon = sum(p[1] for p in centres) / len(centres)
    near_ids = {
        service_id
        for service_id, s_lat, s_lon in ServiceAtLocation.objects.filter(
            service__in=queryset,
            location__live=True,
            location__latitude__isnull=False,
            location__hidden_address=False,
        ).values_list("service_id", "location__latitude", "location__longitude")
        if distance_km(lat, lon, s_lat, s_lon) * 1000 <= metres
    }
    return queryset.filter(pk__in=near_ids)


@api_view
def service_detail(request, service_id, *, lang):
    """GET /api/hsds/services/<uuid>"""
    try:
        service = with_relations(
            Service.objects.filter(
                translation_key=service_id, locale=_locale(lang), live=True, status__in=PUBLIC_STATUSES
            )
        ).first()
    except ValidationError:
        service = None
    if service is None:
        return _error(_("No such service."), status=404)
    return JsonResponse(service_document(service, lang))


@api_view
def organizations(request, *, lang):
    """GET /api/hsds/organizations"""
    queryset = Organisation.objects.filter(locale=_locale(lang)).order_by("pk")
    if search := request.GET.get("search", "")[:200]:
        queryset = queryset.filter(name__icontains=search)
    return _paged_response(request, queryset, lambda page: [organization_document(org, lang) for org in page])


@api_view
def taxonomies(request, *, lang):
    """GET /api/hsds/taxonomies"""
    contents = [
        # HSDS ids are UUIDs: stable ones, derived from the taxonomy's code (the terms' `taxonomy`).
        {
            "id": stable_id("taxonomy", CATEGORY_TAXONOMY),
            "name": _("Kind of help"),
            "description": _("Kind of help"),
        },
        {"id": stable_id("taxonomy", FLAG_TAXONOMY), "name": _("Flags"), "description": _("Flags")},
    ]
    return JsonResponse(_envelope(contents, page=1, per_page=len(contents), pages=1, total=len(contents)))


@api_view
def taxonomy_term_list(request, *, lang):
    """GET /api/hsds/taxonomy_terms"""
    contents = taxonomy_terms(lang)
    return JsonResponse(_envelope(contents, page=1, per_page=len(contents), pages=1, total=len(contents)))


@require_GET
def openapi_schema(request):
    """GET /api/hsds/openapi.json: the OpenAPI 3.1 description of this API (resources/openapi.py)."""
    from .openapi import openapi_document

    response = JsonResponse(openapi_document())
    response["Cache-Control"] = "public, max-age=3600"
    return response
