#!/usr/bin/env bash
# `make bench-scale`: what Spark costs on top of Metka, on one machine.
#   1. `metka tag` alone (--jobs 1, --jobs 2) vs the Spark tag job (local[1], local[2]) on the same
#      input: NEREL train+dev repeated N times (N=10 by default; ids made unique), from CORPUS.
#   2. `metka cooccur` vs `metka_spark.py cooccur` on the tagged output.
#   3. Benchmarks/bench-postgres.sh, when present (the PostgreSQL enrich rates).
# Prints numbers only; nothing is asserted. Needs Java 17 and PySpark (.ci/spark.sh installs them).
# Env: METKA (binary, default .build/release/metka), N, CORPUS, OUT (default Benchmarks/out/scale).
set -euo pipefail
cd "$(dirname "$0")/.."
metka=${METKA:-.build/release/metka}
N=${N:-10}
CORPUS=${CORPUS:-../shared/corpora}
out=${OUT:-Benchmarks/out/scale}
py=$(bash .ci/spark.sh | tail -1)
spark="$py Integrations/spark/metka_spark.py"
mkdir -p "$out"
rm -rf "$out"/spark-* "$out"/co-*
input=$out/nerel-x$N.jsonl
if [ ! -s "$input" ]; then
  python3 - "$CORPUS" "$N" "$input" <<'PY'
import json, sys
root, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
docs = [json.loads(l) for split in ("train", "dev") for l in open(f"{root}/nerel/jsonl/{split}.jsonl", encoding="utf-8")]
with open(out, "w", encoding="utf-8") as f:
    for k in range(n):
        for d in docs:
            f.write(json.dumps({"id": f"{d['id']}#{k}", "text": d["text"]}, ensure_ascii=False) + "\n")
PY
fi
docs=$(wc -l < "$input")
chars=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text']) for l in open(sys.argv[1], encoding='utf-8')))" "$input")
echo "input: NEREL train+dev x$N = $docs articles, $chars chars ($(du -h "$input" | cut -f1)); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
# Wall time depends on what else runs on this shared machine; CPU time of the whole process tree
# (JVM, Python workers, metka; sampled by Benchmarks/cputree.py) much less, so both are printed.
rate() { python3 -c "
import sys
w, cpu, rss = map(float, open(sys.argv[1]).read().split())
c, d = int(sys.argv[2]), int(sys.argv[3])
print(f'{w:6.1f} s wall {cpu:6.1f} s CPU {rss:5.0f} MiB  {c/w/1e6:5.2f} M chars/s wall  {c/cpu/1e6:5.2f} M chars/CPU-s  {d/cpu:5.0f} articles/CPU-s')
" "$1" "$chars" "$docs"; }
measure() {  # label, command...
  local label=$1; shift
  python3 Benchmarks/cputree.py "$out/last.time" "$@" > /dev/null 2> "$out/last.err" || { echo "$label: failed"; tail -5 "$out/last.err"; return 1; }
  printf '%-34s %s\n' "$label" "$(rate "$out/last.time")"
  cut -d' ' -f2 "$out/last.time" > "$out/last.cpu"
}
wall() { tail -1 "$out/last.time" | cut -d' ' -f1; }
measure "metka tag --jobs 1" sh -c "'$metka' tag --jobs 1 < '$input' > '$out/single.jsonl'; test \$? -le 1"
t1=$(wall); c1=$(cat "$out/last.cpu")
measure "metka tag --jobs 2" sh -c "'$metka' tag --jobs 2 < '$input' > /dev/null; test \$? -le 1"
t2=$(wall); c2=$(cat "$out/last.cpu")
measure "spark tag local[1], 1 partition" $spark tag --master 'local[1]' --partitions 1 --input "$input" --output "$out/spark-1" --metka "$metka"
s1=$(wall); d1=$(cat "$out/last.cpu")
measure "spark tag local[2], 2 partitions" $spark tag --master 'local[2]' --partitions 2 --input "$input" --output "$out/spark-2" --metka "$metka"
s2=$(wall); d2=$(cat "$out/last.cpu")
measure "spark tag local[2], 8 partitions" $spark tag --master 'local[2]' --partitions 8 --input "$input" --output "$out/spark-8" --metka "$metka"
/usr/bin/time -f '%M' -o "$out/rss" sh -c "'$metka' tag --jobs 1 < '$input' > /dev/null; test \$? -le 1"
echo "peak RSS of metka tag --jobs 1 over the whole input as one stream: $(( $(cat "$out/rss") / 1024 )) MiB"
cat "$out"/spark-2/part-* | cmp -s - "$out/single.jsonl" && echo "spark output == metka tag output, byte for byte" || echo "WARNING: spark output differs from metka tag's"
python3 -c "
import sys
t1, t2, s1, s2, c1, c2, d1, d2 = map(float, sys.argv[1:])
print(f'Spark overhead, CPU: {d1 - c1:+.1f} s on 1 core ({100*(d1/c1-1):+.0f}%), {d2 - c2:+.1f} s on 2 cores ({100*(d2/c2-1):+.0f}%)')
print(f'Spark overhead, wall: {s1 - t1:+.1f} s on 1 core ({100*(s1/t1-1):+.0f}%), {s2 - t2:+.1f} s on 2 cores ({100*(s2/t2-1):+.0f}%); JVM start-up included')
" "$t1" "$t2" "$s1" "$s2" "$c1" "$c2" "$d1" "$d2"
measure "metka cooccur --unit sentence" "$metka" cooccur --unit sentence --format json --output "$out/co-metka/" "$out/single.jsonl"
measure "spark cooccur local[2] --unit sentence" $spark cooccur --master 'local[2]' --unit sentence --format json --input "$out/spark-2" --output "$out/co-spark"
cmp -s "$out/co-metka/cooccurrence.json" "$out/co-spark/cooccurrence.json" && echo "co-occurrence reports identical" || echo "WARNING: co-occurrence reports differ"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -f Benchmarks/bench-postgres.sh ]; then
  echo "--- Benchmarks/bench-postgres.sh"
  METKA="$metka" CORPUS="$CORPUS" bash Benchmarks/bench-postgres.sh
fi
