"""The 25 real services of resources/data/support_services_seed.csv as demo records (all marked "to verify").

Facts come from the seed file (its sources are kept on each record). Where the seed gives no street address the
location is a point placed near the commune or the area the sources name, without a street: the demo needs a
map position, the listing says it is to verify. Hours are only those the sources give, plus office hours for
the public bodies (to verify).

A listing is published only with a way to reach the service (phone, e-mail, website or public address,
resources/completeness.py). Contacts come from the seed file (its phones, addresses, and the services' own
sites among its sources); the listings for which the sources give none stay unpublished ("inactive") until a
task force adds one. Infor-Drogues, De DrugLijn and the two suicide-prevention lines carry the numbers of the
help box's helplines, which read them from these listings (home.Helpline.service).
"""

import datetime as dt

T = dt.time
WEEKDAYS_ = range(5)


def office_hours():
    return [(d, T(9), T(12)) for d in WEEKDAYS_] + [(d, T(13), T(16)) for d in WEEKDAYS_]


# Each: seed id, categories, flags, languages, FR and NL (name, description), organisation FR/NL names,
# locations [(name, address, postcode, city, lat, lon, hidden)], phones, schedule, always_open.
SERVICES = [
    {
        "id": "SV01",
        "org": ("Infor-Drogues & Addictions asbl", "Infor-Drogues & Addictions vzw"),
        "fr": (
            "Infor-Drogues – ligne d'écoute",
            "Information, accueil, aide et prévention sur les drogues et les addictions. Permanence téléphonique 24 h/24 depuis 1989 et e-permanence écrite et anonyme.",
        ),
        "nl": (
            "Infor-Drogues – hulplijn",
            "Informatie, onthaal, hulp en preventie over drugs en verslavingen. Telefonische permanentie 24 uur per dag sinds 1989 en een schriftelijke, anonieme e-permanentie.",
        ),
        "categories": ["information_prevention"],
        "flags": ["free", "anonymous", "no_appointment"],
        "languages": ["fr"],
        "website": "https://infordrogues.be",
        "locations": [
            ("Ligne d'écoute et e-permanence", "", "", "", None, None, False, "https://infordrogues.be")
        ],
        "phones": [("02 227 52 52", "hotline", "Permanence téléphonique 24 h/24")],
        "always_open": True,
    },
    {
        "id": "SV02",
        "org": ("Modus Vivendi asbl", "Modus Vivendi vzw"),
        "fr": (
            "Modus Vivendi – réduction des risques",
            "Réduction des risques liés à l'usage de drogues ; Modus Fiesta : accueil et analyse de produits pour les usagers en milieu festif.",
        ),
        "nl": (
            "Modus Vivendi – schadebeperking",
            "Schadebeperking bij druggebruik; Modus Fiesta: onthaal en producttesten voor gebruikers in het uitgaansleven.",
        ),
        "categories": ["harm_reduction"],
        "flags": ["free", "anonymous"],
        "languages": ["fr"],
        "locations": [("Modus Vivendi", "Rue Jourdan 151", "1060", "Saint-Gilles", 50.8310, 4.3530, False)],
        "phones": [("+32 2 644 22 00", "voice")],
    },
    {
        "id": "SV03",
        "org": ("Transit asbl", "Transit vzw"),
        "fr": (
            "Transit – centre de crise et comptoir",
            "Centre de crise ouvert 24 h/24 (accueil de jour 9 h–16 h, 20 lits et 2 lits d'urgence, séjour de 13 jours maximum), échange de matériel stérile anonyme 24 h/24, travail de rue et en prison, studios supervisés, accès au logement, Espace Femmes.",
        ),
        "nl": (
            "Transit – crisiscentrum en spuitenruil",
            "Crisiscentrum 24 uur per dag open (dagonthaal 9–16 u, 20 bedden en 2 noodbedden, verblijf van maximaal 13 dagen), anonieme ruil van steriel materiaal 24 uur per dag, straat- en gevangeniswerk, begeleide studio's, toegang tot huisvesting, Vrouwenruimte.",
        ),
        "categories": ["harm_reduction", "housing_shelter", "treatment_care"],
        "flags": ["free", "anonymous", "no_appointment", "walk_in"],
        "languages": ["fr", "nl"],
        "website": "http://fr.transitasbl.be/",
        "locations": [("Transit – site Stalingrad", "", "1000", "Bruxelles", 50.8425, 4.3440, False)],
        "always_open": True,
    },
    {
        "id": "SV04",
        "org": ("Transit asbl", "Transit vzw"),
        "fr": (
            "GATE – salle de consommation à moindre risque",
            "Consommation supervisée de drogues avec une équipe pluridisciplinaire, dont un médecin addictologue (Transit et MASS).",
        ),
        "nl": (
            "GATE – gebruiksruimte",
            "Begeleid druggebruik met een multidisciplinair team, onder wie een verslavingsarts (Transit en MASS).",
        ),
        "categories": ["harm_reduction"],
        "flags": ["free", "anonymous", "no_appointment", "walk_in"],
        "languages": ["fr", "nl"],
        "locations": [
            ("GATE – site Woeringen", "Rue de Woeringen", "1000", "Bruxelles", 50.8421, 4.3418, False)
        ],
        "website": "http://fr.transitasbl.be/",
    },
    {
        "id": "SV05",
        "org": ("MASS de Bruxelles", "MASS Brussel"),
        "fr": (
            "MASS – Maison d'Accueil Socio-Sanitaire",
            "Service ambulatoire à bas seuil pour les usagers de drogues les plus précarisés : contact, réduction des risques, réhabilitation, réorientation. Assistants sociaux, médecins, infirmiers, psychologues et psychiatres.",
        ),
        "nl": (
            "MASS – Medisch-Sociaal Onthaalhuis",
            "Laagdrempelige ambulante dienst voor de meest kwetsbare druggebruikers: contact, schadebeperking, rehabilitatie, doorverwijzing. Maatschappelijk werkers, artsen, verpleegkundigen, psychologen en psychiaters.",
        ),
        "categories": ["treatment_care", "harm_reduction", "social_aid"],
        "flags": ["free", "no_appointment"],
        "languages": ["fr", "nl"],
        "website": "http://www.mass-bxl.be/",
        "locations": [("MASS", "Rue de Woeringen", "1000", "Bruxelles", 50.8420, 4.3420, False)],
    },
    {
        "id": "SV06",
        "org": ("Projet Lama asbl", "Projet Lama vzw"),
        "fr": (
            "Projet Lama – suivi médico-psycho-social",
            "Suivi médico-psycho-social des usagers de drogues : traitement de substitution, dépistage, soutien psychologique et social.",
        ),
        "nl": (
            "Projet Lama – medisch-psychosociale begeleiding",
            "Medisch-psychosociale begeleiding van druggebruikers: substitutiebehandeling, screening, psychologische en sociale steun.",
        ),
        "categories": ["treatment_care", "mental_health"],
        "flags": ["free"],
        "languages": ["fr", "nl"],
        "website": "http://www.projetlama.be/",
        "locations": [
            (
                "Projet Lama – antenne Midi",
                "",
                "1060",
                "Saint-Gilles",
                50.8355,
                4.3360,
                False,
            )
        ],
        "schedule": office_hours(),
    },
    {
        "id": "SV07",
        "org": ("DUNE asbl", "DUNE vzw"),
        "fr": (
            "DUNE – accueil de soirée et équipes de rue",
            "Comptoir d'échange CLIP, consultations infirmières et médicales, permanence sociale, douches et lessive, accueil de soirée de 19 h à 22 h ; équipes de rue du lundi au vendredi (axe Nord-Midi, centre, Midi, Toison d'Or) ; Médibus avec Médecins du Monde.",
        ),
        "nl": (
            "DUNE – avondonthaal en straatteams",
            "CLIP-ruilbalie, verpleeg- en artsenconsultaties, sociale permanentie, douches en was, avondonthaal van 19 tot 22 u; straatteams van maandag tot vrijdag (as Noord-Zuid, centrum, Zuid, Guldenvlies); Medibus met Dokters van de Wereld.",
        ),
        "categories": ["harm_reduction", "treatment_care"],
        "flags": ["free", "anonymous", "no_appointment", "walk_in"],
        "languages": ["fr"],
        "locations": [("DUNE – Saint-Gilles", "", "1060", "Saint-Gilles", 50.8300, 4.3420, True)],
        "phones": [("+32 493 19 49 79", "voice", "Équipe de rue")],
        "website": "http://dune-asbl.be/",
        "schedule": [(d, T(19), T(22)) for d in WEEKDAYS_],
    },
    {
        "id": "SV08",
        "org": ("Transit asbl", "Transit vzw"),
        "fr": (
            "Centre intégré à bas seuil (en projet)",
            "Projet de Transit, Projet Lama et Médecins du Monde : centre de jour, hébergement d'urgence, logement, comptoir d'échange, salle de consommation, soins, espace femmes.",
        ),
        "nl": (
            "Geïntegreerd laagdrempelig centrum (gepland)",
            "Project van Transit, Projet Lama en Dokters van de Wereld: dagcentrum, noodopvang, huisvesting, ruilbalie, gebruiksruimte, zorg, vrouwenruimte.",
        ),
        "categories": ["harm_reduction", "housing_shelter"],
        "flags": [],
        "languages": ["fr", "nl"],
        "status": "inactive",
        "locations": [],
    },
    {
        "id": "SV09",
        "org": ("Addictions asbl", "Addictions vzw"),
        "fr": (
            "Addictions – Clinique de l'Europe, site Saint-Michel",
            "Accueil et orientation des usagers de drogues, accueil d'urgence 24 h/24, hospitalisation pour sevrage, suivi ambulatoire avec ou sans substitution.",
        ),
        "nl": (
            "Addictions – Europaziekenhuizen, site Sint-Michiel",
            "Onthaal en oriëntatie van druggebruikers, spoedopvang 24 uur per dag, opname voor ontwenning, ambulante opvolging met of zonder substitutie.",
        ),
        "categories": ["treatment_care"],
        "flags": [],
        "languages": ["fr"],
        "locations": [
            ("Clinique Saint-Michel", "Rue de Linthout 150", "1040", "Etterbeek", 50.8395, 4.4030, False)
        ],
        "phones": [("+32 2 614 37 50", "voice")],
        "always_open": True,
    },
    {
        "id": "SV10",
        "org": ("Cliniques universitaires Saint-Luc", "Universitaire Klinieken Sint-Luc"),
        "fr": ("Saint-Luc – unité de crise", "Unité de crise de l'hôpital universitaire."),
        "nl": ("Sint-Luc – crisiseenheid", "Crisiseenheid van het universitair ziekenhuis."),
        "categories": ["mental_health", "treatment_care"],
        "flags": [],
        "languages": ["fr"],
        "locations": [
            (
                "Cliniques universitaires Saint-Luc",
                "Avenue Hippocrate 10",
                "1200",
                "Woluwe-Saint-Lambert",
                50.8530,
                4.4530,
                False,
            )
        ],
        "phones": [("+32 2 764 21 21", "voice")],
    },
    {
        "id": "SV11",
        "org": ("Al-Anon / Alateen", "Al-Anon / Alateen"),
        "fr": (
            "Al-Anon / Alateen – groupes familiaux",
            "Groupes d'entraide pour les proches de personnes ayant un problème d'alcool, en plusieurs lieux.",
        ),
        "nl": (
            "Al-Anon / Alateen – familiegroepen",
            "Zelfhulpgroepen voor naasten van mensen met een alcoholprobleem, op verschillende plaatsen.",
        ),
        "categories": ["family_support"],
        "flags": ["free", "anonymous"],
        "languages": [],
        "locations": [],
        "phones": [("+32 2 216 09 08", "voice")],
    },
    {
        "id": "SV12",
        "org": ("Alcooliques Anonymes", "Anonieme Alcoholisten"),
        "fr": ("Alcooliques Anonymes", "Groupes d'entraide en plusieurs lieux à Bruxelles."),
        "nl": ("Anonieme Alcoholisten", "Zelfhulpgroepen op verschillende plaatsen in Brussel."),
        "categories": ["treatment_care"],
        "flags": ["free", "anonymous"],
        "languages": [],
        "locations": [],
        "phones": [("+32 2 511 40 30", "voice", "Bureau"), ("078 15 25 56", "voice", "Groupes et info")],
    },
    {
        "id": "SV13",
        "status": "inactive",  # UNREACHABLE: no phone, e-mail, website or public address in the sources
        "org": ("CHU Saint-Pierre", "UMC Sint-Pieter"),
        "fr": (
            "Espace Alizés – Parentalité-Addiction",
            "Espace à bas seuil pour les (futurs) parents qui consomment des drogues ; suivi prénatal et postnatal.",
        ),
        "nl": (
            "Espace Alizés – Ouderschap en verslaving",
            "Laagdrempelige ruimte voor (toekomstige) ouders die drugs gebruiken; prenatale en postnatale opvolging.",
        ),
        "categories": ["family_support", "treatment_care"],
        "flags": ["free"],
        "languages": ["fr"],
        "locations": [("CHU Saint-Pierre – Marolles", "", "1000", "Bruxelles", 50.8350, 4.3480, False)],
    },
    {
        "id": "SV14",
        "status": "inactive",  # UNREACHABLE: no phone, e-mail, website or public address in the sources
        "org": ("Le Pilier", "Le Pilier"),
        "fr": (
            "Le Pilier – comptoir d'échange",
            "Échange de seringues et de pipes à crack avec accompagnement ; travail de rue dans les couloirs du métro.",
        ),
        "nl": (
            "Le Pilier – ruilbalie",
            "Ruil van spuiten en crackpijpen met begeleiding; straatwerk in de metrogangen.",
        ),
        "categories": ["harm_reduction"],
        "flags": ["free", "anonymous", "no_appointment", "walk_in"],
        "languages": ["fr"],
        "locations": [("Le Pilier – centre-ville", "", "1000", "Bruxelles", 50.8480, 4.3500, True)],
    },
    {
        "id": "SV15",
        "org": ("Eurotox asbl", "Eurotox vzw"),
        "fr": (
            "Eurotox – observatoire",
            "Observatoire socio-épidémiologique alcool et drogues pour la Wallonie et Bruxelles.",
        ),
        "nl": (
            "Eurotox – observatorium",
            "Sociaal-epidemiologisch observatorium voor alcohol en drugs voor Wallonië en Brussel.",
        ),
        "categories": ["information_prevention"],
        "flags": ["free"],
        "languages": ["fr", "en"],
        "website": "https://feditobxl.be/en/membres/eurotox/",
        "locations": [],
    },
    {
        "id": "SV16",
        "org": ("FEDITO BXL", "FEDITO BXL"),
        "fr": (
            "FEDITO BXL – fédération",
            "Fédération bruxelloise des institutions pour toxicomanes : pages ressources sur le bas seuil, le travail de rue, les arrêts du Médibus.",
        ),
        "nl": (
            "FEDITO BXL – federatie",
            "Brusselse federatie van instellingen voor drugsgebruikers: informatie over laagdrempelige hulp, straatwerk, Medibushaltes.",
        ),
        "categories": ["information_prevention"],
        "flags": ["free"],
        "languages": ["fr", "nl", "en"],
        "website": "https://feditobxl.be/",
        "locations": [],
    },
    {
        "id": "SV17",
        "org": ("DoucheFLUX asbl", "DoucheFLUX vzw"),
        "fr": (
            "DoucheFLUX – centre de jour",
            "Centre de jour : 20 douches, lessive, 450 casiers, permanences médicale et psychosociale, activités, facilitateurs de réinsertion.",
        ),
        "nl": (
            "DoucheFLUX – dagcentrum",
            "Dagcentrum: 20 douches, was, 450 lockers, medische en psychosociale permanenties, activiteiten, re-integratiebegeleiders.",
        ),
        "categories": ["housing_shelter", "socio_professional_reinsertion", "social_aid"],
        "flags": ["free", "no_appointment", "walk_in"],
        "languages": ["fr"],
        "locations": [
            ("DoucheFLUX", "Rue des Vétérinaires 84", "1070", "Anderlecht", 50.8370, 4.3275, False)
        ],
    },
    {
        "id": "SV18",
        "status": "inactive",  # UNREACHABLE: no phone, e-mail, website or public address in the sources
        "org": ("L'Ilot asbl", "L'Ilot vzw"),
        "fr": (
            "L'Ilot – Circé, centre de jour pour femmes",
            "Centre de jour réservé aux femmes sans chez-soi : repas, douches, casiers, lessive, activités.",
        ),
        "nl": (
            "L'Ilot – Circé, dagcentrum voor vrouwen",
            "Dagcentrum enkel voor dakloze vrouwen: maaltijden, douches, lockers, was, activiteiten.",
        ),
        "categories": ["housing_shelter", "social_aid"],
        "flags": ["free", "women_only", "no_appointment"],
        "languages": ["fr"],
        "locations": [("Circé – Saint-Gilles", "", "1060", "Saint-Gilles", 50.8287, 4.3450, True)],
    },
    {
        "id": "SV19",
        "org": ("Centre d'Accueil Social Abbé Froidure", "Sociaal Onthaalcentrum Abbé Froidure"),
        "fr": (
            "Abbé Froidure – centre de jour",
            "Centre de jour pour les personnes en précarité : ordinateurs, cabines téléphoniques, 120 casiers, box de repos, douches.",
        ),
        "nl": (
            "Abbé Froidure – dagcentrum",
            "Dagcentrum voor mensen in armoede: computers, telefooncabines, 120 lockers, rustboxen, douches.",
        ),
        "categories": ["social_aid", "housing_shelter"],
        "flags": ["free", "no_appointment"],
        "languages": ["fr"],
        "locations": [("Abbé Froidure", "Avenue Van Volxem", "1190", "Forest", 50.8215, 4.3290, False)],
    },
    {
        "id": "SV20",
        "org": ("Télé-Service asbl", "Télé-Service vzw"),
        "fr": (
            "Consigne Article 23",
            "Centre de jour avec casiers, douches et café ; porte d'entrée vers l'accompagnement social.",
        ),
        "nl": (
            "Consigne Article 23",
            "Dagcentrum met lockers, douches en koffie; toegangspoort tot sociale begeleiding.",
        ),
        "categories": ["social_aid", "housing_shelter"],
        "flags": ["free", "no_appointment", "walk_in"],
        "languages": ["fr"],
        "locations": [
            ("Consigne Article 23", "Boulevard de l'Abattoir 28", "1000", "Bruxelles", 50.8455, 4.3395, False)
        ],
    },
    {
        "id": "SV21",
        "status": "inactive",  # UNREACHABLE: no phone, e-mail, website or public address in the sources
        "org": ("Actiris", "Actiris"),
        "fr": (
            "Actiris – accompagnement vers l'emploi",
            "Service public régional de l'emploi : offres d'emploi, accompagnement sur mesure, orientation vers la formation et l'insertion socio-professionnelle.",
        ),
        "nl": (
            "Actiris – begeleiding naar werk",
            "Gewestelijke openbare dienst voor arbeidsbemiddeling: vacatures, begeleiding op maat, doorverwijzing naar opleiding en socioprofessionele inschakeling.",
        ),
        "categories": ["socio_professional_reinsertion"],
        "flags": ["free", "youth"],
        "languages": ["fr", "nl", "en"],
        "minimum_age": 16,
        "locations": [
            (
                "Actiris – antenne Midi",
                "",
                "1060",
                "Saint-Gilles",
                50.8345,
                4.3345,
                False,
            )
        ],
        "schedule": office_hours(),
    },
    {
        "id": "SV22",
        "status": "inactive",  # UNREACHABLE: no phone, e-mail, website or public address in the sources
        "org": ("Mission Locale de Saint-Gilles", "Mission Locale van Sint-Gillis"),
        "fr": (
            "Mission Locale pour l'Emploi de Saint-Gilles",
            "Accompagnement des chercheurs d'emploi les plus éloignés de l'emploi : orientation, alphabétisation, formation, préparation du CV et des entretiens.",
        ),
        "nl": (
            "Mission Locale voor Werk van Sint-Gillis",
            "Begeleiding van werkzoekenden die het verst van werk staan: oriëntatie, alfabetisering, opleiding, voorbereiding van cv en sollicitatiegesprekken.",
        ),
        "categories": ["socio_professional_reinsertion", "youth_work"],
        "flags": ["free", "youth"],
        "languages": ["fr"],
        "minimum_age": 18,
        "locations": [
            (
                "Mission Locale de Saint-Gilles",
                "",
                "1060",
                "Saint-Gilles",
                50.8290,
                4.3470,
                False,
            )
        ],
        "schedule": office_hours(),
    },
    {
        "id": "SV23",
        "status": "inactive",  # UNREACHABLE: no phone, e-mail, website or public address in the sources
        "org": ("CPAS de Saint-Gilles", "OCMW van Sint-Gillis"),
        "fr": (
            "CPAS de Saint-Gilles – aide sociale",
            "Revenu d'intégration et aide sociale ; emploi « article 60 ». Il y a un CPAS dans chacune des 19 communes.",
        ),
        "nl": (
            "OCMW van Sint-Gillis – sociale hulp",
            "Leefloon en maatschappelijke dienstverlening; tewerkstelling via „artikel 60”. Elk van de 19 gemeenten heeft een OCMW.",
        ),
        "categories": ["social_aid", "socio_professional_reinsertion"],
        "flags": ["free"],
        "languages": ["fr", "nl"],
        "locations": [
            (
                "CPAS de Saint-Gilles – antenne Midi",
                "",
                "1060",
                "Saint-Gilles",
                50.8362,
                4.3352,
                False,
            )
        ],
        "schedule": office_hours(),
    },
    {
        "id": "SV24",
        "org": (
            "Vivalis – Observatoire de la Santé et du Social",
            "Vivalis – Observatorium voor Gezondheid en Welzijn",
        ),
        "fr": (
            "Bruxelles Social",
            "Répertoire officiel des organisations et services social-santé bruxellois.",
        ),
        "nl": (
            "Sociaal Brussel",
            "Officiële gids van de Brusselse welzijns- en gezondheidsorganisaties en -diensten.",
        ),
        "categories": ["information_prevention", "social_aid"],
        "flags": ["free", "anonymous"],
        "languages": ["fr", "nl"],
        "website": "https://social.brussels",
        "locations": [("social.brussels", "", "", "", None, None, False, "https://social.brussels")],
        "always_open": True,
    },
    {
        "id": "SV25",
        "org": (
            "VAD – Vlaams expertisecentrum Alcohol en andere Drugs",
            "VAD – Vlaams expertisecentrum Alcohol en andere Drugs",
        ),
        "fr": (
            "Druglijn (VAD)",
            "Ligne d'information flamande sur l'alcool et les drogues, gérée par le VAD (en néerlandais).",
        ),
        "nl": ("De DrugLijn (VAD)", "Vlaamse informatielijn over alcohol en drugs, beheerd door VAD."),
        "categories": ["information_prevention"],
        "flags": ["free", "anonymous"],
        "languages": ["nl"],
        "website": "https://www.druglijn.be",
        "locations": [("De DrugLijn", "", "", "", None, None, False, "https://www.druglijn.be")],
        "phones": [("078 15 10 20", "hotline", "")],
        "schedule": [(d, T(10), T(20)) for d in WEEKDAYS_],
    },
    # The two suicide-prevention lines of the help box (not in the seed file): each line is a listing.
    {
        "id": "SV26",
        "org": ("Centre de Prévention du Suicide asbl", "Centre de Prévention du Suicide vzw"),
        "fr": (
            "Centre de Prévention du Suicide – ligne d'écoute",
            "Ligne d'écoute gratuite et anonyme, 24 h sur 24.",
        ),
        "nl": (
            "Centre de Prévention du Suicide – luisterlijn",
            "Gratis en anonieme luisterlijn (in het Frans), 24 op 24.",
        ),
        "categories": ["mental_health"],
        "flags": ["free", "anonymous"],
        "languages": ["fr"],
        "website": "https://www.preventionsuicide.be",
        "locations": [],
        "phones": [("0800 32 123", "hotline", "")],
        "always_open": True,
        "source_urls": "https://www.preventionsuicide.be",
    },
    {
        "id": "SV27",
        "org": ("Zelfmoordlijn 1813", "Zelfmoordlijn 1813"),
        "fr": ("Zelfmoordlijn 1813", "Ligne d'écoute gratuite et anonyme en néerlandais, jour et nuit."),
        "nl": ("Zelfmoordlijn 1813", "Gratis en anonieme luisterlijn, dag en nacht."),
        "categories": ["mental_health"],
        "flags": ["free", "anonymous"],
        "languages": ["nl"],
        "website": "https://www.zelfmoord1813.be",
        "locations": [],
        "phones": [("1813", "hotline", "")],
        "always_open": True,
        "source_urls": "https://www.zelfmoord1813.be",
    },
]

# The official Dutch names of the demo's streets (Brussels streets are bilingual; the postcode and the commune
# are the same in both languages).
STREETS_NL = {
    "Rue Jourdan 151": "Jourdanstraat 151",
    "Rue de Woeringen": "Woeringenstraat",
    "Rue de Linthout 150": "Linthoutstraat 150",
    "Avenue Hippocrate 10": "Hippocrateslaan 10",
    "Rue des Vétérinaires 84": "Veeartsenstraat 84",
    "Avenue Van Volxem": "Van Volxemlaan",
    "Boulevard de l'Abattoir 28": "Slachthuislaan 28",
}
