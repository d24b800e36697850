"""The snippets every page shows: the helplines (read from their directory listings) and the alert banner."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from .links import optional_link


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
    link_page = optional_link("wagtailcore.Page", _("page with the details"))
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
