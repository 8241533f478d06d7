/// The whole report as one JSON object (the format other tools and the HTML page read):
/// `parameters`, `stats`, `slices`, `nodes`, `edges` with edge endpoints as node ids.
enum CooccurrenceJSON {
    static func encode(_ r: CooccurrenceReport, indent: Int?) -> [UInt8] {
        var bytes: [UInt8] = []
        let sink = TextSink { bytes += $0 }
        encode(r, indent: indent, into: sink)
        try? sink.finish()
        return bytes
    }

    static func encode(_ r: CooccurrenceReport, indent: Int?, into sink: TextSink) {
        var j = JSONText(indent: indent)
        j.beginObject()
        j.beginObject(key: "parameters")
        j.field("unit", r.filter.unit.rawValue)
        j.beginArray(key: "types")
        for t in r.filter.types.sorted() { j.value(t.rawValue) }
        j.endArray()
        j.beginArray(key: "topics")
        for t in r.filter.topics.sorted() { j.value(t) }
        j.endArray()
        j.field("from", r.filter.from?.description)
        j.field("to", r.filter.to?.description)
        j.field("includeBoilerplate", r.filter.includeBoilerplate)
        j.field("slice", r.filter.slice?.rawValue)
        j.field("minCount", r.selection.minCount)
        j.field("topK", r.selection.topK)
        j.field("maxNodes", r.selection.maxNodes)
        j.field("sort", r.selection.sort.rawValue)
        j.field("logBase", 2)
        j.endObject()
        j.beginObject(key: "stats")
        j.field("documents", r.stats.documents)
        j.field("documentsWithoutEntities", r.stats.documentsWithoutEntities)
        j.field("documentsFiltered", r.stats.documentsFiltered)
        j.field("documentsUndated", r.stats.documentsUndated)
        j.field("mentions", r.stats.mentions)
        j.field("boilerplateMentionsSkipped", r.stats.boilerplateMentionsSkipped)
        j.field("units", r.units)
        j.field("entities", r.entitiesTotal)
        j.field("pairs", r.pairsTotal)
        j.field("nodes", r.nodes.count)
        j.field("edges", r.edgesTotal)
        j.endObject()
        j.beginArray(key: "slices")
        for s in r.slices {
            j.beginObject()
            j.field("label", s.label)
            j.field("start", s.start.description)
            j.field("end", s.end.description)
            j.field("documents", s.documents)
            j.field("units", s.units)
            j.endObject()
        }
        j.endArray()
        let sliced = !r.slices.isEmpty
        j.beginArray(key: "nodes")
        for n in r.nodes {
            j.beginObject()
            j.field("id", n.id)
            j.field("label", n.label)
            j.field("type", n.type.rawValue)
            j.field("kb", n.kb)
            j.field("frequency", n.frequency)
            j.field("documents", n.documents)
            j.field("mentions", n.mentions)
            j.field("degree", n.degree)
            if sliced {
                j.beginArray(key: "slices")
                for v in n.slices { j.value(v) }
                j.endArray()
                j.field("trend", n.trend, decimals: 6)
            }
            j.endObject()
            if j.bytes.count >= 1 << 16 { sink.write(bytes: j.takeBytes()) }
        }
        j.endArray()
        j.beginArray(key: "edges")
        for e in r.edges {
            j.beginObject()
            j.field("source", r.nodes[e.source].id)
            j.field("target", r.nodes[e.target].id)
            j.field("count", e.measures.count)
            j.field("pmi", e.measures.pmi, decimals: 6)
            j.field("npmi", e.measures.npmi, decimals: 6)
            j.field("dice", e.measures.dice, decimals: 6)
            j.field("jaccard", e.measures.jaccard, decimals: 6)
            if sliced {
                j.beginArray(key: "slices")
                for v in e.slices { j.value(v) }
                j.endArray()
                j.field("trend", e.trend, decimals: 6)
            }
            j.endObject()
            if j.bytes.count >= 1 << 16 { sink.write(bytes: j.takeBytes()) }
        }
        j.endArray()
        j.endObject()
        sink.write(bytes: j.takeBytes())
    }
}
