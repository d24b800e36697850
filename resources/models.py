"""The directory of support and reinsertion services, modelled on Open Referral HSDS 3.0.

organisation → service → service_at_location → location, with phones, weekly schedules and exceptional
closures on the service. Organisations, services, hotspots are translatable (wagtail-localize): the French record
is the source, the Dutch one is its translation (same `translation_key`). Codes, coordinates, phones, schedules,
flags and languages are synchronised. Geography (communes, quartiers) and the category taxonomy are reference
data with one row each and its names in every content language in one JSON field (`names`, keyed by language code:
a third language is one more key, typed in the admin — no column, no code).
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models.functions import Coalesce, Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PublishingPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin, TranslatableMixin, WorkflowMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.fields import (
    LanguageListField,
    NamesField,
    TextsField,
    content_languages,
    default_content_language,
    name_in_language,
)
from home.hours import Closure as ClosureSpan
from home.hours import Interval, compute_status
from home.models import WEEKDAYS

from .listing import TEXT_FIELDS

STALE_AFTER_DAYS = getattr(settings, "REVIEW_STALE_AFTER_DAYS", 183)

# Fields that Wagtail's revisions, drafts and workflows write on their own (`update_fields`): saving only these
# changes nothing the public reads, so `Service.save()` and `Location.save()` pass them straight through.
BOOKKEEPING_FIELDS = {
    "latest_revision",
    "updated_at",
    "has_unpublished_changes",
    "live_revision",
    "locked",
    "locked_at",
    "locked_by",
}


def _workflow_states_relation(name):
    """Wagtail's recipe for snippets with a workflow: deleting the row deletes its workflow states."""
    return GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name=name,
        for_concrete_model=False,
    )


def normalize(text: str) -> str:
    """Lower case without accents: the form used for free-text search."""
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def collation_key(text: str) -> tuple[str, str]:
    """Sort key of a name in any language: letters without accents and case first ("Béguinage" before
    "Buffon", "Étangs Noirs" among the E), then the exact text so that equal keys keep a stable order."""
    return (normalize(text).lstrip("'’\"(« "), text or "")


def sorted_by_name(items, name=lambda item: item.name) -> list:
    """`items` sorted by their name in the active language (`name` reads it), accents handled."""
    return sorted(items, key=lambda item: collation_key(name(item)))


class NamedInLanguages(models.Model):
    """Reference data named in every content language: `names` = {"fr": "Ixelles", "nl": "Elsene", …}."""

    names = NamesField(
        _("names"),
        max_length=120,
        help_text=_("The name in each language of the site."),
    )

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        """The name in the active language (else in the site's default language)."""
        return name_in_language(self.names)

    def name_in(self, language: str) -> str:
        return name_in_language(self.names, language)

    def all_names(self) -> list[str]:
        """Every name, in every language (for searches that accept a name typed in any language)."""
        return [name for name in (self.names or {}).values() if name]


# --- Geography -----------------------------------------------------------------------------------------


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


# --- Taxonomy ------------------------------------------------------------------------------------------


class Category(NamedInLanguages):
    """A taxonomy term of the directory (HSDS taxonomy_term)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name


# The categories loaded by `load_geography` (code, French name, Dutch name): seed data, read only by the loader
# and the importer's list of known codes. The names people see are the rows' `names`, edited in the admin.
CATEGORIES = [
    ("information_prevention", "Information et prévention", "Informatie en preventie"),
    ("harm_reduction", "Réduction des risques", "Schadebeperking"),
    ("treatment_care", "Traitement et soins", "Behandeling en zorg"),
    ("mental_health", "Santé mentale", "Geestelijke gezondheid"),
    ("youth_work", "Jeunesse", "Jeugdwerk"),
    (
        "socio_professional_reinsertion",
        "Réinsertion socio-professionnelle",
        "Socioprofessionele re-integratie",
    ),
    ("housing_shelter", "Logement et hébergement", "Huisvesting en opvang"),
    ("social_aid", "Aide sociale", "Sociale hulp"),
    ("legal_aid", "Aide juridique", "Juridische hulp"),
    ("family_support", "Soutien aux familles", "Steun voor gezinnen"),
]


# --- Organisations and services ------------------------------------------------------------------------


class Organisation(TranslatableMixin, models.Model):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("website"), FieldPanel("email")]
    override_translatable_fields = [SynchronizedField("website"), SynchronizedField("email")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


FLAGS = [
    ("free", _("Free")),
    ("anonymous", _("Anonymous")),
    ("no_appointment", _("No appointment needed")),
    ("walk_in", _("Walk-in")),
    ("youth", _("Youth-friendly")),
    ("women_only", _("Women only")),
    ("wheelchair", _("Wheelchair accessible")),
]
FLAG_CODES = [code for code, _label in FLAGS]


class Service(WorkflowMixin, DraftStateMixin, RevisionMixin, TranslatableMixin, ClusterableModel):
    """One row per locale; the rows of one `translation_key` are one listing. Only the texts are translated: the
    facts (everything else) are the listing's, kept the same in every row by `save()` (see resources/listing.py).

    Each row holds its live version; a change saved as a draft (or waiting for a directory manager's review, see
    `DirectoryReviewSettings`) lives in a revision until it is published. The public reads `live` rows only."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")
        INACTIVE = "inactive", _("Inactive")
        DEFUNCT = "defunct", _("Defunct")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="services"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    external_id = models.CharField(
        _("external identifier"),
        max_length=60,
        blank=True,
        db_index=True,
        help_text=_("Identifier in the source this listing was imported from, if any."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    categories = ParentalManyToManyField(
        Category, verbose_name=_("categories"), related_name="services", blank=True
    )
    free = models.BooleanField(_("free"), default=False)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    no_appointment = models.BooleanField(_("no appointment needed"), default=False)
    walk_in = models.BooleanField(_("walk-in"), default=False)
    youth = models.BooleanField(_("youth-friendly"), default=False)
    women_only = models.BooleanField(_("women only"), default=False)
    wheelchair = models.BooleanField(_("wheelchair accessible"), default=False)
    languages = LanguageListField(_("languages spoken"))
    always_open = models.BooleanField(_("open 24/7"), default=False)
    open_on_holidays = models.BooleanField(_("open on public holidays"), default=False)
    cost = models.CharField(_("cost"), max_length=250, blank=True)
    eligibility = models.TextField(_("for whom"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    maximum_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    what_to_bring = models.TextField(_("what to bring"), blank=True)
    email = models.EmailField(_("public e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    referral_email = models.EmailField(
        _("referral e-mail"),
        blank=True,
        help_text=_("Only if the service agreed to receive warm referrals by e-mail."),
    )
    last_verified = models.DateField(_("last verified"), null=True, blank=True)
    verified_by = models.CharField(_("verified by"), max_length=120, blank=True)
    to_verify = models.BooleanField(
        _("to verify"), default=False, help_text=_("Facts taken from public sources, not yet confirmed.")
    )
    source_urls = models.TextField(_("sources"), blank=True, help_text=_("One address per line."))
    search_text = models.TextField(editable=False, blank=True, default="")
    # Where the search measures distances from, kept by save(), Location.save() and load_geography (see
    # `refresh_points`): the number of located public points, and that point when there is exactly one (the
    # common case: no join to order 10,000 services by distance).
    point_count = models.PositiveSmallIntegerField(default=0, editable=False)
    point_latitude = models.FloatField(null=True, editable=False)
    point_longitude = models.FloatField(null=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    workflow_states = _workflow_states_relation("service")

    panels = [
        FieldPanel("organisation"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("to_verify")]),
        FieldPanel("categories"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("free"), FieldPanel("anonymous"), FieldPanel("no_appointment")]),
                FieldRowPanel([FieldPanel("walk_in"), FieldPanel("youth"), FieldPanel("women_only")]),
                FieldPanel("wheelchair"),
            ],
            heading=_("Flags"),
        ),
        FieldPanel("languages"),
        MultiFieldPanel(
            [
                FieldPanel("eligibility"),
                FieldRowPanel([FieldPanel("minimum_age"), FieldPanel("maximum_age")]),
                FieldPanel("cost"),
                FieldPanel("what_to_bring"),
            ],
            heading=_("For whom"),
        ),
        FieldRowPanel([FieldPanel("email"), FieldPanel("website"), FieldPanel("referral_email")]),
        InlinePanel("locations", heading=_("Locations"), label=_("Location")),
        InlinePanel("phones", heading=_("Phones"), label=_("Phone")),
        FieldRowPanel([FieldPanel("always_open"), FieldPanel("open_on_holidays")]),
        InlinePanel("schedules", heading=_("Weekly opening hours"), label=_("Opening")),
        InlinePanel("closures", heading=_("Exceptional closures"), label=_("Closure")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("last_verified"), FieldPanel("verified_by")]),
                FieldPanel("source_urls"),
            ],
            heading=_("Verification"),
        ),
        PublishingPanel(),  # scheduled publishing: "go live" and "expiry" dates
    ]
    # wagtail-localize translates the texts and the organisation (to its translation) and nothing else: its
    # synchronisation copies fields from a snapshot of the source taken when the translation was last updated,
    # which would bring back older facts. The facts are the listing's own (`save()`).
    translatable_fields = [TranslatableField("organisation"), *(TranslatableField(f) for f in TEXT_FIELDS)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name"]
        indexes = [models.Index(fields=["locale", "status"]), models.Index(fields=["locale", "name", "id"])]
        # An import key names one service per locale: a repeated or concurrent import cannot duplicate it.
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "external_id"],
                condition=~models.Q(external_id=""),
                name="resources_one_service_per_external_id",
                violation_error_message=_("Another service in this language has this external identifier."),
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if (
            self.minimum_age is not None
            and self.maximum_age is not None
            and self.minimum_age > self.maximum_age
        ):
            raise ValidationError({"maximum_age": _("The maximum age is below the minimum age.")})

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and not set(update_fields) - BOOKKEEPING_FIELDS:
            return super().save(*args, **kwargs)  # a revision's bookkeeping: no fact changed
        creating = self._state.adding or self.pk is None
        if (
            self.live and self.first_published_at is None
        ):  # a live row written directly (an import, a service)
            self.first_published_at = timezone.now()
        org_name = ""
        if self.organisation_id:
            org_name = (
                Organisation.objects.filter(pk=self.organisation_id).values_list("name", flat=True).first()
            )
        self.search_text = normalize(
            " ".join([self.name, self.description, org_name or "", self.eligibility, self.cost])
        )
        with transaction.atomic():
            # Lock the listing's rows (in one order, before writing any) so that two saves of one listing in two
            # languages run one after the other instead of deadlocking; the last one wins.
            rows = dict(
                Service.objects.select_for_update()
                .filter(translation_key=self.translation_key)
                .order_by("pk")
                .values_list("pk", "live")
            )
            was_live = rows.pop(self.pk, None)
            super().save(*args, **kwargs)  # also commits the child rows and categories (modelcluster)
            others = list(rows)
            if creating or self.live:
                self._share_facts(creating, others)
            elif was_live:
                self._unpublish_translations(others)

    def _unpublish_translations(self, others: list[int]) -> None:
        """Unpublishing one language takes the listing down in every language (its facts are the listing's)."""
        Service.objects.filter(pk__in=others, live=True).update(
            live=False,
            has_unpublished_changes=True,
            live_revision=None,
            expired=self.expired,
            first_published_at=Coalesce("first_published_at", Now()),  # marks them "had been published"
        )

    def _share_facts(self, creating: bool, others: list[int]) -> None:
        """An existing live row gives its facts to every other row of the listing; a new row takes the listing's.

        Called when the live row changes (a revision is published, a rollback, an import, "verified today"), never
        when a draft is saved: a draft stays in its revision and reaches no language until it is published. A row
        that goes live again brings back the languages that had been published and were taken down with it."""
        from .listing import FACT_FIELDS, copy_facts, current_models, newest_row

        if not creating and others:
            Service.objects.filter(pk__in=others, live=False, first_published_at__isnull=False).update(
                live=True, expired=False
            )
        if others:
            model, children, organisation = current_models()
            if creating:
                copy_facts(model, children, newest_row(model, others), [self.pk], organisation)
                self.refresh_from_db(fields=[*FACT_FIELDS, "organisation"])
                getattr(self, "_prefetched_objects_cache", {}).clear()
            else:
                copy_facts(model, children, self.pk, others, organisation)
        refresh_points([self.pk, *others])

    # -- derived values (use prefetched relations: no query per service in lists) --

    @property
    def is_temporarily_closed(self) -> bool:
        return self.status == self.Status.TEMPORARILY_CLOSED

    @property
    def flags(self) -> list[tuple[str, str]]:
        return [(code, label) for code, label in FLAGS if getattr(self, code)]

    @property
    def is_stale(self) -> bool:
        if self.last_verified is None:
            return True
        return self.last_verified < timezone.localdate() - dt.timedelta(days=STALE_AFTER_DAYS)

    @property
    def source_url_list(self) -> list[str]:
        return [line.strip() for line in self.source_urls.splitlines() if line.strip()]

    def status_at(self, now: dt.datetime | None = None):
        intervals = [Interval(s.weekday, s.opens, s.closes) for s in self.schedules.all()]
        closures = [ClosureSpan(c.start, c.end, c.opens, c.closes) for c in self.closures.all()]
        return compute_status(
            intervals,
            now or timezone.now(),
            closures=closures,
            always_open=self.always_open,
            open_on_holidays=self.open_on_holidays,
        )

    @property
    def hours_status(self):
        if not hasattr(self, "_hours_status"):
            self._hours_status = self.status_at()
        return self._hours_status

    @property
    def first_location(self):
        for link in self.locations.all():
            return link.location
        return None


# --- Locations -----------------------------------------------------------------------------------------


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
    workflow_states = _workflow_states_relation("location")

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
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and not set(update_fields) - BOOKKEEPING_FIELDS:
            return super().save(*args, **kwargs)  # a revision's bookkeeping
        if not self.geography_override:
            from .geo import assign_geography

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


# --- Feedback and follow-up ----------------------------------------------------------------------------


class ProblemReport(models.Model):
    class Reason(models.TextChoices):
        ADDRESS = "address", _("The address is wrong")
        PHONE = "phone", _("The phone number is wrong")
        HOURS = "hours", _("The opening hours are wrong")
        CLOSED = "closed", _("The service has closed")
        OTHER = "other", _("Something else")

    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="problem_reports"
    )
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    comment = models.TextField(_("comment"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    resolved = models.BooleanField(_("resolved"), default=False)

    class Meta:
        verbose_name = _("problem report")
        verbose_name_plural = _("problem reports")
        ordering = ["resolved", "-created_at"]

    def __str__(self):
        return f"{self.service} · {self.get_reason_display()}"


class TaskForce(models.Model):
    """A commune task force: its Wagtail group edits the services located in its communes."""

    group = models.OneToOneField(
        "auth.Group", verbose_name=_("group"), on_delete=models.CASCADE, related_name="task_force"
    )
    communes = models.ManyToManyField(Commune, verbose_name=_("communes"), related_name="task_forces")
    email = models.EmailField(_("e-mail for reminders"), blank=True)

    class Meta:
        verbose_name = _("task force")
        verbose_name_plural = _("task forces")

    def __str__(self):
        return self.group.name  # "Task force Saint-Gilles": an identifier, named once in the default language

    def commune_names(self) -> str:
        """The task force's communes in the admin's language ("Sint-Gillis" in a Dutch admin)."""
        return ", ".join(commune.name for commune in sorted_by_name(self.communes.all()))

    commune_names.short_description = _("communes")


@register_setting(icon="tasks")
class DirectoryReviewSettings(BaseGenericSetting):
    """The directory managers' switch: whether a task force's changes to listings wait for their review.

    ON: task forces save drafts and submit them to the "Directory review" workflow; a directory manager approves,
    which publishes. OFF: task forces publish directly. Directory managers always publish directly
    (resources/permissions.py reads this for the "publish" permission of services and locations)."""

    task_force_review = models.BooleanField(
        _("Task force changes need a directory manager's review"),
        default=False,
        help_text=_(
            "When ticked, task forces cannot publish a listing or a location: they submit their changes to the "
            "directory review, and a directory manager approves them."
        ),
    )

    panels = [FieldPanel("task_force_review")]

    class Meta:
        verbose_name = _("directory review")
        verbose_name_plural = _("directory review")

    @classmethod
    def review_required(cls) -> bool:
        return bool(cls.objects.values_list("task_force_review", flat=True).first())


class StaleReminder(models.Model):
    """One reminder sent for one listing in one staleness period (never twice)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="stale_reminders")
    period_start = models.DateField(_("stale since"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("stale-listing reminder")
        verbose_name_plural = _("stale-listing reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "period_start"], name="resources_one_reminder_per_period"
            )
        ]

    def __str__(self):
        return f"{self.service_id} · {self.period_start}"


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
