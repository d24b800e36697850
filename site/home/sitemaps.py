from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class PageSitemap(Sitemap):
    """Every live public page of the site, in every language."""

    def items(self):
        root = self.get_wagtail_site().root_page
        paths = Q()
        for translation in root.get_translations(inclusive=True).only("path"):
            paths |= Q(path__startswith=translation.path)
        return Page.objects.filter(paths).live().public().order_by("path").defer_streamfields().specific()
