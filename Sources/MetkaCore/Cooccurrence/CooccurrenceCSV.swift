/// Gephi's spreadsheet import: a nodes table (`Id`, `Label`) and an edges table (`Source`,
/// `Target`, `Type`, `Weight`), plus Metka's columns. When sliced, one column per slice
/// (`f 2021-03` for node frequency, `c 2021-03` for pair counts) and `trend`.
enum CooccurrenceCSV {
    static func nodes(_ r: CooccurrenceReport, into sink: TextSink) {
        var out = "Id,Label,type,kb,frequency,documents,mentions,degree"
        let sliced = !r.slices.isEmpty
        if sliced {
            out += ",trend"
            for s in r.slices { out += "," + MarkupEscaping.csv("f " + s.label) }
        }
        out += "\r\n"
        for n in r.nodes {
            out += MarkupEscaping.csv(n.id) + "," + MarkupEscaping.csv(n.label) + "," + n.type.rawValue + ","
                + MarkupEscaping.csv(n.kb ?? "") + ",\(n.frequency),\(n.documents),\(n.mentions),\(n.degree)"
            if sliced {
                out += "," + MarkupEscaping.number(n.trend)
                for v in n.slices { out += ",\(v)" }
            }
            out += "\r\n"
            sink.drain(&out)
        }
        sink.write(out)
    }

    static func edges(_ r: CooccurrenceReport, into sink: TextSink) {
        var out = "Source,Target,Type,Weight,count,pmi,npmi,dice,jaccard"
        let sliced = !r.slices.isEmpty
        if sliced {
            out += ",trend"
            for s in r.slices { out += "," + MarkupEscaping.csv("c " + s.label) }
        }
        out += "\r\n"
        for e in r.edges {
            let m = e.measures
            out += MarkupEscaping.csv(r.nodes[e.source].id) + "," + MarkupEscaping.csv(r.nodes[e.target].id)
                + ",Undirected,\(m.count),\(m.count)," + MarkupEscaping.number(m.pmi) + "," + MarkupEscaping.number(m.npmi)
                + "," + MarkupEscaping.number(m.dice) + "," + MarkupEscaping.number(m.jaccard)
            if sliced {
                out += "," + MarkupEscaping.number(e.trend)
                for v in e.slices { out += ",\(v)" }
            }
            out += "\r\n"
            sink.drain(&out)
        }
        sink.write(out)
    }
}
