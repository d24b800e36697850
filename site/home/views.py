"""Views of the site shell that are not Wagtail pages."""

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
def root_redirect(request):
    """`/` → `/fr/` or `/nl/` by the Accept-Language header (French when nothing matches)."""
    language = translation.get_language_from_request(request)
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        target = reverse("wagtail_serve", args=[""])
    if request.META.get("QUERY_STRING"):
        target += "?" + request.META["QUERY_STRING"]
    response = HttpResponseRedirect(target)
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /go/",
        "Disallow: /api/",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def server_error(request, *args, **kwargs):
    """A 500 page that needs neither the database nor the request context (both may be what failed)."""
    template = loader.get_template("500.html")
    language = translation.get_language() or settings.LANGUAGE_CODE
    body = template.render({"LANGUAGE_CODE": language, "STATIC_URL": settings.STATIC_URL})
    return HttpResponse(body, status=500)


def offline_view(request):
    """The page a phone shows with no network (cached by the service worker, /sw.js): the emergency numbers,
    the helplines (footer) and the services the person opened last on this device (read by static/js/offline.js
    from the service worker's cache; nothing leaves the phone)."""
    from django.shortcuts import render

    return render(request, "home/offline.html", {})


SERVICE_WORKER_SCRIPT = "home/sw.js"


@require_GET
def service_worker(request):
    """The service worker, at the root so that it may serve every page of the site (its scope). Its version is
    the static files' (hashed) names, so a new deployment installs a new worker; browsers re-check it daily."""
    from django.templatetags.static import static

    assets = [static("css/site.css"), static("js/site.js"), static("js/offline.js")]
    offline = {}
    service_prefixes = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            offline[language] = reverse("offline")
            service_prefixes.append(reverse("resources:service", args=[0]).rsplit("0/", 1)[0])
    import hashlib
    import json

    version = hashlib.sha256("|".join([*assets, *offline.values()]).encode()).hexdigest()[:12]
    body = loader.render_to_string(
        SERVICE_WORKER_SCRIPT,
        {
            "version": version,
            "assets_json": json.dumps(assets),
            "offline_json": json.dumps(offline),
            "service_prefixes_json": json.dumps(service_prefixes),
        },
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response
