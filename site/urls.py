"""Root URL configuration.

Public pages are prefixed by language (`/fr/…`, `/nl/…`). Each project app contributes `urls.py` (prefixed
routes, namespaced by app) and may contribute `urls_root.py` (unprefixed routes such as `/go/<code>` or the
HSDS API) and `sitemaps.py` (a `SITEMAPS` dict).
"""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_page
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views import account
from wagtail.documents import urls as wagtaildocs_urls

from home.ratelimit import limit
from home.sitemaps import PageSitemap
from home.views import offline_view, robots_txt, root_redirect, service_worker


def _optional(module: str):
    return import_module(module) if find_spec(module) is not None else None


SITEMAPS = {"pages": PageSitemap}
prefixed = []
unprefixed = []
for app in settings.PROJECT_APPS:
    if (module := _optional(f"{app}.sitemaps")) is not None:
        SITEMAPS.update(getattr(module, "SITEMAPS", {}))
    if app != "home" and _optional(f"{app}.urls") is not None:
        prefixed.append(path("", include(f"{app}.urls")))
    if _optional(f"{app}.urls_root") is not None:
        unprefixed.append(path("", include(f"{app}.urls_root")))

urlpatterns = [
    path("", root_redirect, name="root"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sw.js", service_worker, name="service_worker"),
    path("sitemap.xml", cache_page(3600)(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    # Wagtail's password-reset form e-mails an account: rate-limited like the public forms (home/ratelimit.py).
    path(
        "admin/password_reset/",
        limit("password_reset", method="POST")(account.PasswordResetView.as_view()),
        name="wagtailadmin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    *unprefixed,
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    *prefixed,
    path(_("offline/"), offline_view, name="offline"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler500 = "home.views.server_error"
