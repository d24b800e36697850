"""Public referral tools for prevention workers: slip, short link, warm referral, landing page.

No account is needed and nothing about the person is stored: the basket lives in the URL, the warm referral
exists only in the e-mail sent to the service, and the evaluation sees counters (see models.ReferralCount).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale

from home.fields import LANGUAGE_LABELS
from home.once import first_time
from home.public_forms import cookieless_form
from home.ratelimit import check as ratelimit_check
from home.ratelimit import limit, retry_after_seconds
from resources.models import Service
from resources.selectors import PUBLIC_STATUSES, attach_services, search

from .basket import MAX_SERVICES, encode_short, parse_basket, slip_languages
from .forms import WarmReferralForm
from .models import ReferralCount
from .qr import qr_svg
from .selectors import slip_services
from .services import WarmReferralFailed, count, send_warm_referral

FORMATS = ("a6", "a4")
PICKER_RESULTS = 8


def slip_url(ids, language: str, fmt: str = "a6") -> str:
    params = {"s": ".".join(str(pk) for pk in ids), "lang": language}
    if fmt != "a6":
        params["format"] = fmt
    return reverse("referrals:slip") + "?" + urlencode(params)


def _slip_language(raw: str | None, notices: list[str]) -> str:
    interface = translation.get_language() or settings.LANGUAGE_CODE
    code = (raw or "").strip().lower()[:10]
    if not code:
        return interface
    if code not in slip_languages():
        notices.append(
            _("The slip language you asked for is not available: the slip is in this page's language.")
        )
        return interface
    return code


def _basket_notices(problems: set[str], left_out: int) -> list[str]:
    notices = []
    if "invalid" in problems:
        notices.append(_("Some service numbers in the address were not valid and were ignored."))
    if "duplicates" in problems:
        notices.append(_("A service was listed twice: it appears once."))
    if "too_many" in problems:
        notices.append(
            _("A slip holds at most %(max)s services: the first %(max)s were kept.") % {"max": MAX_SERVICES}
        )
    if left_out:
        notices.append(
            ngettext(
                "%(n)s service could not be found or is no longer active: it was left out.",
                "%(n)s services could not be found or are no longer active: they were left out.",
                left_out,
            )
            % {"n": left_out}
        )
    return notices


def _absolute(request, path: str) -> str:
    base = getattr(settings, "REFERRALS_BASE_URL", "")
    return base.rstrip("/") + path if base else request.build_absolute_uri(path)


def _slip_format(requested: str | None, notices: list[str]) -> str:
    fmt = (requested or "a6").lower()[:5]
    if fmt not in FORMATS:
        notices.append(_("Unknown print format: the A6 card is used."))
        fmt = "a6"
    return fmt


def _slip_entries(request, services, slip_language: str) -> list[dict]:
    """A card per service, in the slip's language: its hours status, places and a QR code of its page."""
    entries = []
    with translation.override(slip_language):
        qr_title = _("QR code: the page of this service")
        for service in services:
            service_path = reverse("resources:service", args=[service.pk])
            entries.append(
                {
                    "service": service,
                    "status": service.status_at(),
                    "locations": [link.location for link in service.locations.all()],
                    "qr": qr_svg(_absolute(request, service_path), qr_title),
                }
            )
    return entries


def _add_tools(entries: list[dict], ids: list[int], slip_language: str, fmt: str) -> None:
    """The worker's tools on each card, in the interface language: remove it, refer warmly."""
    for entry in entries:
        service = entry["service"]
        entry["remove_url"] = slip_url([pk for pk in ids if pk != service.pk], slip_language, fmt)
        entry["warm_url"] = (
            reverse("referrals:warm", args=[service.pk]) + "?" + urlencode({"lang": slip_language})
            if service.referral_email
            else ""
        )


def _picks(query: str, ids: list[int], slip_language: str, fmt: str) -> list[dict]:
    """The services found by the worker's search (in the interface language), each with its add link."""
    if not query or len(ids) >= MAX_SERVICES:
        return []
    results = search({"q": query}, locale=Locale.get_active(), categories=[], exclude_ids=ids)
    return [
        {"service": r.service, "add_url": slip_url([*ids, r.service_id], slip_language, fmt)}
        for r in attach_services(results[:PICKER_RESULTS])
    ]


@require_http_methods(["GET", "HEAD"])
@limit("slip")
def slip_view(request):
    notices: list[str] = []
    slip_language = _slip_language(request.GET.get("lang"), notices)
    fmt = _slip_format(request.GET.get("format"), notices)
    basket = parse_basket(request.GET.getlist("s"))
    locale = Locale.objects.filter(language_code=slip_language).first()
    services, left_out = slip_services(basket.ids, locale=locale) if locale else ([], basket.ids)
    notices += _basket_notices(basket.problems, len(left_out))
    ids = [service.pk for service in services]

    entries = _slip_entries(request, services, slip_language)
    with translation.override(slip_language):
        share_qr_title = _("QR code: this referral slip")
    _add_tools(entries, ids, slip_language, fmt)
    short_url = (
        _absolute(request, reverse("referrals_short", args=[encode_short(slip_language, ids)])) if ids else ""
    )
    query = (request.GET.get("q") or "").strip()[:100]
    picks = _picks(query, ids, slip_language, fmt)
    if request.method == "GET" and services and first_time(request, "slip", f"{ids}:{slip_language}"):
        count(services, kind=ReferralCount.Kind.SLIP_MADE, language=slip_language)
    return render(
        request,
        "referrals/slip.html",
        {
            "entries": entries,
            "ids_param": ".".join(str(pk) for pk in ids),
            "slip_language": slip_language,
            "interface_language": translation.get_language(),
            "slip_language_name": dict(settings.LANGUAGES).get(slip_language, slip_language),
            "languages": settings.LANGUAGES,
            "format": fmt,
            "formats": [("a6", _("A6 card")), ("a4", _("A4 page"))],
            "notices": notices,
            "short_url": short_url,
            "share_qr": qr_svg(short_url, share_qr_title) if short_url else "",
            "query": query,
            "picks": picks,
            "can_add": len(ids) < MAX_SERVICES,
            "max_services": MAX_SERVICES,
            "clear_url": reverse("referrals:slip"),
        },
        status=200,
    )


@require_http_methods(["GET", "HEAD"])
def short_link_view(request, code: str):
    from .basket import decode_short

    decoded = decode_short(code)
    if decoded is None:
        return _unavailable(
            # 400, not 404: on a 404 LocaleMiddleware would redirect to /<lang>/r/… (the page tree catches all).
            request,
            _("This referral link is not valid. Ask for a new one or search the directory."),
            400,
        )
    language, ids = decoded
    with translation.override(language):
        return HttpResponseRedirect(slip_url(ids, language))


def _unavailable(request, message: str, status: int):
    return render(request, "referrals/unavailable.html", {"message": message}, status=status)


@cookieless_form  # no CSRF cookie on the form's page (home/public_forms.py)
@require_http_methods(["GET", "HEAD", "POST"])
def warm_view(request, pk: int):
    service = (
        Service.objects.filter(pk=pk, live=True, status__in=PUBLIC_STATUSES)
        .only("id", "name", "referral_email", "locale_id", "translation_key")
        .first()
    )
    if service is None:
        return _unavailable(request, _("This service cannot be found or is no longer active."), 404)
    if not service.referral_email:
        return _unavailable(
            request,
            _(
                "This service has not agreed to receive referrals by e-mail. Give the person the slip instead."
            ),
            400,
        )
    notices: list[str] = []
    slip_language = _slip_language(request.POST.get("lang") or request.GET.get("lang"), notices)
    back_url = slip_url([service.pk], slip_language)
    form = WarmReferralForm(request.POST or None, slip_language=slip_language)
    context = {
        "service": service,
        "form": form,
        "notices": notices,
        "slip_language": slip_language,
        "back_url": back_url,
    }
    if request.method != "POST":
        return _warm_page(request, context)
    # The form comes back with what the worker typed (status 429); nothing is sent (home/ratelimit.py).
    if (usage := ratelimit_check(request, "warm", method="POST")) is not None:
        return _warm_page(
            request,
            context,
            error=_("Too many notices were sent from this connection. Please try again in an hour."),
            status=429,
            retry_after=retry_after_seconds(usage),
        )
    if not form.is_valid():
        return _warm_page(request, context, status=400)
    if form.cleaned_data["website"] or _sent(request, service, form.cleaned_data, slip_language):
        # Sent; or a robot (it filled the honeypot): pretend it worked, send nothing.
        messages.success(request, _("The service has been told that someone is coming."))
        return HttpResponseRedirect(back_url)
    return _warm_page(
        request,
        context,
        error=_(
            "The notice could not be sent (the mail server did not answer). Nothing was kept. "
            "Try again in a moment, or give the person the slip."
        ),
        status=502,
    )


def _warm_page(request, context: dict, *, error: str = "", status: int = 200, retry_after: int = 0):
    """The warm referral form (again, with `error`, when it was not sent)."""
    response = render(request, "referrals/warm.html", {**context, "error": error}, status=status)
    if status == 429:
        response["Retry-After"] = str(retry_after)
        response["Cache-Control"] = "no-store"
    return response


def _sent(request, service, cleaned_data: dict, slip_language: str) -> bool:
    """Sends the warm referral to the service and counts it; False when the mail server did not take it."""
    data = dict(cleaned_data)
    # Lazy labels: the e-mail template renders them in each of its languages.
    data["language_name"] = LANGUAGE_LABELS.get(data["language"], data["language"])
    data["contact_label"] = WarmReferralForm.Contact(data["contact"]).label
    with translation.override(slip_language):
        service_url = _absolute(request, reverse("resources:service", args=[service.pk]))
    try:
        send_warm_referral(service=service, data=data, service_url=service_url)
    except WarmReferralFailed:
        return False
    count([_with_geography(service)], kind=ReferralCount.Kind.WARM_REFERRAL_SENT, language=slip_language)
    return True


def _with_geography(service):
    from resources.selectors import with_relations

    return with_relations(Service.objects.filter(pk=service.pk)).get()


@require_http_methods(["GET", "HEAD"])
def landing_view(request):
    return render(request, "referrals/landing.html", {"slip_url": reverse("referrals:slip")})
