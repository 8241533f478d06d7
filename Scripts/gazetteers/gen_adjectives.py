"""Relational place adjectives (`adj=`) for cities, regions and countries.

Proposes adjective lemmas from each place name by Russian derivation rules (-ский after a
consonant stem, -ской, -инский/-анский/-енский/-имский after vowel stems, -ия → -ийский,
consonant alternations г→ж, к→ц, and the -ск/-цк stems that only add -ий) and keeps a proposal
only when the OpenCorpora dictionary (pymorphy3 + pymorphy3-dicts-ru) knows it as the lemma of a
full adjective (ADJF). The dictionary decides; the rules only generate candidates, so a wrong
rule can add nothing that is not a real Russian adjective.

Left out: places whose name is marked `ambiguous=` (a surname or a common word: Королёв →
«королевский» is 'royal'), adjectives with an ordinary non-place meaning (STOP below), and
adjectives some place already carries (the first place keeps them; cities and regions sharing a
stem — Новосибирск / Новосибирская область — resolve to the one that lists it first).

Run after gen_countries/gen_cities/gen_regions (it edits their output in place, idempotently;
hand-written adjectives are kept):
    /work/venvs/gaz2/bin/python gen_adjectives.py
Source of the added data: OpenCorpora dictionary (CC BY-SA) as a membership check, not copied;
rules are the project's own curation.
"""
import os
import re

import pymorphy3

from common import GAZ

LISTS = ['locations/countries.tsv', 'locations/cities.tsv', 'locations/regions.tsv', 'locations/other.tsv']
# Generated lists this script writes into (other.tsv is hand-written: read only for collisions).
WRITE = {'locations/cities.tsv', 'locations/regions.tsv', 'locations/countries.tsv'}

# Real adjectives whose ordinary meaning is not the place (Советск → «советский»).
STOP = {
    'советский', 'комсомольский', 'королевский', 'королёвский', 'ленинский', 'пушкинский',
    'октябрьский', 'первомайский', 'красноармейский', 'пролетарский', 'партизанский',
    'горский', 'мирский', 'городской', 'сельский', 'морской', 'речной', 'лесной', 'полевой',
    'степной', 'горный', 'кировский', 'калининский', 'ждановский', 'чеховский', 'лермонтовский',
    'гагаринский', 'дзержинский', 'фрунзенский', 'свердловский', 'куйбышевский', 'жуковский',
    'толстовский', 'ломоносовский', 'менделеевский', 'мичуринский', 'суворовский', 'кутузовский',
    'нахимовский', 'чкаловский', 'христианский', 'троицкий', 'успенский', 'никольский',
    'рождественский', 'воскресенский', 'преображенский', 'покровский', 'спасский', 'петровский',
    'павловский', 'александровский', 'михайловский', 'георгиевский', 'ивановский',
    'алексеевский', 'екатерининский', 'елизаветинский', 'мариинский', 'ангельский', 'царский',
    'княжеский', 'графский', 'барский', 'шахтёрский', 'шахтерский', 'заводской', 'славянский',
    'майский', 'мартовский', 'августовский', 'марсианский', 'лунный', 'земной', 'солнечный',
    'ветеранский', 'ключевской', 'ключевский', 'энергетический', 'металлургический',
    # checked in the first run's output: real adjectives, but not (mainly) of that place
    'мирской', 'франкский', 'валлийский', 'трентонский', 'братский', 'ноябрьский', 'балтийский',
    'амурский', 'волжский', 'вознесенский', 'богородский', 'будский', 'уйский', 'сувский',
    'виговский', 'вишневский', 'мишкинский', 'марский', 'аккрский', 'доминикский', 'знаменский',
    'таборинский', 'тамалинский', 'брединский', 'аннинский', 'гаринский', 'энский', 'ютский',
    'колымский', 'зауральский', 'лимский', 'медвежий', 'арауканский', 'русский', 'русинский',
}

VOWELS = 'аеёиоуыэюя'
ALTERNATIONS = {'г': 'ж', 'к': 'ц', 'х': 'ш', 'ц': 'ц'}


def strength(word, adjective):
    """The direct derivations (Омск → омский, Казань → казанский, Берлин → берлинский): when two
    places propose the same adjective, a direct derivation beats an inserted syllable (Луга →
    «луганский» loses to Луганск), and keeping the whole name beats dropping its last letter
    (Лугано → «луганский» loses to Луганск too)."""
    w = word.lower()
    if w.endswith(('ск', 'цк')) and adjective in (w + 'ий', w + 'ой'):
        return 2                               # the whole name is the stem
    if adjective == w + 'ский':
        return 2
    if adjective in (w[:-1] + 'ский', w[:-1] + 'ской') or \
       (w.endswith('ия') and adjective in (w[:-2] + 'ийский', w[:-2] + 'ский')):
        return 1                               # final vowel or soft sign dropped
    return 0


def proposals(word):
    """Candidate adjective lemmas for one lowercase place word (Cyrillic, may contain '-')."""
    w = word.lower()
    out = []

    def add(stem, *suffixes):
        for s in suffixes:
            if stem:
                out.append(stem + s)

    if w.endswith(('ск', 'цк')):          # Омск → омский, Донецк → донецкий
        add(w, 'ий', 'ой')
    if w.endswith('ия'):                   # Калифорния → калифорнийский, Бавария → баварский
        add(w[:-2], 'ийский', 'ский', 'янский')
    if w.endswith('ея'):                   # Корея → корейский
        add(w[:-1], 'йский')
    if w.endswith('ь'):                    # Казань → казанский, Брюссель → брюссельский, Тверь → тверской
        add(w[:-1], 'ский', 'ской', 'ьский')
        add(w, 'ский')
    if w.endswith('й'):                    # Алтай → алтайский
        add(w, 'ский')
    if w[-1] not in VOWELS and w[-1] not in 'ьй':
        add(w, 'ский', 'ской', 'инский', 'анский', 'енский')
        if w[-1] in ALTERNATIONS:          # Петербург → петербургский; Рига-like handled below
            add(w[:-1] + ALTERNATIONS[w[-1]], 'ский', 'кий')
    if w[-1] in VOWELS:
        stem = w[:-1]
        add(stem, 'ский', 'ской', 'инский', 'анский', 'янский', 'енский', 'имский', 'ийский', 'ьский')
        add(w, 'нский', 'вский', 'ский', 'йский')   # Сочи → сочинский, Осло → …, Токио → токийский
        if stem and stem[-1] in ALTERNATIONS:      # Рига → рижский, Прага → пражский
            add(stem[:-1] + ALTERNATIONS[stem[-1]], 'ский')
        if len(stem) > 1 and stem[-1] in 'ыи':     # Канны → каннский
            add(stem[:-1], 'ский')
    # -ов/-ев/-ин stems are covered by consonant + 'ский' (Ростов → ростовский).
    seen = []
    for p in out:
        p = p.replace('--', '-')
        if p not in seen:
            seen.append(p)
    return seen


_MORPH = pymorphy3.MorphAnalyzer()


def is_adjf_lemma(word):
    for p in _MORPH.parse(word):
        if 'ADJF' in p.tag and p.normal_form == word.replace('ё', 'е') or \
           'ADJF' in p.tag and p.normal_form == word:
            return p.is_known
    return False


def parse_attrs(s):
    return [kv for kv in s.split(';') if kv] if s else []


def read(path):
    with open(os.path.join(GAZ, path), encoding='utf-8') as f:
        return f.read().split('\n')


def main():
    files = {p: read(p) for p in LISTS}
    taken = set()
    for p in LISTS:
        for line in files[p]:
            if not line or line.startswith('#'):
                continue
            cols = line.split('\t')
            for kv in parse_attrs(cols[3] if len(cols) > 3 else ''):
                if kv.startswith('adj='):
                    taken.update(a.replace('ё', 'е') for a in kv[4:].split('|'))
    # Pass 1: every proposal of each place that the dictionary confirms, in rule order, with
    # its strength; the canonical name's proposals come before its aliases'.
    options = {}                               # (list, line index) -> [(adjective, strength)]
    order = []
    for p in LISTS:
        if p not in WRITE:
            continue
        for i, line in enumerate(files[p]):
            if not line or line.startswith('#'):
                continue
            cols = line.split('\t')
            if len(cols) < 4:
                continue
            attrs = parse_attrs(cols[3])
            if any(kv.startswith('adj=') or kv.startswith('ambiguous=') for kv in attrs):
                continue
            names = [cols[1]] + [a for a in cols[2].split('|') if a and a[0] not in '?=[']
            hits = []
            for name in names:
                if ' ' in name or not re.match(r'^[А-Яа-яЁё][А-Яа-яЁё\-]+$', name) or name.isupper():
                    continue                   # phrases, abbreviations (США)
                for prop in proposals(name):
                    key = prop.replace('ё', 'е')
                    if prop in STOP or key in STOP or key in taken or any(h[0] == prop for h in hits):
                        continue
                    if is_adjf_lemma(prop):
                        hits.append((prop, strength(name, prop)))
            if hits:
                options[(p, i)] = hits
                order.append((p, i))
    # Pass 2: each place takes its first proposal not yet lost; an adjective proposed by several
    # places goes to the stronger derivation, then to the first place in list order (countries,
    # cities, regions); a loser moves on to its next proposal (Луга: «луганский» → «лужский").
    # Repeated until nothing changes, so the result does not depend on earlier runs.
    pick = {k: 0 for k in order}
    while True:
        winner = {}
        for k in order:
            if pick[k] >= len(options[k]):
                continue
            adj, power = options[k][pick[k]]
            key = adj.replace('ё', 'е')
            if key not in winner or power > options[winner[key]][pick[winner[key]]][1]:
                winner[key] = k
        changed = False
        for k in order:
            if pick[k] < len(options[k]) and winner[options[k][pick[k]][0].replace('ё', 'е')] != k:
                pick[k] += 1
                changed = True
        if not changed:
            break
    chosen = {k: options[k][pick[k]] for k in order if pick[k] < len(options[k])}
    for p in LISTS:
        if p not in WRITE:
            continue
        lines = files[p]
        added = 0
        for i, line in enumerate(lines):
            k = (p, i)
            if k not in chosen:
                continue
            cols = line.split('\t')
            cols[3] = ';'.join(parse_attrs(cols[3]) + ['adj=' + chosen[k][0]])
            lines[i] = '\t'.join(cols)
            added += 1
        with open(os.path.join(GAZ, p), 'w', encoding='utf-8') as f:
            f.write('\n'.join(lines))
        print(p, 'rows with a new adj:', added)

if __name__ == '__main__':
    main()
