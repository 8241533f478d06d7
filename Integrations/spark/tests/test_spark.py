#!/usr/bin/env python3
"""End-to-end tests of the Spark integration against one-machine Metka (run by .ci/run-tests).

    python test_spark.py --metka .build/debug/metka

1. A `local[2]` Spark tag job over ≥ 1,000 articles (with bad records mixed in), with the binary
   and its data shipped as a bundle, gives exactly the records of one `metka tag` run: equal after
   sorting by id, and even the part files concatenated in order equal the single run's bytes.
   Its Parquet tables hold one row per mention / entity / topic of those records.
2. Parquet input (the same articles as a Parquet table) gives the same records, sorted by id.
3. `cooccur` from the Spark output equals `metka cooccur` over the single run: counts exactly,
   measures within 1e-9 — and in fact every file byte for byte — for the article unit, and for
   sentence units sliced by month with selection options; plus Metka's own co-occurrence fixtures
   (hostile names, dates).

Fails (exit 1) when anything fails, including Spark not starting; prints "N passed, M failed".
"""

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SPARK = os.path.join(os.path.dirname(HERE), "metka_spark.py")
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))

results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}" + (f" — {detail}" if detail and not ok else ""), flush=True)
    return ok


def run(cmd, **kw):
    started = time.time()
    p = subprocess.run(cmd, capture_output=True, **kw)
    took = time.time() - started
    print(f"     ({took:.1f} s) {' '.join(os.path.basename(c) if i == 0 else c for i, c in enumerate(cmd))}", flush=True)
    return p


def records_by_id(lines):
    """Records sorted by (id, line): error records without an id sort by their line number."""
    parsed = [json.loads(l) for l in lines if l.strip()]
    return sorted(parsed, key=lambda r: (str(r.get("id")), r.get("line") or 0, json.dumps(r, sort_keys=True)))


def spark(args, python, env):
    return run([python, SPARK] + args, env=env)


def compare_reports(name, ours_dir, metka_dir):
    """Counts exactly, measures within tolerance (from the JSON), then every file's bytes."""
    with open(os.path.join(ours_dir, "cooccurrence.json"), encoding="utf-8") as f:
        ours = json.load(f)
    with open(os.path.join(metka_dir, "cooccurrence.json"), encoding="utf-8") as f:
        theirs = json.load(f)
    check(f"{name}: stats and parameters", ours["stats"] == theirs["stats"] and ours["parameters"] == theirs["parameters"],
          f"{ours['stats']} vs {theirs['stats']}")
    check(f"{name}: slices", ours["slices"] == theirs["slices"])
    node_fields = ("id", "label", "type", "kb", "frequency", "documents", "mentions", "degree", "slices")
    check(f"{name}: {len(theirs['nodes'])} nodes", [[n.get(k) for k in node_fields] for n in ours["nodes"]] ==
          [[n.get(k) for k in node_fields] for n in theirs["nodes"]])
    edge_key = lambda e: (e["source"], e["target"], e["count"], e.get("slices"))  # noqa: E731
    check(f"{name}: {len(theirs['edges'])} edges (endpoints, counts, order)",
          [edge_key(e) for e in ours["edges"]] == [edge_key(e) for e in theirs["edges"]])
    worst = 0.0
    for a, b in zip(ours["edges"], theirs["edges"]):
        for k in ("pmi", "npmi", "dice", "jaccard", "trend"):
            if k in b:
                worst = max(worst, abs(a[k] - b[k]))
    check(f"{name}: measures within 1e-9", worst <= 1e-9, f"largest difference {worst}")
    for path in sorted(glob.glob(os.path.join(metka_dir, "*"))):
        other = os.path.join(ours_dir, os.path.basename(path))
        same = os.path.exists(other) and open(path, "rb").read() == open(other, "rb").read()
        check(f"{name}: {os.path.basename(path)} byte for byte", same)


def metka_cooccur(metka, inputs, out, options, formats):
    os.makedirs(out, exist_ok=True)
    for fmt in formats:
        p = run([metka, "cooccur", "--format", fmt, "--output", out + "/"] + options + inputs)
        if p.returncode not in (0, 1):
            check(f"metka cooccur {fmt}", False, p.stderr.decode(errors="replace")[-2000:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--metka", required=True)
    ap.add_argument("--python", default=sys.executable, help="python with pyspark")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    metka = os.path.abspath(args.metka)
    work = tempfile.mkdtemp(prefix="metka-spark-test-")
    env = dict(os.environ, PYSPARK_PYTHON=args.python)
    started = time.time()
    try:
        probe = run([args.python, "-c", "import pyspark; print(pyspark.__version__)"])
        if not check("pyspark importable", probe.returncode == 0, probe.stderr.decode(errors="replace")[-500:]):
            return finish(started)
        corpus = os.path.join(work, "corpus.jsonl")
        subprocess.run([sys.executable, os.path.join(HERE, "make_corpus.py"), corpus], check=True)

        # One machine, one process: the reference.
        single = run([metka, "tag", "--format", "jsonl"], stdin=open(corpus, "rb"))
        check("metka tag single run reports the bad records (exit 1)", single.returncode == 1,
              single.stderr.decode(errors="replace")[-500:])
        single_lines = single.stdout.decode("utf-8").splitlines()
        with open(os.path.join(work, "single.jsonl"), "wb") as f:
            f.write(single.stdout)

        # 1. Spark tag, binary and data shipped as a bundle, four partitions on local[2].
        bundle = os.path.join(work, "metka-bundle.tar.gz")
        b = spark(["bundle", "--metka", metka, "--output", bundle], args.python, env)
        check("bundle built", b.returncode == 0, b.stderr.decode(errors="replace")[-1500:])
        out = os.path.join(work, "tagged")
        t = spark(["tag", "--master", "local[2]", "--input", corpus, "--output", out, "--partitions", "4",
                   "--bundle", bundle, "--parquet"], args.python, env)
        if not check("spark tag job succeeded", t.returncode == 0, t.stderr.decode(errors="replace")[-3000:]):
            return finish(started)
        parts = sorted(glob.glob(os.path.join(out, "part-*")))
        spark_bytes = b"".join(open(p, "rb").read() for p in parts)
        spark_lines = spark_bytes.decode("utf-8").splitlines()
        check(f"spark wrote several part files ({len(parts)})", len(parts) >= 2)
        check(f"one record per input record ({len(single_lines)})", len(spark_lines) == len(single_lines))
        check("records equal after sorting by id", records_by_id(spark_lines) == records_by_id(single_lines))
        check("part files concatenated == single run, byte for byte", spark_bytes == single.stdout)
        errors = [json.loads(l) for l in spark_lines if '"error"' in l and "error" in json.loads(l)]
        check(f"bad records reported as error records ({len(errors)}), with whole-input line numbers",
              len(errors) >= 6 and all(isinstance(e.get("line"), int) for e in errors))

        # Parquet tables: one row per mention / entity / topic of the tagged records.
        want = {"mentions": 0, "entities": 0, "topics": 0}
        for l in single_lines:
            r = json.loads(l)
            for k in want:
                want[k] += len(r.get(k) or [])
        counted = run([args.python, "-c", COUNT_TABLES, out], env=env)
        got = json.loads(counted.stdout.decode() or "{}") if counted.returncode == 0 else {}
        check(f"parquet tables mentions/entities/topics rows {want}", got == want,
              f"{got} {counted.stderr.decode(errors='replace')[-1500:]}")

        # 2. Parquet input, through the local binary (no bundle).
        pq = os.path.join(work, "articles.parquet")
        w = run([args.python, "-c", WRITE_PARQUET, corpus, pq], env=env)
        if check("articles written as Parquet", w.returncode == 0, w.stderr.decode(errors="replace")[-1500:]):
            out2 = os.path.join(work, "tagged-from-parquet")
            t2 = spark(["tag", "--master", "local[2]", "--input", pq, "--output", out2, "--metka", metka],
                       args.python, env)
            if check("spark tag over Parquet succeeded", t2.returncode == 0, t2.stderr.decode(errors="replace")[-3000:]):
                lines2 = b"".join(open(p, "rb").read() for p in sorted(glob.glob(os.path.join(out2, "part-*"))))
                # Records with an id of their own (a Parquet row without one would be numbered by its row).
                good = [l for l in single_lines if "error" not in json.loads(l) and not json.loads(l)["id"].startswith("line-")]
                check(f"Parquet input: {len(good)} records equal after sorting by id",
                      records_by_id(lines2.decode().splitlines()) == records_by_id(good))

        # 3. Co-occurrence: Spark counts vs metka cooccur over the single run.
        formats = ["json", "csv", "md", "gexf", "graphml"]
        cases = [("article", [], formats),
                 ("sentence by month", ["--unit", "sentence", "--slice", "month", "--sort", "npmi", "--min-count", "2",
                                        "--top-k", "5", "--include-boilerplate"], ["json", "md", "csv"])]
        for name, options, fmts in cases:
            ours, theirs = os.path.join(work, "co-spark-" + name[:4]), os.path.join(work, "co-metka-" + name[:4])
            metka_cooccur(metka, [os.path.join(work, "single.jsonl")], theirs, options, fmts)
            c = spark(["cooccur", "--master", "local[2]", "--input", out, "--output", ours, "--format", ",".join(fmts)]
                      + options, args.python, env)
            if check(f"spark cooccur ({name}) succeeded", c.returncode == 0, c.stderr.decode(errors="replace")[-3000:]):
                compare_reports(f"cooccur {name}", ours, theirs)
        fixtures = sorted(glob.glob(os.path.join(REPO, "Tests", "Fixtures", "cooccur", "*.jsonl")))
        options = ["--by", "month", "--types", "PER,ORG,LOC,DATE"]
        theirs, ours = os.path.join(work, "co-metka-fix"), os.path.join(work, "co-spark-fix")
        metka_cooccur(metka, fixtures, theirs, ["--slice", "month", "--types", "PER,ORG,LOC,DATE"], formats)
        c = spark(["cooccur", "--master", "local[1]", "--input", os.path.join(REPO, "Tests", "Fixtures", "cooccur", "*.jsonl"),
                   "--output", ours, "--format", ",".join(formats)] + options, args.python, env)
        # The hostile fixture has an unreadable line: both exit 1 and count the rest.
        if check("spark cooccur (fixtures, hostile names) ran", c.returncode in (0, 1), c.stderr.decode(errors="replace")[-3000:]):
            compare_reports("cooccur fixtures", ours, theirs)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}")
    return finish(started)


COUNT_TABLES = """
import json, sys
from pyspark.sql import SparkSession
s = SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false").getOrCreate()
s.sparkContext.setLogLevel("ERROR")
print(json.dumps({k: s.read.parquet(sys.argv[1] + "/" + k).count() for k in ("mentions", "entities", "topics")}))
"""

WRITE_PARQUET = """
import json, sys
from pyspark.sql import SparkSession
s = SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false").getOrCreate()
s.sparkContext.setLogLevel("ERROR")
rows = []
for line in open(sys.argv[1], encoding="utf-8"):
    try:
        r = json.loads(line)
    except ValueError:
        continue
    if isinstance(r, dict) and isinstance(r.get("text"), str) and isinstance(r.get("id"), str) and r.get("published", "2000-01-01")[:4].isdigit():
        rows.append((r["id"], r["text"], r.get("title"), r.get("published")))
s.createDataFrame(rows, "id string, text string, title string, published string").repartition(3).write.parquet(sys.argv[2])
"""


def finish(started):
    passed, failed = sum(results), len(results) - sum(results)
    print(f"spark tests took {time.time() - started:.0f} s")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
