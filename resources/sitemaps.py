"""Sitemap entries of the directory: search, neighbourhood pages and services, in every language."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from home.sitemaps import PublicHostSitemap

from .models import Commune, Hotspot, Quartier, Service
from .selectors import PUBLIC_STATUSES


class DirectorySitemap(PublicHostSitemap):
    changefreq = "weekly"

    def items(self):
        entries = []
        for code, _name in settings.LANGUAGES:
            entries.append((code, "resources:search", []))
            entries.append((code, "resources:neighbourhoods", []))
            entries += [
                (code, "resources:commune", [nis])
                for nis in Commune.objects.values_list("nis_code", flat=True)
            ]
            entries += [
                (code, "resources:quartier", [m]) for m in Quartier.objects.values_list("mdzone", flat=True)
            ]
            entries += [
                (code, "resources:hotspot", [slug])
                for slug in Hotspot.objects.filter(locale__language_code=code).values_list("slug", flat=True)
            ]
            entries += [
                (code, "resources:service", [pk])
                for pk in Service.objects.filter(
                    locale__language_code=code, live=True, status__in=PUBLIC_STATUSES
                )
                .order_by("pk")
                .values_list("pk", flat=True)
            ]
        return entries

    def location(self, item):
        code, name, args = item
        with translation.override(code):
            return reverse(name, args=args)


SITEMAPS = {"directory": DirectorySitemap}
