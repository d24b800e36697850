"""Fill empty entries of locale/<lang>/LC_MESSAGES/django.po from locale/sources/*.json.

Each JSON file maps an English msgid to its translations: {"Search": {"fr": "Rechercher", "nl": "Zoeken"}}.
For plural entries give a list per language: {"fr": ["…", "…"], "nl": ["…", "…"]}; for an entry with a
context (pgettext), the key is "context|msgid".
Entries already translated in a .po file are never overwritten (the .po files are the catalogues; the JSON
files let several people add strings without editing the same catalogue at once). Run by `make messages`.
"""

import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def _from_catalogues(paths: list[str]) -> dict[str, dict]:
    """Translations found in other catalogues (e.g. the other side of a merge), keyed like the JSON seeds."""
    found: dict[str, dict] = {}
    for path in paths:
        lang = Path(path).parent.parent.name if "LC_MESSAGES" in path else Path(path).stem.split(".")[-1]
        for entry in polib.pofile(path):
            if not entry.translated() or "fuzzy" in entry.flags:
                continue
            key = f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid
            value = (
                [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
                if entry.msgid_plural
                else entry.msgstr
            )
            found.setdefault(key, {})[lang] = value
    return found


def main(argv: list[str]) -> int:
    """`fill_catalogues.py [other.po …]`: other catalogues (named <anything>.<lang>.po or under <lang>/LC_MESSAGES)
    may also supply translations for empty entries, e.g. both sides of a merge."""
    sources: dict[str, dict] = _from_catalogues(argv)
    for path in sorted((ROOT / "locale" / "sources").glob("*.json")):
        for key, value in json.loads(path.read_text(encoding="utf-8")).items():
            sources.setdefault(key, {}).update(value)
    missing_total = 0
    for po_path in sorted((ROOT / "locale").glob("*/LC_MESSAGES/django.po")):
        lang = po_path.parent.parent.name
        catalogue = polib.pofile(str(po_path), wrapwidth=0)
        for entry in catalogue:
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
                entry.msgstr = ""
                entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
                entry.previous_msgid = None
                entry.previous_msgid_plural = None
                entry.previous_msgctxt = None
            translated = entry.translated() and "fuzzy" not in entry.flags
            if translated:
                continue
            key = f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid
            value = sources.get(key, {}).get(lang)
            if value is None:
                missing_total += 1
                print(f"{lang}: no translation for {entry.msgid!r}", file=sys.stderr)
                continue
            if entry.msgid_plural:
                forms = value if isinstance(value, list) else [value, value]
                entry.msgstr_plural = {
                    i: forms[min(i, len(forms) - 1)] for i in range(len(entry.msgstr_plural) or 2)
                }
            else:
                entry.msgstr = value
        catalogue.metadata.setdefault("Language", lang)
        catalogue.save()
    print(f"{missing_total} entries still without translation", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
