#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests: Debian's server package (installed when missing),
# a new cluster in a temporary directory, listening on a free loopback port only, password
# (SCRAM) authentication so the tests exercise passwords for real.
#
#   eval "$(bash .ci/postgres.sh start)"   # exports METKA_TEST_POSTGRES_URL and METKA_TEST_POSTGRES_DIR
#   bash .ci/postgres.sh stop              # stops the server and removes $METKA_TEST_POSTGRES_DIR
#
# `initdb` refuses to run as root, so as root the cluster is owned and run by the `postgres`
# user (created by the Debian package); otherwise by the calling user. Progress goes to stderr;
# only the export lines go to stdout.
set -euo pipefail

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"

bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$d" ] || [ ! -x "$d/initdb" ]; then return 1; fi
  echo "$d"
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local bin
  if ! bin=$(bindir); then
    echo "postgres.sh: installing postgresql" >&2
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
    bin=$(bindir)
  fi
  local dir port password=metka-test-secret
  dir=$(mktemp -d /tmp/metka-pg.XXXXXX)
  chmod 755 "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  printf '%s\n' "$password" > "$dir/pwfile"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir/pwfile"
  as_owner "$bin/initdb" -D "$dir/data" -U metka --pwfile="$dir/pwfile" --auth=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  rm -f "$dir/pwfile"
  # A free loopback port: the first of a range nobody answers on.
  for port in $(seq 55432 55532); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  done
  # fsync off (unless METKA_PG_FSYNC=on, as the benchmark sets): a test server whose data is thrown
  # away needs no durability, and commits get cheap.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=${METKA_PG_FSYNC:-off} -c max_connections=50" start >&2 \
    || { cat "$dir/server.log" >&2; exit 1; }
  PGPASSWORD=$password "$bin/createdb" -h 127.0.0.1 -p "$port" -U metka metka >&2
  echo "postgres.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($dir)" >&2
  echo "export METKA_TEST_POSTGRES_URL='postgres://metka:$password@127.0.0.1:$port/metka'"
  echo "export METKA_TEST_POSTGRES_DIR='$dir'"
}

stop() {
  local dir=${METKA_TEST_POSTGRES_DIR:-}
  [ -n "$dir" ] && [ -d "$dir/data" ] || return 0
  local bin
  bin=$(bindir) || return 0
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
