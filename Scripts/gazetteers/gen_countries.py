#!/usr/bin/env python3
"""Generate Gazetteers/locations/countries.tsv.

Sources: ISO 3166-1 codes and English names from pycountry (LGPL-2.1; ISO 3166 via Debian
iso-codes), Russian official names from pycountry's iso-codes Russian translations
(iso3166-1.mo, LGPL-2.1), Russian and English display names from CLDR via babel
(Unicode License v3), Wikidata ids from NEREL v1.1 `N` links (train+dev), plus the curated overlay
Scripts/gazetteers/curated/countries.tsv.
"""
import gettext
import os

import pycountry
from babel import Locale

from common import (CURATED, ENTITY_HEADER, GAZ, join_aliases, join_attrs, label_index,
                    nerel_links, norm, read_tsv, slug, write_list)

LOC_TYPES = {'COUNTRY', 'STATE_OR_PROVINCE', 'LOCATION', 'CITY', 'ORGANIZATION'}

# Ids for codes whose English short name is awkward as a slug.
ID_OVERRIDES = {'US': 'united-states', 'GB': 'united-kingdom', 'KP': 'north-korea',
                'KR': 'south-korea', 'RU': 'russia', 'IR': 'iran', 'SY': 'syria',
                'VN': 'vietnam', 'LA': 'laos', 'TW': 'taiwan', 'BO': 'bolivia',
                'VE': 'venezuela', 'TZ': 'tanzania', 'MD': 'moldova', 'FM': 'micronesia',
                'PS': 'palestine', 'CD': 'dr-congo', 'CG': 'congo', 'VA': 'vatican',
                'BN': 'brunei', 'CZ': 'czechia', 'MK': 'north-macedonia', 'XK': 'kosovo',
                'CI': 'cote-d-ivoire', 'TR': 'turkey'}


def main():
    ru = Locale('ru').territories
    en = Locale('en').territories
    tr = gettext.translation('iso3166-1', os.path.join(os.path.dirname(pycountry.__file__), 'locales'),
                             languages=['ru'])
    curated = {r[0]: r for r in read_tsv(os.path.join(CURATED, 'countries.tsv'))}
    links = nerel_links(splits=('train',), types=LOC_TYPES)  # never dev: dev is only measured
    by_label = label_index(links, {'COUNTRY'})

    countries = [(c.alpha_2, c) for c in pycountry.countries]
    countries.append(('XK', None))  # Kosovo: CLDR user-assigned code, widely used
    rows = []
    for a2, c in countries:
        cur = curated.get(a2, [a2, '', '', ''])
        cur += [''] * (4 - len(cur))
        cldr_ru = ru.get(a2, '')
        name = cur[1] or cldr_ru.replace('Соединенные', 'Соединённые')
        aliases = [a for a in cur[2].split('|') if a]  # curated first: their spelling wins
        if cldr_ru and cldr_ru != name:
            aliases.append(cldr_ru)
        if c is not None:
            for attr in ('name', 'official_name'):
                v = getattr(c, attr, None)
                if v:
                    t = tr.gettext(v)
                    if t != v:
                        aliases.append(t)
        english = []
        if c is not None:
            for attr in ('common_name', 'name', 'official_name'):
                v = getattr(c, attr, None)
                if v and ',' not in v:
                    english.append(v)
        if en.get(a2):
            english.insert(0, en[a2])
        aliases += english
        # Russian names of the form "о-ва X" (CLDR abbreviations) read better spelled out.
        aliases = [a.replace('о-ва ', 'острова ').replace('о-в ', 'остров ') for a in aliases]
        name = name.replace('о-ва', 'острова').replace('о-в ', 'остров ').replace(' - ', '-')
        cid = ID_OVERRIDES.get(a2) or slug(en.get(a2) or c.name)
        qs = set()
        # Only the canonical and CLDR names are trusted for the label -> id lookup: short
        # aliases (Конго, Америка) are shared with rivers, continents and namesakes.
        short = [kv[6:] for kv in cur[3].split(';') if kv.startswith('short=')]
        for n in [name, cldr_ru] + short:
            qs |= by_label.get(norm(n), set())
        kb = ''
        if len(qs) == 1:
            kb = 'wikidata:' + qs.pop()
        elif len(qs) > 1:  # several Wikidata items share a label: take the most linked one
            kb = 'wikidata:' + max(sorted(qs), key=lambda q: links[q]['count'])
        attrs = [('kb', kb), ('iso', a2), ('iso3', c.alpha_3 if c is not None else 'XKX')]
        extra = [kv.split('=', 1) for kv in cur[3].split(';') if kv]
        attrs += [(k, v) for k, v in extra]
        rows.append([cid, name, join_aliases(aliases, name), join_attrs(attrs)])
    write_list(os.path.join(GAZ, 'locations', 'countries.tsv'),
               'Countries and territories (ISO 3166-1, plus Kosovo XK).',
               'pycountry/iso-codes (LGPL-2.1), CLDR via babel (Unicode License v3), '
               'Wikidata ids via NEREL v1.1 links (CC0 ids), hand curation',
               ENTITY_HEADER, rows)


if __name__ == '__main__':
    main()
