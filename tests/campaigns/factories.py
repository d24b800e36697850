"""Small builders for campaign tests (plain functions: explicit and fast); the pages come from demo/factories.py."""

from __future__ import annotations

import io
import uuid

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from campaigns.models import (
    CampaignIndexPage,
    Mix,
    Quiz,
    SelfCheck,
    SubstanceIndexPage,
)
from demo.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    SubstanceIndexPageFactory,
    SubstancePageFactory,
)


def t(msgid, lang="fr", **kwargs):
    """The text a visitor sees for a msgid (English when the catalogues are not compiled). Compare with text()."""
    from django.utils import translation

    with translation.override(lang):
        text = translation.gettext(msgid)
    return text % kwargs if kwargs else text


def text(response) -> str:
    """The response body with HTML entities decoded (translated strings may hold apostrophes)."""
    import html

    return html.unescape(response.content.decode())


def items(values):
    """ListBlock raw data in Wagtail's block format (what the admin saves; wagtail-localize needs the ids)."""
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def make_image(title="poster", color=(40, 60, 90)):
    buffer = io.BytesIO()
    PILImage.new("RGB", (360, 640), color).save(buffer, "JPEG")
    image = get_image_model()(title=title, file=ImageFile(buffer, name=f"{title}.jpg"))
    image.save()
    return image


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def video(image, ref="dQw4w9WgXcQ", provider="youtube", title="Épisode"):
    return {
        "provider": provider,
        "video": ref,
        "file": None,
        "poster": image.pk,
        "title": title,
        "transcript": "On a demandé aux gens dans la rue ce qu'ils savent.",
        "subtitles_note": "Sous-titres FR/NL",
    }


def campaign_body(image, *, episodes=3, quiz=None, substances=()):
    body = [
        {"type": "hero", "value": {"title": "Dope Talk", "text": "On en parle ?", "video": video(image)}},
        {
            "type": "episodes",
            "value": {
                "title": "Épisodes",
                "episodes": items(
                    {
                        "title": f"Épisode {i}",
                        "text": "Court texte",
                        "video": video(make_image(f"ep{i}"), title=f"Épisode {i}"),
                    }
                    for i in range(1, episodes + 1)
                ),
            },
        },
        {"type": "key_messages", "value": {"title": "À retenir", "messages": ["Ne consomme jamais seul·e."]}},
        {
            "type": "myth_fact",
            "value": {
                "title": "Vrai ou faux",
                "cards": [{"myth": "C'est naturel", "fact": "Pas sans risque", "source": ""}],
            },
        },
        {"type": "talk_prompts", "value": {"title": "Parlons-en", "prompts": ["Et toi ?"]}},
        {
            "type": "help",
            "value": {
                "title": "Besoin d'en parler ?",
                "text": "",
                "show_helplines": True,
                "show_directory_link": True,
            },
        },
        {"type": "share", "value": {"title": "Partage", "networks": ["whatsapp", "email"]}},
    ]
    if quiz is not None:
        body.append({"type": "quiz", "value": {"quiz": quiz.pk}})
    if substances:
        body.append(
            {
                "type": "related_substances",
                "value": {"title": "Produits", "substances": [s.pk for s in substances]},
            }
        )
    return body


def campaign_index(home):
    return CampaignIndexPage.objects.child_of(home).first() or CampaignIndexPageFactory(parent=home)


def substance_index(home):
    return SubstanceIndexPage.objects.child_of(home).first() or SubstanceIndexPageFactory(parent=home)


def substance(index, title, slang="", **fields):
    return SubstancePageFactory(parent=index, title=title, slang_names=slang, **fields)


def campaign(
    index, *, code="dope-talk", episodes=3, quiz=None, substances=(), image=None, title="Dope Talk", extra=()
):
    image = image or make_image()
    return CampaignPageFactory(
        parent=index,
        title=title,
        code=code,
        body=[*campaign_body(image, episodes=episodes, quiz=quiz, substances=substances), *extra],
    )


def quiz(locale, title="Quiz alcool"):
    q = Quiz(
        locale=locale,
        title=title,
        questions=[
            {
                "type": "question",
                "value": {
                    "question": "L'alcool réchauffe ?",
                    "answers": [{"text": "Vrai", "correct": False}, {"text": "Faux", "correct": True}],
                    "explanation": "Il fait perdre de la chaleur.",
                },
            },
            {
                "type": "question",
                "value": {
                    "question": "Une douche froide fait dessoûler ?",
                    "answers": [
                        {"text": "Oui", "correct": False},
                        {"text": "Non", "correct": True},
                        {"text": "Parfois", "correct": False},
                    ],
                    "explanation": "Seul le temps fait baisser l'alcoolémie.",
                },
            },
        ],
    )
    q.save()
    return q


def self_check(locale):
    options = [
        {"text": "Jamais", "score": 0},
        {"text": "Parfois", "score": 2},
        {"text": "Souvent", "score": 4},
    ]
    s = SelfCheck(
        locale=locale,
        title="Et ta consommation ?",
        questions=[
            {"type": "question", "value": {"question": f"Question {i}", "options": options}} for i in range(3)
        ],
        bands=[
            {
                "type": "band",
                "value": {
                    "min_score": 0,
                    "max_score": 3,
                    "title": "Peu de risques",
                    "advice": "Reste attentif.",
                    "help_page": None,
                    "show_helplines": True,
                },
            },
            {
                "type": "band",
                "value": {
                    "min_score": 4,
                    "max_score": 12,
                    "title": "Parles-en",
                    "advice": "Appelle une ligne d'aide.",
                    "help_page": None,
                    "show_helplines": True,
                },
            },
        ],
    )
    s.save()
    return s


def mix(locale, a, b, risk="dangerous", explanation="Risque de surdose."):
    m = Mix(locale=locale, substance_a=a, substance_b=b, risk=risk, explanation=explanation)
    m.full_clean()
    m.save()
    return m
