#!/usr/bin/env python3
"""Agreement of Metka's top lemma with pymorphy3's on dictionary words of NEREL dev.

Dev-time only. Tokens of the NEREL dev texts whose pymorphy3 top parse is a dictionary word
(DictionaryAnalyzer) with POS NOUN or ADJF (proper nouns are NOUN with Name/Surn/Patr/Geox/Orgn)
are sent through Metka (the test-only dump hook in MorphologyDumpTests) and the top lemmas are
compared, per token and per distinct word. Disagreements go to --diff for inspection.

    /work/venvs/morph/bin/python Scripts/morphology/agreement.py --corpora /work/shared/corpora \
        --diff /tmp/agreement-diff.tsv
"""
import argparse
import collections
import glob
import os
import re
import subprocess
import tempfile

import pymorphy3
from pymorphy3.units.by_lookup import DictionaryAnalyzer

WORD = re.compile(r"[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", required=True)
    ap.add_argument("--repo", default=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    ap.add_argument("--diff", default="/tmp/agreement-diff.tsv")
    ap.add_argument("--split", default="dev", help="NEREL split: dev (the reported number) or train")
    args = ap.parse_args()

    morph = pymorphy3.MorphAnalyzer()
    counts = collections.Counter()
    expected = {}
    for path in sorted(glob.glob(os.path.join(args.corpora, "nerel/%s/*.txt" % args.split))):
        with open(path, encoding="utf-8") as f:
            for w in WORD.findall(f.read()):
                if w not in expected:
                    p = morph.parse(w)[0]
                    known = isinstance(p.methods_stack[0][0], DictionaryAnalyzer) and len(p.methods_stack) == 1
                    if known and p.tag.POS in ("NOUN", "ADJF"):
                        proper = bool({"Name", "Surn", "Patr", "Geox", "Orgn"} & p.tag.grammemes)
                        expected[w] = (p.normal_form, "PROPN" if proper else str(p.tag.POS))
                    else:
                        expected[w] = None
                if expected[w] is not None:
                    counts[w] += 1
    words = sorted(counts)
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = os.path.join(tmp, "in.tsv"), os.path.join(tmp, "out.tsv")
        with open(inp, "w", encoding="utf-8") as f:
            for w in words:
                f.write("word\t%s\n" % w)
        env = dict(os.environ, METKA_MORPH_DUMP_IN=inp, METKA_MORPH_DUMP_OUT=out)
        subprocess.run(["swift", "test", "--filter", "MorphologyDumpTests"], cwd=args.repo, env=env, check=True,
                       stdout=subprocess.DEVNULL)
        got = {}
        with open(out, encoding="utf-8") as f:
            for line in f:
                kind, w, res = line.rstrip("\n").split("\t")
                got[w] = res.split("|")[0]
    agree_tok = agree_type = 0
    by_pos = collections.defaultdict(lambda: [0, 0])
    diffs = []
    for w in words:
        lemma, pos = expected[w]
        ok = got.get(w) == lemma
        agree_tok += counts[w] * ok
        agree_type += ok
        by_pos[pos][0] += counts[w] * ok
        by_pos[pos][1] += counts[w]
        if not ok:
            diffs.append((counts[w], w, lemma, got.get(w, ""), pos))
    total = sum(counts.values())
    print("tokens %d, agreement %.2f%%; distinct words %d, agreement %.2f%%" % (
        total, 100.0 * agree_tok / total, len(words), 100.0 * agree_type / len(words)))
    for pos, (a, n) in sorted(by_pos.items()):
        print("  %s: %d tokens, %.2f%%" % (pos, n, 100.0 * a / n))
    with open(args.diff, "w", encoding="utf-8") as f:
        f.write("count\tword\tpymorphy3\tmetka\tpos\n")
        for d in sorted(diffs, key=lambda d: (-d[0], d[1])):
            f.write("%d\t%s\t%s\t%s\t%s\n" % d)
    print("disagreements:", args.diff)


if __name__ == "__main__":
    main()
