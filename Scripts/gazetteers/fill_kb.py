#!/usr/bin/env python3
"""Tidy the hand-written lists (organizations/*.tsv, locations/other.tsv): sort rows by id and
fill a missing `kb=wikidata:Q…` when NEREL v1.1 train links exactly one Wikidata item of a
fitting type to the entry's canonical name or one of its plain aliases (by Wikidata label).
Never overwrites a kb already written by hand; comments and the header stay where they are.
"""
import glob
import os

from common import GAZ, fold, label_index, nerel_links, norm

TYPES = {
    'organizations': {'ORGANIZATION'},
    'other': {'LOCATION', 'STATE_OR_PROVINCE', 'COUNTRY', 'DISTRICT', 'FACILITY'},
}


def tidy(path, by_label, links):
    lines = open(path, encoding='utf-8').read().split('\n')
    head = [l for l in lines if l.startswith('#')]
    rows = [l.split('\t') for l in lines if l and not l.startswith('#')]
    filled = 0
    for r in rows:
        r += [''] * (4 - len(r))
        # Drop aliases that only repeat the name or an earlier alias up to case/ё/quotes: the
        # matcher folds those anyway, and the checker warns about them.
        seen, kept = {fold(r[1])}, []
        for a in [a for a in r[2].split('|') if a]:
            k = fold(a.lstrip('?='))
            if k in seen and a[0] not in '?=':
                continue
            seen.add(k)
            kept.append(a)
        r[2] = '|'.join(kept)
        attrs = [kv for kv in r[3].split(';') if kv]
        if any(kv.startswith('kb=') for kv in attrs) or 'ambiguous=common' in attrs:
            continue
        names = [r[1]] + [a for a in r[2].split('|') if a and a[0] not in '?=']
        qs = set()
        for n in names:
            qs |= by_label.get(norm(n), set())
        if len(qs) == 1:
            attrs.insert(0, 'kb=wikidata:' + qs.pop())
            r[3] = ';'.join(attrs)
            filled += 1
    rows.sort(key=lambda r: r[0])
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        for h in head:
            f.write(h + '\n')
        for r in rows:
            f.write('\t'.join(r[:4]) + '\n')
    print(f'{os.path.relpath(path, GAZ)}: {len(rows)} rows, {filled} kb ids filled')


def main():
    links = nerel_links(splits=("train",))  # never dev: dev is only measured
    for group, types in TYPES.items():
        by_label = label_index(links, types)
        paths = sorted(glob.glob(os.path.join(GAZ, 'organizations', '*.tsv'))) if group == 'organizations' \
            else [os.path.join(GAZ, 'locations', 'other.tsv')]
        for p in paths:
            tidy(p, by_label, links)


if __name__ == '__main__':
    main()
