"""Builds the archive that carries Metka to Spark executors.

Layout (unpacked on each executor as one folder, `SparkFiles.get(name)`):

    bin/metka                         the release binary (debug info stripped)
    lib/*.so*                         shared libraries the binary loads that are not part of glibc:
                                      the Swift runtime and Foundation (unless built with
                                      --static-swift-stdlib), ICU 72, SQLite
    Gazetteers/                       the TSV lists (index.tsv, rules/, dates/, segmentation/, ...)
    Models/                           lexicon, NER and topic models, with their manifests
    Models/gazetteers/compiled.bin    the compiled gazetteer cache, built here once so executors
                                      do not each re-inflect every alias at start-up
    BUNDLE.txt                        what was bundled: binary checksum, data checksums, libraries

How Metka finds its data there: the runner sets METKA_DATA to the unpacked folder (DataLocator
reads METKA_DATA first; without it, the folder above `bin/` would be found as the binary's
ancestor as well) and LD_LIBRARY_PATH to its `lib/`.
"""

import hashlib
import os
import shutil
import subprocess
import tarfile
import tempfile

# Loaded from the executor's own system: glibc and the C++/GCC runtime every Linux has.
SYSTEM_LIBRARIES = ("linux-vdso", "libc.so", "libm.so", "libpthread", "libdl.so", "librt.so",
                    "ld-linux", "libstdc++", "libgcc_s")


def data_root_for(binary):
    """The data folder Metka itself would use: METKA_DATA, else the binary's nearest ancestor with Gazetteers/index.tsv."""
    explicit = os.environ.get("METKA_DATA")
    if explicit:
        return explicit
    d = os.path.dirname(os.path.realpath(binary))
    for _ in range(6):
        if os.path.exists(os.path.join(d, "Gazetteers", "index.tsv")):
            return d
        d = os.path.dirname(d)
    raise SystemExit(f"cannot find Metka data (Gazetteers/index.tsv) above {binary}; set METKA_DATA")


def shared_libraries(binary):
    """(name, path) of the libraries `ldd` resolves for the binary, without glibc's own."""
    out = subprocess.run(["ldd", binary], check=True, capture_output=True, text=True).stdout
    libs = []
    for line in out.splitlines():
        parts = line.split()
        if "=>" not in parts:
            continue
        name, path = parts[0], parts[parts.index("=>") + 1]
        if path == "not" or any(name.startswith(s) for s in SYSTEM_LIBRARIES):
            continue
        libs.append((name, path))
    return libs


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def build_bundle(binary, output, data=None, include_libraries=True):
    """Writes `output` (.tar.gz) and returns its path."""
    binary = os.path.realpath(binary)
    data = data or data_root_for(binary)
    with tempfile.TemporaryDirectory(prefix="metka-bundle-") as stage:
        os.makedirs(os.path.join(stage, "bin"))
        shutil.copy2(binary, os.path.join(stage, "bin", "metka"))
        if shutil.which("strip"):
            # Debug info is half of a release binary and no use on an executor.
            subprocess.run(["strip", "--strip-debug", os.path.join(stage, "bin", "metka")], check=True)
        shutil.copytree(os.path.join(data, "Gazetteers"), os.path.join(stage, "Gazetteers"))
        shutil.copytree(os.path.join(data, "Models"), os.path.join(stage, "Models"),
                        ignore=shutil.ignore_patterns("compiled.bin", "*.tmp-*"))
        libs = shared_libraries(binary) if include_libraries else []
        if libs:
            os.makedirs(os.path.join(stage, "lib"))
            for name, path in libs:
                shutil.copy2(os.path.realpath(path), os.path.join(stage, "lib", name))
        # Compile the gazetteer cache inside the bundle with the bundled binary and data.
        env = dict(os.environ, METKA_DATA=stage)
        if libs:
            env["LD_LIBRARY_PATH"] = os.path.join(stage, "lib")
        run = subprocess.run([os.path.join(stage, "bin", "metka"), "tag", "--input", "jsonl"],
                             input=b"", env=env, capture_output=True)
        if run.returncode != 0:
            raise SystemExit(f"bundled metka does not run: {run.stderr.decode(errors='replace')}")
        cache = os.path.join(stage, "Models", "gazetteers", "compiled.bin")
        lines = [f"binary\t{sha256(os.path.join(stage, 'bin', 'metka'))}\t{binary}",
                 f"data\t{data}",
                 f"gazetteer-cache\t{'present' if os.path.exists(cache) else 'missing'}"]
        lines += [f"lib\t{name}\t{path}" for name, path in libs]
        with open(os.path.join(stage, "BUNDLE.txt"), "w") as f:
            f.write("\n".join(lines) + "\n")
        tmp = output + ".tmp"
        with tarfile.open(tmp, "w:gz", compresslevel=1) as tar:
            for entry in sorted(os.listdir(stage)):
                tar.add(os.path.join(stage, entry), arcname=entry)
        os.replace(tmp, output)
    return output
