#!/usr/bin/env python3
"""Dev-only: how well Metka's segmentation fits NEREL's hand-annotated entity spans.

An entity (any of NEREL's 29 types, nested ones included) should start at a Metka token start,
end at a token end, and lie inside one sentence. Entities that cut a token show tokenizer
decisions that hide names from the tagger (a joined hyphen, a glued punctuation mark); entities
that cross a sentence boundary show a wrong split («В. В. Путин», «им. Ленина», «ул. Тверская»).
Reports counts and the most frequent cases with context. Not needed to build, run or test Metka:

    python3 Scripts/segmentation/check_nerel_boundaries.py [--jsonl ../shared/corpora/nerel/jsonl/train.jsonl]
        [--metka .build/debug/metka] [--examples 30]
"""
import argparse
import collections
import json
import os
import subprocess
import sys


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser()
    ap.add_argument("--jsonl", default=os.path.join(root, "..", "shared", "corpora", "nerel", "jsonl", "train.jsonl"))
    ap.add_argument("--metka", default=os.path.join(root, ".build", "debug", "metka"))
    ap.add_argument("--examples", type=int, default=30)
    args = ap.parse_args()

    docs = [json.loads(l) for l in open(args.jsonl, encoding="utf-8") if l.strip()]
    payload = "".join(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n" for d in docs)
    out = subprocess.run([args.metka, "tag", "--input", "jsonl", "--format", "tokens"], input=payload.encode(),
                         stdout=subprocess.PIPE, check=False).stdout.decode()
    tokens = collections.defaultdict(list)  # id -> [(start, end, sentence)]
    cur = None
    for line in out.split("\n"):
        if line.startswith("# id = "):
            cur = line[7:]
        elif line and not line.startswith("#"):
            f = line.split("\t")
            tokens[cur].append((int(f[0]), int(f[1]), int(f[5])))

    total = cut = crossing = 0
    coarse_total = coarse_cut = coarse_crossing = 0
    cut_cases, cross_cases = collections.Counter(), []
    cut_example = {}
    for d in docs:
        toks = tokens.get(d["id"], [])
        starts = {s: n for s, _, n in toks}
        ends = {e: n for _, e, n in toks}
        text = d["text"]
        for ent in d["entities"]:
            s, e = ent["start"], ent["end"]
            if text[s:e].strip() != text[s:e] or s == e:
                continue  # annotation with outer spaces: not a tokenizer question
            total += 1
            coarse = ent.get("coarse") in ("PER", "ORG", "LOC")
            coarse_total += coarse
            if s not in starts or e not in ends:
                cut += 1
                coarse_cut += coarse
                covering = [t for t in toks if t[0] < e and t[1] > s and (t[0] < s or t[1] > e)]
                key = " / ".join(text[t[0]:t[1]] for t in covering)[:40] or text[s:e]
                cut_cases[key] += 1
                cut_example.setdefault(key, f'{d["id"]} {ent["type"]}: {text[max(0, s - 25):s]}⟦{text[s:e]}⟧{text[e:e + 25]}')
            elif starts[s] != ends[e]:
                crossing += 1
                coarse_crossing += coarse
                cross_cases.append(f'{d["id"]} {ent["type"]}: {text[max(0, s - 25):s]}⟦{text[s:e]}⟧{text[e:e + 25]}')

    print(f"documents: {len(docs)}, entities: {total}")
    print(f"entities not on token bounds: {cut} ({100.0 * cut / max(total, 1):.2f}%)")
    print(f"entities crossing a sentence boundary: {crossing} ({100.0 * crossing / max(total, 1):.2f}%)")
    print(f"PER/ORG/LOC entities: {coarse_total}, not on token bounds: {coarse_cut} "
          f"({100.0 * coarse_cut / max(coarse_total, 1):.2f}%), crossing a sentence boundary: {coarse_crossing}")
    if args.examples:
        print("\ntokens that cut entities (most frequent):")
        for key, n in cut_cases.most_common(args.examples):
            print(f"  {n:4d}  {key}\n        {cut_example[key]}".replace("\n\n", "⏎"))
        print(f"\nentities crossing sentences (first {args.examples}):")
        for c in cross_cases[:args.examples]:
            print("  " + c.replace("\n", "⏎"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
