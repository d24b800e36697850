"""What a service lists inline besides its locations: phones, weekly openings, exceptional closures."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from home.fields import (
    LanguageListField,
)
from home.models import WEEKDAYS

from .services import Service


class Phone(Orderable):
    class Type(models.TextChoices):
        VOICE = "voice", _("Voice")
        TEXT = "text", _("Text message")
        FAX = "fax", _("Fax")
        HOTLINE = "hotline", _("Helpline")

    service = ParentalKey(Service, related_name="phones", on_delete=models.CASCADE)
    number = models.CharField(_("number"), max_length=40)
    phone_type = models.CharField(_("type"), max_length=10, choices=Type.choices, default=Type.VOICE)
    description = models.CharField(_("what for"), max_length=120, blank=True)
    languages = LanguageListField(_("languages spoken"))

    panels = [FieldRowPanel([FieldPanel("number"), FieldPanel("phone_type")]), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("phone")
        verbose_name_plural = _("phones")

    def __str__(self):
        return self.number

    @property
    def tel_href(self) -> str:
        digits = "".join(ch for ch in self.number if ch.isdigit() or ch == "+")
        if digits.startswith("0") and len(digits) > 4:
            digits = "+32" + digits[1:]
        return f"tel:{digits}"


class Schedule(Orderable):
    service = ParentalKey(Service, related_name="schedules", on_delete=models.CASCADE)
    weekday = models.PositiveSmallIntegerField(_("day"), choices=WEEKDAYS)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(
        _("closes"), help_text=_("A time before the opening time means after midnight.")
    )

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = _("opening")
        verbose_name_plural = _("openings")
        # The search's open-now filter reads (weekday, opens, closes) -> service without visiting the table.
        indexes = [
            models.Index(fields=["weekday", "opens", "closes", "service"], name="resources_schedule_open_idx")
        ]

    def clean(self):
        if self.opens is not None and self.opens == self.closes and self.opens != dt.time(0):
            raise ValidationError(_("Opening and closing times are the same."))


class Closure(Orderable):
    service = ParentalKey(Service, related_name="closures", on_delete=models.CASCADE)
    start = models.DateField(_("from"))
    end = models.DateField(_("until (included)"))
    opens = models.TimeField(_("special opening"), null=True, blank=True)
    closes = models.TimeField(_("special closing"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=120, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("reason"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("exceptional closure")
        verbose_name_plural = _("exceptional closures")

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end must not come before the start.")})
        if (self.opens is None) != (self.closes is None):
            raise ValidationError(_("Give both special times, or neither (closed all day)."))
