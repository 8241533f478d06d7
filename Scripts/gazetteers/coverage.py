#!/usr/bin/env python3
"""Gazetteer coverage on gold NER mentions (dev-time measurement only).

A gold mention counts as covered when, after stripping quotes, its tokens match the tokens of a
gazetteer name/alias (or a generated person variant) position by position up to inflection:
each mention token and gazetteer token share a pymorphy3 lemma (or are equal after case and ё
folding). This approximates what the compiled, inflection-aware matcher will do.

Usage: coverage.py [GOLD.jsonl] [--view outer|all] [--exclude-subtype generic] [--misses N]
Default gold: $NEREL_DIR/jsonl/dev.jsonl, outer view (as scorers/score_ner.py).

Two numbers per type: *strict* over every gold mention, and *named* over the mentions that carry
a name of their own. NEREL also tags descriptions («правительство», «полиция Малайзии»,
«российских властей») as ORGANIZATION; no list of names can hold those, so the named view drops a
mention when, after removing the words of gold mentions of another type nested in it, no word is left
that looks like a name: Latin, all caps, digits, capitalised inside a sentence, quoted, or
capitalised at a sentence start and known to the dictionary only as a proper noun (or not at all).
This is a heuristic, reported as such; the strict number is the one the issue's bar refers to.
"""
import argparse
import itertools
import json
import os
import re
from collections import Counter, defaultdict

import pymorphy3

from common import GAZ, NEREL, read_tsv
from mentions import is_named

MORPH = pymorphy3.MorphAnalyzer()
# Words only: punctuation (dashes of any kind, quotes, dots) is not part of the key.
TOKEN = re.compile(r"[0-9A-Za-zА-Яа-яЁёÀ-ÿ$&+]+")
_lemma_cache = {}


def lemmas(tok):
    t = tok.lower().replace('ё', 'е')
    if t not in _lemma_cache:
        s = {t}
        if re.match(r'^[а-яе]+$', t):
            s |= {p.normal_form.replace('ё', 'е') for p in MORPH.parse(t)}
        _lemma_cache[t] = s
    return _lemma_cache[t]


def keys(text, cap=64):
    return keys_of(TOKEN.findall(text), cap)


def keys_of(toks, cap=64):
    if not toks:
        return set()
    sets = [sorted(lemmas(t)) for t in toks]
    out = set()
    for combo in itertools.islice(itertools.product(*sets), cap):
        out.add(combo)
    return out


def clean_alias(a):
    return a.lstrip('?=').replace('[', '').replace(']', '')


def person_variants(last, first, patr, attrs):
    v = {last, f'{first} {last}', f'{first[0]}. {last}', f'{first[0]}.{last}'}
    if patr:
        v |= {f'{first} {patr} {last}', f'{last} {first[0]}. {patr[0]}.', f'{first[0]}. {patr[0]}. {last}',
              f'{first} {patr}', f'{last} {first} {patr}'}
    if 'order=eastern' in attrs:
        v |= {f'{last} {first}'}
    return v


def load(exclude_subtypes, with_adj):
    index = defaultdict(set)  # key tuple -> types
    for r in read_tsv(os.path.join(GAZ, 'index.tsv')):
        path, typ, subtype, schema = r[:4]
        if subtype in exclude_subtypes:
            continue
        for row in read_tsv(os.path.join(GAZ, path)):
            if schema == 'person':
                forms = person_variants(row[1], row[2], row[3], row[6] if len(row) > 6 else '')
                forms |= {clean_alias(a) for a in row[5].split('|') if a}
            else:
                forms = {row[1]} | {clean_alias(a) for a in row[2].split('|') if a}
                for kv in row[3].split(';'):
                    if kv.startswith('adj='):
                        for adj in kv[4:].split('|'):
                            for k in keys(adj):
                                index[k].add('ADJ')
                                if with_adj:  # relational adjectives (российский → Россия): NEREL tags them LOC
                                    index[k].add(typ)
            for f in forms:
                for k in keys(f):
                    index[k].add(typ)
    return index


def gold(path, view, types):
    for line in open(path, encoding='utf-8'):
        d = json.loads(line)
        every = [e for e in d['entities'] if e.get('type')]
        spans = [e for e in every if e.get('coarse') in types]
        if view == 'outer':
            spans = [s for s in spans if not any(
                o is not s and o['start'] <= s['start'] and s['end'] <= o['end']
                and (o['end'] - o['start']) > (s['end'] - s['start']) for o in spans)]
        for s in spans:
            yield s['coarse'], d['text'][s['start']:s['end']], is_named(d['text'], s, every)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('gold', nargs='?', default=os.path.join(NEREL, 'jsonl', 'dev.jsonl'))
    ap.add_argument('--view', choices=['outer', 'all'], default='outer')
    ap.add_argument('--exclude-subtype', action='append', default=[])
    ap.add_argument('--any-type', action='store_true', help='count a match even if the list type differs')
    ap.add_argument('--misses', type=int, default=0)
    ap.add_argument('--no-adj', action='store_true', help='do not count adj= relational adjectives')
    a = ap.parse_args()
    index = load(set(a.exclude_subtype), not a.no_adj)
    total, hit, miss, composed = Counter(), Counter(), defaultdict(Counter), Counter()
    ntotal, nhit, nmiss = Counter(), Counter(), defaultdict(Counter)

    def matches(toks, types):
        return any(index.get(k, set()) & types for k in keys_of(toks))

    for typ, text, named in gold(a.gold, a.view, {'PER', 'ORG', 'LOC'}):
        total[typ] += 1
        ntotal[typ] += named
        toks = TOKEN.findall(text.strip('«»"\' '))
        ok = matches(toks, {'PER', 'ORG', 'LOC'} if a.any_type else {typ})
        if ok:
            hit[typ] += 1
            nhit[typ] += named
            continue
        miss[typ][text] += 1
        if named:
            nmiss[typ][text] += 1
        # Composable by a simple rule from two gazetteer hits: ORG + LOC (ФСБ России, полиция
        # Малайзии, сборной Португалии) or LOC adjective + ORG (российских властей).
        if typ == 'ORG' and any(
                (matches(toks[:i], {'ORG'}) and matches(toks[i:], {'LOC'}))
                or (matches(toks[:i], {'ADJ'}) and matches(toks[i:], {'ORG'}))
                for i in range(1, len(toks))):
            composed[typ] += 1
    print(f'gold: {a.gold} (view {a.view}); excluded subtypes: {a.exclude_subtype or "none"}; '
          f'adjectives {"not " if a.no_adj else ""}counted')
    for typ in ('LOC', 'ORG', 'PER'):
        print(f'{typ}: strict {hit[typ]}/{total[typ]} = {hit[typ] / max(1, total[typ]):.1%}; '
              f'named only {nhit[typ]}/{ntotal[typ]} = {nhit[typ] / max(1, ntotal[typ]):.1%}')
    if composed['ORG']:
        c = hit['ORG'] + composed['ORG']
        print(f'ORG incl. composable (ORG+LOC, LOC-adjective+ORG): {c}/{total["ORG"]} = {c / max(1, total["ORG"]):.1%}')
    allh, allt = sum(hit.values()), sum(total.values())
    print(f'ALL: {allh}/{allt} = {allh / max(1, allt):.1%}')
    if a.misses:
        for typ in ('LOC', 'ORG', 'PER'):
            print(f'-- {typ} misses:', ' | '.join(f'{t} ×{n}' for t, n in miss[typ].most_common(a.misses)))
        for typ in ('LOC', 'ORG', 'PER'):
            print(f'-- {typ} named misses:', ' | '.join(f'{t} ×{n}' for t, n in nmiss[typ].most_common(a.misses)))
        for typ in ('LOC', 'ORG'):
            desc = [t for t in miss[typ] if t not in nmiss[typ]]
            print(f'-- {typ} descriptive (not named) misses:', ' | '.join(desc[:a.misses]))


if __name__ == '__main__':
    main()
