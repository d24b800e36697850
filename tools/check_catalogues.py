"""Fail when locale/*/LC_MESSAGES/django.po differs from the code, or when an entry is untranslated or fuzzy.

The .po files are the only source of the translations (docs/translation.md). This runs makemessages into a
scratch copy of the checkout (the working tree is untouched) and compares the entries it finds with the
committed catalogues: a new, removed or changed msgid means `make messages` was not run (then translate the
new entries in the .po files). Run by `make lint`; tests/home/test_catalogues.py calls catalogue_differences().

djangojs.po is not checked against the code: the project has no JavaScript catalogue of its own, and
locale/*/LC_MESSAGES/djangojs.po only corrects wagtail-localize's entries (makemessages would empty it).
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
# The same options as `make messages` (Makefile): keep the two in step.
MAKEMESSAGES_OPTIONS = [
    "--no-location",
    "--no-obsolete",
    "--no-wrap",
    "--ignore",
    "tests/*",
    "--ignore",
    "tools/*",
]
SKIPPED = (".venv", ".git", "node_modules", "media", "static_collected", "*.sqlite3", ".*", "__pycache__")


def _entries(path: Path) -> dict[tuple[str, str], str]:
    """(msgctxt, msgid) -> msgid_plural of the live entries of a catalogue."""
    return {(e.msgctxt or "", e.msgid): e.msgid_plural for e in polib.pofile(str(path)) if not e.obsolete}


def _show(key: tuple[str, str]) -> str:
    return f"{key[0]}|{key[1]}" if key[0] else key[1]


def catalogue_differences(root: Path = ROOT) -> list[str]:
    """Run makemessages into a scratch copy of `root` and list, per language, the msgids that are new in the
    code, gone from it or changed (plural form) compared with the committed django.po. Empty when in step."""
    langs = sorted(p.name for p in (root / "locale").iterdir() if (p / "LC_MESSAGES" / "django.po").is_file())
    differences = []
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "repo"
        shutil.copytree(root, copy, ignore=shutil.ignore_patterns(*SKIPPED))
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "settings.dev"}
        cmd = [
            sys.executable,
            "manage.py",
            "makemessages",
            *MAKEMESSAGES_OPTIONS,
            *(f"-l{lang}" for lang in langs),
        ]
        subprocess.run(cmd, cwd=copy, env=env, check=True, capture_output=True)
        for lang in langs:
            committed = _entries(root / "locale" / lang / "LC_MESSAGES" / "django.po")
            fresh = _entries(copy / "locale" / lang / "LC_MESSAGES" / "django.po")
            for label, keys in (
                ("new in the code", sorted(fresh.keys() - committed.keys())),
                ("no longer in the code", sorted(committed.keys() - fresh.keys())),
                (
                    "changed plural",
                    sorted(k for k in fresh.keys() & committed.keys() if fresh[k] != committed[k]),
                ),
            ):
                if keys:
                    shown = [_show(k) for k in keys[:5]]
                    differences.append(f"{lang}: {len(keys)} msgid(s) {label}, e.g. {shown}")
    return differences


def untranslated(root: Path = ROOT) -> list[str]:
    failures = []
    for path in sorted((root / "locale").glob("*/LC_MESSAGES/django*.po")):
        catalogue = polib.pofile(str(path))
        bad = [e.msgid for e in catalogue.untranslated_entries() + catalogue.fuzzy_entries()]
        if bad:
            failures.append(f"{path.relative_to(root)}: {len(bad)} untranslated or fuzzy, e.g. {bad[:5]}")
    return failures


def main() -> int:
    differences = catalogue_differences()
    failures = differences + untranslated()
    for failure in failures:
        print(failure, file=sys.stderr)
    if differences:
        print(
            "Run `make messages`, then translate the new entries in locale/*/LC_MESSAGES/django.po.",
            file=sys.stderr,
        )
    print("catalogues: " + ("FAILED" if failures else "in step with the code and complete"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
