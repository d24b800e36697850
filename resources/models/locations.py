"""Locations (places) and the links that put a service at them; the services' points for distances."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PublishingPanel
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin, WorkflowMixin

from home.fields import (
    TextsField,
    content_languages,
    default_content_language,
    name_in_language,
)
from home.snippet_relations import workflow_states_relation

from .geography import Commune, Quartier
from .revisions import saves_bookkeeping_only
from .services import Service


class Location(WorkflowMixin, DraftStateMixin, RevisionMixin, models.Model):
    """A place. Its row holds the live version (drafts and changes under review live in revisions); a location that
    is not live is shown nowhere (`with_relations`, `set_public_point`)."""

    class Type(models.TextChoices):
        PHYSICAL = "physical", _("Physical")
        VIRTUAL = "virtual", _("Virtual")

    name = models.CharField(_("name"), max_length=200)
    location_type = models.CharField(_("type"), max_length=10, choices=Type.choices, default=Type.PHYSICAL)
    # Brussels streets have an official French and Dutch name: one per content language is kept in `streets`
    # ({"fr": "Rue Jourdan 151", "nl": "Jourdanstraat 151"}), each page shows its language's (else the default
    # language's). The postcode and the commune exist once. Transport and accessibility texts are kept the same way.
    streets = TextsField(
        _("street and number"),
        max_length=200,
        help_text=_("In each language of the site; a language left empty shows the default language's."),
    )
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(
        _("city"),
        max_length=80,
        blank=True,
        default="Bruxelles",
        help_text=_("Shown only when the location has no commune (outside the Brussels region)."),
    )
    url = models.URLField(_("address on the web"), blank=True, help_text=_("For a virtual location."))
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    transportation_texts = TextsField(_("public transport"), max_length=250)
    accessibility_texts = TextsField(_("accessibility"), max_length=250)
    hidden_address = models.BooleanField(
        _("hide the street address"),
        default=False,
        help_text=_(
            "For shelters and other places whose address must stay confidential: never shown nor exported."
        ),
    )
    quartier = models.ForeignKey(
        Quartier,
        verbose_name=_("quartier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    geography_override = models.BooleanField(
        _("set quartier and commune by hand"),
        default=False,
        help_text=_("Otherwise they are computed from the coordinates."),
    )
    # The point shown on maps and used for distances: the location itself, or its quartier's centre when the
    # address is hidden (so that a distance cannot give the place away). Kept by save() and load_geography.
    public_latitude = models.FloatField(null=True, editable=False)
    public_longitude = models.FloatField(null=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    workflow_states = workflow_states_relation("location")

    panels = [
        FieldPanel("name"),
        FieldPanel("location_type"),
        FieldPanel("streets"),
        FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
        FieldPanel("url"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("hidden_address"),
        FieldPanel("transportation_texts"),
        FieldPanel("accessibility_texts"),
        MultiFieldPanel(
            [
                FieldPanel("geography_override"),
                FieldRowPanel([FieldPanel("quartier"), FieldPanel("commune")]),
            ],
            heading=_("Neighbourhood"),
        ),
        PublishingPanel(),
    ]

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if saves_bookkeeping_only(kwargs.get("update_fields")):
            return super().save(*args, **kwargs)  # a revision's bookkeeping
        if not self.geography_override:
            from ..geo import assign_geography

            assign_geography(self)
        self.set_public_point()
        super().save(*args, **kwargs)
        refresh_points(ServiceAtLocation.objects.filter(location=self).values_list("service_id", flat=True))

    def set_public_point(self, centroids: dict | None = None) -> None:
        """`centroids` (quartier id -> (lat, lon)) saves a query per location in bulk work."""
        if not self.has_point or not self.live:
            self.public_latitude = self.public_longitude = None
        elif not self.hidden_address:
            self.public_latitude, self.public_longitude = self.latitude, self.longitude
        else:
            if centroids is None:
                centroids = {
                    pk: (lat, lon)
                    for pk, lat, lon in Quartier.objects.filter(pk=self.quartier_id).values_list(
                        "pk", "centroid_lat", "centroid_lon"
                    )
                }
            self.public_latitude, self.public_longitude = centroids.get(self.quartier_id, (None, None))

    # -- what the public sees. A hidden address gives nothing that could locate the place: no street, name,
    # web address, transport or accessibility text (its point is its quartier's centre, `public_latitude`).
    # Every public output (pages, slips, the HSDS API) reads these, never the raw fields. --

    @property
    def public_name(self) -> str:
        if self.hidden_address:
            return ""
        return self.name

    @property
    def public_url(self) -> str:
        return "" if self.hidden_address else self.url

    @property
    def transportation(self) -> str:
        if self.hidden_address:
            return ""
        return name_in_language(self.transportation_texts)

    @property
    def accessibility(self) -> str:
        if self.hidden_address:
            return ""
        return name_in_language(self.accessibility_texts)

    @property
    def street(self) -> str:
        """The street and number in the active language, else the default language's ("" for a hidden address)."""
        if self.hidden_address:
            return ""
        return name_in_language(self.streets)

    def street_in(self, language: str) -> str:
        """The street in `language` (else the default language's), hidden or not: for the admin and imports."""
        return name_in_language(self.streets, language)

    def admin_street(self) -> str:
        """The street in the admin's language (shown in the admin's list, hidden or not)."""
        return name_in_language(self.streets)

    admin_street.short_description = _("street and number")

    @property
    def has_street(self) -> bool:
        return any(str(text).strip() for text in (self.streets or {}).values())

    @property
    def locality(self) -> str:
        """The commune in the active language, else the city as typed."""
        if self.commune_id is not None:
            return self.commune.name
        return self.city

    def clean(self):
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))
        language = default_content_language()
        if (
            self.location_type == self.Type.PHYSICAL
            and not self.hidden_address
            and not str((self.streets or {}).get(language) or "").strip()
        ):
            raise ValidationError(
                {
                    "streets": _("Give the street and number in %(language)s at least.")
                    % {"language": dict(content_languages()).get(language, language)}
                }
            )

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def address_line(self) -> str:
        """ "Rue Jourdan 151, 1060 Saint-Gilles" / "Jourdanstraat 151, 1060 Sint-Gillis"; "" when hidden."""
        if self.hidden_address:
            return ""
        parts = [self.street, " ".join(p for p in [self.postal_code, self.locality] if p)]
        return ", ".join(p for p in parts if p)


class ServiceAtLocation(Orderable):
    service = ParentalKey(Service, related_name="locations", on_delete=models.CASCADE)
    location = models.ForeignKey(
        Location, verbose_name=_("location"), on_delete=models.PROTECT, related_name="service_links"
    )

    panels = [FieldPanel("location")]

    class Meta(Orderable.Meta):
        verbose_name = _("service at a location")
        verbose_name_plural = _("services at locations")


def refresh_points(service_ids) -> None:
    """Recompute `Service.point_*` from the services' locations' public points (2 queries)."""
    ids = list(service_ids)
    if not ids:
        return
    points: dict[int, list[tuple[float, float]]] = {pk: [] for pk in ids}
    for service_id, lat, lon in ServiceAtLocation.objects.filter(
        service_id__in=ids, location__public_latitude__isnull=False, location__public_longitude__isnull=False
    ).values_list("service_id", "location__public_latitude", "location__public_longitude"):
        points[service_id].append((lat, lon))
    services = [Service(pk=pk) for pk in ids]
    for service in services:
        found = points[service.pk]
        service.point_count = len(found)
        service.point_latitude, service.point_longitude = found[0] if len(found) == 1 else (None, None)
    Service.objects.bulk_update(
        services, ["point_count", "point_latitude", "point_longitude"], batch_size=500
    )
