"""Public (non-admin) views: tracked links, QR codes."""

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import links


def link_not_found(request, code=""):
    return render(request, "scheduling/link_not_found.html", {"code": code}, status=404)


@never_cache
@require_safe
def go(request, code: str):
    target = links.resolve(code)
    if target is None or target.page is None:
        return link_not_found(request, code)
    if request.method == "GET":
        links.count_click(code)
    url = target.page.get_url(request=request) or "/"
    response = HttpResponseRedirect(links.with_utm(url, target.utm))
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_safe
def qr_code(request, code: str):
    if not links.code_in_use(code):
        return link_not_found(request, code)
    svg = links.qr_svg(request.build_absolute_uri(f"/go/{code}"))
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    if "download" in request.GET:
        response["Content-Disposition"] = f'attachment; filename="qr-{code}.svg"'
    return response
