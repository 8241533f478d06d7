#!/usr/bin/env bash
# Dev-only benchmark of `metka cooccur` on synthetic tagged JSON Lines (see generate_corpus.py).
# Usage: Scripts/cooccur/bench.sh [DOCS] [WORKDIR]   (default 1000000 documents in /tmp/cooccur-bench)
# Prints wall time, CPU time and peak RSS per configuration. Release build required:
#   swift build -c release --product metka
set -euo pipefail
docs=${1:-1000000}
work=${2:-/tmp/cooccur-bench}
root=$(cd "$(dirname "$0")/../.." && pwd)
metka=$root/.build/release/metka
corpus=$work/synthetic-$docs.jsonl
mkdir -p "$work"
if [ ! -s "$corpus" ]; then
  echo "generating $corpus"
  python3 "$root/Scripts/cooccur/generate_corpus.py" --docs "$docs" --out "$corpus"
fi
ls -l "$corpus"
run() {
  local label=$1; shift
  /usr/bin/time -f "$label: %e s wall, %U s user, %S s sys, peak RSS %M KB" "$metka" cooccur "$corpus" --stats "$@"
}
run "article, md, min-count 5, top-k 20" --format md --min-count 5 --top-k 20 --output "$work/article.md"
run "sentence, json, all pairs" --unit sentence --format json --output "$work/sentence.json"
run "paragraph, month slices, gexf, min-count 10" --unit paragraph --slice month --format gexf --min-count 10 --output "$work/paragraph-month.gexf"
run "article, week slices, html, max-nodes 300, top-k 10" --slice week --format html --max-nodes 300 --top-k 10 --output "$work/week.html"
