"""Co-occurrence counts of tagged JSON Lines, computed per partition and merged by Spark.

The definitions are Metka's own (Sources/MetkaCore/Cooccurrence: TaggedLineParser reads a
line, CooccurrenceBuilder counts it); this module restates them in Python so that Spark can count
each partition and merge the partial counts, which are all sums:

- A document passes the `--topic` filter (any of its `topics[].id`), then, when dates are needed
  (`--from`/`--to`/`--slice`), must have `published` (else "undated") inside the range.
- A mention counts when its type is known, it is not in boilerplate (unless included) and the
  type of its *entity* is among `--types`. Its node is the canonical entity: the `entities[]`
  record its `entity` field names (the first with that id), identified across documents by `kb`
  when present, else by (type, `name`); a mention without a known entity stands for
  (its type, `normal` or `text`).
- A unit is the article, or the mention's `sentence` / `paragraph` number. Within one unit an
  entity counts once. N (`units`) counts units with at least one counted entity; a node's
  `frequency` is c(a), a pair's count c(ab), both in units; `documents` counts documents.
- A kb-merged node is named by the name most (document, entity) occurrences used, ties to the
  smallest by UTF-8 bytes; its type is the most frequent, ties in the order PER, ORG, LOC, DATE.

Records are plain tuples so the shuffle stays small. Node keys: ("k", kb) or ("n", type, name).
"""

import json
from collections import Counter, defaultdict
from datetime import date

TYPES = ("PER", "ORG", "LOC", "DATE")
TYPE_SLOT = {t: i for i, t in enumerate(TYPES)}
STAT_FIELDS = ("documents", "documentsWithoutEntities", "documentsFiltered", "documentsUndated",
               "mentions", "boilerplateMentionsSkipped", "lines", "failures")


class RecordError(Exception):
    pass


class Filter:
    """`CooccurrenceFilter`: unit, types, topics, date range, boilerplate, slice kind."""

    def __init__(self, unit="article", types=("PER", "ORG", "LOC"), topics=(), date_from=None, date_to=None,
                 include_boilerplate=False, slice_kind=None):
        self.unit = unit
        self.types = frozenset(types)
        self.topics = frozenset(topics)
        self.date_from = date_from
        self.date_to = date_to
        self.include_boilerplate = include_boilerplate
        self.slice_kind = slice_kind

    @property
    def needs_date(self):
        return self.date_from is not None or self.date_to is not None or self.slice_kind is not None


def parse_date(text):
    """`CalendarDate(iso:)`: the first 10 characters as YYYY-MM-DD; None when not a date."""
    b = text[:10]
    if len(b) != 10 or b[4] != "-" or b[7] != "-" or not (b[:4] + b[5:7] + b[8:10]).isdigit() \
            or not b.isascii():
        return None
    try:
        return date(int(b[:4]), int(b[5:7]), int(b[8:10]))
    except ValueError:
        return None


def slice_ordinal(kind, d):
    """`TimeSlice(kind:containing:)`: weeks since 0001-01-01 (a Monday), months since year 0, years."""
    if kind == "week":
        return (d.toordinal() - 1) // 7
    if kind == "month":
        return d.year * 12 + d.month - 1
    return d.year


def node_id(key):
    """The node id every output format writes: the kb id, or `TYPE:name`."""
    return key[1] if key[0] == "k" else key[1] + ":" + key[2]


def entity_key(etype, name, kb):
    return ("k", kb) if kb else ("n", etype, name)


def _type(v):
    return v if isinstance(v, str) and v in TYPE_SLOT else None


def _id(v):
    """An entity id: a string as `metka tag` writes it, or an integer as `metka archive export`
    does, taken as its digits (so "5" and 5 name the same entity, as in `JSONScanner.id`)."""
    if isinstance(v, str):
        return v
    if isinstance(v, int) and not isinstance(v, bool):
        return str(v)
    return None


def _int(v):
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def parse_record(line, unit):
    """`TaggedLineParser.parse`: (date, topics, entities, mentions), or None for an error record.

    entities: list of (type, name, kb) or None (unusable, keeps indices aligned);
    mentions: list of (entity index, unit, boilerplate).
    """
    try:
        obj = json.loads(line)
    except ValueError as e:
        raise RecordError(f"invalid JSON: {e}") from None
    if not isinstance(obj, dict):
        raise RecordError("a tagged record must be a JSON object")
    if "error" in obj:
        return None
    published = obj.get("published")
    day = None
    if isinstance(published, str) and published:
        day = parse_date(published)
        if day is None:
            raise RecordError(f'"published" must be a date YYYY-MM-DD, got "{published[:40]}"')
    topics = [t.get("id") for t in obj.get("topics") or [] if isinstance(t, dict) and isinstance(t.get("id"), str)]
    raw_entities = obj.get("entities") or []
    entities, by_id = [], {}
    for e in raw_entities:
        etype, name = _type(e.get("type")), e.get("name")
        if etype is None or not isinstance(name, str):
            entities.append(None)
            continue
        kb = e.get("kb") if isinstance(e.get("kb"), str) and e.get("kb") else None
        entities.append((etype, name, kb))
        if _id(e.get("id")) is not None:
            by_id.setdefault(_id(e.get("id")), len(entities) - 1)
    mentions = []
    for n, m in enumerate(obj.get("mentions") or []):
        mtype = _type(m.get("type"))
        if mtype is None:
            continue
        ref = _id(m.get("entity"))
        index = by_id.get(ref) if ref is not None else None
        if index is None:
            surface = m.get("normal") if isinstance(m.get("normal"), str) else m.get("text")
            if not isinstance(surface, str):
                continue
            entity = (mtype, surface, None)
            try:
                index = entities.index(entity)
            except ValueError:
                index = len(entities)
                entities.append(entity)
        unit_index = 0
        if unit != "article":
            value = _int(m.get(unit))
            if value is None:
                raise RecordError(f'mention {n} has no "{unit}" field (written by metka tag since co-occurrence '
                                  f'support); re-tag or use --unit article')
            if value < 0 or value > 0x7FFFFFFF:
                raise RecordError(f'mention {n} has a negative or huge "{unit}" index')
            unit_index = value
        mentions.append((index, unit_index, m.get("boilerplate") is True))
    return day, topics, entities, mentions


class PartialCounts:
    """One partition's counts; `items()` gives them as (key, value) pairs whose values add up."""

    def __init__(self, f):
        self.f = f
        self.stats = Counter()
        # node key → [frequency, documents, mentions, PER, ORG, LOC, DATE]; name tallies apart.
        self.nodes = defaultdict(lambda: [0] * 7)
        self.names = defaultdict(Counter)
        self.pairs = Counter()        # (a, b, slice) with a < b
        self.node_slices = Counter()  # (key, slice)
        self.slices = defaultdict(lambda: [0, 0])  # slice → [documents, units]
        self.errors = []

    def add_line(self, line, where):
        self.stats["lines"] += 1
        try:
            record = parse_record(line, self.f.unit)
        except RecordError as e:
            self.stats["failures"] += 1
            if len(self.errors) < 20:
                self.errors.append(f"{where}: {e}")
            return
        if record is not None:
            self.add(*record)

    def add(self, day, topics, entities, mentions):
        f = self.f
        if f.topics and not any(t in f.topics for t in topics):
            self.stats["documentsFiltered"] += 1
            return
        sl = 0
        if f.needs_date:
            if day is None:
                self.stats["documentsUndated"] += 1
                return
            if (f.date_from and day < f.date_from) or (f.date_to and f.date_to < day):
                self.stats["documentsFiltered"] += 1
                return
            if f.slice_kind:
                sl = slice_ordinal(f.slice_kind, day)
        self.stats["documents"] += 1
        if f.slice_kind:
            self.slices[sl][0] += 1
        resolved = {}
        units = defaultdict(set)
        for e, u, boilerplate in mentions:
            entity = entities[e] if 0 <= e < len(entities) else None
            if entity is None:
                continue
            if boilerplate and not f.include_boilerplate:
                if entity[0] in f.types:
                    self.stats["boilerplateMentionsSkipped"] += 1
                continue
            if entity[0] not in f.types:
                continue
            key = resolved.get(e)
            if key is None:
                # Once per (document, entity index), as the builder's `resolve`.
                key = entity_key(*entity)
                resolved[e] = key
                node = self.nodes[key]
                node[3 + TYPE_SLOT[entity[0]]] += 1
                if key[0] == "k":
                    self.names[key][entity[1]] += 1
            self.nodes[key][2] += 1
            self.stats["mentions"] += 1
            units[u if f.unit != "article" else 0].add(key)
        if not units:
            self.stats["documentsWithoutEntities"] += 1
            return
        seen = set()
        for keys in units.values():
            if f.slice_kind:
                self.slices[sl][1] += 1
            self.stats["units"] += 1
            ordered = sorted(keys)
            for i, a in enumerate(ordered):
                self.nodes[a][0] += 1
                if f.slice_kind:
                    self.node_slices[(a, sl)] += 1
                for b in ordered[i + 1:]:
                    self.pairs[(a, b, sl)] += 1
            seen.update(keys)
        for key in seen:
            self.nodes[key][1] += 1

    def items(self):
        yield ("stats", None), dict(self.stats)
        if self.errors:
            yield ("errors", None), list(self.errors)
        for key, v in self.nodes.items():
            yield ("node", key), (v, dict(self.names[key]) if key in self.names else {})
        for key, v in self.pairs.items():
            yield ("pair", key), v
        for key, v in self.node_slices.items():
            yield ("nodeslice", key), v
        for key, v in self.slices.items():
            yield ("slice", key), tuple(v)


def merge(kind, x, y):
    """Adds two partial values of the same kind of key."""
    if kind == "stats":
        c = Counter(x)
        c.update(y)
        return dict(c)
    if kind == "errors":
        return (x + y)[:20]
    if kind == "node":
        names = Counter(x[1])
        names.update(y[1])
        return [a + b for a, b in zip(x[0], y[0])], dict(names)
    if kind == "slice":
        return tuple(a + b for a, b in zip(x, y))
    return x + y


def node_name_and_type(key, counts, names):
    """`CooccurrenceBuilder.finish`: a kb node's majority name and type; a name node's own."""
    if key[0] == "n":
        return key[2], key[1]
    name = min(names.items(), key=lambda kv: (-kv[1], kv[0].encode("utf-8")))[0]
    best, etype = 0, "PER"
    for slot, t in enumerate(TYPES):
        if counts[3 + slot] > best:
            best, etype = counts[3 + slot], t
    return name, etype
