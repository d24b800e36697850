"""Reads shared by the sync, the reports and the hotspot sheets.

Two lookups depend on other apps and are kept here so that wiring them to the real models is a one-place change
after the merge:
- `tracked_campaigns()`: the campaigns to evaluate (today: evaluation's own TrackedCampaign rows).
- `hotspot()` / `hotspots()`: the hotspots and their quartiers (today: a fallback table built from the
  Regional Security Council list; later: resources' Hotspot model).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps


@dataclass(frozen=True)
class CampaignTarget:
    code: str
    name: str
    path_prefixes: tuple[str, ...] = ()
    utm_campaign: str = ""
    starts_on: object = None
    ends_on: object = None


def tracked_campaigns() -> list[CampaignTarget]:
    """The campaign pages (by campaign code, with the paths of every translation) and any extra campaign an
    analyst tracks by hand (TrackedCampaign rows); a TrackedCampaign with the same code wins."""
    from .models import TrackedCampaign

    targets = {t.code: t for t in _campaign_page_targets()}
    targets.update({c.code: _target(c) for c in TrackedCampaign.objects.order_by("code")})
    return [targets[code] for code in sorted(targets)]


def campaign(code: str) -> CampaignTarget | None:
    return next((t for t in tracked_campaigns() if t.code == code), None)


def _campaign_page_targets() -> list[CampaignTarget]:
    from wagtail.models import Locale

    from campaigns.models import CampaignPage

    pages = list(CampaignPage.objects.live().exclude(code="").order_by("path"))
    by_code: dict[str, list[CampaignPage]] = {}
    for page in pages:
        by_code.setdefault(page.code, []).append(page)
    default = Locale.get_default()
    targets = []
    for code, translations in by_code.items():
        source = next((p for p in translations if p.locale_id == default.pk), translations[0])
        prefixes = tuple(sorted({p.url for p in translations if p.url}))
        targets.append(
            CampaignTarget(
                code=code,
                name=source.title,
                path_prefixes=prefixes,
                utm_campaign=code,
                starts_on=source.start_date,
                ends_on=source.end_date,
            )
        )
    return targets


def _target(obj) -> CampaignTarget:
    return CampaignTarget(
        code=obj.code,
        name=obj.name,
        path_prefixes=tuple(obj.prefixes),
        utm_campaign=obj.utm_value,
        starts_on=obj.starts_on,
        ends_on=obj.ends_on,
    )


@dataclass(frozen=True)
class HotspotInfo:
    slug: str
    name: str
    commune_nis: tuple[str, ...] = ()
    quartier_codes: tuple[str, ...] = field(default=())


# Fallback: the hotspots designated by the Regional Security Council on 28/03/2024 (+ Aumale), with the
# *suggested* Monitoring quartier codes (mdzone) of shared/data/brussels/drug_hotspots_2024.csv. Facts compiled
# from press releases; editors confirm the quartiers in the directory, which replaces this table after the merge.
_FALLBACK_HOTSPOTS = (
    ("gare-du-midi", "Gare du Midi / Zuidstation", ("21013",), ("804",)),
    ("gare-du-nord", "Gare du Nord / Noordstation", ("21004", "21014", "21015"), ("21",)),
    ("yser", "Yser / IJzer", ("21004",), ("3", "18")),
    ("chaussee-d-anvers", "Chaussée d'Anvers / Antwerpsesteenweg", ("21004",), ("21",)),
    ("querelle-marolles", "Querelle (Marolles)", ("21004",), ("8",)),
    ("borne-colonne", "Borne/Colonne – Paal/Kolom", ("21012",), ("16",)),
    ("etangs-noirs", "Étangs Noirs / Zwarte Vijvers", ("21012",), ("16", "14")),
    ("ribaucourt", "Ribaucourt", ("21012",), ("18", "16")),
    ("bonnevie", "Bonnevie", ("21012",), ("16",)),
    ("porte-de-hal", "Porte de Hal / Hallepoort", ("21013",), ("48",)),
    ("clemenceau", "Clémenceau", ("21001",), ("11", "12", "13")),
    ("peterbos", "Peterbos", ("21001",), ("61",)),
    ("saint-antoine", "Saint-Antoine / Sint-Antonius", ("21007",), ("50",)),
    ("matonge", "Matonge", ("21009",), ("36",)),
    ("versailles", "Versailles", ("21004",), ("77",)),
    ("aumale", "Aumale", ("21001",), ("58", "59")),
)


def hotspots() -> list[HotspotInfo]:
    """Every hotspot the sheets can show, by slug: the directory's hotspots (in the active language, quartiers as
    confirmed by editors); the fallback table only while the directory holds none (a fresh database)."""
    from django.utils import translation
    from wagtail.models import Locale

    from resources.models import Hotspot

    queryset = Hotspot.objects.select_related("commune").prefetch_related("quartiers").order_by("slug")
    locale = Locale.objects.filter(language_code=translation.get_language()).first()
    rows = list(queryset.filter(locale=locale)) if locale else []
    if not rows:
        rows = list(queryset.filter(locale__language_code=Locale.get_default().language_code))
    if rows:
        return [
            HotspotInfo(
                h.slug,
                h.name,
                (h.commune.nis_code,),
                tuple(str(q.mdzone) for q in sorted(h.quartiers.all(), key=lambda q: q.mdzone)),
            )
            for h in rows
        ]
    return [
        HotspotInfo(slug, name, communes, quartiers) for slug, name, communes, quartiers in _FALLBACK_HOTSPOTS
    ]


def hotspot(slug: str) -> HotspotInfo | None:
    return next((h for h in hotspots() if h.slug == slug), None)


def model_available(label: str) -> bool:
    try:
        apps.get_model(label)
    except LookupError:
        return False
    return True
