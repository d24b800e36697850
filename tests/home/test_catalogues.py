"""Every UI string is translated in every configured language (no missing, no fuzzy entry), and the
catalogues are in step with the code."""

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


def test_catalogue_matches_the_code():
    """A string in the code but not in the catalogues would fall back to English, and an entry the code no
    longer has is dead weight: makemessages, run into a scratch copy, must find no new, removed or changed
    msgid compared with the committed django.po files (the same check as `make lint`)."""
    from tools.check_catalogues import catalogue_differences

    differences = catalogue_differences(Path(settings.BASE_DIR))
    assert not differences, "run `make messages`, then translate in the .po files: " + "; ".join(differences)
