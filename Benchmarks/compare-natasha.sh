#!/usr/bin/env bash
# compare-natasha.sh — Metka against Natasha (the peer tagger) on the same inputs. Dev-only.
#
# Runs both taggers on factRuEval-2016 dev (naeval view, scored --view all --types PER,LOC,ORG),
# NEREL dev (--view outer --types PER,LOC,ORG) and the bundled sample article; prints both scores
# side by side, both throughputs and both peak RSS. Nothing here is needed to build or run Metka.
#
# Usage: Benchmarks/compare-natasha.sh            (from anywhere; paths are relative to the repo)
# Environment:
#   CORPUS=DIR        corpora root (default ../shared/corpora relative to the repo)
#   SCORER=FILE       score_ner.py (default $CORPUS/../tools/score_ner.py)
#   NATASHA_VENV=DIR  throwaway venv for natasha + razdel (default ${TMPDIR:-/tmp}/metka-natasha-venv;
#                     reused when it already imports natasha; delete it when done)
#   OUT=DIR           where predictions and timings go (default: a fresh mktemp dir under ${TMPDIR:-/tmp})
#   SKIP_BUILD=1      use the existing .build/release/metka
#
# How the numbers are measured (the same input file for both taggers):
#   Metka   — `metka tag --input jsonl --format jsonl --jobs 1 --convention factru|nerel` (the gold
#             corpus's convention, as `metka eval` picks it), one process per corpus; throughput is
#             code points / wall time of that whole process, i.e. INCLUDING start-up (data loading),
#             JSON parsing and output writing. One worker thread, for a per-core figure.
#   Natasha — natasha.NewsNERTagger called once per document (Benchmarks/natasha_tag.py); throughput is
#             code points / wall time of the tagging loop only, EXCLUDING Python start-up, imports and
#             model loading (reported separately). BLAS is pinned to one thread (OPENBLAS_NUM_THREADS=1
#             etc.), again for a per-core figure.
#   Both    — CPU seconds (user+sys, from /usr/bin/time for Metka, time.process_time for Natasha's loop)
#             are printed too: on a shared machine CPU time is steadier than wall time.
#             Peak RSS is GNU time's "Maximum resident set size" of the whole process.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
CORPUS=$(cd "${CORPUS:-../shared/corpora}" && pwd)
SCORER=${SCORER:-$CORPUS/../tools/score_ner.py}
TMPBASE=${TMPDIR:-/tmp}
VENV=${NATASHA_VENV:-$TMPBASE/metka-natasha-venv}
OUT=${OUT:-$(mktemp -d "$TMPBASE/metka-natasha.XXXXXX")}
mkdir -p "$OUT"
SAMPLE=Tests/Fixtures/sample/rbc-mfa-cyber-guarantees.txt
METKA=$REPO/.build/release/metka
HELPER=$REPO/Benchmarks/natasha_tag.py

FACTRU=$CORPUS/factrueval2016/jsonl/dev.naeval.jsonl
NEREL=$CORPUS/nerel/jsonl/dev.jsonl
for f in "$FACTRU" "$NEREL" "$SCORER" "$SAMPLE"; do
    [[ -f $f ]] || { echo "missing: $f (set CORPUS / SCORER)" >&2; exit 2; }
done

# GNU time (for peak RSS); Debian package `time`.
if ! /usr/bin/time -v true >/dev/null 2>&1; then
    echo "== installing GNU time (apt)" >&2
    SUDO=; [[ $(id -u) -eq 0 ]] || SUDO=sudo
    $SUDO apt-get install -y time >/dev/null
fi

# Throwaway venv outside the repo.
if ! "$VENV/bin/python" -c 'import natasha, razdel' >/dev/null 2>&1; then
    echo "== creating venv $VENV and installing natasha, razdel from PyPI" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q natasha razdel
fi
PY=$VENV/bin/python

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
    echo "== swift build -c release --product metka" >&2
    swift build -c release --product metka >&2
fi
[[ -x $METKA ]] || { echo "no $METKA (build failed?)" >&2; exit 2; }

# The sample article as one JSONL record, so both taggers read the same kind of input.
"$PY" - "$SAMPLE" > "$OUT/sample.jsonl" <<'EOF'
import json, sys
text = open(sys.argv[1], encoding='utf-8').read()
print(json.dumps({'id': 'sample', 'text': text, 'published': '2021-03-25'}, ensure_ascii=False))
EOF

export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1

run_metka() {  # name input convention
    /usr/bin/time -v -o "$OUT/metka.$1.time" \
        "$METKA" tag --input jsonl --format jsonl --jobs 1 --convention "$3" < "$2" > "$OUT/metka.$1.jsonl"
}
run_natasha() {  # name input
    /usr/bin/time -v -o "$OUT/natasha.$1.time" \
        "$PY" "$HELPER" "$2" "$OUT/natasha.$1.jsonl" --timing "$OUT/natasha.$1.timing.json"
}

echo "== tagging (outputs in $OUT)" >&2
# Metka's start-up alone: the same command on empty input, three times (the median is reported).
: > "$OUT/empty.jsonl"
for i in 1 2 3; do
    /usr/bin/time -v -o "$OUT/metka.startup$i.time" \
        "$METKA" tag --input jsonl --format jsonl --jobs 1 < "$OUT/empty.jsonl" > /dev/null
done
for name in factru nerel sample; do
    # Metka tags each corpus under that corpus's annotation convention, as `metka eval` does
    # (docs/entities.md); the sample article under Metka's own.
    case $name in factru) in=$FACTRU conv=factru ;; nerel) in=$NEREL conv=nerel ;; sample) in=$OUT/sample.jsonl conv=metka ;; esac
    run_metka "$name" "$in" "$conv"
    run_natasha "$name" "$in"
done

for tagger in metka natasha; do
    "$PY" "$SCORER" "$FACTRU" "$OUT/$tagger.factru.jsonl" --view all --types PER,LOC,ORG \
        --json "$OUT/$tagger.factru.score.json" > "$OUT/$tagger.factru.score.txt"
    "$PY" "$SCORER" "$NEREL" "$OUT/$tagger.nerel.jsonl" --view outer --types PER,LOC,ORG \
        --json "$OUT/$tagger.nerel.score.json" > "$OUT/$tagger.nerel.score.txt"
done

"$PY" - "$OUT" "$FACTRU" "$NEREL" "$METKA" "$VENV" <<'EOF'
import json, os, re, subprocess, sys
from importlib.metadata import version

out, factru, nerel, metka, venv = sys.argv[1:]

def load(p):
    with open(p, encoding='utf-8') as f:
        return json.load(f)

def gnu_time(p):
    """Wall seconds, CPU seconds (user+sys) and peak RSS MiB from `/usr/bin/time -v`."""
    t = open(p, encoding='utf-8').read()
    user = float(re.search(r'User time \(seconds\): ([\d.]+)', t).group(1))
    sys_ = float(re.search(r'System time \(seconds\): ([\d.]+)', t).group(1))
    wall = re.search(r'Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)', t).group(1)
    secs = 0.0
    for part in wall.split(':'):
        secs = secs * 60 + float(part)
    rss = int(re.search(r'Maximum resident set size \(kbytes\): (\d+)', t).group(1)) / 1024
    return secs, user + sys_, rss

def chars(path):
    n = 0
    with open(path, encoding='utf-8') as f:
        for line in f:
            if line.strip():
                n += len(json.loads(line).get('text', ''))
    return n

commit = subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True).stdout.strip()
print(f'Metka {commit} (release, {metka}) vs natasha {version("natasha")} '
      f'(slovnet {version("slovnet")}, razdel {version("razdel")}, numpy {version("numpy")})')
print()

corpora = [('factru', 'factRuEval-2016 dev, naeval view (--view all)', factru),
           ('nerel', 'NEREL v1.1 dev (--view outer)', nerel)]
for name, title, path in corpora:
    m, n = load(f'{out}/metka.{name}.score.json'), load(f'{out}/natasha.{name}.score.json')
    print(f'{title}: exact-span P/R/F1, types PER,LOC,ORG')
    print(f'{"type":6} | {"Metka P":>7} {"R":>6} {"F1":>6} | {"Natasha P":>9} {"R":>6} {"F1":>6} | {"ΔF1":>6}')
    for t in ['PER', 'LOC', 'ORG', 'micro']:
        a, b = m[t], n[t]
        print(f'{t:6} | {a["precision"]:7.4f} {a["recall"]:6.4f} {a["f1"]:6.4f} | '
              f'{b["precision"]:9.4f} {b["recall"]:6.4f} {b["f1"]:6.4f} | {a["f1"] - b["f1"]:+6.4f}')
    print()

print('Speed and memory (one thread each; code points per second)')
print(f'{"input":8} {"chars":>8} | {"Metka wall":>10} {"chars/s":>10} {"CPU s":>6} {"RSS MiB":>7} | '
      f'{"Natasha tag":>11} {"chars/s":>8} {"CPU s":>6} {"load s":>6} {"RSS MiB":>7}')
for name, path in [('factru', factru), ('nerel', nerel), ('sample', f'{out}/sample.jsonl')]:
    c = chars(path)
    mw, mc, mr = gnu_time(f'{out}/metka.{name}.time')
    nt = load(f'{out}/natasha.{name}.timing.json')
    _, _, nr = gnu_time(f'{out}/natasha.{name}.time')
    assert nt['chars'] == c
    print(f'{name:8} {c:8d} | {mw:9.2f}s {c / mw:10.0f} {mc:6.2f} {mr:7.1f} | '
          f'{nt["tag_wall_s"]:10.2f}s {c / nt["tag_wall_s"]:8.0f} {nt["tag_cpu_s"]:6.2f} {nt["load_s"]:6.2f} {nr:7.1f}')
startups = sorted(gnu_time(f'{out}/metka.startup{i}.time')[:2] for i in (1, 2, 3))
sw, sc = startups[1]
print(f'Metka start-up alone (empty input, median of 3): {sw:.2f}s wall, {sc:.2f}s CPU')
for name, path in [('factru', factru), ('nerel', nerel)]:
    c = chars(path)
    mw, mc, _ = gnu_time(f'{out}/metka.{name}.time')
    if mw > sw and mc > sc:
        print(f'  {name}: Metka minus start-up ≈ {c / (mw - sw):.0f} chars/s wall, {c / (mc - sc):.0f} chars/s CPU '
              f'(a difference of noisy timings: indicative only)')
for name, path in [('factru', factru), ('nerel', nerel)]:
    c = chars(path)
    mw, mc, _ = gnu_time(f'{out}/metka.{name}.time')
    nt = load(f'{out}/natasha.{name}.timing.json')
    print(f'  {name}: by CPU time, Metka (incl. start-up) {c / mc:.0f} chars/s, Natasha (tagging only) {c / nt["tag_cpu_s"]:.0f} chars/s')
print('Metka wall = whole `metka tag` process (start-up + data load + JSON in/out + tagging).')
print('Natasha wall = tagging loop only (no Python start-up, imports or model load; load s = model load).')
print('CPU s = user+sys of the Metka process / process_time of the Natasha loop. RSS = whole process peak.')
print()

def mentions(path):
    with open(path, encoding='utf-8') as f:
        doc = json.loads(f.readline())
    return {(x['start'], x['end'], x['type'], x.get('text', '')) for x in doc['mentions']
            if x['type'] in ('PER', 'LOC', 'ORG')}

ms, ns = mentions(f'{out}/metka.sample.jsonl'), mentions(f'{out}/natasha.sample.jsonl')
print(f'Sample article (Tests/Fixtures/sample/rbc-mfa-cyber-guarantees.txt): PER/LOC/ORG mentions, '
      f'Metka {len(ms)}, Natasha {len(ns)}, both {len(ms & ns)}')
print(f'{"span":>11}  {"both":^7} {"Metka":^7} {"Natasha":^7}  text')
for s in sorted(ms | ns):
    start, end, typ, text = s
    both = typ if s in ms and s in ns else ''
    only_m = typ if s in ms and s not in ns else ''
    only_n = typ if s in ns and s not in ms else ''
    print(f'{start:5d}-{end:<5d}  {both:^7} {only_m:^7} {only_n:^7}  {text!r}')
EOF
echo "(predictions, scores and timings kept in $OUT)" >&2
