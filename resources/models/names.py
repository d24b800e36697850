"""Names and free text: the accent-blind search form, the collation of names in any language, and the base of
reference data named in every content language."""

from __future__ import annotations

import functools
import unicodedata

from django.db import models
from django.utils.translation import gettext_lazy as _

from home.fields import (
    NamesField,
    name_in_language,
)


def normalize(text: str) -> str:
    """Lower case without accents: the form used for free-text search."""
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


@functools.lru_cache(
    maxsize=4096
)  # a pure function of the text; the directory sorts the same names per request
def collation_key(text: str) -> tuple[str, str]:
    """Sort key of a name in any language: letters without accents and case first ("Béguinage" before
    "Buffon", "Étangs Noirs" among the E), then the exact text so that equal keys keep a stable order."""
    return (normalize(text).lstrip("'’\"(« "), text or "")


def sorted_by_name(items, name=lambda item: item.name) -> list:
    """`items` sorted by their name in the active language (`name` reads it), accents handled."""
    return sorted(items, key=lambda item: collation_key(name(item)))


class NamedInLanguages(models.Model):
    """Reference data named in every content language: `names` = {"fr": "Ixelles", "nl": "Elsene", …}."""

    names = NamesField(
        _("names"),
        max_length=120,
        help_text=_("The name in each language of the site."),
    )

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        """The name in the active language (else in the site's default language)."""
        return name_in_language(self.names)

    def name_in(self, language: str) -> str:
        return name_in_language(self.names, language)

    def all_names(self) -> list[str]:
        """Every name, in every language (for searches that accept a name typed in any language)."""
        return [name for name in (self.names or {}).values() if name]
