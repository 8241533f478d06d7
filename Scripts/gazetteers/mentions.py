"""Which gold mentions carry a name of their own (dev-time helper for coverage.py and
gen_nerel.py). NEREL tags descriptions («правительство», «полиция Малайзии», «российских
властей») as ORGANIZATION too; these helpers tell them from names («МВД», «Верховная Рада»,
«Лаборатория Касперского») by capitalisation, script and the dictionary. A heuristic.
"""
import re

import pymorphy3

MORPH = pymorphy3.MorphAnalyzer()
TOKEN = re.compile(r"[0-9A-Za-zА-Яа-яЁёÀ-ÿ$&+]+")


ADJ_END = re.compile(r'(ск|цк)(ий|ая|ое|ие|ого|ой|ому|им|ом|их|ими|ую)$')
PROPER = {'Name', 'Surn', 'Patr', 'Geox', 'Orgn', 'Trad'}


def sentence_start(text, i):
    j = i - 1
    while j >= 0 and text[j] in ' \t«"\'(':
        j -= 1
    return j < 0 or text[j] in '.!?\n:;'


def looks_named(word, at_start):
    if re.search(r'[A-Za-z0-9]', word) or (len(word) >= 2 and word.isupper()):
        return True
    if not word[:1].isupper():
        return False
    if not at_start:
        return True
    parses = [p for p in MORPH.parse(word.lower()) if p.is_known]
    return not parses or all(PROPER & set(p.tag.grammemes) for p in parses[:1])


def is_named(text, span, spans):
    """The mention has a name of its own (see the module doc)."""
    s, e = span['start'], span['end']
    if s > 0 and text[s - 1] in '«"' or '«' in text[s:e] or '"' in text[s:e]:
        return True
    # Nested mentions of another type (a country, a person, a nationality) are not the name of
    # this one; a nested mention of the same type is («Законодательного собрания» in «…
    # Кировской области»), and so is a capitalised derived adjective inside a sentence
    # («Строгановское училище», «в Иллинойсском университете»: Russian capitalises such an
    # adjective only as part of a name, unlike «российских властей»).
    def part_of_name(o):
        t = text[o['start']:o['end']]
        return (' ' not in t and ADJ_END.search(t) and t[:1].isupper()
                and (o.get('coarse') == 'PER' or not sentence_start(text, o['start'])))
    inner = [o for o in spans if o is not span and s <= o['start'] and o['end'] <= e
             and (o['end'] - o['start']) < (e - s) and o.get('coarse') != span.get('coarse')
             and not part_of_name(o)]
    for m in TOKEN.finditer(text, s, e):
        if any(o['start'] <= m.start() and m.end() <= o['end'] for o in inner):
            continue
        if looks_named(m.group(), sentence_start(text, m.start())):
            return True
    return False
