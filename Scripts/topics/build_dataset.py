#!/usr/bin/env python3
"""Assemble the topic classifier's training and dev JSONL (dev-time only; texts stay out of the repo).

Inputs
  - in-house labels:  Tests/Fixtures/topics/{nerel-a,nerel-b,bsnlp,cyber-diplomacy}.tsv (gold)
  - rubric sources:   ../shared/corpora/topics/{lenta-rubrics*,ria-rubrics,telegram-news-channels}.jsonl
                      mapped by Models/topics/rubric-map.tsv (positives, ruled-out negatives, weight)
  - texts:            ../shared/corpora (NEREL, BSNLP, topics/)
Outputs
  - Models/topics/split.tsv        (committed) every gold document's split, fixed by --seed
  - OUT/train.jsonl, OUT/dev.jsonl (NOT committed) {"id","corpus","text","labels"[,"mask","weight"]}

The dev split holds out 25% of the in-house labelled documents, stratified by each document's
rarest label and grouped so that near-duplicates (same corpus and same labeller gist, or identical
text) fall on the same side. Rubric documents are training-only.

Usage: python3 Scripts/topics/build_dataset.py [--corpora DIR] [--out DIR] [--seed N] [--no-telegram]
"""
import argparse
import collections
import csv
import hashlib
import json
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLD_FILES = ["nerel-a.tsv", "nerel-b.tsv", "bsnlp.tsv", "cyber-diplomacy.tsv"]
DEV_FRACTION = 0.25


def labels_order():
    out = []
    for line in open(os.path.join(ROOT, "Models/topics/labels.tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        out.append(line.split("\t")[0])
    return out


def with_title(d):
    text = d.get("text") or ""
    title = d.get("title")
    if title and title != "None" and not text.lstrip().startswith(title.strip()[:40]):
        return title.strip() + "\n\n" + text
    return text


def load_texts(corpora):
    """(corpus, id) → text for every source the labels refer to."""
    texts = {}
    for split in ("train", "dev"):
        for line in open(os.path.join(corpora, "nerel/jsonl", split + ".jsonl"), encoding="utf-8"):
            d = json.loads(line)
            texts[("nerel-" + split, d["id"])] = d["text"]
    bs = os.path.join(corpora, "bsnlp-train/normalized")
    for f in sorted(os.listdir(bs)):
        if f.endswith(".jsonl"):
            for line in open(os.path.join(bs, f), encoding="utf-8"):
                d = json.loads(line)
                texts[("bsnlp", d["topic"] + "/" + d["id"])] = d["text"]
    top = os.path.join(corpora, "topics")
    for name in ("seccoll-infosec", "ruattitudes-1.2", "rusentrel-inosmi", "telegram-news-channels",
                 "ria-rubrics", "lenta-rubrics-2026", "lenta-rubrics"):
        for line in open(os.path.join(top, name + ".jsonl"), encoding="utf-8"):
            d = json.loads(line)
            key = d["id"] if name != "lenta-rubrics" else d["label"] + "/" + d["id"]
            texts[(name, key)] = with_title(d)
    return texts


def read_gold():
    gold = collections.OrderedDict()
    for f in GOLD_FILES:
        with open(os.path.join(ROOT, "Tests/Fixtures/topics", f), encoding="utf-8") as fh:
            for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                key = (r["corpus"], r["id"])
                if key in gold:
                    print(f"warning: {f}: {key} labelled twice; keeping the first", file=sys.stderr)
                    continue
                gold[key] = {"labels": r["labels"].split(","), "note": r["note"], "file": f}
    return gold


def read_rubric_map():
    m = {}
    for line in open(os.path.join(ROOT, "Models/topics/rubric-map.tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        src, rubric, pos, neg, weight, _ = line.rstrip("\n").split("\t")
        m[(src, rubric)] = ([] if pos == "-" else pos.split(","), [] if neg == "-" else neg.split(","), float(weight))
    return m


# A rubric document that mentions these is not trusted as a *negative* for the topic (the label
# is masked instead): keywords only decide what not to assume, never what a document is about.
UNSURE_NEGATIVE = {
    "cybersecurity": re.compile(r"кибер|хакер|взлом|фишинг|вредонос|уязвимост|ddos|утечк[аиуе] данных|информационн\w* безопасн|шифровальщик|ботнет|malware|ransomware", re.I),
    "diplomacy": re.compile(r"\bмид\b|посол|посольств|дипломат|переговор|санкци|саммит|генсек|оон\b|нато\b", re.I),
}


def rubric_docs(corpora, rmap, use_telegram):
    top = os.path.join(corpora, "topics")
    for name in ("lenta-rubrics", "lenta-rubrics-2026", "ria-rubrics", "telegram-news-channels"):
        if name == "telegram-news-channels" and not use_telegram:
            continue
        for line in open(os.path.join(top, name + ".jsonl"), encoding="utf-8"):
            d = json.loads(line)
            rubric = d.get("label") or "+".join(d.get("labels") or [])
            key = d["id"] if name != "lenta-rubrics" else d["label"] + "/" + d["id"]
            spec = rmap.get((name, rubric))
            if spec is None:
                raise SystemExit(f"rubric-map.tsv has no row for {name} / {rubric}")
            yield name, key, with_title(d), spec


def split_gold(gold, texts, seed, all_labels):
    freq = collections.Counter(l for g in gold.values() for l in g["labels"])
    # Group near-duplicates: same corpus family + same gist, or the same text.
    parent = {}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    by_sig = {}
    for key, g in gold.items():
        parent[key] = key
        fam = key[0].split("-")[0]
        for sig in (("note", fam, g["note"].strip().lower()),
                    ("text", hashlib.sha1(texts[key].strip().encode()).hexdigest())):
            if sig in by_sig:
                parent[find(key)] = find(by_sig[sig])
            else:
                by_sig[sig] = key
    groups = collections.defaultdict(list)
    for key in gold:
        groups[find(key)].append(key)
    strata = collections.defaultdict(list)
    for root, members in groups.items():
        labs = {l for k in members for l in gold[k]["labels"]}
        rarest = min(labs, key=lambda l: (freq[l], all_labels.index(l)))
        strata[rarest].append(sorted(members))
    rng = random.Random(seed)
    split = {}
    for label in sorted(strata):
        gs = sorted(strata[label])
        rng.shuffle(gs)
        n_docs = sum(len(g) for g in gs)
        taken = 0
        for g in gs:
            side = "dev" if taken < round(n_docs * DEV_FRACTION) else "train"
            if side == "dev":
                taken += len(g)
            for k in g:
                split[k] = side
    return split


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", default=os.path.join(ROOT, "../shared/corpora"))
    ap.add_argument("--out", default="/work/data/topics")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-telegram", action="store_true", help="leave out the LLM-silver Telegram posts")
    a = ap.parse_args()
    corpora = os.path.realpath(a.corpora)
    all_labels = labels_order()
    texts = load_texts(corpora)
    gold = read_gold()
    missing = [k for k in gold if k not in texts]
    if missing:
        raise SystemExit(f"{len(missing)} labelled ids have no text, e.g. {missing[:3]}")
    for g in gold.values():
        bad = [l for l in g["labels"] if l not in all_labels]
        if bad:
            raise SystemExit(f"unknown labels {bad}")
        if "diplomacy" in g["labels"] and "politics" not in g["labels"]:
            g["labels"].append("politics")  # the labelling guide's implication, enforced
    split = split_gold(gold, texts, a.seed, all_labels)

    with open(os.path.join(ROOT, "Models/topics/split.tsv"), "w", encoding="utf-8") as fh:
        fh.write(f"# Fixed train/dev split of the in-house labelled documents (Tests/Fixtures/topics/*.tsv).\n"
                 f"# Made by: python3 Scripts/topics/build_dataset.py --seed {a.seed} (stratified by rarest label,\n"
                 f"# near-duplicates grouped, dev fraction {DEV_FRACTION}). Rubric-mapped documents are always train.\n"
                 f"# Columns: corpus<TAB>id<TAB>split\n")
        for k in sorted(gold):
            fh.write(f"{k[0]}\t{k[1]}\t{split[k]}\n")

    os.makedirs(a.out, exist_ok=True)
    counts = collections.Counter()
    label_counts = {"train": collections.Counter(), "dev": collections.Counter()}
    with open(os.path.join(a.out, "train.jsonl"), "w", encoding="utf-8") as tr, \
         open(os.path.join(a.out, "dev.jsonl"), "w", encoding="utf-8") as dv:
        for k in sorted(gold):
            rec = {"id": k[0] + ":" + k[1], "corpus": k[0], "text": texts[k], "labels": gold[k]["labels"]}
            side = split[k]
            (dv if side == "dev" else tr).write(json.dumps(rec, ensure_ascii=False) + "\n")
            counts[side + " gold"] += 1
            label_counts[side].update(gold[k]["labels"])
        for name, key, text, (pos, neg, weight) in rubric_docs(corpora, read_rubric_map(), not a.no_telegram):
            if (name, key) in gold or weight <= 0 or not pos or not text.strip():
                counts["rubric skipped"] += 1
                continue
            neg = [l for l in neg if not (l in UNSURE_NEGATIVE and UNSURE_NEGATIVE[l].search(text))]
            rec = {"id": name + ":" + key, "corpus": name, "text": text, "labels": pos,
                   "mask": sorted(set(pos) | set(neg), key=all_labels.index), "weight": weight}
            tr.write(json.dumps(rec, ensure_ascii=False) + "\n")
            counts["train rubric " + name] += 1
            label_counts["train"].update(l + "(rubric)" for l in pos)
    for k, v in sorted(counts.items()):
        print(f"{k}\t{v}")
    for side in ("train", "dev"):
        print(side, ", ".join(f"{l} {n}" for l, n in sorted(label_counts[side].items())))


if __name__ == "__main__":
    main()
