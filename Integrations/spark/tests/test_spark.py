#!/usr/bin/env python3
"""End-to-end tests of the Spark integration against one-machine Metka (run by .ci/run-tests).

    python test_spark.py --metka .build/debug/metka

1. A `local[2]` Spark tag job over ≥ 1,000 articles (with bad records mixed in), with the binary
   and its data shipped as a bundle, gives exactly the records of one `metka tag` run: equal after
   sorting by id, and even the part files concatenated in order equal the single run's bytes.
   Its Parquet tables hold one row per mention / entity / topic of those records.
2. Parquet input (the same articles as a Parquet table) gives the same records, sorted by id.
3. `cooccur` from the Spark output equals `metka cooccur` over the single run: counts exactly,
   measures within 1e-9 — and in fact every file byte for byte, the HTML page included (rendered
   on the driver by `metka cooccur --from-report`, from --metka or from the bundle) — for the
   article unit, and for sentence units sliced by month with selection options; plus Metka's own
   co-occurrence fixtures (hostile names, dates).

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
import traceback
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

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


def spark(args):
    """Runs a metka_spark.py command in this process, on the session the tests share (one JVM)."""
    started = time.time()
    try:
        status = metka_spark.main(args)
    except SystemExit as e:
        status = e.code if isinstance(e.code, int) else 2
    except Exception:
        traceback.print_exc()
        status = 99
    print(f"     ({time.time() - started:.1f} s) metka_spark.py {' '.join(args)}", flush=True)
    return status


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
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    args = ap.parse_args()
    metka = os.path.abspath(args.metka)
    work = tempfile.mkdtemp(prefix="metka-spark-test-")
    started = time.time()
    global metka_spark
    try:
        try:
            import metka_spark
            from pyspark.sql import SparkSession
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
            session = SparkSession.builder.master("local[2]").appName("metka spark tests") \
                .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false").getOrCreate()
            session.sparkContext.setLogLevel("ERROR")
        except Exception:
            traceback.print_exc()
            check("Spark starts (pyspark, Java)", False)
            return finish(started)
        check("Spark starts (pyspark, Java)", True)
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
        check("bundle built", spark(["bundle", "--metka", metka, "--output", bundle]) == 0)
        out = os.path.join(work, "tagged")
        if not check("spark tag job succeeded", spark(["tag", "--input", corpus, "--output", out, "--partitions", "4",
                                                       "--bundle", bundle, "--parquet"]) == 0):
            return finish(started)
        parts = sorted(glob.glob(os.path.join(out, "part-*")))
        spark_bytes = b"".join(open(p, "rb").read() for p in parts)
        spark_lines = spark_bytes.decode("utf-8").splitlines()
        check(f"spark wrote several part files ({len(parts)})", len(parts) >= 2)
        check(f"one record per input record ({len(single_lines)})", len(spark_lines) == len(single_lines))
        check("records equal after sorting by id", records_by_id(spark_lines) == records_by_id(single_lines))
        check("part files concatenated == single run, byte for byte", spark_bytes == single.stdout)
        errors = [r for r in map(json.loads, spark_lines) if "error" in r]
        check(f"bad records reported as error records ({len(errors)}), with whole-input line numbers",
              len(errors) >= 6 and all(isinstance(e.get("line"), int) for e in errors))

        # Parquet tables: one row per mention / entity / topic of the tagged records.
        want = {"mentions": 0, "entities": 0, "topics": 0}
        for line in single_lines:
            r = json.loads(line)
            for k in want:
                want[k] += len(r.get(k) or [])
        got = {k: session.read.parquet(os.path.join(out, k)).count() for k in want}
        check(f"parquet tables mentions/entities/topics rows {want}", got == want, str(got))

        # 2. Parquet input, through the local binary (no bundle): every 5th article with an id of its own
        #    (a Parquet row without one would be numbered by its row), compared with their single-run records.
        pq = os.path.join(work, "articles.parquet")
        rows = []
        for line in open(corpus, encoding="utf-8"):
            try:
                r = json.loads(line)
            except ValueError:
                continue
            if isinstance(r, dict) and isinstance(r.get("text"), str) and isinstance(r.get("id"), str) \
                    and r.get("published", "2000-01-01")[:4].isdigit() and zlib.crc32(r["id"].encode()) % 5 == 0:
                rows.append((r["id"], r["text"], r.get("title"), r.get("published")))
        session.createDataFrame(rows, "id string, text string, title string, published string") \
            .repartition(3).write.parquet(pq)
        wanted_ids = {r[0] for r in rows}
        out2 = os.path.join(work, "tagged-from-parquet")
        if check("spark tag over Parquet succeeded", spark(["tag", "--input", pq, "--output", out2, "--metka", metka]) == 0):
            lines2 = b"".join(open(p, "rb").read() for p in sorted(glob.glob(os.path.join(out2, "part-*"))))
            good = [line for line in single_lines if json.loads(line).get("id") in wanted_ids]
            check(f"Parquet input: {len(good)} records equal after sorting by id",
                  records_by_id(lines2.decode().splitlines()) == records_by_id(good))

        # 3. Co-occurrence: Spark counts vs metka cooccur over the single run.
        formats = ["json", "csv", "md", "gexf", "graphml", "html"]
        # (Every format is compared on the fixtures below; here the ones that carry all numbers, to
        # keep the debug build's `metka cooccur` runs few.)
        cases = [("article", [], ["json", "csv", "html"]),
                 ("sentence by month", ["--unit", "sentence", "--slice", "month", "--sort", "npmi", "--min-count", "2",
                                        "--top-k", "5", "--include-boilerplate"], ["json", "md", "html"])]
        for name, options, fmts in cases:
            ours, theirs = os.path.join(work, "co-spark-" + name[:4]), os.path.join(work, "co-metka-" + name[:4])
            metka_cooccur(metka, [os.path.join(work, "single.jsonl")], theirs, options, fmts)
            status = spark(["cooccur", "--input", out, "--output", ours, "--format", ",".join(fmts), "--metka", metka] + options)
            if check(f"spark cooccur ({name}) succeeded", status == 0):
                compare_reports(f"cooccur {name}", ours, theirs)
        # Metka's co-occurrence fixtures (hostile names, dates) plus edge cases of node identity.
        fixture_dir = os.path.join(work, "fixtures")
        os.makedirs(fixture_dir)
        for path in glob.glob(os.path.join(REPO, "Tests", "Fixtures", "cooccur", "*.jsonl")):
            shutil.copy(path, fixture_dir)
        with open(os.path.join(fixture_dir, "edge-cases.jsonl"), "w", encoding="utf-8") as f:
            for record in EDGE_CASES:
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
        fixtures = sorted(glob.glob(os.path.join(fixture_dir, "*.jsonl")))
        theirs, ours = os.path.join(work, "co-metka-fix"), os.path.join(work, "co-spark-fix")
        metka_cooccur(metka, fixtures, theirs, ["--slice", "month", "--types", "PER,ORG,LOC,DATE"], formats)
        # The page's binary from the bundle this time (as on a cluster's driver).
        status = spark(["cooccur", "--input", fixture_dir, "--output", ours, "--format", ",".join(formats),
                        "--by", "month", "--types", "PER,ORG,LOC,DATE", "--partitions", "3", "--bundle", bundle])
        if check("spark cooccur (fixtures: hostile names, dates, DATE nodes) succeeded", status == 0):
            compare_reports("cooccur fixtures", ours, theirs)
            html_is_inert("cooccur fixtures", os.path.join(ours, "cooccurrence.html"))
        check("spark cooccur --format html without a binary is refused before counting",
              spark(["cooccur", "--input", fixture_dir, "--output", os.path.join(work, "co-none"), "--format", "html",
                     "--metka", os.path.join(work, "no-such-metka")]) != 0
              and not os.path.exists(os.path.join(work, "co-none")))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}")
    return finish(started)


# Node identity cases: integer entity ids (archive exports) and string references to them; one
# kb entity under two names and two types (majority name, ties to the smaller; majority type);
# a mention without an entity (stands for its type and normal form); boilerplate mentions.
EDGE_CASES = [
    {"id": "x1", "published": "2021-02-03", "entities": [
        {"id": 7, "type": "PER", "name": "Иван Петров", "kb": "wikidata:Q1"},
        {"id": 8, "type": "ORG", "name": "МИД России", "kb": None}],
     "mentions": [{"type": "PER", "entity": 7, "text": "Петров"}, {"type": "ORG", "entity": "8", "text": "МИД"},
                  {"type": "LOC", "text": "Москве", "normal": "Москва"},
                  {"type": "PER", "entity": 7, "text": "Петров", "boilerplate": True}]},
    {"id": "x2", "published": "2021-02-20", "entities": [
        {"id": "E1", "type": "ORG", "name": "Петров и партнёры", "kb": "wikidata:Q1"},
        {"id": "E2", "type": "LOC", "name": "Москва"}],
     "mentions": [{"type": "ORG", "entity": "E1", "text": "Петров"}, {"type": "LOC", "entity": "E2", "text": "Москва"}]},
    {"id": "x3", "published": "2021-04-01", "entities": [
        {"id": "E1", "type": "PER", "name": "Иван Петров", "kb": "wikidata:Q1"},
        {"id": "E2", "type": "PER", "name": "Анна Петрова"}],
     "mentions": [{"type": "PER", "entity": "E1", "text": "Петров"}, {"type": "PER", "entity": "E2", "text": "Петрова"},
                  {"type": "DATE", "text": "1 апреля", "value": "2021-04-01"}]},
    {"id": "x4", "published": "2021-04-02", "entities": [
        {"id": "E1", "type": "ORG", "name": "Петров и партнёры", "kb": "wikidata:Q1"},
        {"id": "E2", "type": "LOC", "name": "Москва"}],
     "mentions": [{"type": "ORG", "entity": "E1", "text": "Петров"}, {"type": "LOC", "entity": "E2", "text": "Москве"}]},
    {"id": "x5", "entities": [{"id": "E1", "type": "PER", "name": "Без даты"}],
     "mentions": [{"type": "PER", "entity": "E1", "text": "Без даты"}]},
]


def html_is_inert(name, path):
    """The page carries names only as escaped JSON: exactly its own two script elements."""
    html = open(path, encoding="utf-8").read()
    check(f"{name}: html holds no markup from the data", html.count("<script") == 2 and "<img" not in html, path)


def finish(started):
    passed, failed = sum(results), len(results) - sum(results)
    print(f"spark tests took {time.time() - started:.0f} s")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
