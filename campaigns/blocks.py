"""StreamField blocks of campaign pages. Each block has a complete Meta so editors can preview it.

Videos are rendered as a *facade*: a local poster image and a play button. Nothing is requested from the video
platform until the visitor taps (see static/campaigns/campaigns.js and templates/campaigns/blocks/video.html).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from home.blocks import HelpBlock

__all__ = [
    "EpisodeSeriesBlock",
    "HeroBlock",
    "KeyMessagesBlock",
    "MythFactBlock",
    "QuizBlock",
    "RelatedSubstancesBlock",
    "RouteDurationTableBlock",
    "SelfCheckBlock",
    "ShareLinksBlock",
    "SourceBlock",
    "TalkPromptsBlock",
    "VideoBlock",
    "campaign_body_blocks",
    "parse_video",
]

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^\d{5,12}$")
PROVIDER_HOSTS = {
    "tiktok": ("tiktok.com", "www.tiktok.com", "vm.tiktok.com"),
    "instagram": ("instagram.com", "www.instagram.com"),
}


def parse_video(provider: str, ref: str) -> str:
    """Normalise what the editor typed (an id or a URL) into the value stored for that provider.

    YouTube → 11-character id; Vimeo → numeric id; TikTok/Instagram → https URL on the platform.
    Raises ValueError with a translated message when it cannot be understood."""
    ref = (ref or "").strip()
    if provider == "youtube":
        return _youtube_id(ref)
    if provider == "vimeo":
        return _vimeo_id(ref)
    if provider in PROVIDER_HOSTS:
        url = urlparse(ref)
        if url.scheme == "https" and (url.hostname or "").lower() in PROVIDER_HOSTS[provider]:
            return ref
        raise ValueError(_("Give the full https link of the post on this platform."))
    if provider == "file":
        return ""
    raise ValueError(_("Unknown video platform."))


def _youtube_id(ref: str) -> str:
    candidate = ref if YOUTUBE_ID.match(ref) else _youtube_id_in_link(urlparse(ref))
    if YOUTUBE_ID.match(candidate):
        return candidate
    raise ValueError(_("This is not a YouTube video id or link (an id has 11 characters)."))


def _youtube_id_in_link(url) -> str:
    """The id in a youtu.be, watch, embed, shorts, live or /v/ link; "" when there is none."""
    host = (url.hostname or "").lower()
    if host == "youtu.be":
        return url.path.lstrip("/").split("/")[0]
    if not (host.endswith("youtube.com") or host.endswith("youtube-nocookie.com")):
        return ""
    if url.path == "/watch":
        return parse_qs(url.query).get("v", [""])[0]
    parts = [p for p in url.path.split("/") if p]
    if len(parts) >= 2 and parts[0] in ("embed", "shorts", "live", "v"):
        return parts[1]
    return ""


def _vimeo_id(ref: str) -> str:
    if VIMEO_ID.match(ref):
        return ref
    url = urlparse(ref)
    parts = [p for p in url.path.split("/") if p]
    if (url.hostname or "").endswith("vimeo.com") and parts and VIMEO_ID.match(parts[-1]):
        return parts[-1]
    raise ValueError(_("This is not a Vimeo video number or link."))


class SynchronizedCharBlock(blocks.CharBlock):
    """A text value that is the same in every language (video ids, codes): wagtail-localize does not offer it to
    translators and copies it to translations."""

    def get_translatable_segments(self, value):
        return []

    def restore_translated_segments(self, value, segments):
        return value


class PosterChooserBlock(ImageChooserBlock):
    """An image chooser that fetches the images with their renditions in one query per StreamField."""

    def bulk_to_python(self, values):
        objects = self.model_class.objects.prefetch_renditions().in_bulk(values)
        return [objects.get(pk) for pk in values]


class VideoValue(blocks.StructValue):
    @property
    def ref(self) -> str:
        try:
            return parse_video(self.get("provider"), self.get("video"))
        except ValueError:
            return ""

    @property
    def embed_url(self) -> str:
        """The player URL, requested only after the visitor taps (privacy-enhanced domains)."""
        provider, ref = self.get("provider"), self.ref
        if not ref:
            return ""
        if provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{ref}?autoplay=1&rel=0"
        if provider == "vimeo":
            return f"https://player.vimeo.com/video/{ref}?autoplay=1&dnt=1"
        return ""

    @property
    def watch_url(self) -> str:
        """A plain link to the video on its platform (the fallback without JavaScript)."""
        provider, ref = self.get("provider"), self.ref
        if provider == "youtube" and ref:
            return f"https://www.youtube.com/watch?v={ref}"
        if provider == "vimeo" and ref:
            return f"https://vimeo.com/{ref}"
        if provider in PROVIDER_HOSTS:
            return ref
        document = self.get("file")
        return document.url if document else ""

    @property
    def is_link_card(self) -> bool:
        return self.get("provider") in PROVIDER_HOSTS

    @property
    def provider_label(self) -> str:
        return dict(VideoBlock.PROVIDERS).get(self.get("provider"), "")


class VideoBlock(blocks.StructBlock):
    PROVIDERS = [
        ("youtube", "YouTube"),
        ("vimeo", "Vimeo"),
        ("tiktok", "TikTok"),
        ("instagram", "Instagram"),
        ("file", _("Video file on this site")),
    ]

    provider = blocks.ChoiceBlock(label=_("Platform"), choices=PROVIDERS, default="youtube")
    video = SynchronizedCharBlock(
        label=_("Video id or link"),
        required=False,
        max_length=300,
        help_text=_(
            "YouTube: the 11-character id or the link. TikTok/Instagram: the full link of the post. "
            "Leave empty for a file."
        ),
    )
    file = DocumentChooserBlock(
        label=_("Video file"), required=False, help_text=_("Only for “video file on this site” (MP4).")
    )
    poster = PosterChooserBlock(
        label=_("Poster image"),
        help_text=_(
            "Shown until the visitor taps play. Uploaded here: nothing is loaded from the platform before."
        ),
    )
    title = blocks.CharBlock(label=_("Video title"), max_length=120)
    transcript = blocks.TextBlock(
        label=_("Transcript"),
        help_text=_("What is said in the video, for people who cannot or do not want to watch it."),
    )
    subtitles_note = blocks.CharBlock(
        label=_("Subtitles note"),
        required=False,
        max_length=160,
        help_text=_("e.g. “Subtitles in French and Dutch: turn them on with the CC button.”"),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "campaigns/blocks/video.html"
        value_class = VideoValue
        help_text = _(
            "A video shown as a poster with a play button. It loads from the platform only when tapped."
        )
        preview_value = {
            "provider": "youtube",
            "video": "dQw4w9WgXcQ",
            "title": "Dope Talk",
            "transcript": "Transcription de la vidéo.",
        }

    def clean(self, value):
        errors = {}
        provider = value.get("provider")
        if provider == "file":
            if not value.get("file"):
                errors["file"] = ValidationError(_("Choose the video file."))
        else:
            try:
                value["video"] = parse_video(provider, value.get("video"))
            except ValueError as exc:
                errors["video"] = ValidationError(str(exc))
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return super().clean(value)


class HeroBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False, max_length=300)
    video = VideoBlock(label=_("Vertical short video"))

    class Meta:
        icon = "media"
        label = _("Hero with video")
        template = "campaigns/blocks/hero.html"
        help_text = _("The first thing visitors see: a title, a sentence and a short vertical video.")
        preview_value = {"title": "Dope Talk", "text": "On en parle ?"}


class EpisodeBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Episode title"), max_length=120)
    text = blocks.TextBlock(label=_("Short text"), required=False, max_length=300)
    video = VideoBlock(label=_("Video"))

    class Meta:
        icon = "media"
        label = _("Episode")
        template = "campaigns/blocks/episode.html"
        help_text = _("One episode: a video with its transcript and a short text.")
        preview_value = {"title": "Épisode 1", "text": "Dans la rue, on a demandé…"}


class EpisodeSeriesBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    episodes = blocks.ListBlock(EpisodeBlock(), label=_("Episodes"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Episode series")
        template = "campaigns/blocks/episode_series.html"
        help_text = _("A series of short videos, in order.")
        preview_value = {"title": "Les épisodes"}


class KeyMessagesBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    messages = blocks.ListBlock(blocks.CharBlock(max_length=200, label=_("Message")), label=_("Messages"))

    class Meta:
        icon = "pick"
        label = _("Key messages")
        template = "campaigns/blocks/key_messages.html"
        help_text = _("Three to five short sentences to remember.")
        preview_value = {"title": "À retenir", "messages": ["Ne consomme jamais seul·e."]}


class MythFactCardBlock(blocks.StructBlock):
    myth = blocks.CharBlock(label=_("Myth"), max_length=200)
    fact = blocks.TextBlock(label=_("Fact"), max_length=500)
    source = blocks.CharBlock(label=_("Source"), required=False, max_length=200)

    class Meta:
        icon = "help"
        label = _("Myth/fact card")
        preview_value = {
            "myth": "Le cannabis, c'est naturel donc sans risque.",
            "fact": "Naturel ne veut pas dire sans risque.",
        }


class MythFactBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    cards = blocks.ListBlock(MythFactCardBlock(), label=_("Cards"))

    class Meta:
        icon = "help"
        label = _("Myths and facts")
        template = "campaigns/blocks/myth_fact.html"
        help_text = _(
            "Cards that show a common belief, then the fact (opens on tap, works without JavaScript)."
        )
        preview_value = {"title": "Vrai ou faux ?"}


class QuizBlock(blocks.StructBlock):
    quiz = SnippetChooserBlock("campaigns.Quiz", label=_("Quiz"))

    class Meta:
        icon = "form"
        label = _("Quiz")
        template = "campaigns/blocks/quiz.html"
        help_text = _("A knowledge quiz with immediate feedback. Answers are never stored.")
        preview_value = {}


class SelfCheckBlock(blocks.StructBlock):
    self_check = SnippetChooserBlock("campaigns.SelfCheck", label=_("Self-check"))

    class Meta:
        icon = "form"
        label = _("Self-check")
        template = "campaigns/blocks/self_check.html"
        help_text = _("An anonymous questionnaire that ends with advice and help. Answers are never stored.")
        preview_value = {}


class TalkPromptsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    prompts = blocks.ListBlock(blocks.CharBlock(max_length=200, label=_("Prompt")), label=_("Prompts"))

    class Meta:
        icon = "comment"
        label = _("“Talk about it” prompts")
        template = "campaigns/blocks/talk_prompts.html"
        help_text = _("Questions to start a conversation with friends, family or a youth worker.")
        preview_value = {"title": "Et toi, t'en penses quoi ?", "prompts": ["Qu'est-ce qui t'a surpris ?"]}


class RelatedSubstancesBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    substances = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="campaigns.SubstancePage", label=_("Substance")),
        label=_("Substances"),
    )

    class Meta:
        icon = "doc-full"
        label = _("Related substances")
        template = "campaigns/blocks/related_substances.html"
        help_text = _("Links to the fact sheets of the substances this campaign talks about.")
        preview_value = {"title": "Les produits"}

    def get_context(self, value, parent_context=None):
        """The chosen sheets in the visitor's language (live translations), in one query."""
        context = super().get_context(value, parent_context=parent_context)
        chosen = [page for page in value.get("substances") or [] if page is not None]
        localized = _live_translations(chosen)
        context["localized_substances"] = [
            localized.get(p.translation_key) or p for p in chosen if p.translation_key in localized or p.live
        ]
        return context


def _live_translations(chosen: list) -> dict:
    """The live substance sheets in the active language, by translation key, of the chosen ones."""
    from wagtail.models import Locale

    from .models import SubstancePage

    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        return {}
    if not chosen:
        return {}
    return {
        p.translation_key: p
        for p in SubstancePage.objects.live().filter(
            translation_key__in=[p.translation_key for p in chosen], locale=locale
        )
    }


class ShareLinksBlock(blocks.StructBlock):
    NETWORKS = [
        ("whatsapp", "WhatsApp"),
        ("telegram", "Telegram"),
        ("facebook", "Facebook"),
        ("x", "X"),
        ("email", _("E-mail")),
    ]
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    networks = blocks.MultipleChoiceBlock(
        label=_("Networks"), choices=NETWORKS, default=["whatsapp", "telegram", "email"]
    )

    class Meta:
        icon = "link"
        label = _("Share links")
        template = "campaigns/blocks/share_links.html"
        help_text = _("Plain share links: no third-party script, nothing loaded before a tap.")
        preview_value = {"title": "Partage", "networks": ["whatsapp", "email"]}


class RouteDurationBlock(blocks.StructBlock):
    route = blocks.CharBlock(label=_("Route of use"), max_length=80)
    onset = blocks.CharBlock(label=_("Effects start after"), max_length=80)
    duration = blocks.CharBlock(label=_("Effects last"), max_length=80)
    after_effects = blocks.CharBlock(label=_("After-effects"), required=False, max_length=120)

    class Meta:
        icon = "time"
        label = _("Route of use")
        preview_value = {"route": "Fumé", "onset": "Quelques minutes", "duration": "2 à 4 heures"}


class RouteDurationTableBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(RouteDurationBlock(), **kwargs)

    class Meta:
        icon = "table"
        label = _("Duration per route of use")
        template = "campaigns/blocks/duration_table.html"
        help_text = _("One row per way of taking it: when effects start, how long they last.")
        preview_value = [{"route": "Fumé", "onset": "Quelques minutes", "duration": "2 à 4 heures"}]


class SourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    url = blocks.URLBlock(label=_("Link"), required=False)

    class Meta:
        icon = "link"
        label = _("Source")
        template = "campaigns/blocks/source.html"
        help_text = _("A public-health source this sheet is based on.")
        preview_value = {"title": "Infor-Drogues", "url": "https://infordrogues.be"}


def campaign_body_blocks():
    return [
        ("hero", HeroBlock()),
        ("episodes", EpisodeSeriesBlock()),
        ("video", VideoBlock()),
        ("key_messages", KeyMessagesBlock()),
        ("myth_fact", MythFactBlock()),
        ("quiz", QuizBlock()),
        ("self_check", SelfCheckBlock()),
        ("talk_prompts", TalkPromptsBlock()),
        ("help", HelpBlock(template="campaigns/blocks/help.html")),
        ("related_substances", RelatedSubstancesBlock()),
        ("share", ShareLinksBlock()),
        (
            "paragraph",
            blocks.RichTextBlock(
                features=["h2", "h3", "bold", "italic", "ol", "ul", "link"],
                label=_("Paragraph"),
                icon="pilcrow",
                template="components/blocks/paragraph.html",
                help_text=_("Text. Short paragraphs read better on a phone."),
                preview_value="<p>Un texte court et clair.</p>",
            ),
        ),
    ]


# Snippet question blocks -----------------------------------------------------------------------------


class QuizAnswerBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=200)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)

    class Meta:
        icon = "tick"
        label = _("Answer")
        preview_value = {"text": "Vrai", "correct": True}


class QuizQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=250)
    answers = blocks.ListBlock(QuizAnswerBlock(), label=_("Answers"), min_num=2, max_num=6)
    explanation = blocks.TextBlock(label=_("Explanation"), max_length=600)

    class Meta:
        icon = "help"
        label = _("Question")
        template = "campaigns/blocks/quiz_question.html"
        help_text = _(
            "A question, two to six answers (tick the correct ones) and the explanation shown after."
        )
        preview_value = {
            "question": "L'alcool réchauffe ?",
            "explanation": "Non, il fait perdre de la chaleur.",
        }

    def clean(self, value):
        value = super().clean(value)
        if not any(answer.get("correct") for answer in value.get("answers") or []):
            raise blocks.StructBlockValidationError(
                block_errors={"answers": ValidationError(_("Tick at least one correct answer."))}
            )
        return value


class ScoredOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Option"), max_length=200)
    score = blocks.IntegerBlock(label=_("Score"), min_value=0, max_value=100, default=0)

    class Meta:
        icon = "order"
        label = _("Option")
        preview_value = {"text": "Jamais", "score": 0}


class SelfCheckQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=250)
    options = blocks.ListBlock(ScoredOptionBlock(), label=_("Options"), min_num=2, max_num=8)

    class Meta:
        icon = "help"
        label = _("Question")
        template = "campaigns/blocks/self_check_question.html"
        help_text = _("A question and its options, each with a score.")
        preview_value = {"question": "À quelle fréquence ?"}


class ScoreBandBlock(blocks.StructBlock):
    min_score = blocks.IntegerBlock(label=_("From score"), min_value=0, default=0)
    max_score = blocks.IntegerBlock(label=_("To score"), min_value=0, default=0)
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    advice = blocks.TextBlock(label=_("Advice"), max_length=800)
    help_page = blocks.PageChooserBlock(label=_("Page with more help"), required=False)
    show_helplines = blocks.BooleanBlock(label=_("Show the helplines"), required=False, default=True)

    class Meta:
        icon = "pick"
        label = _("Score band")
        help_text = _("The advice for a total score between the two values (included).")
        preview_value = {
            "min_score": 0,
            "max_score": 3,
            "title": "Peu de risques",
            "advice": "Continue à faire attention.",
        }

    def clean(self, value):
        value = super().clean(value)
        low, high = value.get("min_score"), value.get("max_score")
        if low is not None and high is not None and high < low:
            raise blocks.StructBlockValidationError(
                block_errors={"max_score": ValidationError(_("Must not be below the first score."))}
            )
        return value
