#!/usr/bin/env python3
"""Tag JSON Lines with Natasha's NER and write Metka-format predictions (dev-only, peer comparison).

Input:  one {"id", "text", ...} per line (extra fields such as gold "entities" are ignored).
Output: one {"id", "mentions": [{"start", "end", "type", "text"}]} per line, input order, sorted keys.
        Offsets are Python str indices = Unicode code points, end exclusive — the same unit as
        Metka's output and the corpora gold, so Natasha's spans are copied without conversion.

Usage:  natasha_tag.py IN.jsonl OUT.jsonl [--timing TIMING.json] [--batch N]

The tagger is natasha.NewsNERTagger (slovnet_ner_news_v1 over navec news embeddings, both bundled
in the natasha wheel; nothing is downloaded at run time). It is called on the whole document text,
exactly what `Doc.tag_ner` does (razdel tokenization inside, no sentence split) and what naeval
benchmarks; `Doc.segment` is skipped because NER spans do not depend on it.

Timing: model loading and JSON reading/writing are excluded; the tagging loop is timed with
time.perf_counter (wall) and time.process_time (CPU of this process), written to --timing.
"""
import argparse
import json
import sys
import time


def read_docs(path):
    docs = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            if line.strip():
                obj = json.loads(line)
                docs.append((str(obj['id']), obj.get('text', '')))
    return docs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('input')
    ap.add_argument('output')
    ap.add_argument('--timing', help='write {"load_s", "tag_wall_s", "tag_cpu_s", "chars", "docs"} here')
    ap.add_argument('--batch', type=int, default=1,
                    help='documents per slovnet call (1 = one call per document; >1 uses tagger.map, '
                         'which pads every batch to its longest document)')
    a = ap.parse_args()

    docs = read_docs(a.input)

    t0 = time.perf_counter()
    from natasha import NewsEmbedding, NewsNERTagger
    tagger = NewsNERTagger(NewsEmbedding())
    load_s = time.perf_counter() - t0

    wall0, cpu0 = time.perf_counter(), time.process_time()
    markups = []
    if a.batch <= 1:
        for _, text in docs:
            # Doc.tag_ner returns no spans for a blank text without calling the model; do the same.
            markups.append(tagger(text).spans if text.strip() else [])
    else:
        nonblank = [t for _, t in docs if t.strip()]
        it = iter(tagger.map(nonblank))
        for _, text in docs:
            markups.append(next(it).spans if text.strip() else [])
    tag_wall = time.perf_counter() - wall0
    tag_cpu = time.process_time() - cpu0

    with open(a.output, 'w', encoding='utf-8') as out:
        for (doc_id, text), spans in zip(docs, markups):
            mentions = [{'start': s.start, 'end': s.stop, 'type': s.type, 'text': text[s.start:s.stop]}
                        for s in sorted(spans, key=lambda s: (s.start, s.stop, s.type))]
            out.write(json.dumps({'id': doc_id, 'mentions': mentions}, ensure_ascii=False, sort_keys=True) + '\n')

    if a.timing:
        with open(a.timing, 'w', encoding='utf-8') as f:
            json.dump({'load_s': round(load_s, 4), 'tag_wall_s': round(tag_wall, 4), 'tag_cpu_s': round(tag_cpu, 4),
                       'chars': sum(len(t) for _, t in docs), 'docs': len(docs), 'batch': a.batch},
                      f, sort_keys=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
