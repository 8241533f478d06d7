#!/usr/bin/env bash
# Builds a benchmark archive: N articles (default 100,000) cycled from corpus news texts —
# NEREL (Wikinews), Lenta.ru, RIA Novosti, Seccoll infosec news, RuSentRel (inosmi) — imported
# with `metka archive import` into the default schema articles(id, title, body, published_at).
# Dates are synthetic, spread over 2019–2023 so date filters have something to select.
# The texts stay out of git (licenses, see ../shared/corpora/README.md); only this script is committed.
#
# Usage: Benchmarks/make-archive.sh OUT.sqlite   (env: CORPUS, N, METKA)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: make-archive.sh OUT.sqlite}
corpus=${CORPUS:-../shared/corpora}
n=${N:-100000}
metka=${METKA:-.build/release/metka}

if ! command -v jq >/dev/null; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing: jq"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends jq
fi
files=()
for f in nerel/jsonl/train.jsonl nerel/jsonl/dev.jsonl topics/lenta-rubrics.jsonl topics/lenta-rubrics-2026.jsonl \
         topics/ria-rubrics.jsonl topics/seccoll-infosec.jsonl topics/rusentrel-inosmi.jsonl; do
  [ -f "$corpus/$f" ] && files+=("$corpus/$f")
done
[ ${#files[@]} -gt 0 ] || { echo "make-archive: no corpus files under $corpus (set CORPUS)" >&2; exit 2; }
rm -f "$out"
mkdir -p "$(dirname "$out")"
# Article i gets id "<file>:<corpus id>#i" (corpus ids repeat within some files); 7919 is prime,
# so dates cycle through all 1826 days.
jq -c -n --argjson n "$n" '
  [inputs | select((.text | type) == "string" and (.text | length) > 0)
   | {id: ((input_filename | split("/") | last | sub("\\.jsonl$"; "")) + ":" + (.id | tostring)),
      title: (.title // null), text}] as $docs
  | ($docs | length) as $m
  | range(0; $n) as $i
  | $docs[$i % $m] as $d
  | {id: ($d.id + "#" + ($i | tostring)), title: $d.title, text: $d.text,
     published: ((1546300800 + (($i * 7919) % 1826) * 86400) | strftime("%Y-%m-%d"))}
' "${files[@]}" | "$metka" archive import "$out"
