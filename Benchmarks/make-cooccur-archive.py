#!/usr/bin/env python3
"""Dev-only: a synthetic *enriched* archive for benchmarking `metka cooccur --db`.

Tagging a million real texts takes hours, and co-occurrence only reads Metka's tables, so this
writes mention rows straight into them. The schema is Metka's own: the script creates an empty
`articles` table, runs `metka enrich` on it (which applies every migration), then fills
`articles` (short placeholder bodies, dates), `metka_entities`, `metka_mentions`,
`metka_article_topics` and `metka_article_status`.

Entities are real: every entry of the bundled gazetteers (Gazetteers/index.tsv lists: persons,
organizations, locations, with their kb ids), plus a long tail of persons named by combining real
first and last names from persons.tsv (no kb id), up to --entities. Ranks are a shuffle of the
gazetteer entries weighted by list (countries, persons and government bodies first, foreign
cities last; PROMINENCE) followed by the tail, and each mention draws its entity from a Zipf law over the
ranks (weight 1/rank^s), so a few entities are in most articles and most are rare, as in news.
Per article: 15-30 entity mentions (about 40 % repeat an entity already in the article), in
6-40 sentences, two sentences to a paragraph; ~3 % boilerplate; 0-3 DATE mentions (no entity);
1-2 topics; dates uniform over 2019-2023; 0.1 % of articles are recorded as failed.

Usage: make-cooccur-archive.py --metka .build/release/metka --out /tmp/cooccur-1m.sqlite
       [--articles 1000000] [--entities 100000] [--zipf 1.0] [--seed 11]
Deterministic for a given seed. Refuses an existing --out.
"""
import argparse
import bisect
import datetime
import itertools
import os
import random
import sqlite3
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOPICS = [("politics", "medtop:11000000"), ("diplomacy", "medtop:20000639"), ("conflict", "medtop:16000000"),
          ("crime-law", "medtop:02000000"), ("economy", "medtop:04000000"), ("science-technology", "medtop:13000000"),
          ("cybersecurity", "medtop:20000086"), ("health", "medtop:07000000"), ("sport", "medtop:15000000"),
          ("society", "medtop:14000000")]
# Rank order of gazetteer entries: a shuffle weighted by list, so countries, leaders and major
# bodies lead and small foreign cities trail (generic institution nouns are left out).
PROMINENCE = {"country": 8, "person": 6, "government": 5, "intl": 5, "media": 3, "party": 3, "company": 3,
              "region": 2, "other": 2, "sports": 2, "culture": 2, "apt": 1, "city": 1, "generic": 0}
MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
          "ноября", "декабря"]


def attrs_kb(attrs):
    for a in attrs.split(";") if attrs else []:
        for part in a.split(","):
            part = part.strip()
            if part.startswith("kb="):
                return part[3:]
    return None


def gazetteer_entities():
    """(type, subtype, name, kb) of every gazetteer entry, plus the persons' first and last names."""
    out, firsts, lasts = [], set(), set()
    with open(os.path.join(ROOT, "Gazetteers", "index.tsv"), encoding="utf-8") as f:
        lists = [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]
    for path, etype, subtype, schema, *_ in lists:
        with open(os.path.join(ROOT, "Gazetteers", path), encoding="utf-8") as f:
            for line in f:
                if not line.strip() or line.startswith("#"):
                    continue
                cols = line.rstrip("\n").split("\t")
                if schema == "person":
                    last, first = cols[1], cols[2] if len(cols) > 2 else ""
                    name = (first + " " + last).strip()
                    kb = attrs_kb(cols[6] if len(cols) > 6 else "")
                    if first:
                        firsts.add(first)
                    lasts.add(last)
                else:
                    name = cols[1]
                    kb = attrs_kb(cols[3] if len(cols) > 3 else "")
                out.append((etype, subtype, name, kb))
    return out, sorted(firsts), sorted(lasts)


def normalized(name):
    return " ".join(name.lower().replace("ё", "е").split())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--metka", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--articles", type=int, default=1_000_000)
    ap.add_argument("--entities", type=int, default=100_000)
    ap.add_argument("--zipf", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    if os.path.exists(args.out):
        sys.exit(f"{args.out} exists; remove it first")
    rng = random.Random(args.seed)

    # Schema: Metka's migrations, through `metka enrich` on an empty article table.
    con = sqlite3.connect(args.out)
    con.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT, body TEXT, published_at TEXT)")
    con.commit()
    con.close()
    subprocess.run([args.metka, "enrich", args.out, "--quiet"], check=True)

    # Vocabulary: gazetteer entries (deduplicated by Metka's entity key), then the person tail.
    head, firsts, lasts = gazetteer_entities()
    vocab, keys = [], set()
    ranked = []
    for etype, subtype, name, kb in head:
        key = "kb:" + kb if kb else etype + ":" + normalized(name)
        boost = PROMINENCE.get(subtype, 1) * (2 if kb else 1)
        if key not in keys and boost > 0:
            keys.add(key)
            ranked.append((rng.random() / boost, (key, etype, subtype, name, kb)))
    vocab = [v for _, v in sorted(ranked)]
    for first, last in ((rng.choice(firsts), rng.choice(lasts)) for _ in itertools.count()):
        if len(vocab) >= args.entities:
            break
        name = first + " " + last
        key = "PER:" + normalized(name)
        if key not in keys:
            keys.add(key)
            vocab.append((key, "PER", None, name, None))
    cum = list(itertools.accumulate(1.0 / (r ** args.zipf) for r in range(1, len(vocab) + 1)))
    total = cum[-1]

    con = sqlite3.connect(args.out)
    con.executescript("""
        PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;
        DROP INDEX metka_mentions_entity;
        DROP INDEX metka_article_topics_topic;
        """)
    run_id = con.execute("SELECT max(id) FROM metka_runs").fetchone()[0]
    tagger = con.execute("SELECT tagger FROM metka_runs WHERE id = ?", (run_id,)).fetchone()[0]
    con.executemany("INSERT INTO metka_entities (id, key, type, subtype, name, short, kb) VALUES (?, ?, ?, ?, ?, NULL, ?)",
                    ((i + 1, k, t, s, n, kb) for i, (k, t, s, n, kb) in enumerate(vocab)))
    names = [v[3] for v in vocab]
    types = [v[1] for v in vocab]
    start = datetime.date(2019, 1, 1).toordinal()
    days = datetime.date(2023, 12, 31).toordinal() - start + 1

    mentions_total = 0
    batch = 20_000
    for first in range(1, args.articles + 1, batch):
        art_rows, status_rows, topic_rows, mention_rows = [], [], [], []
        for a in range(first, min(args.articles, first + batch - 1) + 1):
            d = datetime.date.fromordinal(start + rng.randrange(days))
            art_rows.append((a, f"Статья {a}", f"Синтетический текст статьи {a}.", d.isoformat() + " 09:00:00"))
            if rng.random() < 0.001:
                status_rows.append((a, "%016x" % rng.getrandbits(64), tagger, run_id, "text is NULL", None, 0, 0))
                continue
            sentences = rng.randint(6, 40)
            n = rng.randint(15, 30)
            chosen = []
            picks = []
            for _ in range(n):
                if chosen and rng.random() < 0.4:
                    e = rng.choice(chosen)
                else:
                    e = bisect.bisect_left(cum, rng.random() * total)
                    chosen.append(e)
                picks.append((rng.randrange(sentences), e))
            for _ in range(rng.randint(0, 3)):
                picks.append((rng.randrange(sentences), -1))
            picks.sort()
            pos = 0
            for seq, (s, e) in enumerate(picks):
                pos += rng.randint(3, 120)
                bp = 1 if rng.random() < 0.03 else 0
                if e < 0:
                    day = rng.randint(1, 28)
                    month = rng.randrange(12)
                    text = f"{day} {MONTHS[month]}"
                    mention_rows.append((a, seq, None, pos, pos + len(text), text, text, "DATE", None,
                                         f"{d.year}-{month + 1:02d}-{day:02d}", "rule:date", s, bp, s // 2))
                else:
                    name = names[e]
                    mention_rows.append((a, seq, e + 1, pos, pos + len(name), name, name, types[e], None, None,
                                         "gazetteer", s, bp, s // 2))
            topics = rng.sample(TOPICS, rng.randint(1, 2))
            for t, iptc in topics:
                topic_rows.append((a, t, iptc, round(rng.uniform(0.3, 0.99), 4)))
            status_rows.append((a, "%016x" % rng.getrandbits(64), tagger, run_id, None, pos + 200, len(picks), len(topics)))
            mentions_total += len(picks)
        con.executemany("INSERT INTO articles (id, title, body, published_at) VALUES (?, ?, ?, ?)", art_rows)
        con.executemany("""INSERT INTO metka_mentions (article_id, seq, entity_id, start, "end", text, normal, type, subtype,
                           value, source, sentence, boilerplate, paragraph) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                        mention_rows)
        con.executemany("INSERT INTO metka_article_topics (article_id, topic, iptc, score) VALUES (?, ?, ?, ?)", topic_rows)
        con.executemany("""INSERT INTO metka_article_status (article_id, content_hash, tagger, run_id, error, chars, mentions,
                           topics) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", status_rows)
        con.commit()
        print(f"\r{min(args.articles, first + batch - 1)} articles, {mentions_total} mentions", end="", file=sys.stderr)
    print(file=sys.stderr)
    con.executescript("""
        CREATE INDEX metka_mentions_entity ON metka_mentions(entity_id);
        CREATE INDEX metka_article_topics_topic ON metka_article_topics(topic, score);
        """)
    con.execute("UPDATE metka_runs SET state = 'finished', articles_seen = ?, articles_tagged = ? WHERE id = ?",
                (args.articles, args.articles, run_id))
    con.commit()
    con.close()
    print(f"{args.out}: {args.articles} articles, {len(vocab)} entities, {mentions_total} mentions", file=sys.stderr)


if __name__ == "__main__":
    main()
