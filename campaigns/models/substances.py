"""Substance information: the substance index, the fact sheets (health content, reviewed) and the mixing table."""

from __future__ import annotations

import string

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    Page,
    TranslatableMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.models import BasePage
from home.snippet_relations import revisions_relation, workflow_states_relation

from .. import blocks as cblocks
from .pages import web_page_ld
from .reviewed import ReviewedSnippetMixin

SECTION_FEATURES = ["bold", "italic", "ul", "ol", "link", "h3"]


def _section(verbose_name, help_text=""):
    return RichTextField(verbose_name, blank=True, features=SECTION_FEATURES, help_text=help_text)


class SubstanceIndexPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.SubstancePage", "campaigns.ArticlePage"]
    max_count_per_parent = 1
    template = "campaigns/substance_index_page.html"

    class Meta:
        verbose_name = _("substance index")
        verbose_name_plural = _("substance indexes")

    def letter_groups(self):
        """[(letter, [substance pages])] in alphabetical order, one query whatever the number of pages."""
        pages = (
            SubstancePage.objects.child_of(self)
            .live()
            .public()
            .only("id", "title", "slug", "url_path", "path", "depth", "slang_names", "summary", "locale_id")
        )
        groups: dict[str, list] = {}
        for page in sorted(pages, key=lambda p: p.sort_key):
            groups.setdefault(page.letter, []).append(page)
        return list(groups.items())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        groups = self.letter_groups()
        context["letter_groups"] = groups
        present = {letter for letter, _pages in groups}
        context["alphabet"] = [(letter, letter in present) for letter in [*string.ascii_uppercase, "#"]]
        return context


# --- Substances ----------------------------------------------------------------------------------------


class SubstancePage(BasePage):
    SECTIONS = [
        ("description", _("What is it?")),
        ("appearance", _("How it looks and how it is taken")),
        ("effects", _("How it feels")),
        ("duration", _("How long it lasts")),
        ("physical_risks", _("Physical risks")),
        ("mental_risks", _("Mental-health risks")),
        ("cut_with", _("What it is often cut with")),
        ("mixing_dangers", _("Mixing dangers")),
        ("dependence", _("Addiction and dependence")),
        ("law", _("The law in Belgium")),
        ("harm_reduction", _("Reduce the risks")),
        ("worried_friend", _("Worried about a friend?")),
        ("get_help", _("Where to get help")),
    ]

    slang_names = models.CharField(
        _("street and slang names"),
        max_length=300,
        blank=True,
        help_text=_("Separated by commas. Searchable: people often know only these names."),
    )
    description = _section(_("what is it?"))
    appearance = _section(_("how it looks and how it is taken"))
    effects = _section(_("how it feels"), _("Effects, and how it changes behaviour."))
    duration = StreamField(
        [("table", cblocks.RouteDurationTableBlock())],
        verbose_name=_("duration per route of use"),
        blank=True,
        max_num=1,
    )
    detection = _section(_("detection window"))
    physical_risks = _section(_("physical risks"))
    mental_risks = _section(_("mental-health risks"))
    cut_with = _section(_("what it is often cut with"))
    mixing_dangers = _section(_("mixing dangers"), _("The mixing table below is added automatically."))
    dependence = _section(_("addiction and dependence"))
    law = _section(
        _("the law in Belgium"), _("Possession, dealing, driving; what happens if you are caught.")
    )
    harm_reduction = _section(_("harm-reduction tips"))
    worried_friend = _section(_("worried about a friend?"), _("Signs and what to do."))
    get_help = _section(
        _("where to get help"), _("The helplines and the directory link are added automatically.")
    )
    sources = StreamField([("source", cblocks.SourceBlock())], verbose_name=_("sources"), blank=True)
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    reviewer_role = models.CharField(
        _("reviewed by"),
        max_length=120,
        blank=True,
        help_text=_(
            "The role of the health professional who last reviewed this sheet, e.g. addiction doctor."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("slang_names"),
        FieldPanel("description"),
        FieldPanel("appearance"),
        FieldPanel("effects"),
        FieldPanel("duration"),
        FieldPanel("detection"),
        MultiFieldPanel(
            [FieldPanel("physical_risks"), FieldPanel("mental_risks"), FieldPanel("cut_with")],
            heading=_("Risks"),
        ),
        FieldPanel("mixing_dangers"),
        FieldPanel("dependence"),
        FieldPanel("law"),
        FieldPanel("harm_reduction"),
        FieldPanel("worried_friend"),
        FieldPanel("get_help"),
        FieldPanel("sources"),
        FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("reviewer_role")]),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("slang_names", boost=2),
        index.AutocompleteField("slang_names"),
        index.SearchField("description"),
        index.SearchField("effects"),
        index.SearchField("harm_reduction"),
    ]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("last_reviewed"),
    ]
    parent_page_types = ["campaigns.SubstanceIndexPage"]
    subpage_types = []
    template = "campaigns/substance_page.html"

    class Meta:
        verbose_name = _("substance fact sheet")
        verbose_name_plural = _("substance fact sheets")

    # Health content: live only through the health review, with four eyes (campaigns/review.py).
    def permissions_for_user(self, user):
        from ..review import ReviewedPagePermissionTester

        return ReviewedPagePermissionTester(user, self)

    def get_workflow(self):
        from ..review import health_workflow

        return health_workflow() or super().get_workflow()

    @property
    def has_workflow(self):
        return self.get_workflow() is not None

    @property
    def slang_list(self) -> list[str]:
        return [name.strip() for name in (self.slang_names or "").split(",") if name.strip()]

    @property
    def sort_key(self) -> str:
        import unicodedata

        return unicodedata.normalize("NFKD", self.title).encode("ascii", "ignore").decode().casefold()

    @property
    def letter(self) -> str:
        first = self.sort_key[:1].upper()
        return first if first in string.ascii_uppercase else "#"

    def sections(self):
        """(key, heading, value) of the non-empty sections, in reading order."""
        out = []
        for key, heading in self.SECTIONS:
            value = getattr(self, key)
            if key == "duration":
                if value and any(len(block.value) for block in value):
                    out.append((key, heading, value))
            elif value and strip_tags(value).strip():
                out.append((key, heading, value))
        return out

    def mixes(self):
        return Mix.for_substance(self)

    def get_context(self, request, *args, **kwargs):
        from django.utils.functional import SimpleLazyObject

        context = super().get_context(request, *args, **kwargs)
        # Read only when the page fragment is rendered (not when it comes from the cache: issue 17).
        context["mixes"] = SimpleLazyObject(self.mixes)
        return context

    def json_ld(self, request):
        data = web_page_ld(self, request, "MedicalWebPage")
        data["about"] = {"@type": "Drug", "name": self.title}
        if self.slang_list:
            data["about"]["alternateName"] = self.slang_list
        if self.last_reviewed:
            data["lastReviewed"] = self.last_reviewed.isoformat()
        return data


class Mix(ReviewedSnippetMixin, models.Model):
    """What is known about taking two substances together (an unordered pair)."""

    class Risk(models.TextChoices):
        LOW = "low", _("Low risk")
        CAUTION = "caution", _("Caution")
        DANGEROUS = "dangerous", _("Dangerous")
        VERY_DANGEROUS = "very_dangerous", _("Very dangerous")

    RISK_ORDER = {"low": 0, "caution": 1, "dangerous": 2, "very_dangerous": 3}

    substance_a = models.ForeignKey(
        "campaigns.SubstancePage", verbose_name=_("substance"), on_delete=models.CASCADE, related_name="+"
    )
    substance_b = models.ForeignKey(
        "campaigns.SubstancePage",
        verbose_name=_("mixed with"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    risk = models.CharField(_("risk level"), max_length=20, choices=Risk.choices)
    explanation = models.TextField(_("explanation"), max_length=800)
    advice = models.TextField(
        _("what to do"), max_length=600, blank=True, help_text=_("What to do if someone mixes them anyway.")
    )
    reference = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("The public source of the risk level.")
    )
    _revisions = revisions_relation("mix")
    workflow_states = workflow_states_relation("mix")

    panels = [
        FieldRowPanel([FieldPanel("substance_a"), FieldPanel("substance_b")]),
        FieldPanel("risk"),
        FieldPanel("explanation"),
        FieldPanel("advice"),
        FieldPanel("reference"),
    ]
    # Facts: copied from the source, never shown in the translation editor (not even as an override).
    override_translatable_fields = [
        SynchronizedField("substance_a", overridable=False),
        SynchronizedField("substance_b", overridable=False),
        SynchronizedField("risk", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("mix")
        verbose_name_plural = _("mixing table")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "substance_a", "substance_b"], name="campaigns_mix_pair"
            ),
            models.CheckConstraint(
                condition=Q(substance_a__lt=F("substance_b")), name="campaigns_mix_pair_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.substance_a.title} + {self.substance_b.title}"

    def save(self, *args, **kwargs):
        self._normalise()
        return super().save(*args, **kwargs)

    def get_preview_template(self, request, mode_name):
        return "campaigns/mix_checker.html"

    def get_preview_context(self, request, mode_name):
        """The mixing checker showing this (draft) row for its pair, in the snippet's language."""
        context = super().get_preview_context(request, mode_name)
        substances = list(
            SubstancePage.objects.live().public().filter(locale_id=self.locale_id).order_by("title")
        )
        by_key = {page.translation_key: page for page in substances}
        first = by_key.get(self.substance_a.translation_key, self.substance_a)
        second = by_key.get(self.substance_b.translation_key, self.substance_b)
        return {
            **context,
            "substances": substances,
            "first": first,
            "second": second,
            "result": self,
            "checked": True,
            "error": "",
        }

    def _normalise(self):
        if self.substance_a_id and self.substance_b_id and self.substance_a_id > self.substance_b_id:
            self.substance_a_id, self.substance_b_id = self.substance_b_id, self.substance_a_id

    def clean(self):
        super().clean()
        if self.substance_a_id and self.substance_a_id == self.substance_b_id:
            raise ValidationError({"substance_b": _("Choose two different substances.")})
        self._normalise()
        if self.substance_a_id and self.substance_b_id:
            clash = Mix.objects.filter(
                locale_id=self.locale_id,
                substance_a_id=self.substance_a_id,
                substance_b_id=self.substance_b_id,
            ).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError(_("This pair is already in the mixing table."))

    @property
    def risk_rank(self) -> int:
        return self.RISK_ORDER.get(self.risk, 0)

    @classmethod
    def for_substance(cls, page) -> list[tuple[Mix, Page]]:
        """[(mix, other substance in the page's language)] for a substance page, most dangerous first. Live rows
        only: a draft or a change awaiting moderation is never public.

        The mixing table refers to the source-language pages (synchronised choosers); translations are matched
        through their translation key. Three queries whatever the number of rows."""
        rows = list(
            cls.objects.filter(live=True, locale_id=page.locale_id)
            .filter(
                Q(substance_a__translation_key=page.translation_key)
                | Q(substance_b__translation_key=page.translation_key)
            )
            .select_related("substance_a", "substance_b")
        )
        if not rows:
            rows = list(
                cls.objects.filter(live=True)
                .filter(
                    Q(substance_a__translation_key=page.translation_key)
                    | Q(substance_b__translation_key=page.translation_key)
                )
                .filter(locale_id=F("substance_a__locale_id"))
                .select_related("substance_a", "substance_b")
            )
        others = [
            m.substance_b if m.substance_a.translation_key == page.translation_key else m.substance_a
            for m in rows
        ]
        localized = {
            p.translation_key: p
            for p in SubstancePage.objects.filter(
                translation_key__in=[o.translation_key for o in others], locale_id=page.locale_id
            ).live()
        }
        result = [(m, localized.get(o.translation_key, o)) for m, o in zip(rows, others, strict=True)]
        result.sort(key=lambda pair: (-pair[0].risk_rank, pair[1].title))
        return result

    @classmethod
    def lookup(cls, first, second, locale_id):
        """The live mix of two substance pages (any language), preferring the given language; None if unknown."""
        keys = {first.translation_key, second.translation_key}
        candidates = list(
            cls.objects.filter(
                live=True, substance_a__translation_key__in=keys, substance_b__translation_key__in=keys
            ).select_related("substance_a", "substance_b")
        )
        candidates = [
            m for m in candidates if {m.substance_a.translation_key, m.substance_b.translation_key} == keys
        ]
        for mix in candidates:
            if mix.locale_id == locale_id:
                return mix
        return candidates[0] if candidates else None
