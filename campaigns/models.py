"""Models of the campaigns app: campaign pages, substance fact sheets, articles, alerts, quizzes, self-checks,
the mixing table and an anonymous result counter."""

from __future__ import annotations

import datetime as dt
import string

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Page,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import base_body_blocks
from home.models import BasePage

from . import blocks as cblocks
from .review import HealthReviewTask  # noqa: F401  (a model: the health review task)

SECTION_FEATURES = ["bold", "italic", "ul", "ol", "link", "h3"]

code_validator = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    _("Use lower-case letters, digits and single hyphens only, e.g. dope-talk-2026."),
)


def _section(verbose_name, help_text=""):
    return RichTextField(verbose_name, blank=True, features=SECTION_FEATURES, help_text=help_text)


# --- Indexes -------------------------------------------------------------------------------------------


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
        data = _web_page_ld(self, request, "WebPage")
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
        from .review import ReviewedPagePermissionTester

        return ReviewedPagePermissionTester(user, self)

    def get_workflow(self):
        from .review import health_workflow

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
        data = _web_page_ld(self, request, "MedicalWebPage")
        data["about"] = {"@type": "Drug", "name": self.title}
        if self.slang_list:
            data["about"]["alternateName"] = self.slang_list
        if self.last_reviewed:
            data["lastReviewed"] = self.last_reviewed.isoformat()
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
        data = _web_page_ld(self, request, "Article")
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


def _web_page_ld(page, request, kind: str) -> dict:
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


# --- Snippets: quiz, self-check, mixing table -----------------------------------------------------------


class ReviewedSnippetMixin(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, TranslatableMixin
):
    """Health-critical content has the lifecycle of a page: drafts, revisions (history, compare, rollback), a live
    preview, locking and the moderation workflow (docs/campaigns.md). The row holds the live version; drafts live
    in revisions. Public views and selectors read `live` rows only (`.filter(live=True)`).

    Subclasses add `_revisions` and `workflow_states` generic relations (Wagtail's recipe: deleting a snippet
    deletes its revisions and workflow states) and `get_preview_template`."""

    class Meta:
        abstract = True

    @property
    def revisions(self):
        return self._revisions

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), "page": None, "is_preview": True}

    def serve_preview(self, request, mode_name):
        """Rendered in the snippet's language (the preview request has no language prefix to say so), and rendered
        here rather than lazily, while that language is active."""
        from django.template.response import TemplateResponse
        from django.utils import translation

        with translation.override(self.locale.language_code):
            response = TemplateResponse(
                request,
                self.get_preview_template(request, mode_name),
                self.get_preview_context(request, mode_name),
            )
            return response.render()


def _revisions_relation(name):
    return GenericRelation("wagtailcore.Revision", related_query_name=name)


def _workflow_states_relation(name):
    return GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name=name,
        for_concrete_model=False,
    )


class Quiz(ReviewedSnippetMixin, ClusterableModel):
    title = models.CharField(_("title"), max_length=120)
    intro = models.TextField(_("introduction"), blank=True, max_length=400)
    questions = StreamField([("question", cblocks.QuizQuestionBlock())], verbose_name=_("questions"))
    _revisions = _revisions_relation("quiz")
    workflow_states = _workflow_states_relation("quiz")

    panels = [FieldPanel("title"), FieldPanel("intro"), FieldPanel("questions")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def __str__(self):
        return self.title

    @property
    def preview_modes(self):
        return [("", _("Questions")), ("answers", _("Answers and explanations"))]

    def get_preview_template(self, request, mode_name):
        return "campaigns/quiz.html"

    def get_preview_context(self, request, mode_name):
        from .services import correct_answers_result

        context = super().get_preview_context(request, mode_name)
        result = correct_answers_result(self) if mode_name == "answers" else None
        return {**context, "quiz": self, "return_page": None, "error": "", "result": result}


class SelfCheck(ReviewedSnippetMixin, ClusterableModel):
    title = models.CharField(_("title"), max_length=120)
    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=400,
        help_text=_("Say that it is anonymous, that nothing is stored, and what it is based on."),
    )
    questions = StreamField([("question", cblocks.SelfCheckQuestionBlock())], verbose_name=_("questions"))
    bands = StreamField([("band", cblocks.ScoreBandBlock())], verbose_name=_("score bands"))
    _revisions = _revisions_relation("selfcheck")
    workflow_states = _workflow_states_relation("selfcheck")

    panels = [FieldPanel("title"), FieldPanel("intro"), FieldPanel("questions"), FieldPanel("bands")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("self-check")
        verbose_name_plural = _("self-checks")

    def __str__(self):
        return self.title

    @property
    def preview_modes(self):
        return [("", _("Questions")), ("bands", _("Score bands and advice"))]

    def get_preview_template(self, request, mode_name):
        return "campaigns/self_check.html" if mode_name != "bands" else "campaigns/self_check_bands.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        return {**context, "self_check": self, "return_page": None, "error": "", "result": None}

    def band_for(self, score: int):
        """(index, band value) of the band containing the score, or (None, None)."""
        for i, block in enumerate(self.bands):
            if block.value["min_score"] <= score <= block.value["max_score"]:
                return i, block.value
        return None, None


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
    _revisions = _revisions_relation("mix")
    workflow_states = _workflow_states_relation("mix")

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


class ResultCounter(models.Model):
    """An anonymous tally: how many quizzes/self-checks ended in a given result, per day. Nothing else."""

    class Kind(models.TextChoices):
        QUIZ = "quiz", _("Quiz")
        SELF_CHECK = "self_check", _("Self-check")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    object_id = models.PositiveIntegerField(_("quiz or self-check"))
    result = models.CharField(
        _("result"), max_length=20, help_text=_("Score for a quiz, band number for a self-check.")
    )
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("result counter")
        verbose_name_plural = _("result counters")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "result", "day"], name="campaigns_result_counter"
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} {self.result} {self.day}: {self.count}"

    @classmethod
    def bump(cls, *, kind: str, object_id: int, result: str) -> None:
        day = timezone.localdate()
        updated = cls.objects.filter(kind=kind, object_id=object_id, result=result, day=day).update(
            count=F("count") + 1
        )
        if updated:
            return
        try:
            with transaction.atomic():
                cls.objects.create(kind=kind, object_id=object_id, result=result, day=day, count=1)
        except IntegrityError:
            cls.objects.filter(kind=kind, object_id=object_id, result=result, day=day).update(
                count=F("count") + 1
            )
