"""Pages of a campaign site: the campaign index, campaign pages, articles and alerts, and the JSON-LD they share."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import (
    Page,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import base_body_blocks
from home.models import BasePage

from .. import blocks as cblocks

code_validator = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    _("Use lower-case letters, digits and single hyphens only, e.g. dope-talk-2026."),
)


class CampaignIndexPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.CampaignPage", "campaigns.ArticlePage", "campaigns.AlertPage"]
    max_count_per_parent = 1
    template = "campaigns/campaign_index_page.html"

    class Meta:
        verbose_name = _("campaign index")
        verbose_name_plural = _("campaign indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = self.get_children().live().public().specific().select_related("locale")
        context["campaigns"] = [p for p in children if isinstance(p, CampaignPage)]
        context["articles"] = [p for p in children if isinstance(p, ArticlePage)]
        now = timezone.now()
        context["alerts"] = [p for p in children if isinstance(p, AlertPage) and p.is_active(now)]
        return context


# --- Campaign ------------------------------------------------------------------------------------------


class CampaignPage(BasePage):
    code = models.CharField(
        _("campaign code"),
        max_length=60,
        validators=[code_validator],
        help_text=_(
            "A short unique code used in tracked links and reports, e.g. dope-talk-2026. The same in every language."
        ),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    intro = models.TextField(_("introduction"), blank=True, max_length=500)
    body = StreamField(cblocks.campaign_body_blocks(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("code"), FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")])],
            heading=_("Campaign"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("code"),
    ]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("code"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
    ]
    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = ["campaigns.ArticlePage"]
    template = "campaigns/campaign_page.html"

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        # "Unique per translation group" spans two tables (code here, locale on Page): enforced in clean().

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date must not be before the start date.")})
        if self.code:
            clash = CampaignPage.objects.filter(code=self.code).exclude(translation_key=self.translation_key)
            if clash.exists():
                raise ValidationError({"code": _("Another campaign already uses this code.")})

    @property
    def has_help_block(self) -> bool:
        return any(block.block_type == "help" for block in self.body)

    def videos(self):
        """Every video of the page (hero, episodes, single videos) in order: for JSON-LD."""
        for block in self.body:
            if block.block_type == "hero":
                yield block.value["video"]
            elif block.block_type == "episodes":
                for episode in block.value["episodes"]:
                    yield episode["video"]
            elif block.block_type == "video":
                yield block.value

    def json_ld(self, request):
        data = web_page_ld(self, request, "WebPage")
        videos = []
        for video in self.videos():
            item = {"@type": "VideoObject", "name": video["title"], "description": video["transcript"][:300]}
            if video.get("poster"):
                item["thumbnailUrl"] = request.build_absolute_uri(
                    video["poster"].get_rendition("fill-480x854").url
                )
            if self.start_date:
                item["uploadDate"] = self.start_date.isoformat()
            if video.watch_url:
                item["contentUrl"] = video.watch_url
            videos.append(item)
        if videos:
            data["video"] = videos
        return data


# --- Articles and alerts -------------------------------------------------------------------------------


class ArticlePage(BasePage):
    class Kind(models.TextChoices):
        STORY = "story", _("Story or testimony")
        WORRIED_FRIEND = "friend", _("Worried about a friend")
        FAQ = "faq", _("Questions and answers")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.STORY)
    intro = models.TextField(_("introduction"), blank=True, max_length=500)
    body = StreamField(
        [*base_body_blocks(), ("video", cblocks.VideoBlock()), ("myth_fact", cblocks.MythFactBlock())],
        verbose_name=_("body"),
        blank=True,
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("kind"),
        SynchronizedField("last_reviewed"),
    ]
    parent_page_types = [
        "campaigns.CampaignIndexPage",
        "campaigns.CampaignPage",
        "campaigns.SubstanceIndexPage",
    ]
    subpage_types = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def get_template(self, request, *args, **kwargs):
        if self.kind == self.Kind.WORRIED_FRIEND:
            return "campaigns/article_page_friend.html"
        return "campaigns/article_page.html"

    def json_ld(self, request):
        data = web_page_ld(self, request, "Article")
        data["headline"] = self.title[:110]
        return data


class AlertPage(BasePage):
    class Severity(models.TextChoices):
        INFO = "info", _("Information")
        WARNING = "warning", _("Warning")
        DANGER = "danger", _("Danger")

    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.WARNING
    )
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    ends_at = models.DateTimeField(
        _("ends"),
        blank=True,
        null=True,
        help_text=_("After this time the page says the alert is over. Empty: 30 days after it was issued."),
    )
    body = StreamField(base_body_blocks(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("severity"),
        FieldRowPanel([FieldPanel("issued_at"), FieldPanel("ends_at")]),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("severity"),
        SynchronizedField("issued_at"),
        SynchronizedField("ends_at"),
    ]
    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = []
    template = "campaigns/alert_page.html"
    DEFAULT_DURATION = dt.timedelta(days=30)

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")

    def clean(self):
        super().clean()
        if self.issued_at and self.ends_at and self.ends_at <= self.issued_at:
            raise ValidationError({"ends_at": _("The end must come after the start.")})

    def save(self, *args, **kwargs):
        if self.ends_at is None and self.issued_at:
            self.ends_at = self.issued_at + self.DEFAULT_DURATION
        return super().save(*args, **kwargs)

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.issued_at <= now and (self.ends_at is None or now < self.ends_at)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["alert_active"] = self.is_active()
        return context


def web_page_ld(page, request, kind: str) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": kind,
        "name": page.seo_title or page.title,
        "url": page.get_full_url(request),
        "inLanguage": page.locale.language_code,
    }
    if page.meta_description:
        data["description"] = page.meta_description
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    return data
