#!/usr/bin/env python3
"""Dev-only check: GEXF and GraphML written by `metka cooccur` load in networkx and agree with
the JSON report (same nodes, labels, edges, counts, measures). Also checks Gephi's GEXF rules
that networkx does not enforce: unique node/edge ids, edges between declared nodes, attvalues
referring to declared attributes with parseable values, spells inside the graph's time format.

Usage: validate_graphs.py REPORT.json REPORT.gexf REPORT.graphml [GEXF_RNG]
Needs networkx (pip install networkx in a private venv, e.g. /work/venvs/cooccur).

GEXF_RNG (optional): the official GEXF 1.3 RELAX NG grammar (gexf.rng with dynamics.rng beside
it, from the gephi/gexf repository, folder 1.3; drop its viz.rng include, Metka writes no viz
data). Then the GEXF file is also validated against it with lxml (pip install lxml). The
grammar does not model the xsi:schemaLocation hint that Gephi's own examples carry, so xsi:*
attributes are removed before validation. The grammar is not in this repository.
"""
import json
import sys
import xml.etree.ElementTree as ET

import networkx as nx
from networkx.readwrite import gexf as nxgexf

NS13 = "http://gexf.net/1.3"


def register_gexf13():
    # networkx knows the 1.1draft/1.2draft namespaces only; 1.3 keeps the same element model
    # (namespace http://gexf.net/1.3), so register it under its own namespace.
    v = dict(nxgexf.GEXF.versions["1.2draft"])
    v.update({"NS_GEXF": NS13, "NS_VIZ": NS13 + "/viz", "VERSION": "1.3",
              "SCHEMALOCATION": NS13 + " " + NS13 + "/gexf.xsd"})
    nxgexf.GEXF.versions["1.3"] = v


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def check_gephi_rules(path):
    root = ET.parse(path).getroot()
    q = lambda t: "{%s}%s" % (NS13, t)
    if root.tag != q("gexf") or root.get("version") != "1.3":
        fail("root is not <gexf version=1.3> in the 1.3 namespace")
    graph = root.find(q("graph"))
    dynamic = graph.get("mode") == "dynamic"
    if dynamic and graph.get("timeformat") != "date":
        fail("dynamic graph without timeformat=date")
    declared = {}
    for attrs in graph.findall(q("attributes")):
        for a in attrs.findall(q("attribute")):
            declared[(attrs.get("class"), a.get("id"))] = a.get("type")
    ids = set()
    for n in graph.find(q("nodes")).findall(q("node")):
        if n.get("id") in ids:
            fail("duplicate node id %r" % n.get("id"))
        ids.add(n.get("id"))
        check_attvalues(n, "node", declared, q)
        check_spells(n, q, dynamic)
    edge_ids = set()
    for e in graph.find(q("edges")).findall(q("edge")):
        if e.get("id") in edge_ids:
            fail("duplicate edge id")
        edge_ids.add(e.get("id"))
        if e.get("source") not in ids or e.get("target") not in ids:
            fail("edge %s refers to an undeclared node" % e.get("id"))
        float(e.get("weight"))
        check_attvalues(e, "edge", declared, q)
        check_spells(e, q, dynamic)
    return len(ids), len(edge_ids), dynamic


def check_attvalues(el, cls, declared, q):
    av = el.find(q("attvalues"))
    if av is None:
        return
    for v in av.findall(q("attvalue")):
        t = declared.get((cls, v.get("for")))
        if t is None:
            fail("attvalue for undeclared attribute %r" % v.get("for"))
        if t == "integer":
            int(v.get("value"))
        elif t == "double":
            float(v.get("value"))


def check_spells(el, q, dynamic):
    spells = el.find(q("spells"))
    if spells is None:
        return
    if not dynamic:
        fail("spells in a static graph")
    for s in spells.findall(q("spell")):
        if not (s.get("start") <= s.get("end")):
            fail("spell ends before it starts")


def validate_rng(gexf_path, rng_path):
    from lxml import etree
    grammar = etree.RelaxNG(etree.parse(rng_path))
    doc = etree.parse(gexf_path)
    xsi = "{http://www.w3.org/2001/XMLSchema-instance}"
    for el in doc.iter():
        for name in [n for n in el.attrib if n.startswith(xsi)]:
            del el.attrib[name]
    if not grammar.validate(doc):
        fail("gexf does not match the GEXF 1.3 grammar: %s" % grammar.error_log.last_error)
    print("ok gexf matches the GEXF 1.3 RELAX NG grammar")


def main():
    if len(sys.argv) not in (4, 5):
        print(__doc__)
        sys.exit(2)
    report = json.load(open(sys.argv[1], encoding="utf-8"))
    register_gexf13()
    nodes = {n["id"]: n for n in report["nodes"]}
    edges = {frozenset((e["source"], e["target"])): e for e in report["edges"]}

    n_count, e_count, dynamic = check_gephi_rules(sys.argv[2])
    if len(sys.argv) == 5:
        validate_rng(sys.argv[2], sys.argv[4])
    g = nx.read_gexf(sys.argv[2], version="1.3")
    for name, graph, label_key in (("gexf", g, "label"), ("graphml", nx.read_graphml(sys.argv[3]), "label")):
        if set(graph.nodes) != set(nodes):
            fail("%s: node ids differ from the JSON report" % name)
        for nid, data in graph.nodes(data=True):
            if data.get(label_key) != nodes[nid]["label"]:
                fail("%s: label of %r is %r, JSON has %r" % (name, nid, data.get(label_key), nodes[nid]["label"]))
            if int(data["frequency"]) != nodes[nid]["frequency"]:
                fail("%s: frequency of %r differs" % (name, nid))
        if graph.number_of_edges() != len(edges):
            fail("%s: %d edges, JSON has %d" % (name, graph.number_of_edges(), len(edges)))
        for a, b, data in graph.edges(data=True):
            e = edges.get(frozenset((a, b)))
            if e is None:
                fail("%s: edge %r-%r not in JSON" % (name, a, b))
            if int(data["count"]) != e["count"] or abs(float(data["pmi"]) - e["pmi"]) > 1e-6 \
                    or abs(float(data["npmi"]) - e["npmi"]) > 1e-6 or abs(float(data["dice"]) - e["dice"]) > 1e-6 \
                    or abs(float(data["jaccard"]) - e["jaccard"]) > 1e-6:
                fail("%s: measures of %r-%r differ from JSON" % (name, a, b))
            if float(data.get("weight", 0)) != e["count"]:
                fail("%s: weight of %r-%r is not the count" % (name, a, b))
        print("ok %s: %d nodes, %d edges%s" % (name, graph.number_of_nodes(), graph.number_of_edges(),
                                                 " (dynamic, spells checked)" if name == "gexf" and dynamic else ""))
    if dynamic:
        # networkx keeps spells as (start, end) lists; compare them with the JSON slice series.
        slices = report["slices"]
        for nid, data in g.nodes(data=True):
            spells = data.get("spells") or []
            series = nodes[nid]["slices"]
            active = [s for s, v in zip(slices, series) if v > 0]
            covered = [s for s in active if any(sp[0] <= s["start"] and s["end"] <= sp[1] for sp in spells)]
            if len(covered) != len(active):
                fail("gexf: spells of %r do not cover its active slices" % nid)
        print("ok gexf spells match the per-slice series")


if __name__ == "__main__":
    main()
