#!/usr/bin/env python3
"""Compile the OpenCorpora dictionary (as packaged in pymorphy3-dicts-ru) into Metka's lexicon.bin.

Dev-time only. Metka never runs Python: it memory-maps the file this script writes.

    python3 -m venv /work/venvs/morph
    /work/venvs/morph/bin/pip install pymorphy3==2.0.6 pymorphy3-dicts-ru==2.4.417150.4580142
    /work/venvs/morph/bin/python Scripts/morphology/build_lexicon.py --out Models/morphology

Same package versions -> same bytes (no timestamps in lexicon.bin; the manifest's date is the
dictionary's own compile date, not today's).

Layout: see Scripts/morphology/README.md ("lexicon.bin format"). Strings are cp1251 (one byte per
Cyrillic letter, а..я contiguous and alphabetical), keys are lowercase with ё folded to е, sorted
bytewise so the Swift side binary-searches them in place.
"""
import argparse
import hashlib
import json
import os
import struct
import sys
from collections import defaultdict

import pymorphy3
import pymorphy3_dicts_ru

MAGIC = b"METKALEX"
FORMAT_VERSION = 2

# The grammeme bit order. Must match `Grammemes.swift` (bit i = GRAMMEMES[i]).
GRAMMEMES = [
    "NOUN", "ADJF", "ADJS", "COMP", "VERB", "INFN", "PRTF", "PRTS", "GRND", "NUMR", "ADVB", "NPRO",
    "PRED", "PREP", "CONJ", "PRCL", "INTJ",
    "nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "loc2",
    "sing", "plur",
    "masc", "femn", "neut", "ms-f",
    "anim", "inan",
    "Sgtm", "Pltm",
    "Fixd", "Abbr", "Name", "Surn", "Patr", "Geox", "Orgn", "Init",
    "1per", "2per", "3per",
    "pres", "past", "futr",
    "perf", "impf",
    "indc", "impr",
    "actv", "pssv",
    "Supr", "Qual", "Apro", "Anum", "Poss",
    "Infr", "Erro", "Dist",
]
assert len(GRAMMEMES) == 64
ALIASES = {"Ms-f": "ms-f", "gen1": "gent", "loc1": "loct", "acc2": "accs"}

SECTION_NAMES = [
    "tagBits", "tagStrings", "suffixes", "foldedSuffixes", "prefixes", "paradigms", "paradigmMatch",
    "stems", "stemEntryRanges", "entries", "originalStems", "probWords", "probEntries",
    "predictSuffixes", "predictEntries", "stemHash", "suffixHash",
]

MAX_PREDICTIONS_PER_SUFFIX = 10


def enc(s):
    return s.encode("cp1251")


def fold(s):
    return s.lower().replace("ё", "е")


def string_table(strings):
    """count u32, offsets u32 x (count+1), bytes (padded to 4)."""
    blobs = [enc(s) if isinstance(s, str) else s for s in strings]
    out = bytearray(struct.pack("<I", len(blobs)))
    off = 0
    offsets = [0]
    for b in blobs:
        off += len(b)
        offsets.append(off)
    out += struct.pack("<%dI" % len(offsets), *offsets)
    for b in blobs:
        out += b
    return pad4(out)


def u32_array(values):
    return struct.pack("<I", len(values)) + struct.pack("<%dI" % len(values), *values)


def pad4(b):
    b = bytearray(b)
    while len(b) % 4:
        b.append(0)
    return bytes(b)


def fnv1a32(data):
    h = 0x811C9DC5
    for byte in data:
        h ^= byte
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def hash_index(keys):
    """Open-addressing table over `keys` (bytes): u32 size (power of two, ≥ 2·len), then u32 slots
    holding key index + 1 (0 = empty); slot = FNV-1a 32 & (size-1), linear probing. The Swift
    side hashes a candidate stem/ending the same way, so a lookup is one hash and one memcmp."""
    size = 1
    while size < 2 * len(keys):
        size *= 2
    slots = [0] * size
    for i, k in enumerate(keys):
        j = fnv1a32(k) & (size - 1)
        while slots[j]:
            j = (j + 1) & (size - 1)
        slots[j] = i + 1
    return struct.pack("<I", size) + struct.pack("<%dI" % size, *slots)


def fnv1a64(data):
    h = 0xcbf29ce484222325
    # Chunked via int.from_bytes would change the algorithm; keep it byte-wise but fast enough
    # for ~10 MB in a dev script.
    for byte in data:
        h ^= byte
        h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True, help="output directory (Models/morphology)")
    args = ap.parse_args()

    morph = pymorphy3.MorphAnalyzer()
    d = morph.dictionary
    meta = dict(d.meta)

    # ---- tags
    tag_strings = [str(t) for t in d.gramtab]
    tag_bits = []
    unknown_grammemes = set()
    for t in d.gramtab:
        bits = 0
        for g in t.grammemes:
            g = ALIASES.get(g, g)
            if g in GRAMMEMES:
                bits |= 1 << GRAMMEMES.index(g)
            else:
                unknown_grammemes.add(g)
        tag_bits.append(bits)
    tag_index = {s: i for i, s in enumerate(tag_strings)}

    # ---- suffixes and prefixes
    suffixes = list(d.suffixes)
    folded_suffixes = sorted(set(enc(fold(s)) for s in suffixes))
    assert len(folded_suffixes) < (1 << 14), "paradigmMatch packs folded suffix ids in 14 bits"
    folded_id = {b: i for i, b in enumerate(folded_suffixes)}
    prefixes = list(d.paradigm_prefixes)
    assert len(prefixes) <= 4

    # ---- paradigms: u16 [suffixIds..., tagIds..., prefixIds...] as pymorphy stores them
    para_offsets = [0]
    para_values = []
    match_offsets = [0]
    match_values = []
    for para in d.paradigms:
        n = len(para) // 3
        para_values.extend(para)
        para_offsets.append(len(para_values))
        keys = []
        for idx in range(n):
            fs = folded_id[enc(fold(suffixes[para[idx]]))]
            pre = para[2 * n + idx]
            keys.append((fs << 18) | (pre << 16) | idx)
        keys.sort()
        match_values.extend(keys)
        match_offsets.append(len(match_values))
    if len(para_values) % 2:
        para_values.append(0)

    # ---- lemmas: (stem, paradigm) pairs from every dictionary word
    lemma_set = set()
    skipped = 0
    word_count = 0
    for word, (para_id, idx) in d.words.iteritems():
        word_count += 1
        para = d.paradigms[para_id]
        n = len(para) // 3
        pre = prefixes[para[2 * n + idx]]
        suf = suffixes[para[idx]]
        stem = word[len(pre): len(word) - len(suf)] if suf else word[len(pre):]
        try:
            enc(stem)
        except UnicodeEncodeError:
            skipped += 1
            continue
        lemma_set.add((stem, para_id))
    by_stem = defaultdict(list)
    for stem, para_id in lemma_set:
        by_stem[enc(fold(stem))].append((para_id, stem))
    stems_sorted = sorted(by_stem)
    entry_ranges = [0]
    entries = bytearray()
    original_stems = bytearray()
    lemma_count = 0
    for key in stems_sorted:
        for para_id, stem in sorted(by_stem[key], key=lambda x: (x[0], enc(x[1]))):
            orig = enc(stem)
            if orig != key:
                off = len(original_stems)
                original_stems += bytes([len(orig)]) + orig
                entries += struct.pack("<HHI", para_id, 1, off)
            else:
                entries += struct.pack("<HHI", para_id, 0, 0)
            lemma_count += 1
        entry_ranges.append(lemma_count)

    # ---- P(t|w) from the disambiguated OpenCorpora corpus (pymorphy's ProbabilityEstimator)
    # Keyed by the exact lowercase spelling (ё kept), as pymorphy looks it up: text without ё finds
    # the е-spelling's row, text with ё the ё-spelling's row.
    probs = defaultdict(dict)  # cp1251 lowercase word -> {tag id: prob}
    for key, value in morph.prob_estimator.p_t_given_w.items():
        word, tag = key.split(":", 1)
        try:
            fk = enc(word.lower())
        except UnicodeEncodeError:
            continue
        if tag not in tag_index:
            continue
        probs[fk][tag_index[tag]] = value
    prob_words = sorted(probs)
    prob_ranges = [0]
    prob_entries = []
    for w in prob_words:
        for tid, p in sorted(probs[w].items()):
            prob_entries.extend([tid, p])
        prob_ranges.append(len(prob_entries) // 2)

    # ---- prediction suffixes (word-final endings -> paradigm/form counts), pymorphy's table 0
    pred = defaultdict(lambda: defaultdict(int))
    for suffix, (count, para_id, idx) in d.prediction_suffixes_dawgs[0].iteritems():
        try:
            fk = enc(fold(suffix))
        except UnicodeEncodeError:
            continue
        pred[fk][(para_id, idx)] += count
    pred_keys = sorted(pred)
    pred_ranges = [0]
    pred_entries = []
    for k in pred_keys:
        best = sorted(pred[k].items(), key=lambda x: (-x[1], x[0]))[:MAX_PREDICTIONS_PER_SUFFIX]
        for (para_id, idx), count in best:
            pred_entries.extend([(para_id << 16) | idx, count])
        pred_ranges.append(len(pred_entries) // 2)

    sections = {
        "tagBits": struct.pack("<I", len(tag_bits)) + b"\0\0\0\0" + struct.pack("<%dQ" % len(tag_bits), *tag_bits),
        "tagStrings": string_table([s.encode("utf-8") for s in tag_strings]),
        "suffixes": string_table(suffixes),
        "foldedSuffixes": string_table(folded_suffixes),
        "prefixes": string_table(prefixes),
        "paradigms": u32_array(para_offsets) + struct.pack("<I", len(para_values)) + struct.pack("<%dH" % len(para_values), *para_values),
        "paradigmMatch": u32_array(match_offsets) + u32_array(match_values),
        "stems": string_table(stems_sorted),
        "stemEntryRanges": u32_array(entry_ranges),
        "entries": struct.pack("<I", lemma_count) + bytes(entries),
        "originalStems": struct.pack("<I", len(original_stems)) + pad4(original_stems),
        "probWords": string_table(prob_words) + u32_array(prob_ranges),
        "probEntries": u32_array(prob_entries),
        "predictSuffixes": string_table(pred_keys) + u32_array(pred_ranges),
        "predictEntries": u32_array(pred_entries),
        "stemHash": hash_index(stems_sorted),
        "suffixHash": hash_index(folded_suffixes),
    }
    # Re-pack probWords/predictSuffixes so that the u32 range array that follows a string table
    # is found from the string table's own length (Swift reads them as two tables).
    header_len = 32 + 8 * len(SECTION_NAMES)
    body = bytearray()
    table = []
    for name in SECTION_NAMES:
        blob = pad4(sections[name])
        table.append((header_len + len(body), len(blob)))
        body += blob
    file_size = header_len + len(body)
    checksum = fnv1a64(bytes(body))
    header = bytearray(MAGIC)
    header += struct.pack("<IIQQ", FORMAT_VERSION, len(SECTION_NAMES), file_size, checksum)
    for off, length in table:
        header += struct.pack("<II", off, length)
    assert len(header) == header_len
    data = bytes(header) + bytes(body)

    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "lexicon.bin")
    with open(path, "wb") as f:
        f.write(data)

    manifest = {
        "file": "lexicon.bin",
        "format": "metka-lexicon",
        "format_version": FORMAT_VERSION,
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "fnv1a64_body": "%016x" % checksum,
        "source": {
            "name": "OpenCorpora dictionary as compiled in pymorphy3-dicts-ru",
            "package": "pymorphy3-dicts-ru",
            "package_version": pymorphy3_dicts_ru.__version__ if hasattr(pymorphy3_dicts_ru, "__version__") else None,
            "reader": "pymorphy3 %s" % pymorphy3.__version__,
            "opencorpora_revision": meta.get("source_revision"),
            "opencorpora_version": meta.get("source_version"),
            "corpus_revision": meta.get("corpus_revision"),
            "compiled_at": meta.get("compiled_at"),
        },
        "license": "CC BY-SA 3.0",
        "attribution": "OpenCorpora (opencorpora.org) dictionary, compiled by the pymorphy2/pymorphy3 project; "
                       "P(tag|word) estimated by pymorphy from the OpenCorpora disambiguated corpus. "
                       "This derived file is distributed under the same license (CC BY-SA 3.0).",
        "command": "python Scripts/morphology/build_lexicon.py --out Models/morphology",
        "date": (meta.get("compiled_at") or "")[:10],
        "counts": {
            "source_lexemes": meta.get("source_lexemes_count"),
            "word_forms": word_count,
            "lemmas_stem_paradigm": lemma_count,
            "stems": len(stems_sorted),
            "paradigms": len(d.paradigms),
            "suffixes": len(suffixes),
            "tags": len(tag_strings),
            "prob_words": len(prob_words),
            "prediction_suffixes": len(pred_keys),
            "skipped_unencodable": skipped,
        },
        "grammemes_not_mapped": sorted(unknown_grammemes),
        "grammeme_bits": GRAMMEMES,
    }
    with open(os.path.join(args.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=2, sort_keys=True)
        f.write("\n")
    print(json.dumps(manifest["counts"], ensure_ascii=False), len(data), "bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
