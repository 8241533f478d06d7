#!/usr/bin/env python3
"""Generate Gazetteers/persons/persons.tsv.

Sources: the hand-curated list Scripts/gazetteers/curated/persons.tsv (officials, heads of state
and government, ministers, diplomats; general knowledge) and the persons NEREL v1.1 train links
to Wikidata at least twice (their Wikidata Russian labels, split into last/first/patronymic).
Gender from the patronymic, else from pymorphy3's OpenCorporа first-name tags (CC BY-SA), else
from a Russian surname ending; persons whose gender stays unknown are left out.
"""
import os
import re

import pymorphy3

from common import (CURATED, GAZ, PERSON_HEADER, join_aliases, join_attrs, nerel_links, read_tsv,
                    write_list)

MORPH = pymorphy3.MorphAnalyzer()
CYR2LAT = {'а': 'a', 'б': 'b', 'в': 'v', 'г': 'g', 'д': 'd', 'е': 'e', 'ё': 'e', 'ж': 'zh', 'з': 'z',
           'и': 'i', 'й': 'y', 'к': 'k', 'л': 'l', 'м': 'm', 'н': 'n', 'о': 'o', 'п': 'p', 'р': 'r',
           'с': 's', 'т': 't', 'у': 'u', 'ф': 'f', 'х': 'kh', 'ц': 'ts', 'ч': 'ch', 'ш': 'sh',
           'щ': 'shch', 'ъ': '', 'ы': 'y', 'ь': '', 'э': 'e', 'ю': 'yu', 'я': 'ya'}
NAME_WORD = re.compile(r"^[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*$")
PARTICLES = {'де', 'да', 'ди', 'дель', 'фон', 'ван', 'аль', 'эль', 'ибн', 'бин', 'ле', 'ла', 'дер', 'оглы'}


MALE_IN_A = {'никола', 'илья', 'лука', 'фома', 'кузьма', 'никита', 'саша', 'миша', 'ваня', 'юра',
             'коля', 'дима', 'люка', 'жора', 'габа', 'муса', 'иса', 'яхья', 'мустафа', 'хамза',
             'акира', 'сёдзи', 'йошида', 'андреа', 'лучиано'}


def slug_ru(text):
    t = ''.join(CYR2LAT.get(ch, ch) for ch in text.lower())
    return re.sub(r'[^a-z0-9]+', '-', t).strip('-')


def is_patronymic(w):
    return bool(re.search(r'(вич|вна|ична|ьич|оглы|кызы)$', w))


def parse_label(label):
    """'Владимир Владимирович Путин' / 'Руснок, Иржи' / 'Барак Обама' -> (last, first, patr)."""
    label = label.strip()
    if ',' in label:
        last, rest = [p.strip() for p in label.split(',', 1)]
        words = rest.split()
        if not words:
            return None
        first, patr = words[0], ' '.join(words[1:])
        if patr and not is_patronymic(patr):
            return None
    else:
        words = label.split()
        if len(words) == 2:
            first, last, patr = words[0], words[1], ''
        elif len(words) == 3 and is_patronymic(words[1]):
            first, patr, last = words
        else:
            return None
    for w in [last, first] + ([patr] if patr else []):
        for part in w.split():
            if part not in PARTICLES and not NAME_WORD.match(part):
                return None
    return last, first, patr


def gender_of(last, first, patr):
    if patr:
        return 'f' if re.search(r'(вна|ична|кызы)$', patr) else 'm'
    counts = {'m': 0.0, 'f': 0.0}
    for p in MORPH.parse(first.split('-')[0]):
        if 'Name' in p.tag and p.is_known and 'nomn' in p.tag:
            if 'masc' in p.tag:
                counts['m'] += p.score
            elif 'femn' in p.tag:
                counts['f'] += p.score
    if counts['m'] != counts['f']:
        return max(counts, key=counts.get)
    if re.search(r'(ова|ева|ёва|ина|ская|цкая)$', last):
        return 'f'
    if re.search(r'(ов|ев|ёв|ин|ский|цкий)$', last):
        return 'm'
    # Foreign first names the dictionary does not know: a consonant ending is male (Милош,
    # Ратко is not decided), -а/-я female except the usual male names in -а/-я.
    f = first.split('-')[0].lower()
    if f in MALE_IN_A:
        return 'm'
    if re.search(r'[бвгджзйклмнпрстфхцчшщ]$', f):
        return 'm'
    if re.search(r'[ая]$', f):
        return 'f'
    return ''


def plausible_surname(last):
    """NEREL labels such as «Дева Мария», «Эдгар По», «Иисус Христос» would put a first name, a
    preposition or a common word into the surname slot, and the bare-surname variant would then
    match «По» at every sentence start. Such persons are left to the rules."""
    if len(last) <= 2:
        return False
    for p in MORPH.parse(last):
        if not p.is_known or 'nomn' not in p.tag or p.normal_form.replace('ё', 'е') != last.lower().replace('ё', 'е'):
            continue
        if 'Surn' in p.tag:
            return True
        if 'Name' in p.tag or 'Geox' in p.tag or p.tag.POS not in ('NOUN', None) or p.score >= 0.3:
            return False
    return True


def main():
    people = {}  # (last, first) -> dict
    order = []
    for r in read_tsv(os.path.join(CURATED, 'persons.tsv')):
        r += [''] * (6 - len(r))
        last, first, patr, gender, aliases, attrs = r[:6]
        key = (last, first)
        people[key] = {'last': last, 'first': first, 'patr': patr, 'gender': gender,
                       'aliases': [a for a in aliases.split('|') if a],
                       'attrs': dict(kv.split('=', 1) for kv in attrs.split(';') if kv)}
        order.append(key)
    links = nerel_links(splits=('train',), types={'PERSON'})
    for q, e in sorted(links.items(), key=lambda kv: (-kv[1]['count'], kv[0])):
        if e['types'].most_common(1)[0][0] != 'PERSON':
            continue
        parsed = parse_label(e['label']) if e['label'] else None
        if not parsed:
            continue
        last, first, patr = parsed
        key = (last, first)
        if key not in people and (first, last) in people and \
                people[(first, last)]['attrs'].get('order') == 'eastern':
            key = (first, last)  # «Си Цзиньпин» parsed as first Си, last Цзиньпин
        if key in people:
            p = people[key]
            p['attrs'].setdefault('kb', 'wikidata:' + q)
            if not p['patr'] and patr:
                p['patr'] = patr
            continue
        if e['count'] < 2:
            continue
        if not plausible_surname(last):
            continue
        gender = gender_of(last, first, patr)
        if not gender:
            continue
        people[key] = {'last': last, 'first': first, 'patr': patr, 'gender': gender, 'aliases': [],
                       'attrs': {'kb': 'wikidata:' + q}}
        order.append(key)

    rows, used = [], set()
    for key in order:
        p = people[key]
        eastern = p['attrs'].get('order') == 'eastern'
        pid = slug_ru(f"{p['last']} {p['first']}" if eastern else f"{p['first']} {p['last']}")
        if pid in used:
            pid = slug_ru(f"{p['first']} {p['patr']} {p['last']}")
        if pid in used:
            pid = f"{pid}-{p['attrs'].get('kb', '').split(':')[-1].lower()}"
        used.add(pid)
        a = p['attrs']
        attrs = [('kb', a.pop('kb', ''))] + sorted(a.items())
        full = ' '.join(x for x in (p['first'], p['patr'], p['last']) if x)
        if eastern:  # the generated variant already says «Си Цзиньпин»
            p['aliases'] = [a for a in p['aliases'] if a != f"{p['last']} {p['first']}"]
        rows.append([pid, p['last'], p['first'], p['patr'], p['gender'],
                     join_aliases(p['aliases'], full), join_attrs(attrs)])
    write_list(os.path.join(GAZ, 'persons', 'persons.tsv'),
               'Notable persons: officials, heads of state and government, ministers, diplomats, public figures.',
               'hand curation (general knowledge); NEREL v1.1 train Wikidata links (labels and ids)',
               PERSON_HEADER, rows,
               notes=['Variants (Last; First Last; F. Last; Last F. P.; First Patronymic Last) are generated, '
                      'never typed. order=eastern: family name first (Си Цзиньпин).'])


if __name__ == '__main__':
    main()
