#!/usr/bin/env bash
# Dev check for the date rules (issue 6): tags NEREL with the debug build and scores DATE spans,
# outer view, exact match. Dev-time only (needs the corpora and Python for the scorer).
# Usage: Scripts/dates-dev-check.sh [train|dev] [errors-per-type]
set -euo pipefail
split=${1:-dev}
errors=${2:-0}
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${CORPUS:-$root/../shared/corpora}
tools=${TOOLS:-$root/../shared/tools}
gold=$corpus/nerel/jsonl/$split.jsonl
pred=$(mktemp /tmp/metka-dates-XXXX.jsonl)
trap 'rm -f "$pred"' EXIT
"$root/.build/debug/metka" tag --format jsonl < "$gold" > "$pred"
python3 "$tools/score_ner.py" "$gold" "$pred" --view outer --types DATE --errors "$errors"
