"""The site's pages: the abstract base of every public page, the home page and the standard pages."""

from __future__ import annotations

from django.db import models
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Page, Site
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from ..blocks import base_body_blocks
from .links import optional_link


class BasePage(Page):
    """Abstract base of every public page: a share image and a short summary for cards and meta tags."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=300,
        help_text=_("One or two sentences shown on cards, in search results and when the page is shared."),
    )
    share_image = optional_link(
        "wagtailimages.Image",
        _("share image"),
        help_text=_("Shown when the page is shared (1200×630). Falls back to the site's default image."),
    )

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel([FieldPanel("summary"), FieldPanel("share_image")], heading=_("Sharing")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    override_translatable_fields = [SynchronizedField("share_image"), SynchronizedField("slug")]

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        from ..page_permissions import ProjectPagePermissionTester

        return ProjectPagePermissionTester(user, self)

    @property
    def meta_description(self) -> str:
        return self.search_description or self.summary

    def get_view_restrictions(self):
        """Wagtail's queryset, already evaluated from a memoised list (home.memo): no query per page served."""
        from ..memo import view_restrictions

        return view_restrictions(self)


class HomePage(BasePage):
    hero_title = models.CharField(_("hero title"), max_length=120)
    hero_text = models.TextField(_("hero text"), blank=True, max_length=400)
    hero_image = optional_link("wagtailimages.Image", _("hero image"))
    featured_campaign = optional_link(
        "wagtailcore.Page", _("featured campaign"), help_text=_("The campaign shown first on the home page.")
    )
    find_help_title = models.CharField(_("“find help” title"), max_length=120, blank=True)
    find_help_text = models.TextField(_("“find help” text"), max_length=300, blank=True)
    body = StreamField(base_body_blocks(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")], heading=_("Hero")
        ),
        PageChooserPanel("featured_campaign", page_type=["campaigns.CampaignPage"]),
        MultiFieldPanel(
            [FieldPanel("find_help_title"), FieldPanel("find_help_text")], heading=_("Find help near you")
        ),
        FieldPanel("body"),
    ]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("hero_image"),
        SynchronizedField("featured_campaign"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("hero_text")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def route(self, request, path_components):
        """The page at the end of the path in one query (then its specific row), instead of Wagtail's two
        queries per level (issue 17: a fact sheet is four levels deep). Same result as Page.route as long as no
        page below overrides route() (none does; a RoutablePage would need Wagtail's walk back): the page whose
        url_path is this page's plus the path, in this page's tree, if it is live; 404 otherwise."""
        if not path_components:
            return super().route(request, path_components)
        url_path = self.url_path + "/".join(path_components) + "/"
        try:
            page = Page.objects.get(url_path=url_path, path__startswith=self.path, depth__gt=self.depth)
        except Page.DoesNotExist as exc:
            raise Http404 from exc
        return page.specific.route(request, [])

    def get_context(self, request, *args, **kwargs):
        from ..memo import remember

        context = super().get_context(request, *args, **kwargs)

        def featured():
            campaign = self.featured_campaign
            if campaign is None:
                return False
            campaign = campaign.localized
            if not campaign.live:
                return False
            campaign = campaign.specific
            # Kept with the memoised page (dropped with the content version): `.url` then reads no cache.
            campaign._wagtail_cached_site_root_paths = Site.get_site_root_paths()
            return campaign

        if self.featured_campaign_id is not None:
            # Memoised per home page and language (dropped with the content version: any publication).
            context["featured_campaign"] = (
                remember(f"featured:{self.pk}:{translation.get_language()}", featured) or None
            )
        context["untranslated_notice"] = request.GET.get("missing") == "1"
        return context


class StandardPage(BasePage):
    """About, privacy, accessibility statement, contact, and any other plain page."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)
    body = StreamField(base_body_blocks(), verbose_name=_("body"), blank=True)
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("last_reviewed"),
    ]
    parent_page_types = ["home.HomePage", "home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
