/// Output formats of `metka cooccur` and the files each writes.
public enum CooccurrenceFormat: String, CaseIterable, Sendable {
    case csv, json, gexf, graphml, md, html

    /// Renders `report` into named files (csv: Gephi's `nodes.csv` and `edges.csv`; every
    /// other format: one `cooccurrence.<ext>`). `generator` names the tool in file metadata;
    /// no timestamps are written, so equal input gives byte-identical files.
    public func render(_ report: CooccurrenceReport, generator: String) -> [(name: String, contents: String)] {
        switch self {
        case .csv:
            return [("nodes.csv", CooccurrenceCSV.nodes(report)), ("edges.csv", CooccurrenceCSV.edges(report))]
        case .json:
            return [("cooccurrence.json", String(decoding: CooccurrenceJSON.encode(report, indent: 1), as: UTF8.self) + "\n")]
        case .gexf:
            return [("cooccurrence.gexf", GEXFWriter.write(report, generator: generator))]
        case .graphml:
            return [("cooccurrence.graphml", GraphMLWriter.write(report, generator: generator))]
        case .md:
            return [("cooccurrence.md", CooccurrenceMarkdown.write(report))]
        case .html:
            return [("cooccurrence.html", CooccurrenceHTML.write(report, generator: generator))]
        }
    }

    /// Whether the format is several files (needs `--output DIR`).
    public var isMultiFile: Bool { self == .csv }
}

extension CooccurrenceReport {
    /// One line describing what was counted, for file metadata and report headers.
    public var summary: String {
        var parts = ["unit \(filter.unit.rawValue)",
                     "types " + filter.types.map(\.rawValue).sorted().joined(separator: ","),
                     "min-count \(selection.minCount)", "sort \(selection.sort.rawValue)"]
        if let k = selection.topK { parts.append("top-k \(k)") }
        if let m = selection.maxNodes { parts.append("max-nodes \(m)") }
        if !filter.topics.isEmpty { parts.append("topics " + filter.topics.sorted().joined(separator: ",")) }
        if let f = filter.from { parts.append("from \(f)") }
        if let t = filter.to { parts.append("to \(t)") }
        if let s = filter.slice { parts.append("slice \(s.rawValue)") }
        parts.append(filter.includeBoilerplate ? "boilerplate included" : "boilerplate excluded")
        return parts.joined(separator: "; ")
    }
}
