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


def main() -> int:
    sources: dict[str, dict] = {}
    for path in sorted((ROOT / "locale" / "sources").glob("*.json")):
        sources.update(json.loads(path.read_text(encoding="utf-8")))
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
    sys.exit(main())
