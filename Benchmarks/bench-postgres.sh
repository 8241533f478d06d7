#!/usr/bin/env bash
# `make bench-postgres` (and `make bench-scale`): PostgreSQL enrich rate with 1 and 2 workers
# against the SQLite path, on the same N articles (default 20,000, from Benchmarks/make-archive.sh's
# corpus generator). Starts a throw-away PostgreSQL server (.ci/postgres.sh, fsync on) unless
# METKA_BENCH_POSTGRES_URL names one. Not a test: prints numbers only.
#
# Usage: Benchmarks/bench-postgres.sh   (env: N, CORPUS, METKA, METKA_BENCH_POSTGRES_URL)
set -euo pipefail
cd "$(dirname "$0")/.."
metka=${METKA:-.build/release/metka}
n=${N:-20000}
base=Benchmarks/out/archive-$n.sqlite
[ -x "$metka" ] || { echo "bench-postgres: $metka not built (make release)" >&2; exit 2; }
[ -f "$base" ] || N="$n" METKA="$metka" bash Benchmarks/make-archive.sh "$base"

if [ -n "${METKA_BENCH_POSTGRES_URL:-}" ]; then
  server=$METKA_BENCH_POSTGRES_URL
else
  eval "$(METKA_PG_FSYNC=on bash .ci/postgres.sh start)"
  server=$METKA_TEST_POSTGRES_URL
  trap 'bash .ci/postgres.sh stop' EXIT
fi
# Same URL, another database (the password stays in PGPASSWORD, out of argv and output).
export PGPASSWORD=${server#*://*:}; PGPASSWORD=${PGPASSWORD%%@*}
hostpart=${server#*@}; user=${server#*://}; user=${user%%[:@]*}
url_for() { echo "postgres://$user@${hostpart%/*}/$1"; }

load() {   # load DB: a fresh database with the archive's articles (text ids, as in the SQLite file)
  psql -q "$(url_for postgres)" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null
  psql -q "$(url_for "$1")" -c "CREATE TABLE articles (id text PRIMARY KEY, title text, body text, published_at text)" >/dev/null
  sqlite3 -csv "$base" "SELECT id, title, body, published_at FROM articles ORDER BY rowid" \
    | psql -q "$(url_for "$1")" -c "\\copy articles FROM STDIN WITH (FORMAT csv)"
}

articles=$(sqlite3 "$base" 'SELECT count(*) FROM articles')
chars=$(sqlite3 "$base" 'SELECT sum(length(body)) FROM articles')
echo "archive: $articles articles, $chars chars, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "postgres: $(psql -tA "$(url_for postgres)" -c 'SHOW server_version'), fsync $(psql -tA "$(url_for postgres)" -c 'SHOW fsync')"
TIMEFORMAT="%R"
export PGOPTIONS="-c client_min_messages=warning"
rate() { awk -v n="$articles" -v s="$1" 'BEGIN { printf "%.0f articles/s", n / s }'; }

work=Benchmarks/out/bench-postgres.sqlite
rm -f "$work" "$work-journal" "$work-wal" "$work-shm"; cp "$base" "$work"
s=$( { time "$metka" enrich "$work" --quiet >/dev/null 2>&1; } 2>&1 )
echo "sqlite   (1 process, --jobs $(nproc)):  $s s  $(rate "$s")"
s2=$( { time "$metka" enrich "$work" --quiet >/dev/null 2>&1; } 2>&1 )
echo "sqlite   unchanged re-run:           $s2 s"

load metka_bench_1
p1=$( { time "$metka" enrich "$(url_for metka_bench_1)" --quiet >/dev/null 2>&1; } 2>&1 )
echo "postgres (1 worker, --jobs $(nproc)):    $p1 s  $(rate "$p1")"
r1=$( { time "$metka" enrich "$(url_for metka_bench_1)" --quiet >/dev/null 2>&1; } 2>&1 )
echo "postgres unchanged re-run (1 worker): $r1 s"

load metka_bench_2
p2=$( { time "$metka" enrich "$(url_for metka_bench_2)" --workers 2 --quiet >/dev/null 2>&1; } 2>&1 )
echo "postgres (2 workers, --jobs 1 each):  $p2 s  $(rate "$p2")"
r2=$( { time "$metka" enrich "$(url_for metka_bench_2)" --workers 2 --quiet >/dev/null 2>&1; } 2>&1 )
echo "postgres unchanged re-run (2 workers): $r2 s"

same=$(diff <(sqlite3 "$work" "SELECT article_id, seq, entity_id, start, \"end\", text FROM metka_mentions ORDER BY article_id, seq" | md5sum) \
            <(psql -tA -F'|' "$(url_for metka_bench_2)" -c "SELECT article_id, seq, entity_id, start, \"end\", text FROM metka_mentions ORDER BY article_id COLLATE \"C\", seq" | md5sum) >/dev/null && echo same || echo DIFFERENT)
echo "mentions, sqlite vs postgres (2 workers): $same"
