"""Public views of the directory: search, service page (with "report a problem"), neighbourhood pages."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale

from home import lexicon, outbox
from home.fields import language_names
from home.memo import active_locale, remember, remember_read_only
from home.public_forms import cookieless_form
from home.ratelimit import limit
from home.redact import redact_contacts

from .cards import attach_cards
from .forms import SearchForm
from .models import Category, Commune, Hotspot, ProblemReport, Quartier, Service, sorted_by_name
from .selectors import PUBLIC_STATUSES, located_q, search, services_by_category, with_relations

logger = logging.getLogger(__name__)
PER_PAGE = 20
AREA_BATCH = 500


def _locale() -> Locale:
    locale = active_locale()
    if locale is None:
        raise Http404
    return locale


def _reference_data(locale):
    """The filter lists (categories, communes, quartiers, hotspots), memoised between requests; places and
    hotspots in the order they are shown (by name in the locale's language, accents handled)."""

    def build():
        return (
            list(Category.objects.all()),
            sorted_by_name(Commune.objects.all()),
            sorted_by_name(Quartier.objects.only("id", "mdzone", "names", "centroid_lat", "centroid_lon")),
            sorted_by_name(Hotspot.objects.filter(locale=locale).only("id", "slug", "name", "locale_id")),
        )

    return remember_read_only(f"resources:filters:{locale.pk}", build)  # only read: no copy per request


def _safe_page_number(raw) -> int:
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return number if 0 < number < 10_000 else 1


# The filter fields of the directory (those in "More filters").
FILTER_FIELDS = [name for name in SearchForm.base_fields if name not in ("q", "lat", "lon")]


@require_http_methods(["GET", "HEAD"])
@limit("search")
def search_view(request):
    locale = _locale()
    categories, communes, quartiers, hotspots = _reference_data(locale)
    data = _capped(request.GET)
    form = SearchForm(data, categories=categories, communes=communes, quartiers=quartiers, hotspots=hotspots)
    filters = form.valid_filters()
    origin, origin_label = _origin(filters)
    understanding = lexicon.understand(filters["q"]) if filters.get("q") else None
    results = search(
        filters, locale=locale, categories=categories, origin=origin, understanding=understanding
    )
    number = _safe_page_number(request.GET.get("page"))
    results.read_page(number, PER_PAGE)  # the page and the count in one query
    paginator = Paginator(results, PER_PAGE)
    page_obj = paginator.get_page(number)
    page_results = attach_cards(list(page_obj.object_list), now=timezone.now())
    map_points = _map_points(page_results)
    tile_url = getattr(settings, "MAP_TILE_URL", "")
    response = render(
        request,
        "resources/search.html",
        {
            "form": form,
            "bad_input": bool(form.errors),
            "filters": filters,
            "page_obj": page_obj,
            "results": page_results,
            "result_count": paginator.count,
            "querystring_base": _querystring_base(data, form),
            "origin": origin,
            "origin_label": origin_label,
            "has_filters": bool(filters),
            # No filter field sent at all (a plain or a text search): the filter fields are the same for everyone.
            "blank_filters": not form.errors and not any(name in data for name in FILTER_FIELDS),
            "filter_count": len(set(filters) - {"q", "lat", "lon"}),
            "map_tile_url": tile_url,
            "map_attribution": strip_tags(getattr(settings, "MAP_TILE_ATTRIBUTION", "")),
            "map_points": map_points,
            "fact_sheets": _fact_sheets(understanding, locale),
        },
    )
    if tile_url and map_points:
        # Tiles are requested by the browser only after the visitor opens the map; allow their origin.
        response._csp_update = {"img-src": [tile_origin(tile_url)]}
    return response


def _capped(query):
    """The query string with absurd inputs capped before the form sees them: one value per key, 200 characters."""
    data = query.copy()
    for key in list(data.keys()):
        data.setlist(key, [value[:200] for value in data.getlist(key)[:1]])
    return data


def _origin(filters) -> tuple[tuple[float, float] | None, str]:
    """Where distances are measured from, and what to call it: the visitor's position, else the chosen place."""
    if "lat" in filters and "lon" in filters:
        return (filters["lat"], filters["lon"]), _("your position")
    if (place := filters.get("near")) and place.lat is not None:
        return (place.lat, place.lon), place.name
    return None, ""


def _querystring_base(data, form) -> str:
    """The valid filters, to carry over to the other pages of the results."""
    return urlencode(
        [(k, v) for k, v in data.items() if k != "page" and k in form.fields and k not in form.errors and v]
    )


def _map_points(results) -> list[dict]:
    return [
        {
            "lat": result.card.point[0],
            "lon": result.card.point[1],
            "name": result.card.name,
            "url": result.url,
        }
        for result in results
        if result.card.point is not None
    ]


def _fact_sheets(understanding, locale) -> list:
    """The fact sheets of the substances a query names (one search: "coke" in the directory also offers the
    cocaine sheet). No query when the query names none."""
    if understanding is None or not understanding.substances or not apps.is_installed("campaigns"):
        return []
    SubstancePage = apps.get_model("campaigns", "SubstancePage")  # a layer above: looked up, not imported
    pages = {
        str(page.translation_key): page
        for page in SubstancePage.objects.live()
        .public()
        .filter(locale=locale, translation_key__in=understanding.substances)
        .only("id", "title", "url_path", "path", "depth", "locale_id", "translation_key")
    }
    return [pages[key] for key in understanding.substances if key in pages][:3]


def tile_origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"


@cookieless_form  # no CSRF cookie for readers of the listing (home/public_forms.py)
@require_http_methods(["GET", "HEAD", "POST"])
@limit(
    "report",
    method="POST",
    message=gettext_lazy("Too many reports from your connection. Please try again later."),
)
def service_view(request, pk: int):
    from .forms import ProblemReportForm

    locale = _locale()
    # The listing with everything its page shows, memoised (home.memo: a listing, its locations or the
    # directory saved or imported bumps the content version): no query when it was shown before. A 404 is not kept.
    # Only a live listing is public (its drafts are revisions).
    service = remember(
        f"resources:service-page:{int(pk)}",
        lambda: get_object_or_404(with_relations(Service.objects.filter(pk=pk, live=True))),
    )
    if service.locale_id != locale.id:
        translated = Service.objects.filter(
            translation_key=service.translation_key, locale=locale, live=True
        ).first()
        if translated is not None:
            return redirect("resources:service", pk=translated.pk)
    report_form = ProblemReportForm()
    if request.method == "POST":
        report_form = ProblemReportForm(request.POST)
        if report_form.is_valid():
            if report_form.cleaned_data["website"]:
                # A robot filled the honeypot: pretend it worked, keep nothing.
                messages.success(request, _("Thank you. The directory team will check this listing."))
                return redirect("resources:service", pk=service.pk)
            with transaction.atomic():  # the report and its e-mail in the outbox, or neither
                report = ProblemReport.objects.create(
                    service=service,
                    reason=report_form.cleaned_data["reason"],
                    comment=redact_contacts(report_form.cleaned_data["comment"]),
                )
                _notify_managers(request, report)
            messages.success(request, _("Thank you. The directory team will check this listing."))
            return redirect("resources:service", pk=service.pk)
    status = service.status_at()
    location_rows = [link.location for link in service.locations.all()]
    return render(
        request,
        "resources/service_detail.html",
        {
            "service": service,
            "status": status,
            "locations": location_rows,
            "language_names": language_names(service.languages),
            "event_area": _event_area(service, location_rows),
            "report_form": report_form,
            "not_in_language": service.locale_id != locale.id,
            "is_public": service.status in (Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED),
        },
        status=400 if request.method == "POST" else 200,
    )


def _event_area(service, locations) -> dict:
    """The codes a service's analytics events carry (home/events.py): its first category, and the commune and
    quartier of its first public location (never those of a hidden address)."""
    categories = list(service.categories.all())
    public = next(
        (loc for loc in locations if not loc.hidden_address and loc.location_type != "virtual"), None
    )
    return {
        "category": categories[0].code if categories else "",
        "commune": public.commune.nis_code if public is not None and public.commune_id else "",
        "quartier": public.quartier.mdzone if public is not None and public.quartier_id else "",
    }


def _notify_managers(request, report: ProblemReport) -> None:
    """Queue the e-mail to the directory managers (home/outbox.py): the task worker sends it, retries it while
    the mail server is away, and lists it in the admin if it never leaves. The visitor waits for nothing."""
    recipients = getattr(settings, "DIRECTORY_MANAGERS_EMAILS", [])
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        try:
            admin_url = request.build_absolute_uri(reverse("resources_problemreport:index"))
        except NoReverseMatch:
            admin_url = request.build_absolute_uri("/admin/")
        subject = _("Directory: problem reported on listing #%(id)s") % {"id": report.service_id}
        body = "\n".join(
            [
                _("Listing: %(name)s") % {"name": report.service.name},
                _("Reason: %(reason)s") % {"reason": report.get_reason_display()},
                _("Comment: %(comment)s") % {"comment": report.comment or "-"},
                "",
                admin_url,
            ]
        )
    outbox.queue(
        key=f"problem-report:{report.pk}",
        kind="problem_report",
        subject=subject,
        body=body,
        to=list(recipients),
    )


# --- Neighbourhood pages -------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def neighbourhoods_view(request):
    locale = _locale()
    communes = sorted_by_name(
        Commune.objects.prefetch_related(Prefetch("quartiers", queryset=Quartier.objects.defer("polygon")))
    )
    for commune in communes:  # each commune's quartiers in the page's language order
        commune.sorted_quartiers = sorted_by_name(commune.quartiers.all())
    hotspots = sorted_by_name(Hotspot.objects.filter(locale=locale).select_related("commune"))
    return render(request, "resources/neighbourhoods.html", {"communes": communes, "hotspots": hotspots})


def _area_page(request, area, *, services_q, search_params, lead=""):
    """The public services located in `area` (a commune, a quartier or a hotspot), by category."""
    kind = area._meta.model_name  # "commune", "quartier" or "hotspot"
    place = {"place": area.name}
    title = _("Help in %(place)s") % place if kind == "commune" else _("Help near %(place)s") % place
    locale = _locale()
    categories = list(Category.objects.all())
    ids = list(
        Service.objects.filter(services_q, locale=locale, live=True, status__in=PUBLIC_STATUSES)
        .order_by("name", "pk")
        .values_list("pk", flat=True)
    )
    # Loaded by batches: SQLite refuses prefetches over ~1,000 parent rows (6 queries per 500 services).
    services = []
    for start in range(0, len(ids), AREA_BATCH):
        services += list(
            with_relations(Service.objects.filter(pk__in=ids[start : start + AREA_BATCH])).order_by(
                "name", "pk"
            )
        )
    services = sorted_by_name(services)  # the language's order, accents handled (not the database's)
    return render(
        request,
        "resources/area.html",
        {
            "title": title,
            "kind": kind,
            "area": area,
            "lead": lead,
            "groups": services_by_category(services, categories),
            "service_count": len(services),
            "search_url": reverse("resources:search") + "?" + urlencode(search_params),
        },
    )


@require_http_methods(["GET", "HEAD"])
def commune_view(request, nis_code: str):
    commune = get_object_or_404(Commune, nis_code=nis_code)
    return _area_page(
        request, commune, services_q=located_q(commune=commune), search_params={"commune": commune.nis_code}
    )


@require_http_methods(["GET", "HEAD"])
def quartier_view(request, mdzone: int):
    quartier = get_object_or_404(Quartier, mdzone=mdzone)
    return _area_page(
        request, quartier, services_q=located_q(quartier=quartier), search_params={"near": quartier.mdzone}
    )


@require_http_methods(["GET", "HEAD"])
def hotspot_view(request, slug: str):
    hotspot = Hotspot.objects.filter(slug=slug, locale=_locale()).select_related("commune").first()
    if hotspot is None:
        raise Http404
    quartier_ids = list(hotspot.quartiers.values_list("id", flat=True))
    return _area_page(
        request,
        hotspot,
        services_q=located_q(quartier_id__in=quartier_ids),
        search_params={"hotspot": hotspot.slug},
    )
