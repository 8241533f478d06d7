#!/usr/bin/env bash
# Sets up what the Spark integration tests and `make bench-scale` need, only when missing:
# Java 17 (Debian's openjdk-17-jre-headless) and PySpark from PyPI in a private venv outside
# git (default ~/.cache/metka/spark-venv; override with METKA_SPARK_VENV). Prints nothing on
# stdout but the venv's python path on the last line, so callers can do
#   PY=$(bash .ci/spark.sh | tail -1)
set -euo pipefail
PYSPARK_VERSION=${PYSPARK_VERSION:-4.0.1}
venv=${METKA_SPARK_VENV:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/metka/spark-venv}
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"

java_ok() {
  command -v java >/dev/null 2>&1 || return 1
  # Spark 4 needs Java 17 or newer.
  local v
  v=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
  [ -n "$v" ] && [ "$v" -ge 17 ]
}
if ! java_ok; then
  echo "spark.sh: installing openjdk-17-jre-headless" >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >&2
fi
java_ok || { echo "spark.sh: no Java 17+ after install" >&2; exit 1; }

if ! "$venv/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
  echo "spark.sh: installing pyspark==$PYSPARK_VERSION into $venv" >&2
  python3 -m venv "$venv" >&2
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "pyspark==$PYSPARK_VERSION" >&2
fi
echo "$venv/bin/python"
