#!/usr/bin/env python3
"""Generate Gazetteers/locations/regions.tsv.

Russia: every federal subject, written by hand (curated/regions_ru.tsv). Other large countries:
first-level ISO 3166-2 subdivisions from pycountry (LGPL-2.1) with Russian names from its
iso-codes translations, corrected and completed by curated/regions_world.tsv. Wikidata ids via
NEREL v1.1 links (by Russian label).
"""
import gettext
import os

import pycountry

from common import (CURATED, ENTITY_HEADER, GAZ, is_russian_cyrillic, join_aliases, join_attrs,
                    label_index, nerel_links, norm, read_tsv, slug, write_list)

COUNTRIES = ['US', 'CA', 'AU', 'DE', 'UA', 'CN', 'IN', 'BR', 'IT', 'FR', 'PL', 'GB', 'ES', 'KZ', 'BY',
             # Countries whose iso-codes Russian translations were checked by hand to be usable.
             'JP', 'AT', 'CH', 'CZ', 'GE', 'AM', 'EE', 'AF', 'IE', 'FI', 'AR', 'CL']
# Second-level subdivisions that news name as places of their own (English counties and London
# boroughs, French departments); those named like a listed city are left to cities.tsv.
SECOND_LEVEL = {'GB': {'Two-tier county', 'London borough', 'Council area', 'Unitary authority',
                       'Metropolitan district'},
                'FR': {'Metropolitan department'}}
CITY_TYPES = {'City', 'Municipality', 'Capital city', 'Capital district', 'Federal capital territory',
              'Autonomous city'}


def main():
    tr = gettext.translation('iso3166-2', os.path.join(os.path.dirname(pycountry.__file__), 'locales'),
                             languages=['ru'])
    world = {r[0]: r + [''] * (4 - len(r)) for r in read_tsv(os.path.join(CURATED, 'regions_world.tsv'))}
    links = nerel_links(splits=('train',), types={'STATE_OR_PROVINCE', 'LOCATION', 'CITY'})
    by_label = label_index(links, {'STATE_OR_PROVINCE'})
    taken = set()
    for r in read_tsv(os.path.join(GAZ, 'locations', 'cities.tsv')):
        taken.add(norm(r[1]))
        taken.update(norm(a.lstrip('=?')) for a in r[2].split('|') if a)
    for r in read_tsv(os.path.join(GAZ, 'locations', 'countries.tsv')):
        taken.add(norm(r[1]))
        taken.update(norm(a.lstrip('=?')) for a in r[2].split('|') if a)

    entries = []  # (id, name, aliases, iso, country, extra attrs)
    for r in read_tsv(os.path.join(CURATED, 'regions_ru.tsv')):
        r += [''] * (5 - len(r))
        entries.append((r[1], r[2], [a for a in r[3].split('|') if a], r[0], 'RU', r[4]))
    for cc in COUNTRIES:
        subs = sorted((s for s in pycountry.subdivisions.get(country_code=cc)
                       if not s.parent_code or s.type in SECOND_LEVEL.get(cc, ())),
                      key=lambda s: s.code)
        for s in subs:
            cur = world.get(s.code)
            if cur and cur[1] == 'drop':
                continue
            if not cur and s.type in CITY_TYPES:
                continue
            name = cur[1] if cur and cur[1] else tr.gettext(s.name)
            if s.parent_code and norm(name) in taken:
                continue
            if not is_russian_cyrillic(name.replace('’', '').replace('—', '-').replace('(', '').replace(')', '')):
                continue
            aliases = [a for a in (cur[2] if cur else '').split('|') if a]
            english = s.name.split(' [')[0].split(',')[0]
            if english != name and not s.parent_code:  # a county's or department's own-language name is rare in Russian text
                # Georgia the state vs Georgia the country: the region's English name needs context.
                aliases.append(('?' if norm(english) in taken else '') + english)
            entries.append((slug(english), name, aliases, s.code, cc, cur[3] if cur else ''))

    rows, used = [], set()
    for eid, name, aliases, iso, cc, extra in entries:
        if eid in used:
            eid = f'{eid}-{cc.lower()}'
        used.add(eid)
        qs = set()
        for n in [name] + [a.lstrip('?') for a in aliases]:
            if not n.startswith('?'):
                qs |= by_label.get(norm(n), set())
        kb = 'wikidata:' + max(sorted(qs), key=lambda q: links[q]['count']) if qs else ''
        attrs = [('kb', kb), ('iso', iso), ('country', cc)]
        extra = dict(kv.split('=', 1) for kv in extra.split(';') if kv)
        if norm(name) in taken and 'ambiguous' not in extra:
            extra['ambiguous'] = 'LOC'  # Нью-Йорк the state and the city, Берлин the Land and the city
        attrs += sorted(extra.items())
        rows.append([eid, name, join_aliases(aliases, name), join_attrs(attrs)])
    write_list(os.path.join(GAZ, 'locations', 'regions.tsv'),
               'Regions: federal subjects of Russia; first-level subdivisions of large countries.',
               'hand curation (Russia); pycountry/iso-codes ISO 3166-2 with Russian translations '
               '(LGPL-2.1); Wikidata ids via NEREL v1.1 links',
               ENTITY_HEADER, rows,
               notes=['iso= is the ISO 3166-2 code of the region itself; country= its ISO 3166-1 country.'])


if __name__ == '__main__':
    main()
