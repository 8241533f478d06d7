"""Runs `metka tag --format jsonl` over one Spark partition, streaming.

Why a subprocess per partition and not per record: Metka loads its lexicon, gazetteers and
models once per process (about a quarter of a second), then tags at millions of characters per
second; one process per partition pays the start-up once. Why not `RDD.pipe`: it ignores the
exit status (a missing binary or data folder would yield an empty partition, not a failed task)
and cannot tell Metka where the partition starts in the input.

What `metka tag` guarantees and this module relies on (Sources/metka/TagCommand.swift,
BatchTagger.swift): records are read in batches of 256 (or 8 MiB) and written before the next
batch is read, so memory is bounded whatever the partition size; output keeps input order; every
non-blank input line yields exactly one output line; a bad record yields an error record
`{"id", "line", "error"}` and exit status 1 — only exit status 2 (usage, I/O, data) is fatal.
`--first-line` makes fallback ids (`line-N`) and error line numbers those of one run over the
whole input.
"""

import os
import subprocess
import tempfile
import threading

# Exit statuses of `metka tag`.
OK, SOME_RECORDS_FAILED = 0, 1


def is_blank(line):
    """Metka skips lines of spaces and tabs (after a CR before the LF) without producing output."""
    return line.rstrip("\r").strip(" \t") == ""


class MetkaRunner:
    """Where the binary is on an executor and how to call it. Picklable: Spark ships it to tasks.

    Either `binary` is a path valid on every executor (local mode, or a shared install), or
    `bundle` names an archive shipped with `SparkContext.addArchive` (see `bundle.py`): it is
    unpacked on each executor as `SparkFiles.get(bundle)`, holding `bin/metka`, `lib/`,
    `Gazetteers/` and `Models/`.
    """

    def __init__(self, binary=None, bundle=None, jobs=1, extra_args=()):
        self.binary = binary
        self.bundle = bundle
        self.jobs = jobs
        self.extra_args = list(extra_args)

    def command_and_env(self):
        env = dict(os.environ)
        if self.bundle:
            from pyspark import SparkFiles
            root = SparkFiles.get(self.bundle)
            binary = os.path.join(root, "bin", "metka")
            # The bundle carries the Swift runtime and ICU/SQLite libraries next to the binary.
            lib = os.path.join(root, "lib")
            env["LD_LIBRARY_PATH"] = lib + (":" + env["LD_LIBRARY_PATH"] if env.get("LD_LIBRARY_PATH") else "")
            env["METKA_DATA"] = root
        else:
            binary = self.binary
        return binary, env

    def tag_partition(self, records):
        """`records`: iterator of (line, global_index) in input order (from `zipWithIndex`).

        Yields Metka's output lines (str, no newline), one per non-blank input line.
        """
        first = next(records, None)
        if first is None:
            return
        binary, env = self.command_and_env()
        cmd = [binary, "tag", "--input", "jsonl", "--format", "jsonl", "--jobs", str(self.jobs),
               "--first-line", str(first[1] + 1)] + self.extra_args
        with tempfile.TemporaryFile() as stderr:
            proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, env=env)
            sent = [0]
            failure = []

            def feed():
                # A thread, so Metka's output is read while input is still being written (no deadlock,
                # and at most a batch in flight on each side).
                try:
                    for line, _ in _chain(first, records):
                        if not is_blank(line):
                            sent[0] += 1
                        proc.stdin.write(line.encode("utf-8", "surrogateescape") + b"\n")
                except BrokenPipeError:
                    pass  # Metka died; its status and stderr say why.
                except BaseException as e:  # the input iterator failed: re-raised below
                    failure.append(e)
                finally:
                    try:
                        proc.stdin.close()
                    except BrokenPipeError:
                        pass

            writer = threading.Thread(target=feed, daemon=True)
            writer.start()
            received, finished = 0, False
            try:
                for raw in proc.stdout:
                    received += 1
                    yield raw.rstrip(b"\n").decode("utf-8")
                finished = True
            finally:
                # The consumer may stop early (a failed or cancelled task): never leave Metka behind.
                if not finished and proc.poll() is None:
                    proc.kill()
            writer.join()
            status = proc.wait()
            if failure:
                raise failure[0]
            if status not in (OK, SOME_RECORDS_FAILED):
                stderr.seek(0)
                message = stderr.read()[-4000:].decode("utf-8", "replace")
                raise RuntimeError(f"metka tag exited with status {status} ({' '.join(cmd)}):\n{message}")
            if received != sent[0]:
                raise RuntimeError(f"metka tag wrote {received} records for {sent[0]} input records")


def _chain(first, rest):
    yield first
    yield from rest
