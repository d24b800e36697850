"""The default share cards (og:image, 1200×630 PNG): one per page type and language, drawn with Pillow from the
catalogues' words and committed under static/img/share/, so a link shared on a social network shows a card even
when the page has no share image of its own. `manage.py build_share_images` redraws them (after a wording change).
A page's own share image (BasePage.share_image) always wins (components/social_meta.html)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

SIZE = (1200, 630)
KINDS = ("home", "campaign", "substance", "directory", "page")
FOLDER = Path(settings.BASE_DIR) / "static" / "img" / "share"
# The DOPE TALK colours: near-black ground, yellow and pink highlights (contrast ≥ 7:1 on the ground).
GROUND, YELLOW, PINK, WHITE = (17, 17, 17), (255, 214, 0), (255, 92, 168), (255, 255, 255)


def words(kind: str) -> tuple[str, str]:
    """The card's headline and its line below, in the active language."""
    return {
        "home": (_("Drugs: talk, know, get help."), _("Help one tap away in Brussels")),
        "campaign": ("DOPE TALK", _("Drugs, straight talk. Help one tap away.")),
        "substance": (_("Substances from A to Z"), _("Effects, risks, reducing the risks")),
        "directory": (_("Find help near you"), _("Support and harm-reduction services in Brussels")),
        "page": (_("Brussels Prevention"), _("Help one tap away in Brussels")),
    }[kind]


def static_path(kind: str, language: str) -> str:
    kind = kind if kind in KINDS else "page"
    return f"img/share/{kind}-{language}.png"


def _wrap(draw, text, font, width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    return [*lines, line] if line else lines


# A font with every French and Dutch letter (Pillow's built-in one lacks é, à, ë); the built-in one otherwise.
BOLD_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _font(path, size):
    from PIL import ImageFont

    try:
        return ImageFont.truetype(path, size)
    except OSError:
        return ImageFont.load_default(size=size)


def draw(kind: str, language: str):
    from PIL import Image, ImageDraw

    with translation.override(language):
        headline, line = words(kind)
        site = _("Brussels Prevention")
    image = Image.new("RGB", SIZE, GROUND)
    pen = ImageDraw.Draw(image)
    pen.rectangle([0, 0, 24, SIZE[1]], fill=PINK)
    big, small = _font(BOLD_FONT, 84), _font(FONT, 40)
    y = 90
    for text in _wrap(pen, headline.upper(), big, SIZE[0] - 160)[:3]:
        pen.text((80, y), text, font=big, fill=YELLOW)
        y += 100
    y += 20
    for text in _wrap(pen, line, small, SIZE[0] - 160)[:2]:
        pen.text((80, y), text, font=small, fill=WHITE)
        y += 52
    pen.text((80, SIZE[1] - 90), f"{site} · 112", font=small, fill=PINK)
    return image


def build(folder: Path | None = None) -> list[Path]:
    folder = folder or FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for language, _name in settings.LANGUAGES:
        for kind in KINDS:
            path = folder / Path(static_path(kind, language)).name
            draw(kind, language).save(path, optimize=True)
            written.append(path)
    return written
