#!/usr/bin/env python3
"""Organizations and places named in NEREL v1.1 **train** (never dev) that no other list holds:
organizations/nerel-train.tsv and locations/nerel-train.tsv.

What is taken from NEREL is names and ids as data: the annotated ORGANIZATION (and LOCATION,
DISTRICT, STATE_OR_PROVINCE, CITY) spans and their Wikidata links (`N` lines). The text is read
only to tell a name from a description (mentions.is_named: «полиция Малайзии» is dropped,
«Верховной Рады» kept). Each span is put back into the nominative (nominative.py) and spans are
grouped into one entry per Wikidata id, or per nominative form when unlinked.

Kept out: entities whose Wikidata label is lowercase (generic concepts: правительство, полиция,
министерство внутренних дел — a link to the concept, not to one body); single-word names that
the dictionary knows as an ordinary noun and that are not all caps, unless marked
ambiguous=common; forms already in another list (that entry is the one to edit); names that are
another type's entry get ambiguous=LOC/PER/ORG. Deterministic: sorted output.
"""
import glob
import json
import os
import re
from collections import Counter, defaultdict

from common import ENTITY_HEADER, GAZ, NEREL, fold, read_tsv, slug, write_list
from mentions import MORPH, is_named
from nominative import nominative

ORG_TYPES = {'ORGANIZATION'}
LOC_TYPES = {'LOCATION': 'location', 'DISTRICT': 'district', 'STATE_OR_PROVINCE': 'region', 'CITY': 'city'}
LATIN = re.compile(r'[A-Za-z]')
QUOTES = '«»"“”„'


def train_links():
    """(doc id, T id) -> (Q id or None, Wikidata label) from train .ann files."""
    out = {}
    for ann in sorted(glob.glob(os.path.join(NEREL, 'train', '*.ann'))):
        doc = os.path.basename(ann)[:-4]
        for line in open(ann, encoding='utf-8'):
            p = line.rstrip('\n').split('\t')
            if not p[0].startswith('N') or len(p) < 2:
                continue
            parts = p[1].split()
            if len(parts) < 3 or ':' not in parts[2]:
                continue
            m = re.match(r'Q\d+', parts[2].split(':', 1)[1])
            out[(doc, parts[1])] = (m.group() if m else None, p[2].strip() if len(p) > 2 else '')
    return out


def existing_forms(skip=('nerel-train',)):
    """Folded form -> set of (type, subtype) over every list except the generated ones named in `skip`."""
    forms = defaultdict(set)
    kbs = set()
    for r in read_tsv(os.path.join(GAZ, 'index.tsv')):
        path, typ, subtype, schema = r[:4]
        if any(s in path for s in skip):
            continue
        for row in read_tsv(os.path.join(GAZ, path)):
            if schema == 'person':
                names = [row[1], f'{row[2]} {row[1]}'] + [a.lstrip('?=') for a in row[5].split('|') if a]
                attrs = row[6] if len(row) > 6 else ''
            else:
                names = [row[1]] + [a.lstrip('?=').replace('[', '').replace(']', '') for a in row[2].split('|') if a]
                attrs = row[3] if len(row) > 3 else ''
            for n in names:
                forms[fold(n)].add((typ, subtype))
            for kv in attrs.split(';'):
                if kv.startswith('kb=wikidata:'):
                    kbs.add(kv.split(':', 1)[1])
    return forms, kbs


def common_word(word):
    """A Cyrillic word the dictionary knows as an ordinary (not proper) noun or adjective."""
    if not re.match(r'^[а-яё-]+$', word.lower()) or (len(word) > 1 and word.isupper()):
        return False
    for p in MORPH.parse(word.lower()):
        if p.is_known and not ({'Name', 'Surn', 'Patr', 'Geox', 'Orgn', 'Trad'} & set(p.tag.grammemes)):
            return True
    return False


def inflections(form):
    """Lower-case words of every lexeme a one-word form may belong to (to drop «Металлоинвеста»
    when «Металлоинвест» is there too)."""
    out = set()
    if ' ' in form:
        return out
    for p in MORPH.parse(form.lower()):
        out |= {f.word.replace('ё', 'е') for f in p.lexeme}
    return out


TRANSLIT = dict(zip('абвгдеёжзийклмнопрстуфхцчшщъыьэюя',
                    ['a', 'b', 'v', 'g', 'd', 'e', 'e', 'zh', 'z', 'i', 'y', 'k', 'l', 'm', 'n', 'o', 'p', 'r', 's',
                     't', 'u', 'f', 'kh', 'ts', 'ch', 'sh', 'shch', '', 'y', '', 'e', 'yu', 'ya']))


def ascii_id(name):
    """Readable ASCII id: «Верховная Рада» → verkhovnaya-rada (at most five words)."""
    t = ''.join(TRANSLIT.get(ch, ch) for ch in name.lower())
    return '-'.join(slug(t).split('-')[:5])


def lemma_key(name):
    """Lemmas of the words: two names with one key inflect into each other."""
    return tuple(sorted({p.normal_form.replace('ё', 'е') for p in MORPH.parse(w.lower())})[0]
                 if re.match(r'^[А-Яа-яЁё-]+$', w) else w.lower() for w in re.findall(r'[\w-]+', name))


def clean(text):
    t = ' '.join(text.split())
    t = re.sub(r'\s*-\s*', '-', t) if re.search(r'\w\s+-\s+\w', t) is None else t
    return t.strip(' ,.;:()\'’')


def harvest(types):
    links = train_links()
    groups = defaultdict(lambda: {'forms': Counter(), 'labels': Counter(), 'types': Counter(), 'docs': set()})
    for line in open(os.path.join(NEREL, 'jsonl', 'train.jsonl'), encoding='utf-8'):
        d = json.loads(line)
        every = [e for e in d['entities'] if e.get('type')]
        for e in every:
            if e['type'] not in types or e.get('fragments'):
                continue
            if not is_named(d['text'], e, every):
                continue
            raw = clean(d['text'][e['start']:e['end']])
            if not raw or '\n' in raw:
                continue
            q, label = links.get((d['id'], e['id']), (None, ''))
            if q and label and not (label[:1].isupper() or LATIN.search(label) or label[:1].isdigit()):
                continue  # linked to a generic concept
            # A description around a name («совет директоров Apple», «пресс-служба МВД») starts
            # with a lowercase word: the name inside is its own mention.
            if raw[:1].islower() and not LATIN.match(raw):
                continue
            if raw.count('«') != raw.count('»') or raw.count('"') % 2 or "''" in raw:
                continue  # a span cut inside a quoted title
            inner = raw[1:-1] if len(raw) > 2 and raw[0] in QUOTES and raw[-1] in QUOTES else raw
            nom = nominative(inner)
            if not nom:
                continue
            key = q or 'form:' + fold(nom)
            g = groups[key]
            g['forms'][nom] += 1
            if label:
                g['labels'][label] += 1
            g['types'][e['type']] += 1
            g['docs'].add(d['id'])
    return groups


def build(groups, typ, existing, kbs, kind_of=None):
    rows, used_ids = [], set()
    taken = {}  # folded form -> id in this list (a form goes to one entry only)
    for key in sorted(groups, key=lambda k: (-len(groups[k]['docs']), k)):
        g = groups[key]
        q = key if key.startswith('Q') else None
        if q and q in kbs:
            continue  # the entity is in a curated list already
        forms = [f for f, _ in sorted(g['forms'].items(), key=lambda x: (-x[1], x[0]))]
        # Drop a one-word form that is an inflection of another form of the same entity.
        kept = []
        for f in forms:
            if any(f.lower().replace('ё', 'е') in inflections(o) and o != f and g['forms'][o] >= g['forms'][f]
                   for o in forms if ' ' not in o):
                continue
            kept.append(f)
        label = g['labels'].most_common(1)[0][0] if g['labels'] else ''
        if label.count('«') != label.count('»') or label.count('"') % 2 or any(ch in label for ch in ',;()'):
            label = ''
        candidates = kept
        if label and (label[:1].isupper() or LATIN.search(label)):
            # NEREL links are sometimes wrong («Британская монархия» on a mention of the Ministry
            # of Defence): a form joins a linked entry only if it shares a word with the label,
            # is an abbreviation starting like it, or is the Latin name of a Cyrillic label.
            lw = set(lemma_key(label))
            def fits(f):
                if set(lemma_key(f)) & lw:
                    return True
                if len(f) > 1 and f.replace('-', '').isupper():
                    return f[:1] == label[:1]
                return bool(LATIN.search(f)) != bool(LATIN.search(label))
            candidates = [label] + [f for f in kept if fold(f) != fold(label) and fits(f)]
        ambiguous = set()
        names, seen_lemmas = [], set()
        for f in candidates:
            k = fold(f)
            if k in taken or lemma_key(f) in seen_lemmas:
                continue
            other = existing.get(k, set())
            if any(t == typ for t, _ in other):
                names = []  # already listed under this type: leave the entity to that list
                break
            if other:
                continue  # another type's name (a city, a person): the club or firm needs context
            seen_lemmas.add(lemma_key(f))
            words = f.split()
            if len(words) == 1 and common_word(words[0]):
                ambiguous.add('common')
            names.append(f)
        if not names:
            continue
        # A name seen once, in one document, that is one ordinary word: too weak to keep.
        if len(g['docs']) < 2 and 'common' in ambiguous:
            continue
        base = ascii_id(names[0]) or (q or 'nerel').lower()
        ident = base
        n = 2
        while ident in used_ids:
            ident = f'{base}-{n}'
            n += 1
        used_ids.add(ident)
        for f in names:
            taken[fold(f)] = ident
        attrs = []
        if q:
            attrs.append(('kb', 'wikidata:' + q))
        if kind_of:
            attrs.append(('kind', kind_of[g['types'].most_common(1)[0][0]]))
        # Made only of ordinary words («Государственный совет», «Русский музей»): every country
        # has one, so the name needs context; a longer alias of that kind gets `?`.
        if 1 < len(names[0].split()) <= 2 and all(common_word(w) for w in names[0].split()):
            ambiguous.add('common')
        names = [names[0]] + ['?' + f if all(common_word(w) for w in f.split()) else f for f in names[1:]]
        if ambiguous:
            attrs.append(('ambiguous', sorted(ambiguous)[0]))
        if all(LATIN.search(f) and not re.search('[А-Яа-яЁё]', f) for f in names):
            attrs.append(('lang', 'en'))
        rows.append([ident, names[0], '|'.join(names[1:]), ';'.join(f'{k}={v}' for k, v in attrs)])
    return rows


def main():
    existing, kbs = existing_forms()
    locs = build(harvest(set(LOC_TYPES)), 'LOC', existing, kbs, kind_of=LOC_TYPES)
    for r in locs:  # an organization named like a place here is left out as well
        for f in [r[1]] + r[2].split('|'):
            if f:
                existing[fold(f.lstrip('?'))].add(('LOC', 'other'))
    orgs = build(harvest(ORG_TYPES), 'ORG', existing, kbs)
    write_list(os.path.join(GAZ, 'organizations', 'nerel-train.tsv'),
               'Organizations named in NEREL v1.1 train that no curated list holds (nominative forms, Wikidata ids).',
               'NEREL v1.1 train annotations and Wikidata links (names and ids as data; CC0 ids); Scripts/gazetteers/gen_nerel.py',
               ENTITY_HEADER, orgs,
               notes=['Descriptions («полиция Малайзии») and generic concepts are left out; ambiguous= marks names that are',
                      'ordinary words or another type\'s entry. To fix an entry, move it to a curated list (the generator',
                      'skips anything listed there).'])
    write_list(os.path.join(GAZ, 'locations', 'nerel-train.tsv'),
               'Places named in NEREL v1.1 train that no other location list holds (nominative forms, Wikidata ids).',
               'NEREL v1.1 train annotations and Wikidata links (names and ids as data; CC0 ids); Scripts/gazetteers/gen_nerel.py',
               ENTITY_HEADER, locs,
               notes=['kind= is the NEREL type (city, region, district, location). ambiguous= as in the other lists.'])


if __name__ == '__main__':
    main()
