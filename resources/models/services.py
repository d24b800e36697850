"""Organisations and their services (the listings), with the flags a listing can show."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models, transaction
from django.db.models.functions import Coalesce, Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PublishingPanel
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin, WorkflowMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.fields import (
    LanguageListField,
)
from home.hours import Closure as ClosureSpan
from home.hours import Interval, compute_status
from home.snippet_relations import workflow_states_relation

from ..listing import TEXT_FIELDS
from .names import normalize
from .revisions import saves_bookkeeping_only
from .taxonomy import Category

STALE_AFTER_DAYS = getattr(settings, "REVIEW_STALE_AFTER_DAYS", 183)


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
    workflow_states = workflow_states_relation("service")

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
        if saves_bookkeeping_only(kwargs.get("update_fields")):
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
        from ..listing import FACT_FIELDS, copy_facts, current_models, newest_row
        from .locations import refresh_points

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
