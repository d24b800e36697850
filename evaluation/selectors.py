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


# --- The directory seen from a hotspot: services by category, gaps, referral demand ----------------------


@dataclass
class HotspotService:
    service_id: int
    name: str
    slips_made: int = 0
    warm_referrals_sent: int = 0


@dataclass
class CategoryCoverage:
    category: object  # resources.models.Category, or None for services without a category
    services: list[HotspotService] = field(default_factory=list)


@dataclass
class HotspotDirectory:
    coverage: list[CategoryCoverage]
    gaps: list  # categories with no active service in the hotspot's quartiers
    services: list[HotspotService]

    @property
    def slips_made(self) -> int:
        return sum(s.slips_made for s in self.services)

    @property
    def warm_referrals_sent(self) -> int:
        return sum(s.warm_referrals_sent for s in self.services)


def _directory_locale():
    from django.utils import translation
    from wagtail.models import Locale

    return Locale.objects.filter(language_code=translation.get_language()).first() or Locale.get_default()


def _hotspot_services(info: HotspotInfo) -> list:
    """The active services located in the hotspot's quartiers, in the directory's language, with their categories
    (2 queries)."""
    from resources.models import Service
    from resources.selectors import located_q

    mdzones = [int(code) for code in info.quartier_codes if str(code).isdigit()]
    return list(
        Service.objects.filter(locale=_directory_locale(), live=True, status=Service.Status.ACTIVE)
        .filter(located_q(quartier__mdzone__in=mdzones))
        .prefetch_related("categories")
        .only("id", "name", "translation_key")
        .order_by("name", "id")
    )


def _count_referrals(services: list, rows: dict[int, HotspotService], start, end) -> None:
    """Add to each service's row its referral slips made and warm referrals sent between start and end, whatever
    the slip's language (matched through the service's translation key): 1 query."""
    from django.db.models import Sum

    from resources.referrals.models import ReferralCount

    keys = {s.translation_key: s for s in services}
    if not keys:
        return
    counts = (
        ReferralCount.objects.filter(service__translation_key__in=list(keys), date__range=(start, end))
        .values("service__translation_key", "kind")
        .annotate(total=Sum("count"))
    )
    for row in counts:
        target = rows[keys[row["service__translation_key"]].id]
        if row["kind"] == ReferralCount.Kind.SLIP_MADE:
            target.slips_made += row["total"] or 0
        elif row["kind"] == ReferralCount.Kind.WARM_REFERRAL_SENT:
            target.warm_referrals_sent += row["total"] or 0


def _coverage(categories: list, services: list, rows: dict[int, HotspotService]):
    """(coverage, gaps): the services per category (then those without one), and the categories with none."""
    coverage, gaps = [], []
    for category in categories:
        members = [rows[s.id] for s in services if any(c.id == category.id for c in s.categories.all())]
        if members:
            coverage.append(CategoryCoverage(category, members))
        else:
            gaps.append(category)
    uncategorised = [rows[s.id] for s in services if not s.categories.all()]
    if uncategorised:
        coverage.append(CategoryCoverage(None, uncategorised))
    return coverage, gaps


def hotspot_directory(info: HotspotInfo, *, start, end) -> HotspotDirectory:
    """Active services located in the hotspot's quartiers (in the active language, falling back to the default
    one), grouped by category; the categories with none (gaps); and per service the referral slips made and warm
    referrals sent between `start` and `end` (inclusive), whatever the language of the slip (counters are matched
    through the service's translation key). Five queries whatever the number of services: the locale (the default
    locale may add one when the active one is missing), the categories, the services and their categories, the
    referral counts."""
    from resources.models import Category

    services = _hotspot_services(info)
    categories = list(Category.objects.all())
    rows = {s.id: HotspotService(s.id, s.name) for s in services}
    _count_referrals(services, rows, start, end)
    coverage, gaps = _coverage(categories, services, rows)
    return HotspotDirectory(coverage=coverage, gaps=gaps, services=list(rows.values()))
