#!/usr/bin/env bash
# Resolve a merge conflict in locale/*/django.po: keep our catalogue, regenerate it from the code and refill it
# from locale/sources/*.json (the per-app translation seeds). Usage: tools/merge_catalogues.sh
set -euo pipefail
cd "$(dirname "$0")/.."
for po in locale/*/LC_MESSAGES/django.po; do
  if git ls-files -u -- "$po" | grep -q .; then
    git checkout --ours -- "$po"
  fi
done
make messages
git add locale/
