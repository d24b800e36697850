"""StreamField blocks shared by every app. Each block has a complete Meta so editors can preview it."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

__all__ = [
    "ButtonBlock",
    "CalloutBlock",
    "FAQBlock",
    "HeadingBlock",
    "HelpBlock",
    "ImageWithCaptionBlock",
    "RICH_TEXT_FEATURES",
    "base_body_blocks",
]

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"), choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "components/blocks/heading.html"
        help_text = _("A section heading. Keep it short: most visitors only scan headings.")
        preview_value = {"text": "Ce qu'il faut savoir", "level": "h2"}


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "components/blocks/image.html"
        help_text = _("An image with its text alternative (set on the image) and an optional caption.")
        preview_value = {"caption": "Illustration"}


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        label=_("Tone"),
        choices=[("info", _("Information")), ("warning", _("Warning")), ("tip", _("Tip"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "components/blocks/callout.html"
        help_text = _("A highlighted box for a tip or a warning.")
        preview_value = {"tone": "tip", "title": "Astuce", "text": "<p>Ne consomme jamais seul·e.</p>"}


class ButtonBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External link"), required=False)

    class Meta:
        icon = "link"
        label = _("Button")
        template = "components/blocks/button.html"
        help_text = _("A call to action. Choose a page of the site, or give an external link.")
        preview_value = {"text": "Trouver de l'aide", "url": "https://example.org"}


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("Answer"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "help"
        label = _("Question and answer")
        preview_value = {"question": "C'est anonyme ?", "answer": "<p>Oui.</p>"}


class FAQBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    items = blocks.ListBlock(FAQItemBlock(), label=_("Questions"))

    class Meta:
        icon = "help"
        label = _("Frequently asked questions")
        template = "components/blocks/faq.html"
        help_text = _("Questions that open on tap (native disclosure, works without JavaScript).")
        preview_value = {
            "title": "Questions fréquentes",
            "items": [{"question": "C'est anonyme ?", "answer": "<p>Oui, toujours.</p>"}],
        }


class HelpBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False, max_length=400)
    show_helplines = blocks.BooleanBlock(label=_("Show the helplines"), required=False, default=True)
    show_directory_link = blocks.BooleanBlock(
        label=_("Link to the service directory"), required=False, default=True
    )

    class Meta:
        icon = "help"
        label = _("Help block")
        template = "components/blocks/help.html"
        help_text = _("Helplines with their open-now state and a link to services nearby.")
        preview_value = {"title": "Besoin d'en parler ?", "show_helplines": True, "show_directory_link": True}


def base_body_blocks():
    """The blocks every content page offers; apps add their own."""
    return [
        ("heading", HeadingBlock()),
        (
            "paragraph",
            blocks.RichTextBlock(
                features=RICH_TEXT_FEATURES,
                label=_("Paragraph"),
                icon="pilcrow",
                template="components/blocks/paragraph.html",
                help_text=_("Text. Short paragraphs read better on a phone."),
                preview_value="<p>Un texte court et clair.</p>",
            ),
        ),
        ("image", ImageWithCaptionBlock()),
        ("callout", CalloutBlock()),
        ("faq", FAQBlock()),
        ("button", ButtonBlock()),
        ("help", HelpBlock()),
    ]
