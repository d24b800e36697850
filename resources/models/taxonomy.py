"""The category taxonomy of the directory (HSDS taxonomy_term) and its seed list."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .names import NamedInLanguages


class Category(NamedInLanguages):
    """A taxonomy term of the directory (HSDS taxonomy_term)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name


# The categories loaded by `load_geography` (code, French name, Dutch name): seed data, read only by the loader
# and the importer's list of known codes. The names people see are the rows' `names`, edited in the admin.
CATEGORIES = [
    ("information_prevention", "Information et prévention", "Informatie en preventie"),
    ("harm_reduction", "Réduction des risques", "Schadebeperking"),
    ("treatment_care", "Traitement et soins", "Behandeling en zorg"),
    ("mental_health", "Santé mentale", "Geestelijke gezondheid"),
    ("youth_work", "Jeunesse", "Jeugdwerk"),
    (
        "socio_professional_reinsertion",
        "Réinsertion socio-professionnelle",
        "Socioprofessionele re-integratie",
    ),
    ("housing_shelter", "Logement et hébergement", "Huisvesting en opvang"),
    ("social_aid", "Aide sociale", "Sociale hulp"),
    ("legal_aid", "Aide juridique", "Juridische hulp"),
    ("family_support", "Soutien aux familles", "Steun voor gezinnen"),
]
