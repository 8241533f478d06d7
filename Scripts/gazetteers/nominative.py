"""Put a Russian name phrase seen in running text back into the nominative (dev-time helper for
gen_nerel.py): «Верховной Рады Украины» → «Верховная Рада Украины», «МИДа» → «МИД»,
«Металлоинвеста» → «Металлоинвест». Only the head noun and the adjectives before it change;
genitive tails, quoted titles and Latin words stay as written. Returns None when the phrase has
no clear head or the result does not inflect back to the text it came from (the round trip is
what keeps a wrong guess out of the lists).
"""
import re

import pymorphy3

MORPH = pymorphy3.MorphAnalyzer()
CYR_WORD = re.compile(r'^[А-Яа-яЁё]+(-[А-Яа-яЁё]+)*$')
ABBR_ENDING = re.compile(r'^([А-ЯЁ]{2,})([а-яё]{1,2})$')
ADJ_POS = {'ADJF', 'PRTF'}
CASES = ('nomn', 'gent', 'datv', 'accs', 'ablt', 'loct', 'gen2', 'loc2', 'acc2', 'voct')


def restore_case(original, word):
    """Copy the capitalisation of `original` onto `word`, hyphen part by hyphen part."""
    if len(original) > 1 and original.isupper():
        return word.upper()
    op, wp = original.split('-'), word.split('-')
    if len(op) != len(wp):
        return word[:1].upper() + word[1:] if original[:1].isupper() else word
    return '-'.join(w[:1].upper() + w[1:] if o[:1].isupper() else w for o, w in zip(op, wp))


def agreeing(head_parse, adj_parses):
    """The adjective parses that agree with the head parse in case, number and (singular) gender."""
    t = head_parse.tag
    out = []
    for cands in adj_parses:
        ok = [p for p in cands if p.tag.case == t.case and p.tag.number == t.number
              and (t.number == 'plur' or p.tag.gender == t.gender or t.gender is None)]
        if not ok:
            return None
        out.append(ok[0])
    return out


def nominative(phrase):
    words = phrase.split()
    if not words:
        return None
    if len(words) == 1:
        m = ABBR_ENDING.match(words[0])
        if m:
            return m.group(1)
    if not CYR_WORD.match(words[0]):
        return phrase  # Latin, digits or a quoted title first: written as it is named
    # A quoted title after a head noun («банка «Россия»»): only the words before it change.
    for i, w in enumerate(words):
        if w[:1] in '«"“„' and i > 0:
            head = nominative(' '.join(words[:i]))
            return head and head + ' ' + ' '.join(words[i:])
    adj_parses, head = [], None
    for i, w in enumerate(words):
        if not CYR_WORD.match(w):
            return None
        parses = MORPH.parse(w.lower())
        nouns = [p for p in parses if p.tag.POS == 'NOUN']
        adjs = [p for p in parses if p.tag.POS in ADJ_POS]
        # «Главного штаба»: a word that may be a noun («главное») is an adjective when the next
        # word is a noun it agrees with.
        if nouns and adjs and i < len(words) - 1 and CYR_WORD.match(words[i + 1]):
            nxt = [p for p in MORPH.parse(words[i + 1].lower()) if p.tag.POS in ADJ_POS | {'NOUN'}]
            if any(agreeing(n, [adjs]) for n in nxt):
                nouns = []
        if nouns and (not adjs or i == len(words) - 1 or nouns[0].score >= adjs[0].score):
            head = (i, nouns)
            break
        if not adjs:
            return None
        adj_parses.append(adjs)
    if head is None:
        return None
    i, nouns = head
    # Names are singular unless the word has no singular («Известия» is the one kind of miss).
    for hp in sorted(nouns, key=lambda p: (p.tag.number == 'plur' and 'Pltm' not in p.tag.grammemes
                                           and len(words) > 1, p.tag.case != 'nomn', -p.score)):
        if hp.tag.case not in CASES:
            continue
        adjs = agreeing(hp, adj_parses)
        if adjs is None:
            continue
        if hp.tag.case == 'nomn':
            return phrase
        number = hp.tag.number or 'sing'
        hn = hp.inflect({'nomn', number})
        if hn is None:
            continue
        new = []
        for ap in adjs:
            want = {'nomn', number}
            if number == 'sing' and hn.tag.gender:
                want.add(hn.tag.gender)
            an = ap.inflect(want)
            if an is None:
                break
            new.append(an.word)
        else:
            # Round trip: the nominative inflected back must give the text's words.
            back = hn.inflect({hp.tag.case, number})
            if back is None or back.word.replace('ё', 'е') != words[i].lower().replace('ё', 'е'):
                continue
            out = [restore_case(o, n) for o, n in zip(words[:i], new)]
            out.append(restore_case(words[i], hn.word))
            return ' '.join(out + words[i + 1:])
    return None


if __name__ == '__main__':
    for t in ['Верховной Рады Украины', 'МИДа', 'Металлоинвеста', 'Государственной думы', 'Братьев-мусульман',
              'Торгово-промышленной палаты России', 'Газпрома', 'Google', 'Национальной хоккейной лиги',
              'Следственного комитета', 'Единой России', 'Реала', 'Спартаке', 'Московском доме книги',
              'Роскомнадзору', 'Интерфаксу', 'Совбеза', 'Исламским государством', 'Объединённых Наций',
              'Главного штаба', 'Министерства здравоохранения и образования', 'Кафедры экономики Университета Барселоны',
              'Известий', 'Ведомостей', 'банка «Россия»', 'Винницкого городского совета', 'Главного оперативного управления']:
        print(t, '→', nominative(t))
