#!/usr/bin/env python3
"""Collect candidate rows for Tests/MetkaCoreTests/Fixtures/morphology/*.tsv from the corpora.

Dev-time only. Writes forms and base forms (never article text):
  * names: inflected PER/LOC/ORG mentions with the annotators' base form (BSNLP), deterministic sample;
  * words: word forms from NEREL dev entity spans and text with pymorphy3's lemma as a first guess.
Every row is then reviewed by hand (the committed TSV says what was changed and why).

    python3 Scripts/morphology/fixture_candidates.py --corpora /work/shared/corpora --out /tmp/cands
"""
import argparse
import glob
import hashlib
import os
import re


def stable_pick(items, n, salt):
    return sorted(items, key=lambda x: hashlib.sha1((salt + "|".join(x)).encode()).hexdigest())[:n]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--names", type=int, default=400)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    rows = set()
    for path in sorted(glob.glob(os.path.join(args.corpora, "bsnlp-train/*/annotated/ru/*"))):
        topic = path.split("/")[-4]
        with open(path, encoding="utf-8-sig") as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 3 or cols[2] not in ("PER", "LOC", "ORG"):
                    continue
                mention, base, typ = cols[0].strip(), cols[1].strip(), cols[2]
                if not re.search("[а-яё]", mention.lower()) or mention == base:
                    continue
                kind = "person" if typ == "PER" else "phrase"
                rows.add((kind, mention, base, "bsnlp:" + topic))
    picked = stable_pick(sorted(rows), args.names, "names")
    with open(os.path.join(args.out, "names.tsv"), "w", encoding="utf-8") as f:
        for r in sorted(picked):
            f.write("\t".join(r) + "\n")

    import pymorphy3
    morph = pymorphy3.MorphAnalyzer()
    words = set()
    for path in sorted(glob.glob(os.path.join(args.corpora, "nerel/dev/*.ann"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 3 or not cols[0].startswith("T"):
                    continue
                for w in re.findall(r"[А-ЯЁа-яё][А-ЯЁа-яё-]*", cols[2]):
                    words.add(w)
    with open(os.path.join(args.out, "words.tsv"), "w", encoding="utf-8") as f:
        for w in stable_pick([(w,) for w in sorted(words)], 600, "words"):
            p = morph.parse(w[0])[0]
            f.write("word\t%s\t%s\t%s\n" % (w[0], p.normal_form, "nerel-dev"))


if __name__ == "__main__":
    main()
