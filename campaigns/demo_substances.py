"""Demo fact sheets (FR + NL). Short, factual, non-moralising; each names its public-health sources.

Written from: Infor-Drogues (infordrogues.be), De DrugLijn (druglijn.be), FRANK (talktofrank.com), Modus Vivendi
and Eurotox (Belgian harm reduction and drug observatory), the EUDA (ex-EMCDDA) drug profiles, and the Belgian
law of 24 February 1921 on narcotics. Editors must review them before any real publication.
"""

from __future__ import annotations


def p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


SRC_INFOR = ("Infor-Drogues — infordrogues.be", "https://infordrogues.be")
SRC_DRUGLIJN = ("De DrugLijn — druglijn.be", "https://www.druglijn.be")
SRC_FRANK = ("FRANK — talktofrank.com", "https://www.talktofrank.com")
SRC_MODUS = ("Modus Vivendi — modusvivendi-be.org", "https://www.modusvivendi-be.org")
SRC_EUDA = ("EUDA (ex-EMCDDA) — drug profiles", "https://www.euda.europa.eu/publications/drug-profiles_en")
SRC_LAW = (
    "Loi du 24 février 1921 / Wet van 24 februari 1921 (Moniteur belge)",
    "https://www.ejustice.just.fgov.be",
)
SRC_EUROTOX = ("Eurotox — eurotox.org", "https://eurotox.org")

LAW_FR = p(
    "La détention, l'achat, la production et la vente sont interdits par la loi du 24 février 1921. Donner ou "
    "partager, même entre ami·es, peut être poursuivi comme de la vente.",
    "Conduire sous influence est puni (tests salivaires au bord de la route) : amende, retrait de permis.",
)
LAW_NL = p(
    "Bezit, aankoop, productie en verkoop zijn verboden door de wet van 24 februari 1921. Geven of delen, ook onder "
    "vrienden, kan vervolgd worden als verkoop.",
    "Rijden onder invloed wordt bestraft (speekseltest langs de weg): boete, rijverbod.",
)
FRIEND_FR = p(
    "Reste avec la personne, parle calmement, ne la laisse pas seule. Si elle ne réagit plus, respire mal, fait "
    "une crise ou a très chaud : appelle le 112 et mets-la en position latérale de sécurité. Dis aux secours ce "
    "qui a été pris : ils sont là pour soigner, pas pour juger."
)
FRIEND_NL = p(
    "Blijf bij de persoon, praat rustig, laat hem of haar niet alleen. Reageert die niet meer, ademt die slecht, "
    "krijgt die een aanval of is die oververhit: bel 112 en leg de persoon in stabiele zijligging. Zeg aan de "
    "hulpdiensten wat er genomen is: ze komen om te helpen, niet om te oordelen."
)
HELP_FR = p(
    "Infor-Drogues (02 227 52 52) et De DrugLijn (078 15 10 20) répondent anonymement et gratuitement. Les "
    "services près de chez toi sont dans le répertoire."
)
HELP_NL = p(
    "De DrugLijn (078 15 10 20) en Infor-Drogues (02 227 52 52) antwoorden anoniem en gratis. Diensten in je buurt "
    "vind je in de gids."
)


def rows(*items):
    return [{"route": r, "onset": o, "duration": d, "after_effects": a} for r, o, d, a in items]


SUBSTANCES = [
    {
        "key": "cannabis",
        "sources": [SRC_INFOR, SRC_DRUGLIJN, SRC_EUDA, SRC_LAW],
        "fr": {
            "title": "Cannabis",
            "slug": "cannabis",
            "slang_names": "beuh, weed, shit, hasch, joint, pétard, ganja",
            "summary": "Herbe ou résine, fumé ou mangé. Les effets dépendent de la dose, du taux de THC et de ton état.",
            "description": p(
                "Le cannabis vient d'une plante. On le trouve en herbe (« beuh ») ou en résine (« shit »), et en "
                "huiles ou « edibles ». Le THC qu'il contient est de plus en plus concentré."
            ),
            "effects": p(
                "Détente, fous rires, sensations plus fortes, appétit. Parfois anxiété, paranoïa, cœur qui bat vite, "
                "malaise (« bad trip »), surtout avec une forte dose ou quand on n'a pas l'habitude."
            ),
            "duration": rows(
                ("Fumé ou vapoté", "quelques minutes", "2 à 4 heures", "fatigue, concentration réduite"),
                (
                    "Mangé (space cake, bonbons)",
                    "30 minutes à 2 heures",
                    "4 à 12 heures",
                    "somnolence le lendemain",
                ),
            ),
            "physical_risks": p(
                "Fumer abîme les poumons, surtout mélangé au tabac. Coordination et réflexes diminués : danger au "
                "volant, à vélo, en trottinette."
            ),
            "mental_risks": p(
                "Mémoire et concentration moins bonnes. Chez les jeunes et les personnes fragiles, un usage "
                "fréquent augmente le risque d'anxiété et de troubles psychotiques."
            ),
            "cut_with": p(
                "Des produits de synthèse (cannabinoïdes de synthèse) sont parfois pulvérisés sur l'herbe : effets "
                "beaucoup plus forts et imprévisibles."
            ),
            "mixing_dangers": p("Avec l'alcool : nausées, vertiges, malaise (« greening out »)."),
            "dependence": p(
                "Environ une personne sur dix qui en consomme devient dépendante ; plus encore si on commence jeune "
                "et qu'on fume tous les jours."
            ),
            "law": p(
                "Le cannabis reste illégal. Pour un·e adulte avec une petite quantité (3 grammes ou une plante) "
                "pour sa propre consommation, sans nuisance, les poursuites ont la plus basse priorité : la police "
                "saisit et dresse un procès-verbal. Pour les mineur·es, c'est toujours interdit."
            ),
            "harm_reduction": ul(
                "Commence doucement, surtout avec les edibles : attends au moins 2 heures avant d'en reprendre.",
                "Ne conduis pas.",
                "Évite de mélanger avec l'alcool.",
                "Pas seul·e, et dans un endroit où tu te sens bien.",
            ),
        },
        "nl": {
            "title": "Cannabis",
            "slug": "cannabis",
            "slang_names": "wiet, weed, hasj, stuff, joint, jonko, ganja",
            "summary": "Wiet of hasj, gerookt of gegeten. De effecten hangen af van de dosis, het THC-gehalte en hoe je je voelt.",
            "description": p(
                "Cannabis komt van een plant. Je vindt het als wiet (toppen) of hasj (hars), en als olie of "
                "'edibles'. Het THC-gehalte wordt steeds hoger."
            ),
            "effects": p(
                "Ontspanning, lachbuien, sterkere zintuiglijke ervaringen, honger. Soms angst, paranoia, snelle "
                "hartslag of onwel worden ('bad trip'), vooral bij een hoge dosis of als je het niet gewoon bent."
            ),
            "duration": rows(
                ("Gerookt of gevapet", "enkele minuten", "2 tot 4 uur", "moe, minder concentratie"),
                (
                    "Gegeten (spacecake, snoep)",
                    "30 minuten tot 2 uur",
                    "4 tot 12 uur",
                    "slaperig de dag erna",
                ),
            ),
            "physical_risks": p(
                "Roken beschadigt de longen, zeker gemengd met tabak. Coördinatie en reflexen gaan achteruit: "
                "gevaarlijk in het verkeer."
            ),
            "mental_risks": p(
                "Geheugen en concentratie worden minder. Bij jongeren en kwetsbare mensen verhoogt vaak gebruik het "
                "risico op angst en psychotische klachten."
            ),
            "cut_with": p(
                "Soms wordt wiet besproeid met synthetische cannabinoïden: veel sterkere en onvoorspelbare effecten."
            ),
            "mixing_dangers": p("Met alcohol: misselijkheid, duizeligheid, onwel worden ('greening out')."),
            "dependence": p(
                "Ongeveer één op de tien gebruikers raakt afhankelijk; meer als je jong begint en dagelijks blowt."
            ),
            "law": p(
                "Cannabis blijft illegaal. Voor een volwassene met een kleine hoeveelheid (3 gram of één plant) voor "
                "eigen gebruik, zonder overlast, heeft vervolging de laagste prioriteit: de politie neemt in beslag "
                "en maakt een proces-verbaal op. Voor minderjarigen is het altijd verboden."
            ),
            "harm_reduction": ul(
                "Begin rustig, zeker met edibles: wacht minstens 2 uur voor je meer neemt.",
                "Rij niet.",
                "Combineer niet met alcohol.",
                "Niet alleen, en op een plek waar je je goed voelt.",
            ),
        },
    },
    {
        "key": "cocaine",
        "sources": [SRC_INFOR, SRC_DRUGLIJN, SRC_FRANK, SRC_EUDA, SRC_LAW],
        "fr": {
            "title": "Cocaïne",
            "slug": "cocaine",
            "slang_names": "coke, C, blanche, CC, neige, schnouff",
            "summary": "Une poudre blanche sniffée. Effet court et fort, risques importants pour le cœur, surtout avec l'alcool.",
            "description": p(
                "Poudre blanche tirée de la feuille de coca, le plus souvent sniffée. La cocaïne vendue à Bruxelles "
                "est de plus en plus pure, donc plus forte."
            ),
            "effects": p(
                "Sentiment d'énergie, de confiance, envie de parler ; puis redescente : fatigue, irritabilité, "
                "humeur basse, envie d'en reprendre."
            ),
            "duration": rows(
                ("Sniffée", "quelques minutes", "20 à 45 minutes", "redescente, insomnie"),
                ("Injectée", "quelques secondes", "10 à 20 minutes", "redescente forte"),
            ),
            "physical_risks": p(
                "Cœur qui s'emballe, tension élevée : risque d'infarctus et d'AVC, même chez les jeunes et même la "
                "première fois. Cloison nasale abîmée. Partager une paille transmet l'hépatite C."
            ),
            "mental_risks": p("Anxiété, agressivité, paranoïa ; dépression après un usage fréquent."),
            "cut_with": p(
                "Souvent coupée avec des médicaments (lévamisole, anesthésiques locaux) ou de la caféine."
            ),
            "mixing_dangers": p(
                "Avec l'alcool, le foie fabrique du cocaéthylène, plus toxique pour le cœur que chacun des deux. "
                "Avec l'ecstasy ou d'autres stimulants : surchauffe et cœur en danger."
            ),
            "dependence": p("L'envie d'en reprendre vient vite : la dépendance peut s'installer rapidement."),
            "law": LAW_FR,
            "harm_reduction": ul(
                "Une paille à toi, jamais partagée.",
                "Petites quantités, espace les prises.",
                "Évite l'alcool en même temps.",
                "Douleur dans la poitrine, difficulté à respirer : appelle le 112.",
            ),
        },
        "nl": {
            "title": "Cocaïne",
            "slug": "cocaine",
            "slang_names": "coke, C, sneeuw, wit, snuif",
            "summary": "Een wit poeder dat gesnoven wordt. Kort en sterk effect, grote risico's voor het hart, zeker met alcohol.",
            "description": p(
                "Wit poeder gemaakt van het cocablad, meestal gesnoven. De cocaïne in Brussel is steeds zuiverder en "
                "dus sterker."
            ),
            "effects": p(
                "Energie, zelfvertrouwen, praatlustig; daarna de 'crash': moe, prikkelbaar, somber, zin om meer te "
                "nemen."
            ),
            "duration": rows(
                ("Gesnoven", "enkele minuten", "20 tot 45 minuten", "crash, slapeloosheid"),
                ("Geïnjecteerd", "enkele seconden", "10 tot 20 minuten", "sterke crash"),
            ),
            "physical_risks": p(
                "Hart gaat tekeer, hoge bloeddruk: risico op hartinfarct en beroerte, ook bij jongeren en ook de "
                "eerste keer. Beschadigd neustussenschot. Een rietje delen kan hepatitis C overdragen."
            ),
            "mental_risks": p("Angst, agressie, paranoia; depressie na vaak gebruik."),
            "cut_with": p("Vaak versneden met medicijnen (levamisol, lokale verdoving) of cafeïne."),
            "mixing_dangers": p(
                "Met alcohol maakt de lever cocaethyleen, giftiger voor het hart dan elk van beide apart. Met xtc of "
                "andere stimulerende middelen: oververhitting en gevaar voor het hart."
            ),
            "dependence": p(
                "De drang om meer te nemen komt snel: afhankelijkheid kan zich snel ontwikkelen."
            ),
            "law": LAW_NL,
            "harm_reduction": ul(
                "Een eigen rietje, nooit delen.",
                "Kleine hoeveelheden, met tijd ertussen.",
                "Geen alcohol tegelijk.",
                "Pijn in de borst, moeilijk ademen: bel 112.",
            ),
        },
    },
    {
        "key": "crack",
        "sources": [SRC_MODUS, SRC_INFOR, SRC_EUDA, SRC_LAW],
        "fr": {
            "title": "Crack",
            "slug": "crack",
            "slang_names": "free base, caillou, galette, kiff",
            "summary": "De la cocaïne transformée pour être fumée. Effet très court et très fort, dépendance rapide.",
            "description": p(
                "Le crack (ou free base) est de la cocaïne transformée avec du bicarbonate ou de l'ammoniaque pour "
                "être fumée, souvent dans une pipe."
            ),
            "effects": p(
                "Montée immédiate et intense, puis descente brutale qui donne très vite envie de reconsommer."
            ),
            "duration": rows(
                ("Fumé (pipe)", "quelques secondes", "5 à 15 minutes", "descente brutale, craving")
            ),
            "physical_risks": p(
                "Mêmes risques que la cocaïne pour le cœur, plus des brûlures des lèvres et des lésions des poumons. "
                "Manque de sommeil et de nourriture quand on consomme plusieurs jours."
            ),
            "mental_risks": p("Paranoïa, hallucinations, anxiété forte ; épuisement et dépression."),
            "mixing_dangers": p("Avec l'alcool : cocaéthylène, dangereux pour le cœur."),
            "dependence": p("La dépendance s'installe souvent vite, à cause de l'effet très court."),
            "law": LAW_FR,
            "harm_reduction": ul(
                "Ta pipe et ton embout à toi : le matériel partagé transmet les hépatites.",
                "Du matériel propre est disponible gratuitement auprès des services de réduction des risques "
                "(Modus Vivendi, Transit, DUNE).",
                "Mange, bois de l'eau, dors entre les prises.",
            ),
        },
        "nl": {
            "title": "Crack",
            "slug": "crack",
            "slang_names": "freebase, rock, steen, base",
            "summary": "Cocaïne die bewerkt is om te roken. Heel kort en heel sterk effect, snel afhankelijk.",
            "description": p(
                "Crack (of freebase) is cocaïne die met bicarbonaat of ammoniak bewerkt is om te roken, vaak in een "
                "pijpje."
            ),
            "effects": p("Onmiddellijke, heftige roes, daarna een harde crash die snel zin geeft in meer."),
            "duration": rows(
                ("Gerookt (pijp)", "enkele seconden", "5 tot 15 minuten", "harde crash, craving")
            ),
            "physical_risks": p(
                "Dezelfde risico's als cocaïne voor het hart, plus brandwonden aan de lippen en longschade. Tekort "
                "aan slaap en eten bij meerdaags gebruik."
            ),
            "mental_risks": p("Paranoia, hallucinaties, sterke angst; uitputting en depressie."),
            "mixing_dangers": p("Met alcohol: cocaethyleen, gevaarlijk voor het hart."),
            "dependence": p("Door het heel korte effect ontstaat afhankelijkheid vaak snel."),
            "law": LAW_NL,
            "harm_reduction": ul(
                "Je eigen pijp en mondstuk: gedeeld materiaal draagt hepatitis over.",
                "Proper materiaal krijg je gratis bij diensten voor schadebeperking (Transit, DUNE, MSOC).",
                "Eet, drink water en slaap tussen het gebruik door.",
            ),
        },
    },
    {
        "key": "alcohol",
        "sources": [SRC_INFOR, SRC_DRUGLIJN, SRC_FRANK, SRC_EUROTOX],
        "fr": {
            "title": "Alcool",
            "slug": "alcool",
            "slang_names": "bibine, binouze, bière, vodka, apéro, shots",
            "summary": "Légal, mais c'est une drogue. Le risque monte vite avec les verres enchaînés et les mélanges.",
            "description": p(
                "Bière, vin, alcools forts : un verre standard contient environ 10 grammes d'alcool pur."
            ),
            "effects": p(
                "Détente, désinhibition ; puis troubles de l'équilibre, de la parole et du jugement, nausées, trous "
                "de mémoire. À forte dose : coma éthylique."
            ),
            "duration": rows(
                (
                    "Bu",
                    "10 à 30 minutes",
                    "environ 1 heure par verre pour l'éliminer",
                    "gueule de bois, fatigue",
                ),
            ),
            "physical_risks": p(
                "Intoxication (vomissements, perte de conscience), accidents, rapports sexuels non voulus ou non "
                "protégés. À long terme : foie, cœur, cancers."
            ),
            "mental_risks": p("Humeur plus basse et anxiété les jours suivants ; risque de violence."),
            "mixing_dangers": p(
                "Avec le GHB, la kétamine, les calmants ou les opioïdes : la respiration peut s'arrêter. Avec la "
                "cocaïne : cocaéthylène, dangereux pour le cœur."
            ),
            "dependence": p(
                "Boire souvent et beaucoup peut créer une dépendance physique ; l'arrêt brutal peut être dangereux."
            ),
            "law": p(
                "Vente de bière et de vin interdite aux moins de 16 ans, d'alcools forts aux moins de 18 ans. Au "
                "volant : limite de 0,5 g/l (0,2 g/l pour les conducteurs professionnels)."
            ),
            "harm_reduction": ul(
                "Mange avant et alterne avec de l'eau.",
                "Évite les shots enchaînés et les jeux à boire.",
                "Ne mélange pas avec d'autres produits.",
                "Ne laisse jamais quelqu'un d'ivre dormir sur le dos.",
            ),
        },
        "nl": {
            "title": "Alcohol",
            "slug": "alcohol",
            "slang_names": "drank, bier, pintje, wodka, shotjes, zuipen",
            "summary": "Legaal, maar het is een drug. Het risico stijgt snel met snel na elkaar drinken en combineren.",
            "description": p(
                "Bier, wijn, sterke drank: een standaardglas bevat ongeveer 10 gram pure alcohol."
            ),
            "effects": p(
                "Ontspanning, minder remmingen; daarna evenwichtsproblemen, dubbele tong, slechter oordeel, "
                "misselijkheid, black-outs. Bij veel alcohol: alcoholcoma."
            ),
            "duration": rows(
                ("Gedronken", "10 tot 30 minuten", "ongeveer 1 uur per glas om af te breken", "kater, moe"),
            ),
            "physical_risks": p(
                "Alcoholvergiftiging (braken, bewusteloos), ongevallen, ongewenste of onveilige seks. Op lange "
                "termijn: lever, hart, kanker."
            ),
            "mental_risks": p("Sombere stemming en angst de dagen erna; risico op geweld."),
            "mixing_dangers": p(
                "Met GHB, ketamine, kalmeermiddelen of opioïden: de ademhaling kan stilvallen. Met cocaïne: "
                "cocaethyleen, gevaarlijk voor het hart."
            ),
            "dependence": p(
                "Vaak en veel drinken kan lichamelijke afhankelijkheid geven; plots stoppen kan gevaarlijk zijn."
            ),
            "law": p(
                "Verkoop van bier en wijn verboden onder 16 jaar, van sterke drank onder 18 jaar. Achter het stuur: "
                "limiet 0,5 promille (0,2 voor professionele chauffeurs)."
            ),
            "harm_reduction": ul(
                "Eet vooraf en wissel af met water.",
                "Vermijd shotjes na elkaar en drinkspelletjes.",
                "Combineer niet met andere middelen.",
                "Laat iemand die dronken is nooit op de rug slapen.",
            ),
        },
    },
    {
        "key": "mdma",
        "sources": [SRC_MODUS, SRC_DRUGLIJN, SRC_FRANK, SRC_EUDA, SRC_LAW],
        "fr": {
            "title": "MDMA / ecstasy",
            "slug": "mdma-ecstasy",
            "slang_names": "XTC, X, taz, MD, cristal, emma, pills",
            "summary": "En cachets (ecstasy) ou en cristaux. Des cachets très dosés circulent : commence par peu.",
            "description": p(
                "La MDMA se vend en cristaux ou en poudre, et sous forme de cachets colorés (ecstasy) dont la dose "
                "varie énormément."
            ),
            "effects": p(
                "Euphorie, énergie, sentiment de proximité avec les autres, musique plus intense ; mâchoire serrée, "
                "transpiration. Les jours suivants : fatigue, humeur basse."
            ),
            "duration": rows(
                ("Avalée", "20 à 60 minutes", "3 à 6 heures", "fatigue et déprime 1 à 3 jours"),
            ),
            "physical_risks": p(
                "Surchauffe (coup de chaleur), déshydratation, ou au contraire trop boire d'eau (hyponatrémie). "
                "Risques pour le cœur avec les doses fortes."
            ),
            "mental_risks": p("Anxiété, attaques de panique ; humeur très basse après la prise."),
            "cut_with": p(
                "Certains cachets contiennent d'autres produits (cathinones, PMMA) plus lents et plus toxiques : "
                "ne reprends pas parce que « ça ne monte pas »."
            ),
            "mixing_dangers": p(
                "Avec l'alcool : déshydratation et surchauffe. Avec la cocaïne ou d'autres stimulants : cœur en "
                "danger. Avec certains antidépresseurs : syndrome sérotoninergique, potentiellement mortel."
            ),
            "dependence": p(
                "Peu de dépendance physique, mais l'envie de recommencer chaque week-end peut s'installer."
            ),
            "law": LAW_FR,
            "harm_reduction": ul(
                "Commence par un quart ou une moitié de cachet et attends 2 heures.",
                "Fais des pauses au frais ; bois environ un demi-litre d'eau par heure si tu danses, pas plus.",
                "Laisse au moins plusieurs semaines entre deux prises.",
                "Fais analyser tes produits quand c'est possible (testing de Modus Vivendi).",
            ),
        },
        "nl": {
            "title": "MDMA / xtc",
            "slug": "mdma-xtc",
            "slang_names": "XTC, X, pillen, MD, kristal, molly, emma",
            "summary": "Als pil (xtc) of kristallen. Er circuleren heel sterke pillen: begin met weinig.",
            "description": p(
                "MDMA wordt verkocht als kristallen of poeder, en als gekleurde pillen (xtc) waarvan de dosis sterk "
                "verschilt."
            ),
            "effects": p(
                "Euforie, energie, verbondenheid met anderen, muziek intenser; kaakklemmen, zweten. De dagen erna: "
                "moe, somber."
            ),
            "duration": rows(("Geslikt", "20 tot 60 minuten", "3 tot 6 uur", "moe en somber 1 tot 3 dagen")),
            "physical_risks": p(
                "Oververhitting, uitdroging, of net te veel water drinken (hyponatriëmie). Risico's voor het hart bij "
                "hoge dosis."
            ),
            "mental_risks": p("Angst, paniekaanvallen; sterke dip na gebruik."),
            "cut_with": p(
                "Sommige pillen bevatten andere stoffen (cathinonen, PMMA) die trager werken en giftiger zijn: neem "
                "niet bij omdat 'het niet werkt'."
            ),
            "mixing_dangers": p(
                "Met alcohol: uitdroging en oververhitting. Met cocaïne of andere stimulerende middelen: gevaar voor "
                "het hart. Met sommige antidepressiva: serotoninesyndroom, mogelijk dodelijk."
            ),
            "dependence": p(
                "Weinig lichamelijke afhankelijkheid, maar elk weekend opnieuw willen kan een gewoonte worden."
            ),
            "law": LAW_NL,
            "harm_reduction": ul(
                "Begin met een kwart of halve pil en wacht 2 uur.",
                "Neem pauzes op een koele plek; drink ongeveer een halve liter water per uur als je danst, niet meer.",
                "Laat minstens enkele weken tussen twee keer.",
                "Laat je middelen testen waar het kan.",
            ),
        },
    },
    {
        "key": "ketamine",
        "sources": [SRC_MODUS, SRC_DRUGLIJN, SRC_FRANK, SRC_EUDA, SRC_LAW],
        "fr": {
            "title": "Kétamine",
            "slug": "ketamine",
            "slang_names": "kéta, K, spécial K, ket",
            "summary": "Un anesthésiant sniffé. À forte dose, on perd le contact avec son corps (« K-hole »).",
            "description": p(
                "Médicament anesthésiant utilisé en médecine humaine et vétérinaire, vendu en poudre."
            ),
            "effects": p(
                "Sensation de flotter, de se détacher de son corps ; à forte dose, incapacité de bouger ou de "
                "parler (« K-hole »)."
            ),
            "duration": rows(
                ("Sniffée", "5 à 15 minutes", "45 minutes à 1 h 30", "confusion quelques heures")
            ),
            "physical_risks": p(
                "On ne sent plus la douleur et on tombe facilement : blessures, noyade. Usage fréquent : vessie très "
                "abîmée (douleurs, sang dans les urines)."
            ),
            "mental_risks": p("Confusion, angoisse ; troubles de la mémoire avec un usage fréquent."),
            "mixing_dangers": p(
                "Avec l'alcool, le GHB ou des calmants : perte de conscience et arrêt respiratoire possibles."
            ),
            "dependence": p("Une tolérance et une dépendance psychologique peuvent s'installer."),
            "law": LAW_FR,
            "harm_reduction": ul(
                "Petites doses, assis·e, dans un endroit sûr, avec quelqu'un de confiance.",
                "Jamais avec de l'alcool ou du GHB.",
                "Douleurs en urinant : arrête et parles-en à un médecin.",
            ),
        },
        "nl": {
            "title": "Ketamine",
            "slug": "ketamine",
            "slang_names": "keta, K, special K, ket",
            "summary": "Een verdovingsmiddel dat gesnoven wordt. Bij een hoge dosis verlies je het contact met je lichaam ('K-hole').",
            "description": p("Verdovingsmiddel uit de mens- en diergeneeskunde, verkocht als poeder."),
            "effects": p(
                "Zweverig gevoel, los van je lichaam; bij een hoge dosis kan je niet meer bewegen of praten "
                "('K-hole')."
            ),
            "duration": rows(
                ("Gesnoven", "5 tot 15 minuten", "45 minuten tot 1,5 uur", "enkele uren verward")
            ),
            "physical_risks": p(
                "Je voelt geen pijn en valt makkelijk: verwondingen, verdrinking. Vaak gebruik: ernstige "
                "blaasschade (pijn, bloed in de urine)."
            ),
            "mental_risks": p("Verwarring, angst; geheugenproblemen bij vaak gebruik."),
            "mixing_dangers": p(
                "Met alcohol, GHB of kalmeermiddelen: bewusteloosheid en ademstilstand mogelijk."
            ),
            "dependence": p("Tolerantie en psychische afhankelijkheid kunnen ontstaan."),
            "law": LAW_NL,
            "harm_reduction": ul(
                "Kleine dosissen, zittend, op een veilige plek, met iemand die je vertrouwt.",
                "Nooit met alcohol of GHB.",
                "Pijn bij het plassen: stop en praat erover met een arts.",
            ),
        },
    },
    {
        "key": "nitrous",
        "sources": [SRC_INFOR, SRC_DRUGLIJN, SRC_FRANK, SRC_EUDA],
        "fr": {
            "title": "Protoxyde d'azote",
            "slug": "protoxyde-d-azote",
            "slang_names": "proto, gaz hilarant, ballon, proto, cartouches",
            "summary": "Un gaz inhalé dans un ballon. Effet de quelques minutes, mais des dégâts nerveux graves avec un usage répété.",
            "description": p(
                "Gaz vendu en cartouches ou en grosses bonbonnes, transvasé dans un ballon puis inhalé."
            ),
            "effects": p("Fou rire, tête qui tourne, sons déformés, pendant une ou deux minutes."),
            "duration": rows(("Inhalé (ballon)", "quelques secondes", "1 à 3 minutes", "maux de tête")),
            "physical_risks": p(
                "Chutes et pertes de connaissance ; brûlures par le froid si on inhale directement. En grande "
                "quantité ou souvent : manque de vitamine B12 qui abîme les nerfs (fourmillements, difficulté à "
                "marcher), parfois de façon durable."
            ),
            "mental_risks": p("Confusion ; anxiété chez certaines personnes."),
            "mixing_dangers": p("Avec l'alcool : chutes et pertes de connaissance plus fréquentes."),
            "dependence": p(
                "Des personnes en consomment de grandes quantités, tous les jours, et ont du mal à arrêter."
            ),
            "law": p(
                "Depuis 2021, la loi interdit de vendre ou d'offrir du protoxyde d'azote aux mineur·es. Plusieurs "
                "communes bruxelloises interdisent aussi d'en avoir sur soi dans l'espace public (amende "
                "administrative). Au volant, c'est puni comme la conduite sous influence."
            ),
            "harm_reduction": ul(
                "Jamais directement de la cartouche ou de la bonbonne : toujours via un ballon.",
                "Assis·e, jamais debout ni en conduisant.",
                "Fourmillements dans les mains ou les pieds : arrête et consulte un médecin.",
            ),
        },
        "nl": {
            "title": "Lachgas",
            "slug": "lachgas",
            "slang_names": "lachgas, ballon, N2O, patronen, gas",
            "summary": "Een gas dat je uit een ballon inademt. Enkele minuten effect, maar ernstige zenuwschade bij herhaald gebruik.",
            "description": p(
                "Gas dat verkocht wordt in patronen of grote flessen, in een ballon gedaan en dan ingeademd."
            ),
            "effects": p("Lachen, duizelig, vervormde geluiden, een à twee minuten lang."),
            "duration": rows(("Ingeademd (ballon)", "enkele seconden", "1 tot 3 minuten", "hoofdpijn")),
            "physical_risks": p(
                "Vallen en flauwvallen; bevriezingsletsels als je rechtstreeks inhaleert. Bij veel of vaak gebruik: "
                "tekort aan vitamine B12 dat de zenuwen beschadigt (tintelingen, moeilijk stappen), soms blijvend."
            ),
            "mental_risks": p("Verwarring; bij sommigen angst."),
            "mixing_dangers": p("Met alcohol: vaker vallen en flauwvallen."),
            "dependence": p(
                "Sommige mensen gebruiken dagelijks grote hoeveelheden en raken er moeilijk van af."
            ),
            "law": p(
                "Sinds 2021 verbiedt de wet lachgas te verkopen of aan te bieden aan minderjarigen. Verschillende "
                "Brusselse gemeenten verbieden ook het bezit in de openbare ruimte (administratieve boete). Rijden "
                "onder invloed wordt bestraft."
            ),
            "harm_reduction": ul(
                "Nooit rechtstreeks uit het patroon of de fles: altijd via een ballon.",
                "Zittend, nooit rechtstaand of achter het stuur.",
                "Tintelingen in handen of voeten: stop en ga naar een arts.",
            ),
        },
    },
    {
        "key": "ghb",
        "sources": [SRC_MODUS, SRC_DRUGLIJN, SRC_FRANK, SRC_EUDA, SRC_LAW],
        "fr": {
            "title": "GHB / GBL",
            "slug": "ghb-gbl",
            "slang_names": "G, GHB, GBL, ecstasy liquide, liquid",
            "summary": "Un liquide dosé au millilitre. La différence entre l'effet voulu et le coma est très petite.",
            "description": p(
                "Liquide incolore (ou poudre), souvent dilué dans une boisson. Le GBL se transforme en GHB dans le "
                "corps et est encore plus fort."
            ),
            "effects": p(
                "Détente, désinhibition, envie de danser ; à peine plus : somnolence, vomissements, perte de "
                "conscience (« G-hole »)."
            ),
            "duration": rows(("Avalé", "10 à 30 minutes", "1 h 30 à 3 heures", "somnolence, confusion")),
            "physical_risks": p(
                "Coma et arrêt respiratoire, surtout avec l'alcool. Il est parfois versé dans le verre de quelqu'un "
                "à son insu."
            ),
            "mental_risks": p("Confusion, trous de mémoire ; anxiété et insomnie à l'arrêt."),
            "mixing_dangers": p(
                "Avec l'alcool, la kétamine, des calmants ou des opioïdes : très dangereux, risque de coma."
            ),
            "dependence": p(
                "Avec un usage fréquent, dépendance physique ; le sevrage peut être grave et demande un suivi "
                "médical."
            ),
            "law": LAW_FR,
            "harm_reduction": ul(
                "Dose au millilitre avec une seringue sans aiguille, jamais « au bouchon ».",
                "Attends au moins 2 heures avant de reprendre ; note l'heure.",
                "Jamais avec de l'alcool.",
                "Garde ton verre à l'œil. Une personne qui ne se réveille pas : 112.",
            ),
        },
        "nl": {
            "title": "GHB / GBL",
            "slug": "ghb-gbl",
            "slang_names": "G, GHB, GBL, vloeibare xtc, liquid",
            "summary": "Een vloeistof die je per milliliter doseert. Het verschil tussen het gewenste effect en coma is heel klein.",
            "description": p(
                "Kleurloze vloeistof (of poeder), vaak in een drankje. GBL wordt in het lichaam omgezet in GHB en is "
                "nog sterker."
            ),
            "effects": p(
                "Ontspanning, minder remmingen, zin om te dansen; net iets meer: slaperig, braken, bewusteloos "
                "('G-hole')."
            ),
            "duration": rows(("Geslikt", "10 tot 30 minuten", "1,5 tot 3 uur", "slaperig, verward")),
            "physical_risks": p(
                "Coma en ademstilstand, zeker met alcohol. Het wordt soms zonder medeweten in iemands glas gedaan."
            ),
            "mental_risks": p("Verwarring, black-outs; angst en slapeloosheid bij stoppen."),
            "mixing_dangers": p(
                "Met alcohol, ketamine, kalmeermiddelen of opioïden: heel gevaarlijk, risico op coma."
            ),
            "dependence": p(
                "Bij vaak gebruik lichamelijke afhankelijkheid; afkicken kan ernstig zijn en vraagt medische "
                "begeleiding."
            ),
            "law": LAW_NL,
            "harm_reduction": ul(
                "Doseer per milliliter met een spuitje zonder naald, nooit 'met de dop'.",
                "Wacht minstens 2 uur voor je opnieuw neemt; noteer het uur.",
                "Nooit met alcohol.",
                "Hou je glas in het oog. Iemand die niet wakker wordt: 112.",
            ),
        },
    },
]

# (substance key, substance key, risk, FR explanation, NL explanation). Based on the TripSit combination chart
# (combo.tripsit.me, v4) and the Belgian services above; where TripSit says "low risk & synergy" we show
# "caution" when the combination often sends young people to the emergency services.
MIXES = [
    (
        "alcohol",
        "cocaine",
        "dangerous",
        "Le foie fabrique du cocaéthylène, plus toxique pour le cœur et qui reste plus longtemps dans le corps. "
        "L'alcool masque aussi l'effet de la cocaïne : on en prend plus.",
        "De lever maakt cocaethyleen, giftiger voor het hart en langer in het lichaam. Alcohol maskeert ook het "
        "effect van cocaïne: je neemt er meer van.",
    ),
    (
        "alcohol",
        "crack",
        "dangerous",
        "Comme avec la cocaïne sniffée : cocaéthylène, cœur et tension en danger.",
        "Zoals met gesnoven cocaïne: cocaethyleen, gevaar voor hart en bloeddruk.",
    ),
    (
        "alcohol",
        "ghb",
        "very_dangerous",
        "Les deux ralentissent la respiration : perte de conscience, vomissements en étant inconscient·e, arrêt "
        "respiratoire. Une petite quantité de chacun suffit.",
        "Beide vertragen de ademhaling: bewusteloosheid, braken terwijl je bewusteloos bent, ademstilstand. Een "
        "kleine hoeveelheid van elk volstaat.",
    ),
    (
        "alcohol",
        "ketamine",
        "very_dangerous",
        "Vomissements et perte de conscience, risque d'étouffement et d'arrêt respiratoire.",
        "Braken en bewusteloosheid, risico op verstikking en ademstilstand.",
    ),
    (
        "alcohol",
        "mdma",
        "caution",
        "Déshydratation et surchauffe ; l'alcool diminue l'effet ressenti et pousse à reprendre des cachets.",
        "Uitdroging en oververhitting; alcohol vermindert het effect dat je voelt en zet aan tot meer pillen.",
    ),
    (
        "alcohol",
        "cannabis",
        "caution",
        "Nausées, vertiges, malaise (« greening out »), surtout si l'alcool vient en premier.",
        "Misselijk, duizelig, onwel ('greening out'), vooral als je eerst drinkt.",
    ),
    (
        "alcohol",
        "nitrous",
        "caution",
        "Vertiges et chutes, perte de connaissance ; vomir en étant étourdi·e peut étouffer.",
        "Duizeligheid en vallen, flauwvallen; braken terwijl je versuft bent kan verstikking geven.",
    ),
    (
        "ghb",
        "ketamine",
        "very_dangerous",
        "Deux produits qui endorment : coma et arrêt respiratoire possibles, même à petites doses.",
        "Twee middelen die verdoven: coma en ademstilstand mogelijk, zelfs bij kleine dosissen.",
    ),
    (
        "mdma",
        "cocaine",
        "dangerous",
        "Deux stimulants : le cœur et la température montent, risque d'infarctus et de coup de chaleur.",
        "Twee stimulerende middelen: hart en temperatuur gaan omhoog, risico op hartinfarct en oververhitting.",
    ),
    (
        "cocaine",
        "ketamine",
        "caution",
        "Les effets se masquent : on en prend plus, le cœur et la vessie trinquent.",
        "De effecten maskeren elkaar: je neemt meer, hart en blaas lijden eronder.",
    ),
    (
        "cannabis",
        "mdma",
        "caution",
        "Effets plus forts et imprévisibles ; anxiété ou paranoïa possibles.",
        "Sterkere en onvoorspelbare effecten; angst of paranoia mogelijk.",
    ),
]
