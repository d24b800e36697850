#!/usr/bin/env bash
# Resolve a merge conflict in locale/*/LC_MESSAGES/django.po (the .po files are the only source of the
# translations, docs/translation.md): join both sides' entries from the conflicted stages (ours wins where both
# translate the same msgid differently), then regenerate the catalogues from the merged code (`make messages`:
# entries the code no longer has are dropped, new ones come in empty). Then translate what
# `tools/check_catalogues.py` still reports. Usage, during the merge: tools/merge_catalogues.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for po in locale/*/LC_MESSAGES/django.po; do
  git ls-files -u -- "$po" | grep -q . || continue
  sides=()
  for stage in 2 3; do  # 2: ours, 3: theirs (a side that deleted the file has no stage)
    if git show ":$stage:$po" > "$tmp/$stage.po" 2>/dev/null; then sides+=("$tmp/$stage.po"); fi
  done
  msgcat --use-first --no-wrap -o "$po" "${sides[@]}"
  echo "merged both sides of $po"
done
make ${MAKE_OPTIONS:-} messages
git add locale/
.venv/bin/python tools/check_catalogues.py || echo "Translate the entries above in the .po files, then commit."
