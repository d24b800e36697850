"""Every UI string is translated in every configured language: no missing, no fuzzy entry."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_catalogue_complete(code):
    path = LOCALE_DIR / code / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"missing catalogue {path}"
    catalogue = polib.pofile(str(path))
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert not untranslated, f"{code}: {len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert not fuzzy, f"{code}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"
    assert len(catalogue.translated_entries()) > 50


def test_catalogue_covers_the_code():
    """A string in the code but not in the catalogue would fall back to English: makemessages must find
    nothing new. Checked by comparing the msgids that xgettext finds in the templates with the catalogue."""
    import re

    catalogue = {e.msgid for e in polib.pofile(str(LOCALE_DIR / "fr" / "LC_MESSAGES" / "django.po"))}
    pattern = re.compile(r"""\{%\s*translate\s+(?:"([^"]+)"|'([^']+)')""")
    missing = set()
    for template in (Path(settings.BASE_DIR) / "templates").rglob("*.html"):
        for double, single in pattern.findall(template.read_text()):
            msgid = double or single
            if msgid not in catalogue:
                missing.add((template.name, msgid))
    assert not missing, f"not in the catalogue (run `make messages`): {sorted(missing)[:10]}"
