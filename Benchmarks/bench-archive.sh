#!/usr/bin/env bash
# `make bench-archive`: enrich a 100k-article archive, then re-run with nothing changed.
# Targets (issue 8): first run ≤ 2 min on 2 cores, unchanged re-run ≤ 10 s. Prints numbers only.
set -euo pipefail
cd "$(dirname "$0")/.."
metka=${METKA:-.build/release/metka}
base=Benchmarks/out/archive-${N:-100000}.sqlite
work=Benchmarks/out/archive-bench.sqlite
[ -f "$base" ] || METKA="$metka" bash Benchmarks/make-archive.sh "$base"
rm -f "$work" "$work-journal" "$work-wal" "$work-shm"
cp "$base" "$work"
articles=$(sqlite3 "$work" 'SELECT count(*) FROM articles' 2>/dev/null || echo "?")
chars=$(sqlite3 "$work" 'SELECT sum(length(body)) FROM articles' 2>/dev/null || echo "?")
echo "archive: $articles articles, $chars chars ($(du -h "$base" | cut -f1)), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
TIMEFORMAT='%R s wall, %U s user, %S s sys'
echo "enrich (first run):"
time "$metka" enrich "$work" ${ENRICH_FLAGS:-}
echo "enrich (nothing changed):"
time "$metka" enrich "$work" ${ENRICH_FLAGS:-}
echo "archive after enrich: $(du -h "$work" | cut -f1)"
"$metka" enrich --stats "$work" | head -8
