"""The co-occurrence report from merged counts, and its csv / json / md / gexf / graphml files.

A restatement of Sources/MetkaCore/Cooccurrence (CooccurrenceReport.build, PairMeasures,
SliceTrend, TimeSlice, the writers and MarkupEscaping) so that counts merged by Spark come out
byte for byte as `metka cooccur` writes them. The HTML page is not restated: it is Metka's own
(script, style and CSP hashes), so metka_spark.py hands this module's JSON to the metka binary
(`metka cooccur --from-report`), which renders it byte for byte as a direct run would.

Ordering is total: nodes by frequency desc, then name (UTF-8 bytes), then id; edges by the sort
measure desc, then count desc, then endpoint positions.
"""

import math
from datetime import date

from cooccur_counts import node_id


def utf8(s):
    return s.encode("utf-8")


# --- measures ---------------------------------------------------------------------------------

class Measures:
    """`PairMeasures`: PMI, NPMI (log base 2), Dice, Jaccard on unit counts."""
    __slots__ = ("count", "pmi", "npmi", "dice", "jaccard")

    def __init__(self, cab, ca, cb, n):
        self.count = cab
        ab, a, b, total = float(cab), float(ca), float(cb), float(n)
        if cab > 0 and ca > 0 and cb > 0 and n > 0:
            self.pmi = math.log2(ab * total / (a * b))
            h = -math.log2(ab / total)
            self.npmi = self.pmi / h if h > 0 else 1.0
        else:
            self.pmi = 0.0
            self.npmi = 1.0 if cab > 0 else -1.0
        self.dice = 2 * ab / (a + b) if ca + cb > 0 else 0.0
        self.jaccard = ab / (a + b - ab) if ca + cb - cab > 0 else 0.0

    def value(self, measure):
        return float(self.count) if measure == "count" else getattr(self, measure)


def slice_trend(counts, units):
    """`SliceTrend.slope`: least-squares slope of 1000·count/units over the slice index."""
    xs, ys = [], []
    for i, n in enumerate(units):
        if n > 0:
            xs.append(float(i))
            ys.append(1000 * float(counts[i]) / float(n))
    if len(xs) < 2:
        return 0.0
    mx = sum(xs) / len(xs)
    my = sum(ys) / len(ys)
    sxy = sxx = 0.0
    for x, y in zip(xs, ys):
        sxy += (x - mx) * (y - my)
        sxx += (x - mx) * (x - mx)
    return sxy / sxx if sxx > 0 else 0.0


# --- time slices ------------------------------------------------------------------------------

def _ordinal_date(ordinal):
    return date.fromordinal(ordinal + 1)


def slice_bounds(kind, ordinal):
    """(start, end, label) of a `TimeSlice`."""
    if kind == "week":
        start, end = _ordinal_date(ordinal * 7), _ordinal_date(ordinal * 7 + 6)
        iso = _ordinal_date(ordinal * 7 + 3).isocalendar()
        return start, end, f"{iso[0]:04d}-W{iso[1]:02d}"
    if kind == "month":
        y, m = divmod(ordinal, 12)
        start = date(y, m + 1, 1)
        nxt = date(y + (m + 1) // 12, (m + 1) % 12 + 1, 1)
        return start, date.fromordinal(nxt.toordinal() - 1), f"{y:04d}-{m + 1:02d}"
    return date(ordinal, 1, 1), date(ordinal, 12, 31), f"{ordinal:04d}"


# --- the report -------------------------------------------------------------------------------

class Node:
    __slots__ = ("key", "id", "label", "type", "kb", "frequency", "documents", "mentions", "degree", "slices", "trend")


class Edge:
    __slots__ = ("source", "target", "measures", "slices", "trend")


class Report:
    """`CooccurrenceReport.build` over merged counts.

    counts: {key: (name, type, frequency, documents, mentions)}; pair_totals: {(a, b): count}
    with every pair (for `pairs` in stats) or only those ≥ min-count plus `pairs_total`;
    slices: {ordinal: (documents, units)}; pair_slices / node_slices: {(a, b, ordinal)/(key, ordinal): count}.
    """

    def __init__(self, f, selection, stats, units, nodes, pair_totals, pairs_total, slices=None,
                 pair_slices=None, node_slices=None):
        self.filter, self.selection, self.stats, self.units = f, selection, stats, units
        self.entities_total, self.pairs_total = len(nodes), pairs_total
        keys = list(nodes)
        ids = {k: node_id(k) for k in keys}
        by_name = sorted(keys, key=lambda k: (utf8(nodes[k][0]), utf8(ids[k])))
        rank = {k: r for r, k in enumerate(by_name)}
        freq = {k: nodes[k][2] for k in keys}

        allowed = None
        max_nodes = selection.get("maxNodes")
        if max_nodes is not None and max_nodes < len(keys):
            allowed = set(sorted(keys, key=lambda k: (-freq[k], rank[k]))[:max_nodes])
        min_count = max(1, selection["minCount"])
        sort = selection["sort"]
        candidates = []
        for (a, b), c in pair_totals.items():
            if c < min_count or (allowed is not None and (a not in allowed or b not in allowed)):
                continue
            score = float(c) if sort == "count" else Measures(c, freq[a], freq[b], units).value(sort)
            ra, rb = sorted((rank[a], rank[b]))
            candidates.append((-score, -c, ra, rb, a, b, c))
        candidates.sort(key=lambda t: t[:4])
        top_k = selection.get("topK")
        if top_k is not None:
            seen, kept = {}, []
            for cand in candidates:
                a, b = cand[4], cand[5]
                sa, sb = seen.get(a, 0), seen.get(b, 0)
                if sa < top_k or sb < top_k:
                    kept.append(cand)
                seen[a], seen[b] = sa + 1, sb + 1
            candidates = kept

        used = {c[4] for c in candidates} | {c[5] for c in candidates}
        order = sorted(used, key=lambda k: (-freq[k], rank[k]))
        position = {k: p for p, k in enumerate(order)}
        self.slices = []
        ordinals = []
        if f.slice_kind and slices:
            ordinals = list(range(min(slices), max(slices) + 1))
            for o in ordinals:
                start, end, label = slice_bounds(f.slice_kind, o)
                docs, n = slices.get(o, (0, 0))
                self.slices.append({"label": label, "start": start.isoformat(), "end": end.isoformat(),
                                    "documents": docs, "units": n})
        slot = {o: i for i, o in enumerate(ordinals)}

        self.nodes = []
        for k in order:
            name, etype, frequency, documents, mentions = nodes[k]
            n = Node()
            n.key, n.id, n.label, n.type = k, ids[k], name, etype
            n.kb = k[1] if k[0] == "k" else None
            n.frequency, n.documents, n.mentions, n.degree = frequency, documents, mentions, 0
            n.slices, n.trend = [0] * len(ordinals), 0.0
            self.nodes.append(n)
        self.edges = []
        for cand in candidates:
            a, b, c = cand[4], cand[5], cand[6]
            e = Edge()
            pa, pb = position[a], position[b]
            e.source, e.target = min(pa, pb), max(pa, pb)
            e.measures = Measures(c, freq[a], freq[b], units)
            e.slices, e.trend = [0] * len(ordinals), 0.0
            self.edges.append(e)
        self.edges.sort(key=lambda e: (-e.measures.value(sort), -e.measures.count, e.source, e.target))
        for e in self.edges:
            self.nodes[e.source].degree += 1
            self.nodes[e.target].degree += 1
        if ordinals:
            edge_of = {}
            for i, e in enumerate(self.edges):
                ka, kb_ = order[e.source], order[e.target]
                edge_of[(ka, kb_) if ka < kb_ else (kb_, ka)] = i
            for (a, b, o), c in (pair_slices or {}).items():
                i = edge_of.get((a, b))
                if i is not None:
                    self.edges[i].slices[slot[o]] += c
            for (k, o), c in (node_slices or {}).items():
                p = position.get(k)
                if p is not None:
                    self.nodes[p].slices[slot[o]] += c
            slice_units = [s["units"] for s in self.slices]
            for n in self.nodes:
                n.trend = slice_trend(n.slices, slice_units)
            for e in self.edges:
                e.trend = slice_trend(e.slices, slice_units)

    def summary(self):
        f, s = self.filter, self.selection
        parts = [f"unit {f.unit}", "types " + ",".join(sorted(f.types)), f"min-count {s['minCount']}",
                 f"sort {s['sort']}"]
        if s.get("topK") is not None:
            parts.append(f"top-k {s['topK']}")
        if s.get("maxNodes") is not None:
            parts.append(f"max-nodes {s['maxNodes']}")
        if f.topics:
            parts.append("topics " + ",".join(sorted(f.topics)))
        if f.date_from:
            parts.append(f"from {f.date_from.isoformat()}")
        if f.date_to:
            parts.append(f"to {f.date_to.isoformat()}")
        if f.slice_kind:
            parts.append(f"slice {f.slice_kind}")
        parts.append("boilerplate included" if f.include_boilerplate else "boilerplate excluded")
        return "; ".join(parts)


# --- number and text formatting (JSONText, MarkupEscaping) ------------------------------------

def fixed(value, decimals):
    """`JSONText.fixed`: fixed decimals, trailing zeros trimmed (one kept), no exponent."""
    if not math.isfinite(value):
        return "0"
    scale = 1.0
    for _ in range(decimals):
        scale *= 10
    x = abs(value) * scale
    scaled = math.floor(x)
    if x - scaled >= 0.5:  # Swift's .rounded(): half away from zero
        scaled += 1.0
    int_part = str(int(scaled / scale))
    sign = "-" if value < 0 and scaled != 0 else ""
    if decimals == 0:
        return sign + int_part
    frac = str(int(math.fmod(scaled, scale)))
    frac = "0" * max(0, decimals - len(frac)) + frac
    while frac.endswith("0") and len(frac) > 1:
        frac = frac[:-1]
    return sign + int_part + "." + frac


def json_string(s):
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20:
            out.append("\\u%04x" % o)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def xml(s):
    out = []
    for ch in s:
        o = ord(ch)
        rep = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;",
               "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}.get(ch)
        if rep:
            out.append(rep)
        elif o < 0x20 or o in (0xFFFE, 0xFFFF):
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)


def csv_field(s):
    v = s
    if v and v[0] in "=+-@\t\r":
        v = "'" + v
    if not any(c in v for c in ',"\n\r'):
        return v
    return '"' + v.replace('"', '""') + '"'


def markdown(s):
    out = []
    for ch in s:
        if ch in '&<>"':
            out.append({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[ch])
        elif ch in "|\\`*_[]#!~":
            out.append("\\" + ch)
        elif ch in "\n\r\t" or ord(ch) < 0x20:
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def number(x):
    return fixed(x, 6)


# --- writers ----------------------------------------------------------------------------------

class JSONWriter:
    """`JSONText` with indent 1: the same bytes as `CooccurrenceJSON.encode(indent: 1)`."""

    def __init__(self, indent=1):
        self.out, self.stack, self.indent, self.depth = [], [False], indent, 0

    def _newline(self):
        if self.indent is not None:
            self.out.append("\n" + " " * (self.indent * self.depth))

    def _sep(self):
        if self.stack[-1]:
            self.out.append(",")
        self.stack[-1] = True
        if self.depth > 0:
            self._newline()

    def _key(self, key):
        self.out.append(json_string(key) + ":" + (" " if self.indent is not None else ""))

    def open(self, bracket, key=None):
        self._sep()
        if key is not None:
            self._key(key)
        self.out.append(bracket)
        self.depth += 1
        self.stack.append(False)

    def close(self, bracket):
        had = self.stack.pop()
        self.depth -= 1
        if had:
            self._newline()
        self.out.append(bracket)

    def field(self, key, value, decimals=None):
        if value is None:
            return
        self._sep()
        self._key(key)
        if isinstance(value, bool):
            self.out.append("true" if value else "false")
        elif isinstance(value, str):
            self.out.append(json_string(value))
        elif isinstance(value, float):
            self.out.append(fixed(value, 4 if decimals is None else decimals))
        else:
            self.out.append(str(value))

    def value(self, v):
        self._sep()
        self.out.append(json_string(v) if isinstance(v, str) else str(v))

    def text(self):
        return "".join(self.out)


def write_json(r):
    j = JSONWriter(1)
    f, s = r.filter, r.selection
    j.open("{")
    j.open("{", "parameters")
    j.field("unit", f.unit)
    j.open("[", "types")
    for t in sorted(f.types):
        j.value(t)
    j.close("]")
    j.open("[", "topics")
    for t in sorted(f.topics, key=utf8):
        j.value(t)
    j.close("]")
    j.field("from", f.date_from.isoformat() if f.date_from else None)
    j.field("to", f.date_to.isoformat() if f.date_to else None)
    j.field("includeBoilerplate", f.include_boilerplate)
    j.field("slice", f.slice_kind)
    j.field("minCount", s["minCount"])
    j.field("topK", s.get("topK"))
    j.field("maxNodes", s.get("maxNodes"))
    j.field("sort", s["sort"])
    j.field("logBase", 2)
    j.close("}")
    j.open("{", "stats")
    for k in ("documents", "documentsWithoutEntities", "documentsFiltered", "documentsUndated", "mentions",
              "boilerplateMentionsSkipped"):
        j.field(k, r.stats.get(k, 0))
    j.field("units", r.units)
    j.field("entities", r.entities_total)
    j.field("pairs", r.pairs_total)
    j.field("nodes", len(r.nodes))
    j.field("edges", len(r.edges))
    j.close("}")
    j.open("[", "slices")
    for sl in r.slices:
        j.open("{")
        for k in ("label", "start", "end", "documents", "units"):
            j.field(k, sl[k])
        j.close("}")
    j.close("]")
    sliced = bool(r.slices)
    j.open("[", "nodes")
    for n in r.nodes:
        j.open("{")
        j.field("id", n.id)
        j.field("label", n.label)
        j.field("type", n.type)
        j.field("kb", n.kb)
        j.field("frequency", n.frequency)
        j.field("documents", n.documents)
        j.field("mentions", n.mentions)
        j.field("degree", n.degree)
        if sliced:
            j.open("[", "slices")
            for v in n.slices:
                j.value(v)
            j.close("]")
            j.field("trend", n.trend, 6)
        j.close("}")
    j.close("]")
    j.open("[", "edges")
    for e in r.edges:
        m = e.measures
        j.open("{")
        j.field("source", r.nodes[e.source].id)
        j.field("target", r.nodes[e.target].id)
        j.field("count", m.count)
        for k in ("pmi", "npmi", "dice", "jaccard"):
            j.field(k, getattr(m, k), 6)
        if sliced:
            j.open("[", "slices")
            for v in e.slices:
                j.value(v)
            j.close("]")
            j.field("trend", e.trend, 6)
        j.close("}")
    j.close("]")
    j.close("}")
    return {"cooccurrence.json": j.text() + "\n"}


def write_csv(r):
    sliced = bool(r.slices)
    nodes = ["Id,Label,type,kb,frequency,documents,mentions,degree"]
    if sliced:
        nodes[0] += ",trend" + "".join("," + csv_field("f " + s["label"]) for s in r.slices)
    for n in r.nodes:
        row = f"{csv_field(n.id)},{csv_field(n.label)},{n.type},{csv_field(n.kb or '')},{n.frequency},{n.documents},{n.mentions},{n.degree}"
        if sliced:
            row += "," + number(n.trend) + "".join(f",{v}" for v in n.slices)
        nodes.append(row)
    edges = ["Source,Target,Type,Weight,count,pmi,npmi,dice,jaccard"]
    if sliced:
        edges[0] += ",trend" + "".join("," + csv_field("c " + s["label"]) for s in r.slices)
    for e in r.edges:
        m = e.measures
        row = (f"{csv_field(r.nodes[e.source].id)},{csv_field(r.nodes[e.target].id)},Undirected,{m.count},{m.count},"
               f"{number(m.pmi)},{number(m.npmi)},{number(m.dice)},{number(m.jaccard)}")
        if sliced:
            row += "," + number(e.trend) + "".join(f",{v}" for v in e.slices)
        edges.append(row)
    return {"nodes.csv": "".join(x + "\r\n" for x in nodes), "edges.csv": "".join(x + "\r\n" for x in edges)}


def write_md(r, rows=100):
    md = markdown
    num = lambda x: fixed(x, 3)  # noqa: E731
    st = r.stats
    out = ["# Entity co-occurrence\n\n", md(r.summary()) + "\n\n"]
    out.append(f"Documents: {st.get('documents', 0)} (without counted entities: {st.get('documentsWithoutEntities', 0)}; ")
    out.append(f"filtered out: {st.get('documentsFiltered', 0)}; undated, skipped: {st.get('documentsUndated', 0)}). ")
    out.append(f"Units (N): {r.units}. Entities: {r.entities_total}. Co-occurring pairs: {r.pairs_total}. ")
    out.append(f"In this report: {len(r.nodes)} entities, {len(r.edges)} pairs.\n\n")
    out.append("Measures on unit counts, log base 2: PMI = log2(c(ab)·N / (c(a)·c(b))), NPMI = PMI / −log2(c(ab)/N), ")
    out.append("Dice = 2c(ab) / (c(a)+c(b)), Jaccard = c(ab) / (c(a)+c(b)−c(ab)).\n\n")
    sliced = bool(r.slices)
    out.append("## Entities\n\n| # | entity | type | kb | frequency | documents | degree |")
    out.append(" trend |\n|---:|---|---|---|---:|---:|---:|---:|\n" if sliced else "\n|---:|---|---|---|---:|---:|---:|\n")
    for i, n in enumerate(r.nodes[:rows]):
        out.append(f"| {i + 1} | {md(n.label)} | {n.type} | {md(n.kb or '')} | {n.frequency} | {n.documents} | {n.degree} |")
        out.append(f" {num(n.trend)} |\n" if sliced else "\n")
    if len(r.nodes) > rows:
        out.append(f"\n{len(r.nodes) - rows} more entities in the json/csv/gexf/graphml outputs.\n")
    out.append(f"\n## Pairs (by {r.selection['sort']})\n\n| # | entity | entity | count | PMI | NPMI | Dice | Jaccard |")
    out.append(" trend |\n|---:|---|---|---:|---:|---:|---:|---:|---:|\n" if sliced else "\n|---:|---|---|---:|---:|---:|---:|---:|\n")
    for i, e in enumerate(r.edges[:rows]):
        m = e.measures
        out.append(f"| {i + 1} | {md(r.nodes[e.source].label)} | {md(r.nodes[e.target].label)} | {m.count} | ")
        out.append(f"{num(m.pmi)} | {num(m.npmi)} | {num(m.dice)} | {num(m.jaccard)} |")
        out.append(f" {num(e.trend)} |\n" if sliced else "\n")
    if len(r.edges) > rows:
        out.append(f"\n{len(r.edges) - rows} more pairs in the json/csv/gexf/graphml outputs.\n")
    if sliced:
        out.append("\n## Slices\n\n| slice | from | to | documents | units |\n|---|---|---|---:|---:|\n")
        for s in r.slices:
            out.append(f"| {s['label']} | {s['start']} | {s['end']} | {s['documents']} | {s['units']} |\n")
        ranked = sorted(range(len(r.edges)), key=lambda i: (-r.edges[i].trend, i))
        out.append("\nTrend: least-squares slope of the pair's count per 1000 units over the slice index.\n")
        rising = [i for i in ranked[:10] if r.edges[i].trend > 0]
        falling = [i for i in list(reversed(ranked))[:10] if r.edges[i].trend < 0]
        for title, chosen in (("Rising", rising), ("Falling", falling)):
            out.append(f"\n### {title} pairs\n\n| entity | entity | trend | per slice |\n|---|---|---:|---|\n")
            for i in chosen:
                e = r.edges[i]
                out.append(f"| {md(r.nodes[e.source].label)} | {md(r.nodes[e.target].label)} | {num(e.trend)} | ")
                out.append(" ".join(str(v) for v in e.slices) + " |\n")
    return {"cooccurrence.md": "".join(out)}


def write_gexf(r, generator):
    x, num = xml, number
    dynamic = bool(r.slices)
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ',
           'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n',
           f"  <meta>\n    <creator>{x(generator)}</creator>\n",
           f"    <description>{x('Entity co-occurrence: ' + r.summary())}</description>\n  </meta>\n",
           f'  <graph defaultedgetype="undirected" mode="{"dynamic" if dynamic else "static"}"']
    if dynamic:
        out.append(' timeformat="date" timerepresentation="interval"')
    out.append(">\n    <attributes class=\"node\">\n")
    out.append('      <attribute id="type" title="type" type="string"/>\n')
    out.append('      <attribute id="kb" title="kb" type="string"/>\n')
    for k in ("frequency", "documents", "mentions", "degree"):
        out.append(f'      <attribute id="{k}" title="{k}" type="integer"/>\n')
    if dynamic:
        out.append('      <attribute id="trend" title="trend" type="double"/>\n')
        out.append('      <attribute id="slice_frequency" title="frequency in slice" type="integer"/>\n')
    out.append("    </attributes>\n    <attributes class=\"edge\">\n")
    for k, t in (("count", "integer"), ("pmi", "double"), ("npmi", "double"), ("dice", "double"), ("jaccard", "double")):
        out.append(f'      <attribute id="{k}" title="{k}" type="{t}"/>\n')
    if dynamic:
        out.append('      <attribute id="trend" title="trend" type="double"/>\n')
        out.append('      <attribute id="slice_count" title="count in slice" type="integer"/>\n')
    out.append("    </attributes>\n    <nodes>\n")

    def dynamic_values(attribute, values):
        return "".join(f'          <attvalue for="{attribute}" value="{v}" start="{r.slices[i]["start"]}" end="{r.slices[i]["end"]}"/>\n'
                       for i, v in enumerate(values) if v > 0)

    def spells(values):
        s, i = ["        <spells>\n"], 0
        while i < len(values):
            if values[i] <= 0:
                i += 1
                continue
            j = i
            while j + 1 < len(values) and values[j + 1] > 0:
                j += 1
            s.append(f'          <spell start="{r.slices[i]["start"]}" end="{r.slices[j]["end"]}"/>\n')
            i = j + 1
        return "".join(s) + "        </spells>\n" if len(s) > 1 else ""

    for n in r.nodes:
        out.append(f'      <node id="{x(n.id)}" label="{x(n.label)}">\n        <attvalues>\n')
        out.append(f'          <attvalue for="type" value="{n.type}"/>\n')
        if n.kb is not None:
            out.append(f'          <attvalue for="kb" value="{x(n.kb)}"/>\n')
        for k in ("frequency", "documents", "mentions", "degree"):
            out.append(f'          <attvalue for="{k}" value="{getattr(n, k)}"/>\n')
        if dynamic:
            out.append(f'          <attvalue for="trend" value="{num(n.trend)}"/>\n')
            out.append(dynamic_values("slice_frequency", n.slices))
        out.append("        </attvalues>\n")
        if dynamic:
            out.append(spells(n.slices))
        out.append("      </node>\n")
    out.append("    </nodes>\n    <edges>\n")
    for k, e in enumerate(r.edges):
        m = e.measures
        out.append(f'      <edge id="e{k}" source="{x(r.nodes[e.source].id)}" target="{x(r.nodes[e.target].id)}" weight="{m.count}">\n')
        out.append("        <attvalues>\n")
        out.append(f'          <attvalue for="count" value="{m.count}"/>\n')
        for a in ("pmi", "npmi", "dice", "jaccard"):
            out.append(f'          <attvalue for="{a}" value="{num(getattr(m, a))}"/>\n')
        if dynamic:
            out.append(f'          <attvalue for="trend" value="{num(e.trend)}"/>\n')
            out.append(dynamic_values("slice_count", e.slices))
        out.append("        </attvalues>\n")
        if dynamic:
            out.append(spells(e.slices))
        out.append("      </edge>\n")
    out.append("    </edges>\n  </graph>\n</gexf>\n")
    return {"cooccurrence.gexf": "".join(out)}


def write_graphml(r, generator):
    x, num = xml, number
    sliced = bool(r.slices)
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ',
           'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n']
    keys = [("g_description", "graph", "description", "string"), ("g_generator", "graph", "generator", "string"),
            ("g_units", "graph", "units", "long"), ("n_label", "node", "label", "string"),
            ("n_type", "node", "type", "string"), ("n_kb", "node", "kb", "string"),
            ("n_frequency", "node", "frequency", "long"), ("n_documents", "node", "documents", "long"),
            ("n_mentions", "node", "mentions", "long"), ("n_degree", "node", "degree", "int"),
            ("e_weight", "edge", "weight", "double"), ("e_count", "edge", "count", "long"),
            ("e_pmi", "edge", "pmi", "double"), ("e_npmi", "edge", "npmi", "double"),
            ("e_dice", "edge", "dice", "double"), ("e_jaccard", "edge", "jaccard", "double")]
    if sliced:
        keys += [("n_trend", "node", "trend", "double"), ("n_slices", "node", "slices", "string"),
                 ("e_trend", "edge", "trend", "double"), ("e_slices", "edge", "slices", "string")]
    for kid, target, name, t in keys:
        out.append(f'  <key id="{kid}" for="{target}" attr.name="{name}" attr.type="{t}"/>\n')
    out.append('  <graph id="cooccurrence" edgedefault="undirected">\n')
    out.append(f'    <data key="g_description">{x("Entity co-occurrence: " + r.summary())}</data>\n')
    out.append(f'    <data key="g_generator">{x(generator)}</data>\n')
    out.append(f'    <data key="g_units">{r.units}</data>\n')

    def series(values):
        return ";".join(f"{s['label']}:{v}" for s, v in zip(r.slices, values))

    for n in r.nodes:
        out.append(f'    <node id="{x(n.id)}">\n')
        out.append(f'      <data key="n_label">{x(n.label)}</data>\n')
        out.append(f'      <data key="n_type">{n.type}</data>\n')
        if n.kb is not None:
            out.append(f'      <data key="n_kb">{x(n.kb)}</data>\n')
        for k in ("frequency", "documents", "mentions", "degree"):
            out.append(f'      <data key="n_{k}">{getattr(n, k)}</data>\n')
        if sliced:
            out.append(f'      <data key="n_trend">{num(n.trend)}</data>\n')
            out.append(f'      <data key="n_slices">{x(series(n.slices))}</data>\n')
        out.append("    </node>\n")
    for k, e in enumerate(r.edges):
        m = e.measures
        out.append(f'    <edge id="e{k}" source="{x(r.nodes[e.source].id)}" target="{x(r.nodes[e.target].id)}">\n')
        out.append(f'      <data key="e_weight">{m.count}</data>\n')
        out.append(f'      <data key="e_count">{m.count}</data>\n')
        for a in ("pmi", "npmi", "dice", "jaccard"):
            out.append(f'      <data key="e_{a}">{num(getattr(m, a))}</data>\n')
        if sliced:
            out.append(f'      <data key="e_trend">{num(e.trend)}</data>\n')
            out.append(f'      <data key="e_slices">{x(series(e.slices))}</data>\n')
        out.append("    </edge>\n")
    out.append("  </graph>\n</graphml>\n")
    return {"cooccurrence.graphml": "".join(out)}


FORMATS = ("csv", "json", "gexf", "graphml", "md")


def render(report, fmt, generator):
    """{file name: contents} of one format."""
    if fmt == "csv":
        return write_csv(report)
    if fmt == "json":
        return write_json(report)
    if fmt == "md":
        return write_md(report)
    if fmt == "gexf":
        return write_gexf(report, generator)
    if fmt == "graphml":
        return write_graphml(report, generator)
    raise ValueError(f"format {fmt} is not written here (html: the metka binary renders it, see metka_spark.py)")
