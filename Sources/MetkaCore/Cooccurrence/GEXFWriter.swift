/// GEXF 1.3 (http://gexf.net/1.3), Gephi's native format.
///
/// Static graph when unsliced. When sliced the graph is dynamic (`timeformat="date"`, closed
/// intervals): every node and edge carries `<spells>` for the runs of consecutive slices it
/// occurs in, and a dynamic attribute (`slice_frequency` / `slice_count`) with one value per
/// non-empty slice, so Gephi's timeline can replay the network.
enum GEXFWriter {
    static func write(_ r: CooccurrenceReport, generator: String, into sink: TextSink) {
        let x = MarkupEscaping.xml
        let num = MarkupEscaping.number
        let dynamic = !r.slices.isEmpty
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        out += "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
        out += "  <meta>\n    <creator>\(x(generator))</creator>\n"
        out += "    <description>\(x("Entity co-occurrence: " + r.summary))</description>\n  </meta>\n"
        out += "  <graph defaultedgetype=\"undirected\" mode=\"\(dynamic ? "dynamic" : "static")\""
        if dynamic { out += " timeformat=\"date\" timerepresentation=\"interval\"" }
        out += ">\n"
        // GEXF 1.3 has no static/dynamic attribute classes (1.2's `mode` is not in the 1.3 schema):
        // an attribute is dynamic when its values carry start/end.
        out += "    <attributes class=\"node\">\n"
        out += "      <attribute id=\"type\" title=\"type\" type=\"string\"/>\n"
        out += "      <attribute id=\"kb\" title=\"kb\" type=\"string\"/>\n"
        out += "      <attribute id=\"frequency\" title=\"frequency\" type=\"integer\"/>\n"
        out += "      <attribute id=\"documents\" title=\"documents\" type=\"integer\"/>\n"
        out += "      <attribute id=\"mentions\" title=\"mentions\" type=\"integer\"/>\n"
        out += "      <attribute id=\"degree\" title=\"degree\" type=\"integer\"/>\n"
        if dynamic {
            out += "      <attribute id=\"trend\" title=\"trend\" type=\"double\"/>\n"
            out += "      <attribute id=\"slice_frequency\" title=\"frequency in slice\" type=\"integer\"/>\n"
        }
        out += "    </attributes>\n"
        out += "    <attributes class=\"edge\">\n"
        for (id, type) in [("count", "integer"), ("pmi", "double"), ("npmi", "double"), ("dice", "double"), ("jaccard", "double")] {
            out += "      <attribute id=\"\(id)\" title=\"\(id)\" type=\"\(type)\"/>\n"
        }
        if dynamic {
            out += "      <attribute id=\"trend\" title=\"trend\" type=\"double\"/>\n"
            out += "      <attribute id=\"slice_count\" title=\"count in slice\" type=\"integer\"/>\n"
        }
        out += "    </attributes>\n"

        out += "    <nodes>\n"
        for n in r.nodes {
            out += "      <node id=\"\(x(n.id))\" label=\"\(x(n.label))\">\n        <attvalues>\n"
            out += "          <attvalue for=\"type\" value=\"\(n.type.rawValue)\"/>\n"
            if let kb = n.kb { out += "          <attvalue for=\"kb\" value=\"\(x(kb))\"/>\n" }
            out += "          <attvalue for=\"frequency\" value=\"\(n.frequency)\"/>\n"
            out += "          <attvalue for=\"documents\" value=\"\(n.documents)\"/>\n"
            out += "          <attvalue for=\"mentions\" value=\"\(n.mentions)\"/>\n"
            out += "          <attvalue for=\"degree\" value=\"\(n.degree)\"/>\n"
            if dynamic {
                out += "          <attvalue for=\"trend\" value=\"\(num(n.trend))\"/>\n"
                out += dynamicValues("slice_frequency", n.slices, r.slices)
            }
            out += "        </attvalues>\n"
            if dynamic { out += spells(n.slices, r.slices) }
            out += "      </node>\n"
            sink.drain(&out)
        }
        out += "    </nodes>\n    <edges>\n"
        for (k, e) in r.edges.enumerated() {
            let m = e.measures
            out += "      <edge id=\"e\(k)\" source=\"\(x(r.nodes[e.source].id))\" target=\"\(x(r.nodes[e.target].id))\" weight=\"\(m.count)\">\n"
            out += "        <attvalues>\n"
            out += "          <attvalue for=\"count\" value=\"\(m.count)\"/>\n"
            out += "          <attvalue for=\"pmi\" value=\"\(num(m.pmi))\"/>\n"
            out += "          <attvalue for=\"npmi\" value=\"\(num(m.npmi))\"/>\n"
            out += "          <attvalue for=\"dice\" value=\"\(num(m.dice))\"/>\n"
            out += "          <attvalue for=\"jaccard\" value=\"\(num(m.jaccard))\"/>\n"
            if dynamic {
                out += "          <attvalue for=\"trend\" value=\"\(num(e.trend))\"/>\n"
                out += dynamicValues("slice_count", e.slices, r.slices)
            }
            out += "        </attvalues>\n"
            if dynamic { out += spells(e.slices, r.slices) }
            out += "      </edge>\n"
            sink.drain(&out)
        }
        out += "    </edges>\n  </graph>\n</gexf>\n"
        sink.write(out)
    }

    private static func dynamicValues(_ attribute: String, _ values: [Int], _ slices: [CooccurrenceReport.Slice]) -> String {
        var out = ""
        for (i, v) in values.enumerated() where v > 0 {
            out += "          <attvalue for=\"\(attribute)\" value=\"\(v)\" start=\"\(slices[i].start)\" end=\"\(slices[i].end)\"/>\n"
        }
        return out
    }

    /// Runs of consecutive non-empty slices as closed date intervals.
    private static func spells(_ values: [Int], _ slices: [CooccurrenceReport.Slice]) -> String {
        var out = "        <spells>\n"
        var i = 0
        var any = false
        while i < values.count {
            guard values[i] > 0 else { i += 1; continue }
            var j = i
            while j + 1 < values.count && values[j + 1] > 0 { j += 1 }
            out += "          <spell start=\"\(slices[i].start)\" end=\"\(slices[j].end)\"/>\n"
            any = true
            i = j + 1
        }
        return any ? out + "        </spells>\n" : ""
    }
}
