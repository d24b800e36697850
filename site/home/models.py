"""The site shell: home page, standard pages, helplines, alert banner and site settings."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, Site, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .blocks import base_body_blocks

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class BasePage(Page):
    """Abstract base of every public page: a share image and a short summary for cards and meta tags."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=300,
        help_text=_("One or two sentences shown on cards, in search results and when the page is shared."),
    )
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("share image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
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
        from .page_permissions import ProjectPagePermissionTester

        return ProjectPagePermissionTester(user, self)

    @property
    def meta_description(self) -> str:
        return self.search_description or self.summary

    def get_view_restrictions(self):
        """Wagtail's queryset, already evaluated from a memoised list (home.memo): no query per page served."""
        from .memo import view_restrictions

        return view_restrictions(self)


class HomePage(BasePage):
    hero_title = models.CharField(_("hero title"), max_length=120)
    hero_text = models.TextField(_("hero text"), blank=True, max_length=400)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    featured_campaign = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("featured campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The campaign shown first on the home page."),
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
        from .memo import remember

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


def tel_href(number: str) -> str:
    """A `tel:` link for a number as dialled in Belgium ("070 245 245" -> "tel:+3270245245"; "112" stays)."""
    digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    if digits.startswith("0") and len(digits) > 4:
        digits = "+32" + digits[1:]
    return f"tel:{digits}"


class HelplineForm(WagtailAdminModelForm):
    """The listing is chosen among the source-language listings that have a helpline-type number (a short list,
    open to the editors who edit helplines without rights on the directory)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        Service = apps.get_model("resources", "Service")  # the directory, a layer above: looked up

        if "service" in self.fields:
            self.fields["service"].widget = forms.Select()
            self.fields["service"].queryset = (
                Service.objects.filter(
                    phones__phone_type="hotline", locale__language_code=settings.LANGUAGE_CODE
                )
                .distinct()
                .order_by("name")
            )


class Helpline(TranslatableMixin, models.Model):
    """A telephone helpline shown on every page (help strip, footer list) with its open-now state.

    Its number, hours and open-now state are those of its directory listing (`service`): one record per line,
    so the help box, the listing and a referral slip cannot disagree. The helpline keeps only what the box
    needs besides: a short name, a one-line description and its place in the list. A helpline without a
    listing, or whose listing is not active or has no number, is not shown."""

    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("description"), max_length=250, blank=True)
    service = models.ForeignKey(
        "resources.Service",
        verbose_name=_("directory listing"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The line's listing in the directory: its phone number, opening hours and open-now state are shown."
        ),
    )
    is_emergency = models.BooleanField(_("emergency number"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("service"),
        FieldRowPanel([FieldPanel("is_emergency"), FieldPanel("sort_order")]),
    ]
    override_translatable_fields = [SynchronizedField("service"), SynchronizedField("sort_order")]
    base_form_class = HelplineForm

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("helpline")
        verbose_name_plural = _("helplines")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        service = self.listing
        if service is None:
            raise ValidationError({"service": _("Choose the line's listing in the directory.")})
        if not service.phones.exists():
            raise ValidationError(
                {"service": _("This listing has no phone number: add it to the listing first.")}
            )

    # -- read from the listing (the context processor sets `_listing` to the one in the page's language, with
    # its phones, schedules and closures prefetched) --

    @property
    def listing(self):
        return getattr(self, "_listing", None) or (self.service if self.service_id else None)

    @property
    def phone_record(self):
        service = self.listing
        if service is None:
            return None
        phones = [p for p in service.phones.all() if p.phone_type != "fax"]
        return next((p for p in phones if p.phone_type == "hotline"), phones[0] if phones else None)

    @property
    def phone(self) -> str:
        record = self.phone_record
        return record.number if record is not None else ""

    @property
    def tel_href(self) -> str:
        return tel_href(self.phone)

    @property
    def url(self) -> str:
        service = self.listing
        return service.website if service is not None else ""

    @property
    def languages(self) -> list:
        service = self.listing
        return list(service.languages) if service is not None else []

    @property
    def is_shown(self) -> bool:
        service = self.listing
        return service is not None and service.status == "active" and bool(self.phone)

    def status(self, now: dt.datetime | None = None):
        """The listing's open-now state (`Service.status_at`: the same hours, closures and holidays)."""
        return self.listing.status_at(now)


class AlertBanner(TranslatableMixin, models.Model):
    """A site-wide warning (dangerous batch, adulterated pills) shown between a start and an end."""

    class Severity(models.TextChoices):
        INFO = "info", _("Information")
        WARNING = "warning", _("Warning")
        DANGER = "danger", _("Danger")

    message = models.CharField(_("message"), max_length=220)
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.WARNING
    )
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page with the details"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link_text = models.CharField(_("link text"), max_length=60, blank=True)
    starts_at = models.DateTimeField(_("starts"), default=timezone.now)
    ends_at = models.DateTimeField(_("ends"), help_text=_("The banner disappears by itself at this time."))

    panels = [
        FieldPanel("message"),
        FieldPanel("severity"),
        FieldRowPanel([PageChooserPanel("link_page"), FieldPanel("link_text")]),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
    ]
    override_translatable_fields = [
        SynchronizedField("severity"),
        SynchronizedField("link_page"),
        SynchronizedField("starts_at"),
        SynchronizedField("ends_at"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("alert banner")
        verbose_name_plural = _("alert banners")
        ordering = ["-starts_at"]

    def __str__(self):
        return self.message

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must come after the start.")})

    @classmethod
    def active_q(cls, now: dt.datetime | None = None) -> Q:
        now = now or timezone.now()
        return Q(starts_at__lte=now, ends_at__gt=now)


@register_setting(icon="cog")
class SiteSettings(BaseGenericSetting):
    @classmethod
    def _get_or_create(cls):
        """Memoised between requests (home.memo; a save bumps the content version): one query less per page."""
        from .memo import remember

        return remember("site-settings", lambda: super(SiteSettings, cls)._get_or_create())

    emergency_number = models.CharField(_("emergency number"), max_length=10, default="112")
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    about_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("about page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("contact page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
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


class OutgoingEmail(models.Model):
    """One e-mail on its way out (home/outbox.py): written in the request, sent by the task worker.

    A row per message, claimed by one worker at a time (a conditional UPDATE), so a message is handed to the
    mail server at most once per attempt; failures before the server took the message are retried with a
    growing delay, then the row is "failed" (the dead letter, listed in the admin with a retry action). The
    body is emptied once the message is sent: the row then only says that it left, and when."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    key = models.CharField(_("key"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=40, default="other")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    html = models.TextField(_("HTML"), blank=True)
    from_email = models.CharField(_("sender"), max_length=300, blank=True)
    to = models.JSONField(_("recipients"), default=list)
    cc = models.JSONField(default=list, blank=True)
    bcc = models.JSONField(default=list, blank=True)
    reply_to = models.JSONField(default=list, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    message_id = models.CharField(_("message ID"), max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("queued"), default=timezone.now, db_index=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="home_outbox_due")]

    def __str__(self):
        return f"{self.get_status_display()} · {self.subject}"

    @property
    def recipients_masked(self) -> str:
        """What staff need to tell recipients apart, not the addresses: "d…@prevention.brussels (+1)"."""
        addresses = [*self.to, *self.cc, *self.bcc]
        if not addresses:
            return "—"
        local, _at, domain = str(addresses[0]).rpartition("<")[2].rstrip(">").partition("@")
        shown = f"{local[:1]}…@{domain}" if domain else "…"
        return f"{shown} (+{len(addresses) - 1})" if len(addresses) > 1 else shown
