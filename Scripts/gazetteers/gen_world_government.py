#!/usr/bin/env python3
"""Generate Gazetteers/organizations/government-world.tsv: the core government bodies of the
countries news write about most, named the way Russian news names them — «Министерство
иностранных дел Франции» with «МИД Франции», «Минобороны Японии», «МВД Турции», «Верховный суд
Испании», «Центробанк Турции».

Countries: those NEREL v1.1 **train** links to Wikidata at least MIN_LINKS times (Russia is
left out: its bodies are written by hand in government-ru.tsv). Country names come from
locations/countries.tsv (the display name and all-caps abbreviations: ФРГ, КНР, КНДР, ОАЭ), put
into the genitive with pymorphy3. Bodies that a curated list already holds under the same name
are skipped (the curated entry wins). Deterministic: sorted output.
"""
import os
import re

from common import ENTITY_HEADER, GAZ, fold, nerel_links, read_tsv, write_list
from gen_nerel import existing_forms
from mentions import MORPH

MIN_LINKS = 10
# (id suffix, full name template, short name templates)
BODIES = [
    ('mfa', 'Министерство иностранных дел {}', ['МИД {}']),
    ('defence', 'Министерство обороны {}', ['Минобороны {}']),
    ('interior', 'Министерство внутренних дел {}', ['МВД {}']),
    ('finance', 'Министерство финансов {}', ['Минфин {}']),
    ('justice', 'Министерство юстиции {}', ['Минюст {}']),
    ('health', 'Министерство здравоохранения {}', ['Минздрав {}']),
    ('supreme-court', 'Верховный суд {}', []),
    ('central-bank', 'Центральный банк {}', ['Центробанк {}', 'ЦБ {}']),
]


def genitive(name):
    """«Южная Корея» → «Южной Кореи», «Соединённые Штаты Америки» → «Соединённых Штатов Америки»:
    the adjectives and the first noun change, a genitive tail stays; None when unsure."""
    words = name.split()
    out = []
    for i, w in enumerate(words):
        parses = [p for p in MORPH.parse(w.lower()) if 'nomn' in p.tag and p.tag.POS in ('NOUN', 'ADJF')]
        if not parses:
            return None
        p = parses[0]
        g = p.inflect({'gent', p.tag.number or 'sing'})
        if g is None:
            return None
        word = g.word
        out.append('-'.join(x[:1].upper() + x[1:] if o[:1].isupper() else x
                            for o, x in zip(w.split('-'), word.split('-'))) if '-' in w
                   else (word[:1].upper() + word[1:] if w[:1].isupper() else word))
        if p.tag.POS == 'NOUN':
            return ' '.join(out + words[i + 1:])
    return ' '.join(out)


def main():
    links = nerel_links(splits=('train',), types={'COUNTRY'})
    counts = {q: e['count'] for q, e in links.items()}
    existing, _ = existing_forms(skip=('nerel-train', 'government-world'))
    rows = []
    for r in read_tsv(os.path.join(GAZ, 'locations', 'countries.tsv')):
        ident, name, aliases, attrs = (r + [''] * 4)[:4]
        kv = dict(x.split('=', 1) for x in attrs.split(';') if '=' in x)
        q = kv.get('kb', '').replace('wikidata:', '')
        if not q or counts.get(q, 0) < MIN_LINKS or kv.get('iso') == 'RU':
            continue
        display = kv.get('short', name)
        if display.isupper():  # США, КНР: the abbreviation itself is indeclinable
            display = name if len(name.split()) <= 2 else display
        if ' и ' in display:  # «Босния и Герцеговина»: two nouns to inflect; written by hand if needed
            continue
        gen = display if display.isupper() else genitive(display)
        if not gen:
            continue
        abbrs = sorted({a for a in [name, display] + aliases.split('|')
                        if a and not a.startswith(('?', '=')) and re.fullmatch(r'[А-ЯЁ]{2,5}', a)})
        for suffix, full, shorts in BODIES:
            title = full.format(gen)
            if fold(title) in existing:
                continue
            forms = [s.format(g) for s in shorts for g in [gen] + abbrs] + [full.format(a) for a in abbrs]
            forms = [f for f in dict.fromkeys(forms) if fold(f) not in existing and fold(f) != fold(title)]
            rows.append([f'{ident}-{suffix}', title, '|'.join(forms), f'country={kv.get("iso", "")}'])
    write_list(os.path.join(GAZ, 'organizations', 'government-world.tsv'),
               'Core government bodies of the countries most named in the news (ministries, supreme court, central bank).',
               'template over locations/countries.tsv names (genitive by pymorphy3); countries chosen by NEREL v1.1 '
               'train link counts; Scripts/gazetteers/gen_world_government.py',
               ENTITY_HEADER, rows,
               notes=['A body already in a curated list (government-foreign.tsv) is left to that list.'])


if __name__ == '__main__':
    main()
