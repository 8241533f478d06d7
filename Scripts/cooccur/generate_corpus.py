#!/usr/bin/env python3
"""Dev-only: synthetic tagged JSON Lines in the shape of `metka tag --format jsonl`, for
benchmarking `metka cooccur` (no real text; names are made up).

Entities are drawn from a Zipf distribution (rank r has weight 1/r^s) over a fixed vocabulary,
so a few entities are in most documents and most are rare, as in news. Per document: 4-40
distinct entities (mean ~12), each mentioned 1-3 times in random sentences; sentences are
grouped 3 to a paragraph; ~4% of mentions are boilerplate; 60% of entities have a kb id;
dates are uniform over --days days from --start; 1-2 topics per document.

Usage: generate_corpus.py --docs 1000000 --out /tmp/synthetic.jsonl [--entities 200000]
       [--zipf 1.05] [--seed 7]
Deterministic for a given seed.
"""
import argparse
import datetime
import itertools
import json
import random
import sys

SYLLABLES = ["ба", "ва", "го", "де", "жи", "зо", "ки", "ла", "ми", "но", "пе", "ро", "са", "ту", "фе", "ха",
             "це", "чи", "ша", "ще", "юн", "ян", "ар", "ос", "ил", "ум", "ер", "ов", "ин", "ск"]
TOPICS = ["politics", "diplomacy", "economy", "conflict", "crime-law", "cybersecurity", "society", "sport"]
TYPES = ["PER", "PER", "PER", "PER", "ORG", "ORG", "ORG", "LOC", "LOC", "LOC"]


def name_of(i, rng):
    parts = []
    for _ in range(2 if i % 3 else 3):
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        parts.append(word.capitalize())
    return " ".join(parts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--entities", type=int, default=200000)
    ap.add_argument("--zipf", type=float, default=1.05)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--start", default="2019-01-01")
    ap.add_argument("--days", type=int, default=1096)
    ap.add_argument("--out", default="-")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    vocab = []
    for i in range(args.entities):
        t = TYPES[rng.randrange(len(TYPES))]
        name = name_of(i, rng)
        kb = "wikidata:Q%d" % (100000 + i) if rng.random() < 0.6 else None
        vocab.append((t, name, kb))
    cum = list(itertools.accumulate(1.0 / (r ** args.zipf) for r in range(1, args.entities + 1)))
    start = datetime.date.fromisoformat(args.start)
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    dumps = json.dumps
    for d in range(args.docs):
        k = min(40, max(4, int(rng.expovariate(1 / 12.0))))
        chosen = list(dict.fromkeys(rng.choices(range(args.entities), cum_weights=cum, k=k)))
        sentences = rng.randint(6, 30)
        mentions = []
        entities = []
        for local, ent in enumerate(chosen, 1):
            t, name, kb = vocab[ent]
            eid = "E%d" % local
            for _ in range(rng.randint(1, 3)):
                s = rng.randrange(sentences)
                mentions.append((s, t, eid, name, rng.random() < 0.04))
            e = {"id": eid, "type": t, "name": name}
            if kb:
                e["kb"] = kb
            e["count"] = 1
            entities.append(dumps(e, ensure_ascii=False))
        mentions.sort()
        ms = []
        pos = 0
        for s, t, eid, name, bp in mentions:
            pos += rng.randint(5, 200)
            m = '{"start":%d,"end":%d,"text":%s,"type":"%s","entity":"%s","normal":%s,"source":"gazetteer:synthetic.tsv:%d","sentence":%d,"paragraph":%d%s}' % (
                pos, pos + len(name), dumps(name, ensure_ascii=False), t, eid, dumps(name, ensure_ascii=False),
                rng.randrange(1, 5000), s, s // 3, ',"boilerplate":true' if bp else "")
            ms.append(m)
        date = start + datetime.timedelta(days=rng.randrange(args.days))
        topics = rng.sample(TOPICS, rng.randint(1, 2))
        ts = ",".join('{"id":"%s","iptc":"medtop:0","score":0.8}' % t for t in topics)
        out.write('{"id":"syn-%d","published":"%s","mentions":[%s],"entities":[%s],"topics":[%s]}\n' % (
            d, date.isoformat(), ",".join(ms), ",".join(entities), ts))
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
