/// GraphML (http://graphml.graphdrawing.org/xmlns) with typed `<key>` declarations.
///
/// Keys named `label` (nodes) and `weight` (edges) are the ones Gephi and yEd pick up; when
/// sliced, the per-slice series are `slices` strings (`2021-03:4;2021-04:0`), since GraphML
/// has no time model, plus a numeric `trend`.
enum GraphMLWriter {
    static func write(_ r: CooccurrenceReport, generator: String, into sink: TextSink) {
        let x = MarkupEscaping.xml
        let num = MarkupEscaping.number
        let sliced = !r.slices.isEmpty
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        out += "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
        var keys: [(id: String, target: String, name: String, type: String)] = [
            ("g_description", "graph", "description", "string"),
            ("g_generator", "graph", "generator", "string"),
            ("g_units", "graph", "units", "long"),
            ("n_label", "node", "label", "string"),
            ("n_type", "node", "type", "string"),
            ("n_kb", "node", "kb", "string"),
            ("n_frequency", "node", "frequency", "long"),
            ("n_documents", "node", "documents", "long"),
            ("n_mentions", "node", "mentions", "long"),
            ("n_degree", "node", "degree", "int"),
            ("e_weight", "edge", "weight", "double"),
            ("e_count", "edge", "count", "long"),
            ("e_pmi", "edge", "pmi", "double"),
            ("e_npmi", "edge", "npmi", "double"),
            ("e_dice", "edge", "dice", "double"),
            ("e_jaccard", "edge", "jaccard", "double"),
        ]
        if sliced {
            keys += [("n_trend", "node", "trend", "double"), ("n_slices", "node", "slices", "string"),
                     ("e_trend", "edge", "trend", "double"), ("e_slices", "edge", "slices", "string")]
        }
        for k in keys {
            out += "  <key id=\"\(k.id)\" for=\"\(k.target)\" attr.name=\"\(k.name)\" attr.type=\"\(k.type)\"/>\n"
        }
        out += "  <graph id=\"cooccurrence\" edgedefault=\"undirected\">\n"
        out += "    <data key=\"g_description\">\(x("Entity co-occurrence: " + r.summary))</data>\n"
        out += "    <data key=\"g_generator\">\(x(generator))</data>\n"
        out += "    <data key=\"g_units\">\(r.units)</data>\n"
        for n in r.nodes {
            out += "    <node id=\"\(x(n.id))\">\n"
            out += "      <data key=\"n_label\">\(x(n.label))</data>\n"
            out += "      <data key=\"n_type\">\(n.type.rawValue)</data>\n"
            if let kb = n.kb { out += "      <data key=\"n_kb\">\(x(kb))</data>\n" }
            out += "      <data key=\"n_frequency\">\(n.frequency)</data>\n"
            out += "      <data key=\"n_documents\">\(n.documents)</data>\n"
            out += "      <data key=\"n_mentions\">\(n.mentions)</data>\n"
            out += "      <data key=\"n_degree\">\(n.degree)</data>\n"
            if sliced {
                out += "      <data key=\"n_trend\">\(num(n.trend))</data>\n"
                out += "      <data key=\"n_slices\">\(x(series(n.slices, r.slices)))</data>\n"
            }
            out += "    </node>\n"
            sink.drain(&out)
        }
        for (k, e) in r.edges.enumerated() {
            let m = e.measures
            out += "    <edge id=\"e\(k)\" source=\"\(x(r.nodes[e.source].id))\" target=\"\(x(r.nodes[e.target].id))\">\n"
            out += "      <data key=\"e_weight\">\(m.count)</data>\n"
            out += "      <data key=\"e_count\">\(m.count)</data>\n"
            out += "      <data key=\"e_pmi\">\(num(m.pmi))</data>\n"
            out += "      <data key=\"e_npmi\">\(num(m.npmi))</data>\n"
            out += "      <data key=\"e_dice\">\(num(m.dice))</data>\n"
            out += "      <data key=\"e_jaccard\">\(num(m.jaccard))</data>\n"
            if sliced {
                out += "      <data key=\"e_trend\">\(num(e.trend))</data>\n"
                out += "      <data key=\"e_slices\">\(x(series(e.slices, r.slices)))</data>\n"
            }
            out += "    </edge>\n"
            sink.drain(&out)
        }
        out += "  </graph>\n</graphml>\n"
        sink.write(out)
    }

    private static func series(_ values: [Int], _ slices: [CooccurrenceReport.Slice]) -> String {
        zip(slices, values).map { "\($0.label):\($1)" }.joined(separator: ";")
    }
}
