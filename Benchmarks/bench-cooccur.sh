#!/usr/bin/env bash
# `make bench-cooccur`: `metka cooccur --db` on a synthetic enriched archive of ${N:-1000000} articles
# (built once by Benchmarks/make-cooccur-archive.py, cached in Benchmarks/out/). Target (issue 9):
# report in ≤ 60 s and ≤ 1 GB peak RSS. Prints wall, CPU and peak RSS (/usr/bin/time -v) per
# configuration, and the machine's load (the 2-core dev machine is shared, so wall time varies).
set -euo pipefail
cd "$(dirname "$0")/.."
metka=${METKA:-.build/release/metka}
n=${N:-1000000}
archive=Benchmarks/out/cooccur-$n.sqlite
work=${WORK:-Benchmarks/out/cooccur-bench}
mkdir -p "$work"
if [ ! -s "$archive" ]; then
  rm -f "$archive.partial"
  python3 Benchmarks/make-cooccur-archive.py --metka "$metka" --out "$archive.partial" --articles "$n"
  mv "$archive.partial" "$archive"
fi
echo "archive: $archive ($(du -h "$archive" | cut -f1)), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
run() {
  local label=$1; shift
  local log="$work/time.log"
  /usr/bin/time -v "$metka" cooccur --db "$archive" --stats "$@" 2> "$log" > "$work/out"
  local wall user sys rss stats
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
  user=$(sed -n 's/.*User time (seconds): //p' "$log")
  sys=$(sed -n 's/.*System time (seconds): //p' "$log")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
  stats=$(grep '^metka: cooccur:\|^cooccur:' "$log" | sed 's/^metka: //' || true)
  printf '%-44s wall %s, CPU %s s user + %s s sys, peak RSS %d MiB (load %s)\n' "$label" "$wall" "$user" "$sys" $((rss / 1024)) "$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "    $stats"
}
run "article, PER/ORG/LOC/DATE, md" --types PER,ORG,LOC,DATE
run "article, default (PER/ORG/LOC), md"
run "sentence, md" --unit sentence
run "article, --slice month, md" --slice month
run "paragraph, --slice month, gexf, min-count 5" --unit paragraph --slice month --format gexf --min-count 5
run "article, month, html, max-nodes 300, top-k 10" --slice month --format html --max-nodes 300 --top-k 10
run "article, --topic economy, 2021, json, top-k 20" --topic economy --from 2021-01-01 --to 2021-12-31 --format json --top-k 20
