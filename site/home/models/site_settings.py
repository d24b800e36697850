"""The site settings: emergency number, contact, footer pages and social networks."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .links import optional_link


@register_setting(icon="cog")
class SiteSettings(BaseGenericSetting):
    @classmethod
    def _get_or_create(cls):
        """Memoised between requests (home.memo; a save bumps the content version): one query less per page."""
        from ..memo import remember

        return remember("site-settings", lambda: super(SiteSettings, cls)._get_or_create())

    emergency_number = models.CharField(_("emergency number"), max_length=10, default="112")
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    about_page = optional_link("wagtailcore.Page", _("about page"))
    privacy_page = optional_link("wagtailcore.Page", _("privacy page"))
    accessibility_page = optional_link("wagtailcore.Page", _("accessibility statement"))
    contact_page = optional_link("wagtailcore.Page", _("contact page"))
    instagram_url = models.URLField(_("Instagram"), blank=True)
    tiktok_url = models.URLField(_("TikTok"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)

    panels = [
        FieldPanel("emergency_number"),
        FieldPanel("contact_email"),
        MultiFieldPanel(
            [
                PageChooserPanel("about_page"),
                PageChooserPanel("privacy_page"),
                PageChooserPanel("accessibility_page"),
                PageChooserPanel("contact_page"),
            ],
            heading=_("Footer pages"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("instagram_url"),
                FieldPanel("tiktok_url"),
                FieldPanel("youtube_url"),
                FieldPanel("facebook_url"),
            ],
            heading=_("Social networks"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    @property
    def social_links(self) -> list[tuple[str, str]]:
        pairs = [
            ("Instagram", self.instagram_url),
            ("TikTok", self.tiktok_url),
            ("YouTube", self.youtube_url),
            ("Facebook", self.facebook_url),
        ]
        return [(name, url) for name, url in pairs if url]
