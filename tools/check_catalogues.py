"""Fail when the code holds a translatable string that locale/*/django.po lacks, or when an entry is
untranslated or fuzzy. Runs makemessages into a scratch copy so the working tree is untouched."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def msgids(path: Path) -> set[str]:
    return {e.msgid for e in polib.pofile(str(path)) if not e.obsolete}


def main() -> int:
    failures = []
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "repo"
        shutil.copytree(
            ROOT,
            copy,
            ignore=shutil.ignore_patterns(
                ".venv", ".git", "node_modules", "media", "static_collected", "*.sqlite3"
            ),
        )
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "settings.dev"}
        langs = sorted(p.name for p in (ROOT / "locale").iterdir() if (p / "LC_MESSAGES").is_dir())
        cmd = [
            sys.executable,
            "manage.py",
            "makemessages",
            "--no-location",
            "--ignore",
            "tests/*",
            "--ignore",
            "tools/*",
        ] + [f"-l{lang}" for lang in langs]
        subprocess.run(cmd, cwd=copy, env=env, check=True, capture_output=True)
        for lang in langs:
            committed = ROOT / "locale" / lang / "LC_MESSAGES" / "django.po"
            fresh = copy / "locale" / lang / "LC_MESSAGES" / "django.po"
            missing = msgids(fresh) - msgids(committed)
            if missing:
                failures.append(f"{lang}: {len(missing)} strings missing, e.g. {sorted(missing)[:5]}")
            catalogue = polib.pofile(str(committed))
            bad = [e.msgid for e in catalogue.untranslated_entries() + catalogue.fuzzy_entries()]
            if bad:
                failures.append(f"{lang}: {len(bad)} untranslated or fuzzy, e.g. {bad[:5]}")
    for failure in failures:
        print(failure, file=sys.stderr)
    print("catalogues: " + ("FAILED" if failures else "complete"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
