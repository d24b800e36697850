"""Demo content of the campaigns app (FR + NL): the DOPE TALK campaign with three episodes, a "worried about a
friend" page and an alert, plus the whole knowledge base of content/knowledge/ (fact sheets, mixing table, quizzes,
self-checks; `campaigns.knowledge`), published even where its health review is still pending (demo only).

Idempotent: pages are found again by slug, snippets by translation key or pair, images by title; StreamField block
ids are derived from stable keys so a second run changes nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid

from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model

from campaigns import knowledge
from campaigns.models import (
    AlertPage,
    ArticlePage,
    CampaignIndexPage,
    CampaignPage,
)
from home.models import HomePage
from home.upserts import (
    locale,
    update_page,
    upsert_page,
    upsert_translation,
)

NS = uuid.UUID("6f1c2a52-7d0e-4c8e-9d0b-2b8f5b1f0a11")
REVIEWED = dt.date(2026, 11, 1)


def _id(key: str) -> str:
    return str(uuid.uuid5(NS, key))


def _items(key: str, values) -> list[dict]:
    return [{"type": "item", "value": value, "id": _id(f"{key}-{i}")} for i, value in enumerate(values)]


def _block(key: str, kind: str, value) -> dict:
    return {"type": kind, "value": value, "id": _id(key)}


# --- Images ---------------------------------------------------------------------------------------------

POSTER_COLOURS = [(29, 53, 87), (179, 38, 30), (27, 110, 58), (122, 77, 0), (61, 74, 99)]


def _poster(title: str, label: str, colour) -> object:
    """A vertical poster made with Pillow, stored once in the Wagtail image library (found again by title)."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    from PIL import Image as PILImage
    from PIL import ImageDraw, ImageFont

    canvas = PILImage.new("RGB", (720, 1280), colour)
    draw = ImageDraw.Draw(canvas)
    for y in range(0, 1280, 8):  # a soft vertical gradient
        shade = int(40 * y / 1280)
        draw.line([(0, y), (720, y)], fill=tuple(max(0, c - shade) for c in colour), width=8)
    big = ImageFont.load_default(size=96)
    small = ImageFont.load_default(size=48)
    draw.text((60, 820), "DOPE", font=big, fill=(255, 255, 255))
    draw.text((60, 920), "TALK", font=big, fill=(241, 196, 15))
    draw.text((60, 1060), label, font=small, fill=(255, 255, 255))
    buffer = io.BytesIO()
    canvas.save(buffer, "JPEG", quality=78)
    image = Image(title=title, file=ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.jpg"))
    image.save()
    return image


# --- Campaign -------------------------------------------------------------------------------------------

EPISODES = {
    "fr": [
        (
            "Épisode 1 — « C'est quoi, la drogue ? »",
            "Dans la rue à Anderlecht, on a demandé aux gens ce que le mot « drogue » leur évoque.",
            "— C'est quoi pour toi, la drogue ?\n— Franchement… tout ce qui te rend accro. L'alcool aussi, hein.\n— Et tu en parles avec tes potes ?\n— Pas vraiment. On en rigole, mais on n'en parle pas.",
        ),
        (
            "Épisode 2 — « Le mélange, c'est là que ça part en vrille »",
            "Alcool + coke, proto en soirée : des jeunes de Schaerbeek racontent.",
            "— Le plus grand danger, c'est quoi ?\n— Le mélange. Un verre, puis un autre, puis quelqu'un sort un truc…\n— Tu savais que l'alcool et la coke ensemble, c'est plus toxique pour le cœur ?\n— Non. Personne ne dit ça.",
        ),
        (
            "Épisode 3 — « Si ton pote ne va pas bien »",
            "Que faire quand un ami fait un malaise ? Un infirmier de rue répond.",
            "— Ton pote ne répond plus. Tu fais quoi ?\n— J'appelle… mais j'ai peur des flics.\n— Le 112, ce sont des secours : ils viennent soigner. Mets-le sur le côté et reste avec lui.",
        ),
    ],
    "nl": [
        (
            "Aflevering 1 — 'Wat is drugs eigenlijk?'",
            "Op straat in Anderlecht vroegen we wat mensen bij het woord 'drugs' denken.",
            "— Wat is drugs voor jou?\n— Eerlijk… alles waar je verslaafd aan raakt. Alcohol ook, hè.\n— En praat je erover met je vrienden?\n— Niet echt. We lachen ermee, maar we praten er niet over.",
        ),
        (
            "Aflevering 2 — 'Bij het mengen loopt het mis'",
            "Alcohol + coke, lachgas op feestjes: jongeren uit Schaarbeek vertellen.",
            "— Wat is het grootste gevaar?\n— Het mengen. Een glas, nog een, en dan haalt iemand iets boven…\n— Wist je dat alcohol en coke samen giftiger zijn voor het hart?\n— Nee. Niemand zegt dat.",
        ),
        (
            "Aflevering 3 — 'Als je vriend zich niet goed voelt'",
            "Wat doe je als een vriend onwel wordt? Een straatverpleegkundige antwoordt.",
            "— Je vriend reageert niet meer. Wat doe je?\n— Ik bel… maar ik ben bang voor de politie.\n— 112 zijn hulpdiensten: ze komen verzorgen. Leg hem op zijn zij en blijf bij hem.",
        ),
    ],
}
VIDEO_IDS = ["DpTk26ep01a", "DpTk26ep02b", "DpTk26ep03c"]
HERO_ID = "DpTk26hero0"

CAMPAIGN_TEXT = {
    "fr": {
        "title": "DOPE TALK",
        "intro": "Des influenceurs interrogent les Bruxellois·es dans la rue sur les drogues. Regarde, vérifie "
        "une info, et parles-en : de l'aide gratuite et anonyme est à un clic.",
        "summary": "Des vidéos courtes tournées dans la rue à Bruxelles, pour parler drogues sans tabou.",
        "hero_title": "On en parle ?",
        "hero_text": "Trois épisodes d'une minute, sous-titrés en français et en néerlandais.",
        "hero_video_title": "DOPE TALK — la bande-annonce",
        "hero_transcript": "— Tu as déjà parlé de drogues avec quelqu'un ?\n— Jamais vraiment.\n— Alors on commence. DOPE TALK.",
        "subtitles": "Sous-titres FR et NL : active-les avec le bouton CC.",
        "episodes_title": "Les épisodes",
        "messages_title": "À retenir",
        "messages": [
            "Le mélange (alcool compris) multiplie les risques.",
            "Ne consomme jamais seul·e, et garde un œil sur tes potes.",
            "Le 112, ce sont des secours : ils viennent aider, pas juger.",
            "Parler à quelqu'un, c'est gratuit et anonyme.",
        ],
        "myth_title": "Vrai ou faux ?",
        "myths": [
            (
                "Tout le monde en prend.",
                "La plupart des jeunes Bruxellois·es ne consomment pas de drogues illégales.",
                "Eurotox, enquêtes HBSC",
            ),
            ("Un café, et ça repart.", "Seul le temps fait baisser l'alcool dans le sang.", "FRANK"),
            (
                "Appeler le 112, c'est se faire arrêter.",
                "Les secours soignent. Leur mission n'est pas de poursuivre.",
                "Infor-Drogues",
            ),
        ],
        "talk_title": "Et toi, t'en penses quoi ?",
        "prompts": [
            "Qu'est-ce qui t'a surpris·e dans ces vidéos ?",
            "Avec qui tu pourrais en parler si ça n'allait pas ?",
            "Qu'est-ce que tu ferais si un·e ami·e faisait un malaise ?",
        ],
        "help_title": "Besoin d'en parler ?",
        "help_text": "Anonyme, gratuit, sans jugement. Tu peux aussi trouver un service près de chez toi.",
        "related_title": "Les produits dont on parle",
        "share_title": "Partage avec tes potes",
    },
    "nl": {
        "title": "DOPE TALK",
        "intro": "Influencers vragen Brusselaars op straat naar drugs. Kijk, check een feit, en praat erover: "
        "gratis en anonieme hulp is één klik verwijderd.",
        "summary": "Korte video's op straat in Brussel, om zonder taboes over drugs te praten.",
        "hero_title": "Praten we erover?",
        "hero_text": "Drie afleveringen van een minuut, ondertiteld in het Nederlands en het Frans.",
        "hero_video_title": "DOPE TALK — de trailer",
        "hero_transcript": "— Heb je al eens met iemand over drugs gepraat?\n— Nooit echt.\n— Dan beginnen we nu. DOPE TALK.",
        "subtitles": "Ondertitels NL en FR: zet ze aan met de CC-knop.",
        "episodes_title": "De afleveringen",
        "messages_title": "Om te onthouden",
        "messages": [
            "Mengen (ook met alcohol) vergroot de risico's.",
            "Gebruik nooit alleen, en let op je vrienden.",
            "112 zijn hulpdiensten: ze komen helpen, niet oordelen.",
            "Met iemand praten is gratis en anoniem.",
        ],
        "myth_title": "Waar of niet waar?",
        "myths": [
            (
                "Iedereen gebruikt.",
                "De meeste Brusselse jongeren gebruiken geen illegale drugs.",
                "Eurotox, HBSC-enquêtes",
            ),
            ("Een koffie en je bent weer nuchter.", "Alleen tijd doet het alcoholgehalte dalen.", "FRANK"),
            (
                "112 bellen betekent opgepakt worden.",
                "Hulpdiensten verzorgen. Vervolgen is niet hun taak.",
                "De DrugLijn",
            ),
        ],
        "talk_title": "En jij, wat denk jij?",
        "prompts": [
            "Wat verraste je in deze video's?",
            "Met wie zou je kunnen praten als het niet goed gaat?",
            "Wat zou je doen als een vriend(in) onwel wordt?",
        ],
        "help_title": "Wil je erover praten?",
        "help_text": "Anoniem, gratis, zonder oordeel. Je kan ook een dienst in je buurt vinden.",
        "related_title": "De middelen waarover we praten",
        "share_title": "Deel met je vrienden",
    },
}


def _video(lang, key, ref, poster, title, transcript):
    return {
        "provider": "youtube",
        "video": ref,
        "file": None,
        "poster": poster.pk,
        "title": title,
        "transcript": transcript,
        "subtitles_note": CAMPAIGN_TEXT[lang]["subtitles"],
    }


def _campaign_body(lang, posters, quiz, check, pages):
    t = CAMPAIGN_TEXT[lang]
    episodes = [
        {
            "title": title,
            "text": text,
            "video": _video(lang, f"ep{i}", VIDEO_IDS[i], posters[i + 1], title, transcript),
        }
        for i, (title, text, transcript) in enumerate(EPISODES[lang])
    ]
    related = [pages[key].pk for key in ("alcohol", "cocaine", "nitrous", "ghb")]
    return [
        _block(
            "c-hero",
            "hero",
            {
                "title": t["hero_title"],
                "text": t["hero_text"],
                "video": _video(
                    lang, "hero", HERO_ID, posters[0], t["hero_video_title"], t["hero_transcript"]
                ),
            },
        ),
        _block(
            "c-episodes",
            "episodes",
            {"title": t["episodes_title"], "episodes": _items("c-episode", episodes)},
        ),
        _block(
            "c-messages",
            "key_messages",
            {"title": t["messages_title"], "messages": _items("c-message", t["messages"])},
        ),
        _block(
            "c-myths",
            "myth_fact",
            {
                "title": t["myth_title"],
                "cards": _items("c-myth", [{"myth": m, "fact": f, "source": s} for m, f, s in t["myths"]]),
            },
        ),
        _block("c-quiz", "quiz", {"quiz": quiz.pk}),
        _block(
            "c-talk", "talk_prompts", {"title": t["talk_title"], "prompts": _items("c-prompt", t["prompts"])}
        ),
        _block("c-check", "self_check", {"self_check": check.pk}),
        _block(
            "c-related",
            "related_substances",
            {"title": t["related_title"], "substances": _items("c-related", related)},
        ),
        _block(
            "c-help",
            "help",
            {
                "title": t["help_title"],
                "text": t["help_text"],
                "show_helplines": True,
                "show_directory_link": True,
            },
        ),
        _block(
            "c-share", "share", {"title": t["share_title"], "networks": ["whatsapp", "telegram", "email"]}
        ),
    ]


FRIEND = {
    "fr": {
        "title": "Inquiet·e pour un·e ami·e ?",
        "slug": "inquiet-pour-un-ami",
        "intro": "Tu trouves qu'un·e ami·e consomme trop, ou tu as peur pour lui ou elle ce soir ? Voici quoi faire.",
        "summary": "Les signes, quoi dire, quoi faire en urgence.",
        "body": [
            (
                "Les signes qui peuvent alerter",
                "Changements d'humeur, s'isoler, laisser tomber l'école ou le sport, "
                "problèmes d'argent, consommer seul·e ou dès le matin. Un signe seul ne veut rien dire : c'est l'ensemble qui compte.",
            ),
            (
                "Comment en parler",
                "Choisis un moment calme, pas pendant la soirée. Parle de ce que tu observes et de ce "
                "que tu ressens (« je m'inquiète pour toi »), sans faire la morale. Écoute plus que tu ne parles.",
            ),
            (
                "Et toi ?",
                "Aider quelqu'un peut être lourd. Tu peux appeler une ligne d'aide pour toi-même, pour savoir comment t'y prendre.",
            ),
        ],
    },
    "nl": {
        "title": "Bezorgd om een vriend(in)?",
        "slug": "bezorgd-om-een-vriend",
        "intro": "Vind je dat een vriend(in) te veel gebruikt, of ben je vanavond bang voor hem of haar? Dit kan je doen.",
        "summary": "De signalen, wat je kan zeggen, wat je doet in een noodgeval.",
        "body": [
            (
                "Signalen om op te letten",
                "Stemmingswisselingen, zich afzonderen, school of sport laten vallen, "
                "geldproblemen, alleen of al 's ochtends gebruiken. Eén signaal zegt niets: het geheel telt.",
            ),
            (
                "Hoe begin je erover",
                "Kies een rustig moment, niet tijdens het feest. Vertel wat je ziet en wat je voelt "
                "('ik maak me zorgen om jou'), zonder te preken. Luister meer dan je praat.",
            ),
            (
                "En jij?",
                "Iemand helpen kan zwaar zijn. Je kan ook zelf een hulplijn bellen om te weten hoe je het aanpakt.",
            ),
        ],
    },
}


def _friend_body(lang):
    out = []
    for i, (heading, text) in enumerate(FRIEND[lang]["body"]):
        out.append(_block(f"f-h{i}", "heading", {"text": heading, "level": "h2"}))
        out.append(_block(f"f-p{i}", "paragraph", f"<p>{text}</p>"))
    return out


ALERT = {
    "fr": {
        "title": "Alerte : cachets d'ecstasy très dosés",
        "slug": "alerte-ecstasy-tres-dosee",
        "summary": "Des cachets oranges en forme de logo circulent à Bruxelles avec une dose de MDMA très élevée.",
        "body": [
            _block(
                "a-p0",
                "paragraph",
                "<p>Des analyses ont trouvé plus de 250 mg de MDMA dans certains cachets, soit "
                "deux à trois fois une dose habituelle. Si tu en prends : un quart de cachet, attends 2 heures, "
                "bois de l'eau sans excès, fais des pauses au frais.</p>",
            ),
            _block("a-p1", "paragraph", "<p>Malaise, forte fièvre, confusion : appelle le 112.</p>"),
        ],
    },
    "nl": {
        "title": "Waarschuwing: zeer sterke xtc-pillen",
        "slug": "waarschuwing-zeer-sterke-xtc",
        "summary": "Oranje pillen in de vorm van een logo circuleren in Brussel met een zeer hoge dosis MDMA.",
        "body": [
            _block(
                "a-p0",
                "paragraph",
                "<p>Analyses vonden meer dan 250 mg MDMA in sommige pillen, twee tot drie keer "
                "een gewone dosis. Neem je er een: een kwart, wacht 2 uur, drink water zonder te overdrijven, neem "
                "pauzes op een koele plek.</p>",
            ),
            _block("a-p1", "paragraph", "<p>Onwel, hoge koorts, verward: bel 112.</p>"),
        ],
    },
}


def load(*, stdout, style):
    fr, nl = locale("fr"), locale("nl")
    home_fr = HomePage.objects.get(locale=fr)
    posters = [_poster("DOPE TALK trailer poster", "Trailer", POSTER_COLOURS[0])] + [
        _poster(f"DOPE TALK episode {i} poster", f"Episode {i}", POSTER_COLOURS[i]) for i in (1, 2, 3)
    ]
    share = _poster("DOPE TALK share image", "Brussels", POSTER_COLOURS[4])

    knowledge.substance_index(home_fr, nl)  # first, so that it keeps its place in the header menu

    campaigns = upsert_page(
        home_fr,
        CampaignIndexPage,
        slug="campagnes",
        title="Campagnes",
        intro="Les campagnes de prévention de la Région, les témoignages et les alertes.",
        summary="Campagnes, témoignages et alertes.",
        show_in_menus=True,
    )
    upsert_translation(
        campaigns,
        nl,
        title="Campagnes",
        slug="campagnes",
        intro="De preventiecampagnes van het Gewest, getuigenissen en waarschuwingen.",
        summary="Campagnes, getuigenissen en waarschuwingen.",
        show_in_menus=True,
    )
    friend = upsert_page(
        campaigns,
        ArticlePage,
        slug=FRIEND["fr"]["slug"],
        kind=ArticlePage.Kind.WORRIED_FRIEND,
        title=FRIEND["fr"]["title"],
        intro=FRIEND["fr"]["intro"],
        summary=FRIEND["fr"]["summary"],
        body=_friend_body("fr"),
        last_reviewed=REVIEWED,
    )
    upsert_translation(
        friend,
        nl,
        title=FRIEND["nl"]["title"],
        slug=FRIEND["nl"]["slug"],
        intro=FRIEND["nl"]["intro"],
        summary=FRIEND["nl"]["summary"],
        body=_friend_body("nl"),
    )
    loaded = knowledge.load(allow_pending=True, help_page=friend)
    pages = loaded["pages"]
    quiz, check = loaded["quizzes"]["party"], loaded["self_checks"]["audit-c"]

    campaign = upsert_page(
        campaigns,
        CampaignPage,
        slug="dope-talk",
        code="dope-talk-2026",
        start_date=dt.date(2026, 10, 1),
        end_date=dt.date(2027, 3, 31),
        title=CAMPAIGN_TEXT["fr"]["title"],
        intro=CAMPAIGN_TEXT["fr"]["intro"],
        summary=CAMPAIGN_TEXT["fr"]["summary"],
        share_image=share,
        body=_campaign_body("fr", posters, quiz, check, pages),
    )
    quiz_nl, check_nl = quiz.get_translation(nl), check.get_translation(nl)
    pages_nl = {key: page.get_translation(nl) for key, page in pages.items()}
    upsert_translation(
        campaign,
        nl,
        title=CAMPAIGN_TEXT["nl"]["title"],
        slug="dope-talk",
        intro=CAMPAIGN_TEXT["nl"]["intro"],
        summary=CAMPAIGN_TEXT["nl"]["summary"],
        body=_campaign_body("nl", posters, quiz_nl, check_nl, pages_nl),
    )

    issued = timezone.make_aware(dt.datetime(2026, 11, 20, 9, 0))
    alert = upsert_page(
        campaigns,
        AlertPage,
        slug=ALERT["fr"]["slug"],
        title=ALERT["fr"]["title"],
        summary=ALERT["fr"]["summary"],
        severity=AlertPage.Severity.DANGER,
        issued_at=issued,
        ends_at=issued + dt.timedelta(days=120),
        body=ALERT["fr"]["body"],
    )
    upsert_translation(
        alert,
        nl,
        title=ALERT["nl"]["title"],
        slug=ALERT["nl"]["slug"],
        summary=ALERT["nl"]["summary"],
        body=ALERT["nl"]["body"],
    )

    # The id, not the instance: a Page and a CampaignPage never compare equal (idempotency).
    update_page(home_fr, featured_campaign_id=campaign.pk)
    home_nl = home_fr.get_translation_or_none(nl)
    if home_nl is not None:
        update_page(home_nl.specific, featured_campaign_id=campaign.pk)

    stdout.write(
        style.SUCCESS(
            f"campaigns: 1 campaign with {len(VIDEO_IDS)} episodes, {len(pages)} fact sheets, {loaded['mixes']} mixes, "
            f"{len(loaded['quizzes'])} quizzes, {len(loaded['self_checks'])} self-checks, 1 article, 1 alert in FR and NL"
        )
    )
