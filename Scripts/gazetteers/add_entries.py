#!/usr/bin/env python3
"""Append hand-written rows to a hand-curated list, leaving out what the lists already hold.

Usage: add_entries.py LIST.tsv NEW.tsv   (paths relative to Gazetteers/ for LIST)

NEW.tsv has the entity schema (id, name, aliases, attrs; `#` comments allowed). A row is skipped
when its name or an alias is already a form of an entry of the same type in any list (that entry
is the one to extend); an alias already used elsewhere is dropped from the row. Marks are added
where the checker would otherwise report a clash: a one-word Cyrillic name that the dictionary
knows as an ordinary word gets ambiguous=common, a name that is another type's form gets
ambiguous=LOC/PER. Ids are made unique with a suffix. Run fill_kb.py afterwards (sorts, kb ids).
"""
import os
import sys
from collections import defaultdict

from common import GAZ, fold, read_tsv
from gen_nerel import common_word


def all_forms(skip_path):
    forms = defaultdict(set)
    ids = defaultdict(set)
    for r in read_tsv(os.path.join(GAZ, 'index.tsv')):
        path, typ, subtype, schema = r[:4]
        for row in read_tsv(os.path.join(GAZ, path)):
            ids[path].add(row[0])
            if schema == 'person':
                names = [row[1], f'{row[2]} {row[1]}'] + [a.lstrip('?=') for a in row[5].split('|') if a]
            else:
                names = [row[1]] + [a.lstrip('?=').replace('[', '').replace(']', '') for a in row[2].split('|') if a]
            for n in names:
                forms[fold(n)].add(typ)
    return forms, ids


def main():
    target, new = sys.argv[1], sys.argv[2]
    typ = next(r[1] for r in read_tsv(os.path.join(GAZ, 'index.tsv')) if r[0] == target)
    forms, ids = all_forms(target)
    taken = ids[target]
    out, skipped = [], []
    for row in read_tsv(new):
        row = (row + [''] * 4)[:4]
        ident, name, aliases, attrs = [c.strip() for c in row]
        if typ in forms.get(fold(name), set()):
            skipped.append(name)
            continue
        kept = []
        for a in [a for a in aliases.split('|') if a]:
            k = fold(a.lstrip('?=').replace('[', '').replace(']', ''))
            if typ in forms.get(k, set()) or k == fold(name):
                continue
            kept.append(a)
        attr_list = [kv for kv in attrs.split(';') if kv]
        if not any(kv.startswith('ambiguous=') for kv in attr_list):
            other = forms.get(fold(name), set()) - {typ}
            if other:
                attr_list.append('ambiguous=' + sorted(other)[0])
            elif len(name.split()) == 1 and common_word(name) and 'decl=none' not in attr_list:
                attr_list.append('ambiguous=common')
        # An alias that is another type's form needs its own mark.
        kept = [('?' + a if a[0] not in '?=' and (forms.get(fold(a.replace('[', '').replace(']', '')), set()) - {typ}) else a)
                for a in kept]
        base, n = ident, 2
        while ident in taken:
            ident = f'{base}-{n}'
            n += 1
        taken.add(ident)
        for f in [name] + [a.lstrip('?=') for a in kept]:
            forms[fold(f)].add(typ)
        out.append('\t'.join([ident, name, '|'.join(kept), ';'.join(attr_list)]))
    with open(os.path.join(GAZ, target), 'a', encoding='utf-8') as f:
        for line in out:
            f.write(line + '\n')
    print(f'{target}: {len(out)} rows added, {len(skipped)} already listed: {", ".join(skipped[:40])}')


if __name__ == '__main__':
    main()
