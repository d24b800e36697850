"""Demo content of the site shell: home pages, standard pages, helplines, site settings (FR + NL)."""

import datetime as dt

from django.db.models import Q
from wagtail.models import Site

from home.models import Helpline, HomePage, SiteSettings, StandardPage
from home.services import ensure_locales_and_home
from home.upserts import locale, update_page, upsert_page, upsert_translated_snippet, upsert_translation


def _p(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def _h(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


STANDARD_PAGES = [
    {
        "slug": "a-propos",
        "fr": {
            "title": "À propos",
            "intro": "Une plateforme de la Région de Bruxelles-Capitale pour parler drogues sans tabou et trouver "
            "de l'aide près de chez soi.",
            "body": [
                _p(
                    "En avril 2024, la Région a adopté une stratégie contre le trafic de drogues qui combine trois "
                    "axes dans chaque quartier sensible : sécurité, prévention et vie de quartier."
                ),
                _p(
                    "Ce site en est la partie prévention : les vidéos DOPE TALK, des fiches claires sur les "
                    "produits, et un répertoire des services d'aide et de réinsertion socio-professionnelle, "
                    "quartier par quartier, tenu à jour par les task forces locales."
                ),
            ],
        },
        "nl": {
            "title": "Over ons",
            "slug": "over-ons",
            "intro": "Een platform van het Brussels Hoofdstedelijk Gewest om zonder taboes over drugs te praten en "
            "hulp in de buurt te vinden.",
            "body": [
                _p(
                    "In april 2024 keurde het Gewest een strategie tegen drugshandel goed die in elke gevoelige wijk "
                    "drie assen combineert: veiligheid, preventie en buurtleven."
                ),
                _p(
                    "Deze site is het preventieluik: de DOPE TALK-video's, duidelijke fiches over middelen, en een "
                    "gids van hulp- en socioprofessionele re-integratiediensten per wijk, bijgehouden door de "
                    "lokale taskforces."
                ),
            ],
        },
    },
    {
        "slug": "vie-privee",
        "fr": {
            "title": "Vie privée",
            "intro": "Ce site ne dépose aucun cookie quand vous le lisez et ne garde rien qui permette de vous identifier.",
            "body": [
                _h("Ce que nous mesurons"),
                _p(
                    "Si la mesure d'audience est activée, nous utilisons Plausible Analytics, sans cookie : il "
                    "compte des pages vues et quelques actions (vidéo lancée, recherche dans le répertoire avec sa "
                    "catégorie et sa commune, appel d'une ligne d'aide) sous forme de codes, jamais de texte libre "
                    "ni rien qui vous concerne personnellement. L'identifiant de visite est un hachage qui change "
                    "chaque jour."
                ),
                _h("Vidéos"),
                _p(
                    "Les vidéos ne se chargent que lorsque vous appuyez dessus. Avant cela, aucune requête n'est "
                    "envoyée à YouTube, TikTok ou Instagram. YouTube est utilisé via son domaine sans cookie."
                ),
                _h("Orientations vers un service"),
                _p(
                    "Les fiches d'orientation, liens et QR codes ne contiennent que les services choisis et la "
                    "langue. Quand un·e travailleur·se prévient un service de votre venue (avec votre accord), le "
                    "message est envoyé au service et n'est pas conservé sur ce site. Nous ne comptons que des "
                    "nombres : combien de fiches, pour quel service, dans quelle langue."
                ),
                _h("Formulaires"),
                _p(
                    "Les quiz et auto-évaluations se font dans votre navigateur : vos réponses ne sont ni "
                    "enregistrées ni envoyées. Le formulaire « signaler une erreur » ne demande aucune donnée "
                    "personnelle."
                ),
                _h("Cookies"),
                _p(
                    "Ce site ne dépose aucun cookie quand vous le lisez, sur aucune page. Seule exception : après "
                    "l'envoi d'un formulaire (signaler une erreur, prévenir un service), un cookie « messages » "
                    "porte la confirmation jusqu'à la page suivante et est effacé dès qu'elle s'affiche, au plus "
                    "tard à la fermeture du navigateur. Les personnes qui se connectent à l'administration du site "
                    "reçoivent les cookies nécessaires à la connexion."
                ),
            ],
        },
        "nl": {
            "title": "Privacy",
            "slug": "privacy",
            "intro": "Deze site plaatst geen cookies wanneer je hem leest en bewaart niets waarmee je geïdentificeerd kan worden.",
            "body": [
                _h("Wat we meten"),
                _p(
                    "Als bezoekersstatistieken aanstaan, gebruiken we Plausible Analytics, zonder cookies: het telt "
                    "paginaweergaven en enkele acties (video gestart, zoekopdracht in de gids met categorie en "
                    "gemeente, oproep van een hulplijn) als codes, nooit vrije tekst of iets over jou persoonlijk. "
                    "De bezoeksidentificatie is een hash die elke dag verandert."
                ),
                _h("Video's"),
                _p(
                    "Video's laden pas wanneer je erop tikt. Daarvoor wordt geen enkel verzoek naar YouTube, TikTok "
                    "of Instagram gestuurd. YouTube wordt gebruikt via het cookievrije domein."
                ),
                _h("Doorverwijzingen"),
                _p(
                    "Doorverwijsfiches, links en QR-codes bevatten alleen de gekozen diensten en de taal. Wanneer "
                    "een hulpverlener een dienst (met jouw toestemming) laat weten dat je komt, gaat het bericht "
                    "naar de dienst en wordt het niet op deze site bewaard. We tellen alleen aantallen: hoeveel "
                    "fiches, voor welke dienst, in welke taal."
                ),
                _h("Formulieren"),
                _p(
                    "Quizzen en zelftests gebeuren in je browser: je antwoorden worden niet opgeslagen of "
                    "verstuurd. Het formulier « fout melden » vraagt geen persoonsgegevens."
                ),
                _h("Cookies"),
                _p(
                    "Deze site plaatst geen enkele cookie wanneer je hem leest, op geen enkele pagina. Enige "
                    "uitzondering: na het versturen van een formulier (een fout melden, een dienst verwittigen) "
                    "draagt een cookie « messages » de bevestiging naar de volgende pagina en wordt gewist zodra "
                    "die verschijnt, ten laatste wanneer je browser sluit. Wie zich aanmeldt in het beheer van de "
                    "site, krijgt de cookies die nodig zijn om aangemeld te blijven."
                ),
            ],
        },
    },
    {
        "slug": "accessibilite",
        "fr": {
            "title": "Déclaration d'accessibilité",
            "intro": "Nous voulons que ce site soit utilisable par tout le monde, conformément aux WCAG 2.1 niveau "
            "AA (directive européenne 2016/2102).",
            "body": [
                _p(
                    "Le site est testé automatiquement avec axe-core et Lighthouse, sur téléphone, en français et "
                    "en néerlandais. Il fonctionne sans JavaScript, au clavier et avec les lecteurs d'écran."
                ),
                _p(
                    "Un problème d'accès ? Écrivez-nous via la page Contact : nous répondons dans les 10 jours "
                    "ouvrables."
                ),
            ],
        },
        "nl": {
            "title": "Toegankelijkheidsverklaring",
            "slug": "toegankelijkheid",
            "intro": "We willen dat deze site voor iedereen bruikbaar is, volgens WCAG 2.1 niveau AA (Europese "
            "richtlijn 2016/2102).",
            "body": [
                _p(
                    "De site wordt automatisch getest met axe-core en Lighthouse, op een telefoon, in het Frans en "
                    "het Nederlands. Hij werkt zonder JavaScript, met het toetsenbord en met schermlezers."
                ),
                _p(
                    "Een toegankelijkheidsprobleem? Schrijf ons via de contactpagina: we antwoorden binnen 10 "
                    "werkdagen."
                ),
            ],
        },
    },
    {
        "slug": "contact",
        "fr": {
            "title": "Contact",
            "intro": "Pour une question sur le site ou une erreur dans le répertoire. Besoin d'aide personnelle ? "
            "Appelez une ligne d'aide ci-dessous.",
            "body": [
                _p('Écrivez à <a href="mailto:contact@prevention.brussels">contact@prevention.brussels</a>.')
            ],
        },
        "nl": {
            "title": "Contact",
            "slug": "contact",
            "intro": "Voor een vraag over de site of een fout in de gids. Persoonlijke hulp nodig? Bel een "
            "hulplijn hieronder.",
            "body": [
                _p(
                    'Schrijf naar <a href="mailto:contact@prevention.brussels">contact@prevention.brussels</a>.'
                )
            ],
        },
    },
]

# The helplines of the help box: each reads its number, hours and open-now state from its directory listing
# (`service`: the listing's seed id, demo/directory_data.py), so they are linked by the directory's demo
# (demo/directory.py calls `load_helplines` once its listings exist).
HELPLINES = [
    {
        "service": "SV01",
        "fr": {
            "name": "Infor-Drogues",
            "description": "Écoute, information et orientation, anonyme et gratuit.",
        },
        "nl": {
            "name": "Infor-Drogues",
            "description": "Luisteren, informatie en doorverwijzing (in het Frans).",
        },
    },
    {
        "service": "SV25",
        "fr": {"name": "De DrugLijn", "description": "Information et aide en néerlandais."},
        "nl": {
            "name": "De DrugLijn",
            "description": "Anoniem advies over alcohol, drugs, gokken en medicatie.",
        },
    },
    {
        "service": "SV26",
        "fr": {
            "name": "Centre de Prévention du Suicide",
            "description": "Ligne d'écoute gratuite, 24 h sur 24.",
        },
        "nl": {
            "name": "Centre de Prévention du Suicide",
            "description": "Gratis luisterlijn (Frans), 24 op 24.",
        },
    },
    {
        "service": "SV27",
        "fr": {"name": "Zelfmoordlijn", "description": "Ligne d’écoute en néerlandais, 24 h sur 24."},
        "nl": {"name": "Zelfmoordlijn", "description": "Gratis en anoniem, dag en nacht."},
    },
]


def load(*, stdout, style):
    ensure_locales_and_home()
    fr, nl = locale("fr"), locale("nl")
    home_fr = HomePage.objects.get(locale=fr)
    update_page(
        home_fr,
        title="Accueil",
        hero_title="Parlons drogues, sans tabou",
        hero_text="Des vidéos, des infos fiables sur les produits et l'aide près de chez toi, à Bruxelles. "
        "Anonyme, gratuit, sans jugement.",
        find_help_title="Trouver de l'aide près de chez toi",
        find_help_text="Réduction des risques, écoute, soins, emploi et formation : cherche par quartier, "
        "service ouvert maintenant, langue parlée.",
        summary="Vidéos, fiches produits et services d'aide près de chez toi, à Bruxelles.",
    )
    upsert_translation(
        home_fr,
        nl,
        title="Home",
        hero_title="Laten we over drugs praten, zonder taboes",
        hero_text="Video's, betrouwbare info over middelen en hulp in je buurt, in Brussel. Anoniem, gratis, "
        "zonder oordeel.",
        find_help_title="Hulp in je buurt vinden",
        find_help_text="Schadebeperking, een luisterend oor, zorg, werk en opleiding: zoek per wijk, nu open, "
        "gesproken taal.",
        summary="Video's, productfiches en hulpdiensten in je buurt, in Brussel.",
    )
    pages = {}
    for spec in STANDARD_PAGES:
        page_fr = upsert_page(
            home_fr,
            StandardPage,
            slug=spec["slug"],
            last_reviewed=dt.date(2026, 11, 1),
            show_in_menus=False,
            **spec["fr"],
        )
        upsert_translation(page_fr, nl, **spec["nl"])
        pages[spec["slug"]] = page_fr

    site_settings = SiteSettings.load()
    site_settings.about_page = pages["a-propos"]
    site_settings.privacy_page = pages["vie-privee"]
    site_settings.accessibility_page = pages["accessibilite"]
    site_settings.contact_page = pages["contact"]
    site_settings.contact_email = "contact@prevention.brussels"
    site_settings.instagram_url = "https://www.instagram.com/safe.brussels/"
    site_settings.youtube_url = "https://www.youtube.com/@safebrussels"
    site_settings.save()
    site = Site.objects.get(is_default_site=True)
    if site.site_name != "Brussels Prevention":
        site.site_name = "Brussels Prevention"
        site.save()
    stdout.write(style.SUCCESS(f"home: {len(STANDARD_PAGES)} standard pages in FR and NL"))


def load_helplines(services_by_seed_id: dict, fr, nl) -> int:
    """The help box's helplines, each linked to its (French) directory listing. Idempotent."""
    for order, spec in enumerate(HELPLINES):
        service = services_by_seed_id[spec["service"]]
        source = Helpline.objects.filter(
            Q(service__external_id=spec["service"]) | Q(name=spec["fr"]["name"]), locale=fr
        ).first()
        source = source or Helpline(locale=fr)
        wanted = {"service": service, "sort_order": order, **spec["fr"]}
        if source.pk is None or any(getattr(source, key) != value for key, value in wanted.items()):
            for key, value in wanted.items():
                setattr(source, key, value)
            source.save()
        upsert_translated_snippet(source, nl, service=service, sort_order=order, **spec["nl"])
    return len(HELPLINES)
