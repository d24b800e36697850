from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, Site


class PublicHostSitemap(DjangoSitemap):
    """A sitemap of Django views whose entries are on the public host, the default Wagtail Site's (set at
    deployment by `manage.py set_site`), like the Wagtail pages' entries, whatever host the request used."""

    def _root(self):
        site = Site.objects.filter(is_default_site=True).only("hostname", "port").first()
        return site.root_url if site is not None else None

    def get_protocol(self, protocol=None):
        root = self._root()
        return root.split("://", 1)[0] if root else super().get_protocol(protocol)

    def get_domain(self, site=None):
        root = self._root()
        return root.split("://", 1)[1] if root else super().get_domain(site)


class PageSitemap(Sitemap):
    """Every live public page of the site, in every language."""

    def items(self):
        root = self.get_wagtail_site().root_page
        paths = Q()
        for translation in root.get_translations(inclusive=True).only("path"):
            paths |= Q(path__startswith=translation.path)
        return Page.objects.filter(paths).live().public().order_by("path").defer_streamfields().specific()
