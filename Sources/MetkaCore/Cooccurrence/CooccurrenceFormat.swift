/// Output formats of `metka cooccur` and the files each writes.
public enum CooccurrenceFormat: String, CaseIterable, Sendable {
    case csv, json, gexf, graphml, md, html

    /// The files this format writes: csv → Gephi's `nodes.csv` and `edges.csv`; every other
    /// format → one `cooccurrence.<ext>`.
    public var fileNames: [String] {
        self == .csv ? ["nodes.csv", "edges.csv"] : ["cooccurrence." + rawValue]
    }

    /// Writes `report`, asking `open` for a sink per file (in `fileNames` order). `generator`
    /// names the tool in file metadata; no timestamps are written, so equal input gives
    /// byte-identical files. Throws the first error a sink reported.
    public func write(_ report: CooccurrenceReport, generator: String, open: (String) throws -> TextSink) throws {
        switch self {
        case .csv:
            let nodes = try open("nodes.csv")
            CooccurrenceCSV.nodes(report, into: nodes)
            try nodes.finish()
            let edges = try open("edges.csv")
            CooccurrenceCSV.edges(report, into: edges)
            try edges.finish()
        case .json:
            let sink = try open(fileNames[0])
            CooccurrenceJSON.encode(report, indent: 1, into: sink)
            sink.write("\n")
            try sink.finish()
        case .gexf:
            let sink = try open(fileNames[0])
            GEXFWriter.write(report, generator: generator, into: sink)
            try sink.finish()
        case .graphml:
            let sink = try open(fileNames[0])
            GraphMLWriter.write(report, generator: generator, into: sink)
            try sink.finish()
        case .md:
            let sink = try open(fileNames[0])
            CooccurrenceMarkdown.write(report, into: sink)
            try sink.finish()
        case .html:
            let sink = try open(fileNames[0])
            sink.write(CooccurrenceHTML.write(report, generator: generator))
            try sink.finish()
        }
    }

    /// The files as strings (tests, small reports).
    public func render(_ report: CooccurrenceReport, generator: String) -> [(name: String, contents: String)] {
        var files: [(name: String, contents: String)] = []
        var current: [UInt8] = []
        var name: String?
        func close() { if let name { files.append((name, String(decoding: current, as: UTF8.self))) } }
        try? write(report, generator: generator) { n in
            close()
            name = n
            current = []
            return TextSink { current += $0 }
        }
        close()
        return files
    }

    /// The edges the format writes, so `CooccurrenceReport.build` holds no more: Markdown ranks
    /// the best pairs, the HTML graph draws the most frequent nodes; the rest write every edge.
    public var edgeScope: CooccurrenceEdgeScope {
        switch self {
        case .md: .best(CooccurrenceMarkdown.edgeLimit)
        case .html: .amongTopNodes(CooccurrenceHTML.nodeLimit)
        case .csv, .json, .gexf, .graphml: .all
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
