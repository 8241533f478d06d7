#!/usr/bin/env python3
"""Metka under Apache Spark: batch tagging and co-occurrence reports at archive scale.

    metka_spark.py tag --input PATH --output DIR [--metka PATH | --bundle metka-bundle.tar.gz]
                       [--partitions N] [--parquet] [--input-format jsonl|parquet]
    metka_spark.py cooccur --input TAGGED --output DIR [--unit article|paragraph|sentence]
                       [--slice week|month|year | --by month] [--types PER,ORG,LOC] [--min-count N] ...
    metka_spark.py bundle --metka PATH --output metka-bundle.tar.gz

Run it with plain `python3` (a local Spark, `--master local[2]` by default `local[*]`) or through
`spark-submit --py-files ...` on a cluster (then pass `--bundle`, so the binary, its libraries and
its data travel to the executors). docs/scale-out.md has the whole story and the numbers.

`tag` writes `DIR/part-NNNNN`: Metka's JSON Lines, one output record per input record, in input
order — concatenated in name order they are byte for byte what one `metka tag` run over the input
gives. `cooccur` counts in Spark and writes the files `metka cooccur` writes (csv, json, md, gexf,
graphml, html) into DIR, byte for byte; the HTML page by handing the JSON report to the metka
binary on the driver (`metka cooccur --from-report`), which needs --metka PATH or --bundle.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from bundle import build_bundle  # noqa: E402
from cooccur_counts import Filter, PartialCounts, merge, node_name_and_type, parse_date  # noqa: E402
from cooccur_report import FORMATS, Report, render  # noqa: E402
from metka_runner import MetkaRunner  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
MODULES = ("bundle.py", "cooccur_counts.py", "cooccur_report.py", "metka_runner.py")


def log(message):
    print(f"metka-spark: {message}", file=sys.stderr, flush=True)


# --- Spark plumbing ---------------------------------------------------------------------------

def spark_session(args, app):
    """The running session when there is one (a notebook, the tests), else a new one; the second
    value says whether this command owns it (and stops it when done)."""
    from pyspark.sql import SparkSession
    active = SparkSession.getActiveSession()
    if active is not None:
        spark, owned = active, False
    else:
        builder = SparkSession.builder.appName(app)
        if args.master:
            builder = builder.master(args.master)
        elif "SPARK_MASTER" not in os.environ and not os.environ.get("SPARK_ENV_LOADED"):
            builder = builder.master("local[*]")
        builder = builder.config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
        spark, owned = builder.getOrCreate(), True
        spark.sparkContext.setLogLevel("WARN")
    # Executors import the helper modules (the runner and the counters) from here.
    for name in MODULES:
        spark.sparkContext.addPyFile(os.path.join(HERE, name))
    return spark, owned


def input_files(sc, path):
    """The input's files in path order (a file, a directory's visible files, or a glob), through
    Hadoop's FileSystem, so any filesystem Spark reads (local, HDFS, S3) works. Order matters:
    lines are numbered over the files' concatenation, as `cat FILES | metka tag` would."""
    jvm = sc._jvm
    conf = sc._jsc.hadoopConfiguration()
    p = jvm.org.apache.hadoop.fs.Path(path)
    fs = p.getFileSystem(conf)
    statuses = fs.globStatus(p)
    if statuses is None or len(statuses) == 0:
        raise SystemExit(f"metka-spark: no input at {path}")
    files = []
    for st in statuses:
        if st.isDirectory():
            for child in fs.listStatus(st.getPath()):
                name = child.getPath().getName()
                if child.isFile() and not name.startswith(("_", ".")):
                    files.append((child.getPath().toString(), child.getLen()))
        else:
            files.append((st.getPath().toString(), st.getLen()))
    return sorted(files)


def read_lines(sc, files, partitions=None):
    """RDD of (byte offset, line) in file order. Lines end at LF only (a CR before it is kept for
    Metka to drop, as it does), unlike Hadoop's default reader, which also splits at a lone CR."""
    total = sum(size for _, size in files)
    conf = {"textinputformat.record.delimiter": "\n"}
    if partitions:
        conf["mapreduce.input.fileinputformat.split.maxsize"] = str(max(1 << 16, -(-total // partitions)))
    rdd = sc.newAPIHadoopFile(",".join(f for f, _ in files), "org.apache.hadoop.mapreduce.lib.input.TextInputFormat",
                              "org.apache.hadoop.io.LongWritable", "org.apache.hadoop.io.Text", conf=conf)
    if partitions and rdd.getNumPartitions() > partitions:
        rdd = rdd.coalesce(partitions)  # merges neighbours: order is kept
    return rdd


def parquet_lines(spark, path, partitions=None):
    """Parquet rows (`id`, `text`, optional `title`, `published`) as the JSON Lines records Metka reads."""
    import json
    df = spark.read.parquet(path)
    cols = [c for c in ("id", "text", "title", "published") if c in df.columns]
    if "text" not in cols:
        raise SystemExit("metka-spark: the Parquet input needs a `text` column")
    df = df.select(*cols)
    if partitions:
        df = df.coalesce(partitions) if partitions < df.rdd.getNumPartitions() else df.repartition(partitions)

    def to_line(row):
        record = {}
        for c in cols:
            v = row[c]
            if v is None:
                continue
            if c == "published" and not isinstance(v, str):
                v = v.isoformat()[:10]  # date or timestamp → its date
            record[c] = v
        return json.dumps(record, ensure_ascii=False)
    return df.rdd.map(to_line)


# --- tag --------------------------------------------------------------------------------------

MENTION_COLUMNS = (("start", "int"), ("end", "int"), ("text", "string"), ("type", "string"), ("subtype", "string"),
                   ("entity", "string"), ("normal", "string"), ("value", "string"), ("relative", "string"),
                   ("source", "string"), ("sentence", "int"), ("paragraph", "int"), ("boilerplate", "boolean"))
ENTITY_COLUMNS = (("id", "string"), ("type", "string"), ("subtype", "string"), ("name", "string"), ("kb", "string"),
                  ("short", "string"), ("gender", "string"), ("country", "string"), ("iso", "string"), ("count", "int"))
TOPIC_COLUMNS = (("id", "string"), ("iptc", "string"), ("score", "double"))


def table_rows(kind, columns):
    """Rows of one table from tagged lines: (doc_id, *columns); error records have none."""
    import json

    def rows(line):
        record = json.loads(line)
        if "error" in record:
            return
        doc = str(record.get("id"))
        for item in record.get(kind) or []:
            values = []
            for name, t in columns:
                v = item.get(name)
                if v is not None:
                    v = {"int": int, "double": float, "boolean": bool}.get(t, str)(v)
                values.append(v)
            yield (doc, *values)
    return rows


def write_tables(spark, tagged, output):
    from pyspark.sql.types import (BooleanType, DoubleType, IntegerType, StringType, StructField,
                                   StructType)
    types = {"int": IntegerType(), "double": DoubleType(), "boolean": BooleanType(), "string": StringType()}
    for kind, columns in (("mentions", MENTION_COLUMNS), ("entities", ENTITY_COLUMNS), ("topics", TOPIC_COLUMNS)):
        schema = StructType([StructField("doc_id", StringType(), False)] +
                            [StructField(n, types[t], True) for n, t in columns])
        spark.createDataFrame(tagged.flatMap(table_rows(kind, columns)), schema) \
            .write.mode("error").parquet(os.path.join(output, kind))


def default_binary():
    for candidate in (os.environ.get("METKA"), os.path.join(REPO, ".build", "release", "metka")):
        if candidate and os.path.exists(candidate):
            return candidate
    from shutil import which
    return which("metka")


def cmd_tag(args):
    started = time.time()
    spark, owned = spark_session(args, "metka tag")
    sc = spark.sparkContext
    if args.bundle:
        sc.addArchive(args.bundle)
        runner = MetkaRunner(bundle=os.path.basename(args.bundle), jobs=args.jobs)
        log(f"shipping {args.bundle} to executors")
    else:
        binary = os.path.abspath(args.metka or default_binary() or "")
        if not os.path.exists(binary):
            raise SystemExit("metka-spark: no metka binary: pass --metka PATH or --bundle (see `bundle`)")
        runner = MetkaRunner(binary=binary, jobs=args.jobs)
    fmt = args.input_format or ("parquet" if args.input.rstrip("/").endswith(".parquet") else "jsonl")
    if fmt == "parquet":
        lines = parquet_lines(spark, args.input, args.partitions)
    else:
        lines = read_lines(sc, input_files(sc, args.input), args.partitions).map(lambda kv: kv[1])
    # Global line numbers: Metka's fallback ids (`line-N`) and error records name the line.
    tagged = lines.zipWithIndex().mapPartitions(runner.tag_partition)
    if args.parquet:
        from pyspark import StorageLevel
        tagged = tagged.persist(StorageLevel.DISK_ONLY)  # tag once, write JSONL and tables from it
    tagged.saveAsTextFile(args.output)
    if args.parquet:
        write_tables(spark, tagged, args.output)
    log(f"tag: {lines.getNumPartitions()} partitions → {args.output} in {time.time() - started:.1f} s")
    if owned:
        spark.stop()
    return 0


# --- cooccur ----------------------------------------------------------------------------------

def count_partition(f):
    def run(index, items):
        counts = PartialCounts(f)
        for offset, line in items:
            if line.rstrip("\r").strip(" \t") == "":
                continue  # blank lines are not records
            counts.add_line(line, f"partition {index}, byte offset {offset}")
        for key, value in counts.items():
            yield key, (key[0], value)
    return run


def cmd_cooccur(args):
    started = time.time()
    formats = [x.strip() for x in args.format.split(",")]
    # Found before counting, so that a missing binary fails the job at once, not after it.
    driver = DriverBinary(args.metka, args.bundle) if HTML in formats else None
    try:
        return count_and_write(args, formats, driver, started)
    finally:
        if driver:
            driver.close()


def count_and_write(args, formats, driver, started):
    slice_kind = args.slice or args.by
    f = Filter(unit=args.unit, types=[t.strip().upper() for t in args.types.split(",") if t.strip()],
               topics=args.topic or (), date_from=args.date_from, date_to=args.date_to,
               include_boilerplate=args.include_boilerplate, slice_kind=slice_kind)
    selection = {"minCount": args.min_count, "topK": args.top_k, "maxNodes": args.max_nodes, "sort": args.sort}
    spark, owned = spark_session(args, "metka cooccur")
    sc = spark.sparkContext
    from pyspark import StorageLevel
    merged = read_lines(sc, input_files(sc, args.input), args.partitions) \
        .mapPartitionsWithIndex(count_partition(f)) \
        .reduceByKey(lambda x, y: (x[0], merge(x[0], x[1], y[1]))) \
        .persist(StorageLevel.MEMORY_AND_DISK)

    # Everything but the pairs is small (per entity, per slice): one action brings it to the driver.
    small = merged.filter(lambda kv: kv[0][0] != "pair").map(lambda kv: (kv[0], kv[1][1])).collect()
    stats, errors, nodes, slices, node_slices = {}, [], {}, {}, {}
    for (kind, key), value in small:
        if kind == "stats":
            stats = value
        elif kind == "errors":
            errors = value
        elif kind == "node":
            name, etype = node_name_and_type(key, *value)
            nodes[key] = (name, etype, value[0][0], value[0][1], value[0][2])
        elif kind == "slice":
            slices[key] = value
        elif kind == "nodeslice":
            node_slices[key] = value
    pairs = merged.filter(lambda kv: kv[0][0] == "pair").map(lambda kv: (kv[0][1], kv[1][1]))  # ((a, b, slice), n)
    totals = pairs.map(lambda kv: ((kv[0][0], kv[0][1]), kv[1]))
    if slice_kind:
        totals = totals.reduceByKey(lambda x, y: x + y)
    min_count = max(1, args.min_count)

    def keep(items):
        # Only pairs that can become edges reach the driver (the report's selection runs there),
        # with the number of all distinct pairs for the stats.
        n = 0
        for pair, count in items:
            n += 1
            if count >= min_count:
                yield pair, count
        yield None, n
    selected, pairs_total = {}, 0
    for pair, count in totals.mapPartitions(keep).collect():
        if pair is None:
            pairs_total += count
        else:
            selected[pair] = count
    pair_slices = None
    if slice_kind:
        wanted = sc.broadcast(set(selected))
        pair_slices = dict(pairs.filter(lambda kv: (kv[0][0], kv[0][1]) in wanted.value).collect())
    report = Report(f, selection, stats, stats.get("units", 0), nodes, selected, pairs_total, slices or None,
                    pair_slices, node_slices)
    os.makedirs(args.output, exist_ok=True)
    generator = f"Metka {args.metka_version}"
    for fmt in dict.fromkeys(formats):  # each once, in the order given
        if fmt == HTML:
            driver.render_html(render(report, "json", generator)["cooccurrence.json"], args.output)
            continue
        for name, text in render(report, fmt, generator).items():
            with open(os.path.join(args.output, name), "w", encoding="utf-8", newline="") as out:
                out.write(text)
    merged.unpersist()
    if owned:
        spark.stop()
    failures = stats.get("failures", 0)
    for e in errors[:20]:
        log(e)
    log(f"cooccur: {stats.get('lines', 0)} lines, {stats.get('documents', 0)} documents, {report.units} units, "
        f"{len(nodes)} entities, {pairs_total} pairs; report {len(report.nodes)} nodes, {len(report.edges)} edges; "
        f"{time.time() - started:.1f} s" + (f"; {failures} lines could not be read" if failures else ""))
    return 1 if failures else 0


# --- cooccur: the HTML page -------------------------------------------------------------------

HTML = "html"


class DriverBinary:
    """The metka binary on the driver, for `--format html`: --metka PATH, else the binary and
    libraries of a --bundle archive (unpacked into a temporary folder; only `bin/metka` and `lib/`,
    rendering a report needs no data), else what `default_binary` finds (METKA, the checkout's
    release build, PATH)."""

    def __init__(self, metka=None, bundle=None):
        self.env = dict(os.environ)
        self.folder = None
        if metka:
            self.binary = os.path.abspath(metka)
        elif bundle:
            self.folder = tempfile.mkdtemp(prefix="metka-driver-")
            self.binary = self._unpack(bundle)
        else:
            self.binary = default_binary()
        if not self.binary or not os.path.exists(self.binary):
            self.close()
            raise SystemExit("metka-spark: --format html needs the metka binary on the driver: pass --metka PATH or --bundle")

    def _unpack(self, bundle):
        import tarfile
        with tarfile.open(bundle) as tar:
            for member in tar.getmembers():
                name = member.name
                wanted = name == "bin/metka" or (name.startswith("lib/") and name.count("/") == 1)
                if not wanted or not member.isfile() or ".." in name:
                    continue
                target = os.path.join(self.folder, *name.split("/"))
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with tar.extractfile(member) as src, open(target, "wb") as dst:
                    dst.write(src.read())
                os.chmod(target, 0o755 if name == "bin/metka" else 0o644)
        lib = os.path.join(self.folder, "lib")
        if os.path.isdir(lib):
            self.env["LD_LIBRARY_PATH"] = lib + (":" + self.env["LD_LIBRARY_PATH"] if self.env.get("LD_LIBRARY_PATH") else "")
        return os.path.join(self.folder, "bin", "metka")

    def render_html(self, report_json, output):
        """`metka cooccur --from-report` over the report's JSON text: writes output/cooccurrence.html."""
        with tempfile.TemporaryDirectory(prefix="metka-report-") as tmp:
            path = os.path.join(tmp, "cooccurrence.json")
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(report_json)
            cmd = [self.binary, "cooccur", "--from-report", path, "--format", HTML,
                   "--output", os.path.join(output, "cooccurrence.html")]
            p = subprocess.run(cmd, env=self.env, capture_output=True)
            if p.returncode != 0:
                raise SystemExit(f"metka-spark: {' '.join(cmd)} exited with status {p.returncode}:\n"
                                 + p.stderr.decode("utf-8", "replace")[-4000:])

    def close(self):
        if self.folder:
            import shutil
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


# --- command line -----------------------------------------------------------------------------

def iso_date(text):
    d = parse_date(text)
    if d is None or len(text) != 10:
        raise argparse.ArgumentTypeError(f"must be a date YYYY-MM-DD, got '{text}'")
    return d


def main(argv=None):
    p = argparse.ArgumentParser(prog="metka_spark.py", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True)

    def common(s):
        s.add_argument("--master", help="Spark master (default: spark-submit's, else local[*])")
        s.add_argument("--partitions", type=int, help="about this many input partitions (file splits, order kept)")

    t = sub.add_parser("tag", help="tag JSON Lines or Parquet articles; write JSON Lines part files")
    common(t)
    t.add_argument("--input", required=True, help="JSON Lines file, directory or glob; or Parquet (id, text, title, published)")
    t.add_argument("--input-format", choices=("jsonl", "parquet"), help="default: parquet for *.parquet, else jsonl")
    t.add_argument("--output", required=True, help="output directory (must not exist): part-* files")
    t.add_argument("--metka", help="the metka binary, at the same path on every executor (local mode)")
    t.add_argument("--bundle", help="an archive from `bundle`, shipped to executors with SparkContext.addArchive")
    t.add_argument("--jobs", type=int, default=1, help="metka threads per task (match spark.task.cpus; default 1)")
    t.add_argument("--parquet", action="store_true", help="also write Parquet tables mentions/, entities/, topics/")

    c = sub.add_parser("cooccur", help="entity co-occurrence report from tagged JSON Lines (as `metka cooccur`)")
    common(c)
    c.add_argument("--input", required=True, help="tagged JSON Lines: a `tag` output directory, file or glob")
    c.add_argument("--output", required=True, help="directory for the report files")
    c.add_argument("--unit", choices=("article", "paragraph", "sentence"), default="article")
    c.add_argument("--types", default="PER,ORG,LOC", help="entity types to count (PER, ORG, LOC, DATE)")
    c.add_argument("--topic", action="append", help="keep documents with this topic id (repeatable: any of them)")
    c.add_argument("--from", dest="date_from", type=iso_date, help="first publication date (inclusive)")
    c.add_argument("--to", dest="date_to", type=iso_date, help="last publication date (inclusive)")
    c.add_argument("--include-boilerplate", action="store_true", help="count mentions in boilerplate blocks too")
    c.add_argument("--min-count", type=int, default=1)
    c.add_argument("--top-k", type=int)
    c.add_argument("--max-nodes", type=int)
    c.add_argument("--sort", choices=("count", "pmi", "npmi", "dice", "jaccard"), default="count")
    c.add_argument("--slice", choices=("week", "month", "year"))
    c.add_argument("--by", choices=("week", "month", "year"), help="same as --slice")
    c.add_argument("--format", default="md", help="csv, json, gexf, graphml, md, html; comma-separated for several")
    c.add_argument("--metka-version", default="0.1.0", help="the version written as generator (gexf, graphml)")
    c.add_argument("--metka", help="html: the metka binary that renders the page on the driver (default: METKA, "
                                   ".build/release/metka, PATH)")
    c.add_argument("--bundle", help="html: take the driver's metka binary from this `bundle` archive")

    b = sub.add_parser("bundle", help="archive the binary, its libraries and data for executors")
    b.add_argument("--metka", help="the release binary (default: .build/release/metka)")
    b.add_argument("--data", help="data root with Gazetteers/ and Models/ (default: as Metka finds it)")
    b.add_argument("--no-libraries", action="store_true", help="leave shared libraries out (statically linked binary)")
    b.add_argument("--output", required=True)

    args = p.parse_args(argv)
    if args.command == "tag":
        return cmd_tag(args)
    if args.command == "cooccur":
        if args.types and not all(t.strip().upper() in ("PER", "ORG", "LOC", "DATE") for t in args.types.split(",")):
            p.error("--types: PER, ORG, LOC, DATE")
        if args.min_count < 1 or (args.top_k is not None and args.top_k < 1) or (args.max_nodes is not None and args.max_nodes < 1):
            p.error("--min-count, --top-k and --max-nodes must be at least 1")
        bad = [x for x in args.format.split(",") if x.strip() not in FORMATS + (HTML,)]
        if bad:
            p.error(f"--format: {', '.join(bad)} is not a format (csv, json, gexf, graphml, md, html)")
        return cmd_cooccur(args)
    binary = args.metka or default_binary()
    if not binary:
        p.error("no metka binary: pass --metka")
    log(f"bundle written: {build_bundle(binary, args.output, args.data, not args.no_libraries)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
