"""Geography: communes, IBSA quartiers and hotspots (the places the regional plan targets)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from .names import NamedInLanguages


class Commune(NamedInLanguages):
    nis_code = models.CharField(_("NIS code"), max_length=5, unique=True)
    postal_codes = models.JSONField(_("postal codes"), default=list, blank=True)
    centroid_lat = models.FloatField(_("centroid latitude"), null=True, blank=True)
    centroid_lon = models.FloatField(_("centroid longitude"), null=True, blank=True)

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["nis_code"]  # lists are sorted by name in the page's language: `sorted_by_name`

    def __str__(self):
        return self.name


class Quartier(NamedInLanguages):
    """A "Monitoring des Quartiers / Wijkmonitoring" district (IBSA), keyed by `mdzone`."""

    mdzone = models.PositiveIntegerField(_("Monitoring code (mdzone)"), unique=True)
    communes = models.ManyToManyField(Commune, related_name="quartiers", verbose_name=_("communes"))
    polygon = models.JSONField(_("polygon (GeoJSON geometry)"), default=dict, blank=True)
    min_lat = models.FloatField(null=True, blank=True)
    max_lat = models.FloatField(null=True, blank=True)
    min_lon = models.FloatField(null=True, blank=True)
    max_lon = models.FloatField(null=True, blank=True)
    centroid_lat = models.FloatField(_("centroid latitude"), null=True, blank=True)
    centroid_lon = models.FloatField(_("centroid longitude"), null=True, blank=True)

    class Meta:
        verbose_name = _("quartier")
        verbose_name_plural = _("quartiers")
        ordering = ["mdzone"]

    def __str__(self):
        return f"{self.mdzone} {self.name}"


class Hotspot(TranslatableMixin, ClusterableModel):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        EASED = "eased", _("Eased")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80)
    code = models.CharField(_("code"), max_length=10, blank=True)
    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="hotspots"
    )
    quartiers = ParentalManyToManyField(
        Quartier,
        verbose_name=_("quartiers"),
        related_name="hotspots",
        blank=True,
        help_text=_("Suggested links come from the published data: confirm them."),
    )
    task_force = models.CharField(_("task force"), max_length=120, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    designated_on = models.DateField(_("designation date"), null=True, blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("slug"), FieldPanel("code")]),
        FieldPanel("commune"),
        FieldPanel("quartiers"),
        # The status follows the hotspot's status history (recorded in the regional overview): not edited here.
        FieldRowPanel(
            [FieldPanel("task_force"), FieldPanel("status", read_only=True), FieldPanel("designated_on")]
        ),
    ]
    override_translatable_fields = [
        SynchronizedField("slug"),
        SynchronizedField("code"),
        SynchronizedField("commune"),
        SynchronizedField("quartiers"),
        SynchronizedField("status"),
        SynchronizedField("designated_on"),
        SynchronizedField("task_force"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("hotspot")
        verbose_name_plural = _("hotspots")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name
