#!/usr/bin/env python3
"""Dev-only: agreement of Metka's tokens and sentences with factRuEval-2016's `.tokens` files.

factRuEval's devset gives, per document, one token per line (`id start length text`, code-point
offsets) with blank lines between sentences. This script runs `metka tag --format tokens` over all
devset texts in one JSON Lines stream and reports:

- token agreement: gold token spans reproduced exactly by Metka / all gold tokens (and the
  converse, precision);
- sentence agreement: gold sentence starts that Metka also starts a sentence at;
- the most frequent disagreement patterns with an example each (`--examples N`), to find bugs.

Nothing here is needed to build, run or test Metka. Usage:

    python3 Scripts/segmentation/compare_factru_tokens.py \
        [--corpus ../shared/corpora/factrueval2016/devset] [--metka .build/debug/metka] [--examples 25]
"""
import argparse
import collections
import json
import os
import subprocess
import sys


def read_gold(path):
    """Token spans and sentence start offsets from a `.tokens` file."""
    tokens, starts, new_sentence = [], set(), True
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split(" ", 3)
            if len(parts) < 4:
                new_sentence = True
                continue
            s, n = int(parts[1]), int(parts[2])
            tokens.append((s, s + n))
            if new_sentence:
                starts.add(s)
                new_sentence = False
    return tokens, starts


def run_metka(metka, docs):
    """{id: (token spans, sentence starts, kinds by span)} from `metka tag --format tokens`."""
    payload = "".join(json.dumps({"id": d, "text": t}, ensure_ascii=False) + "\n" for d, t in docs)
    out = subprocess.run([metka, "tag", "--input", "jsonl", "--format", "tokens"], input=payload.encode(),
                         stdout=subprocess.PIPE, check=False).stdout.decode()
    result, cur, last_sentence = {}, None, None
    for line in out.split("\n"):
        if line.startswith("# id = "):
            cur = line[7:]
            result[cur] = ([], set(), {})
            last_sentence = None
            continue
        if not line or line.startswith("#"):
            continue
        f = line.split("\t")
        s, e, kind, sentence = int(f[0]), int(f[1]), f[2], f[5]
        spans, starts, kinds = result[cur]
        spans.append((s, e))
        kinds[(s, e)] = kind
        if sentence != last_sentence:
            starts.add(s)
            last_sentence = sentence
    return result


def context(text, s, e, width=30):
    return (text[max(0, s - width):s] + "⟦" + text[s:e] + "⟧" + text[e:e + width]).replace("\n", "⏎")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(root, "..", "shared", "corpora", "factrueval2016", "devset"))
    ap.add_argument("--metka", default=os.path.join(root, ".build", "debug", "metka"))
    ap.add_argument("--examples", type=int, default=25)
    args = ap.parse_args()

    names = sorted(f[:-4] for f in os.listdir(args.corpus) if f.endswith(".txt"))
    docs, gold = [], {}
    for n in names:
        with open(os.path.join(args.corpus, n + ".txt"), encoding="utf-8") as f:
            docs.append((n, f.read()))
        gold[n] = read_gold(os.path.join(args.corpus, n + ".tokens"))
    texts = dict(docs)
    pred = run_metka(args.metka, docs)

    g_tok = p_tok = both_tok = 0
    g_sent = p_sent = both_sent = 0
    token_errors = collections.Counter()
    token_examples = {}
    sent_missed = []
    sent_extra = []
    for n in names:
        gt, gs = gold[n]
        pt, ps, _ = pred.get(n, ([], set(), {}))
        gset, pset = set(gt), set(pt)
        g_tok += len(gset); p_tok += len(pset); both_tok += len(gset & pset)
        text = texts[n]
        for s, e in sorted(gset - pset):
            key = "gold " + text[s:e] if len(text[s:e]) <= 12 else "gold token"
            # Classify by what Metka did with that span.
            covering = [t for t in pt if t[0] <= s and t[1] >= e and t != (s, e)]
            if covering:
                c = covering[0]
                key = "metka joins: " + text[c[0]:c[1]][:30]
            else:
                key = "metka splits: " + text[s:e][:30]
            token_errors[key] += 1
            token_examples.setdefault(key, f"{n}: {context(text, s, e)}")
        # Sentence starts, only where both tokenizations have a token at that offset.
        pstarts_tok = {t[0] for t in pt}
        gs2 = {s for s in gs if s in pstarts_tok}
        ps2 = {s for s in ps if s in {t[0] for t in gt}}
        g_sent += len(gs2); p_sent += len(ps2); both_sent += len(gs2 & ps2)
        sent_missed += [(n, s) for s in sorted(gs2 - ps2)]
        sent_extra += [(n, s) for s in sorted(ps2 - gs2)]

    def pct(a, b):
        return f"{100.0 * a / b:.2f}%" if b else "n/a"

    print(f"documents: {len(names)}")
    print(f"tokens: gold {g_tok}, metka {p_tok}, same span {both_tok}: "
          f"recall {pct(both_tok, g_tok)}, precision {pct(both_tok, p_tok)}")
    print(f"sentence starts: gold {g_sent}, metka {p_sent}, same {both_sent}: "
          f"recall {pct(both_sent, g_sent)}, precision {pct(both_sent, p_sent)}")
    if args.examples:
        print("\nmost frequent token disagreements:")
        for key, count in token_errors.most_common(args.examples):
            print(f"  {count:5d}  {key}\n         {token_examples[key]}")
        print(f"\nsentence starts metka misses ({len(sent_missed)}), first {args.examples}:")
        for n, s in sent_missed[:args.examples]:
            print(f"  {n}: {context(texts[n], s, s + 1, 50)}")
        print(f"\nsentence starts metka adds ({len(sent_extra)}), first {args.examples}:")
        for n, s in sent_extra[:args.examples]:
            print(f"  {n}: {context(texts[n], s, s + 1, 50)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
