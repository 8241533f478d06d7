#!/usr/bin/env python3
"""Writes the Spark tests' input: ≥ 1,000 articles as Metka JSON Lines, plus a few bad records.

Source: the development corpora (CORPUS, default ../shared/corpora beside the checkout) —
NEREL dev, factRuEval dev, Lenta.ru 2026 (dated) and every 50th Telegram news post (dated, short),
about a million characters so that the debug build tags them in seconds — never committed; when that folder is
absent (CI elsewhere), records assembled from the texts under Tests/Fixtures. Which source was
used is printed loudly on stderr and written to `<out>.source`.
"""

import json
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
MINIMUM = 1000

# Records a Spark partition must report, not lose: bad JSON, no text, a non-date `published`,
# a record without id (its id is `line-N`, N counted over the whole input), and blank lines.
BAD = ['{"id": "bad-json", "text": "Москва', '{"id": "no-text"}', '',
       '{"id": "bad-date", "text": "Путин приехал в Москву.", "published": "вчера"}',
       '{"text": "Сергей Лавров встретился с Энтони Блинкеном в Женеве."}', '   ']


def from_corpora(root):
    sources = [("nerel", "nerel/jsonl/dev.jsonl", None, 1), ("factru", "factrueval2016/jsonl/dev.jsonl", None, 1),
               ("lenta", "topics/lenta-rubrics-2026.jsonl", "date", 1),
               ("telegram", "topics/telegram-news-channels.jsonl", "date", 50)]
    records = []
    for prefix, path, date_field, every in sources:
        with open(os.path.join(root, path), encoding="utf-8") as f:
            for n, line in enumerate(f):
                if n % every:
                    continue
                d = json.loads(line)
                r = {"id": f"{prefix}/{d['id']}", "text": d["text"]}
                if d.get("title"):
                    r["title"] = d["title"]
                if date_field and d.get(date_field):
                    r["published"] = d[date_field][:10]
                records.append(r)
    return records


def from_fixtures():
    texts = []
    for folder in ("sample", "pages"):
        base = os.path.join(REPO, "Tests", "Fixtures", folder)
        for name in sorted(os.listdir(base)):
            if name.endswith(".txt"):
                with open(os.path.join(base, name), encoding="utf-8") as f:
                    texts.append(f.read())
    paragraphs = [p.strip() for t in texts for p in t.split("\n") if len(p.strip()) > 30]
    records = []
    for i in range(1200):
        # Deterministic mixes of 3–6 paragraphs; dates spread over 2021 so month slices have data.
        k = 3 + i % 4
        text = "\n".join(paragraphs[(i * 7 + j * 13) % len(paragraphs)] for j in range(k))
        records.append({"id": f"fixture/{i:04d}", "text": text, "published": f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}"})
    return records


def main(out):
    root = os.environ.get("CORPUS") or os.path.join(REPO, "..", "shared", "corpora")
    if os.path.exists(os.path.join(root, "nerel", "jsonl", "train.jsonl")):
        records, source = from_corpora(root), f"corpora at {os.path.realpath(root)} (NEREL dev, factRuEval dev, Lenta.ru 2026, Telegram 1/50)"
    else:
        records, source = from_fixtures(), "Tests/Fixtures texts (CORPUS folder absent: generated mixes)"
    if len(records) < MINIMUM:
        sys.exit(f"make_corpus: only {len(records)} records from {source}")
    with open(out, "w", encoding="utf-8") as f:
        for i, r in enumerate(records):
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
            if i % 300 == 150:
                f.write(BAD[(i // 300) % len(BAD)] + "\n")
        for b in BAD:
            f.write(b + "\n")
    with open(out + ".source", "w") as f:
        f.write(source + "\n")
    banner = "=" * 78
    print(f"{banner}\nSPARK TEST CORPUS: {len(records)} articles from {source}\n{banner}", file=sys.stderr)
    return len(records)


if __name__ == "__main__":
    main(sys.argv[1])
