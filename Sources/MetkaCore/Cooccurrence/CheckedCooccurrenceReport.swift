// Checks of a parsed co-occurrence report (see `CooccurrenceReportReader`): consistency, order, measures.

/// `value`, or an error that `path` is missing.
func requiredField<T>(_ value: T?, _ path: @autoclosure () -> String) throws -> T {
    guard let value else { throw CooccurrenceReportError(path(), "missing") }
    return value
}

/// The report checked part by part: parameters, stats, slices and nodes at once, then edge by
/// edge, then the totals.
struct CheckedCooccurrenceReport {
    let filter: CooccurrenceFilter
    let selection: CooccurrenceSelection
    let stats: CooccurrenceCounts.Stats
    let rawStats: [String: Int]
    let units: Int
    let slices: [CooccurrenceReport.Slice]
    let sliceUnits: [Int]
    let nodes: [CooccurrenceReport.Node]
    /// Node position by id.
    let position: [String: Int]
    private(set) var edges: [CooccurrenceReport.Edge] = []
    private var pairs = Set<UInt64>()
    private var degree: [Int]

    var sliced: Bool { !slices.isEmpty }

    init(_ raw: RawCooccurrenceReport, bytes: Int) throws {
        let p = try requiredField(raw.parameters, "parameters")
        let unit = try requiredField(p.unit, "parameters.unit"), types = try requiredField(p.types, "parameters.types")
        let topics = try requiredField(p.topics, "parameters.topics"), boilerplate = try requiredField(p.includeBoilerplate, "parameters.includeBoilerplate")
        let minCount = try requiredField(p.minCount, "parameters.minCount"), sort = try requiredField(p.sort, "parameters.sort")
        let logBase = try requiredField(p.logBase, "parameters.logBase")
        guard logBase == 2 else { throw CooccurrenceReportError("parameters.logBase", "is \(logBase): Metka's measures use log base 2") }
        filter = CooccurrenceFilter(unit: unit, types: types, topics: Set(topics), from: p.from, to: p.to,
                                    includeBoilerplate: boilerplate, slice: p.slice)
        selection = CooccurrenceSelection(minCount: minCount, topK: p.topK, sort: sort, maxNodes: p.maxNodes)

        let rawStats = try requiredField(raw.stats, "stats")
        self.rawStats = rawStats
        func stat(_ key: String) throws -> Int { try requiredField(rawStats[key], "stats." + key) }
        stats = CooccurrenceCounts.Stats(
            documents: try stat("documents"), documentsWithoutEntities: try stat("documentsWithoutEntities"),
            documentsFiltered: try stat("documentsFiltered"), documentsUndated: try stat("documentsUndated"),
            mentions: try stat("mentions"), boilerplateMentionsSkipped: try stat("boilerplateMentionsSkipped"))
        for key in ["units", "entities", "pairs", "nodes", "edges"] { _ = try stat(key) }
        let units = try stat("units")
        self.units = units

        // Slices: consecutive periods of the report's slice kind.
        var slices: [CooccurrenceReport.Slice] = []
        var previousOrdinal: Int?
        for (i, r) in try requiredField(raw.slices, "slices").enumerated() {
            let path = "slices[\(i)]"
            guard let kind = filter.slice else { throw CooccurrenceReportError(path, "a slice, but parameters.slice is not set") }
            let label = try requiredField(r.label, path + ".label"), start = try requiredField(r.start, path + ".start")
            let end = try requiredField(r.end, path + ".end")
            let slice = TimeSlice(kind: kind, containing: start)
            guard slice.start == start, slice.end == end, slice.label == label else {
                throw CooccurrenceReportError(path, "\(quotedForMessage(label)) \(start)…\(end) is not a \(kind.rawValue) (\(slice.label) is \(slice.start)…\(slice.end))")
            }
            if let previousOrdinal, slice.ordinal != previousOrdinal + 1 {
                throw CooccurrenceReportError(path, "\(quotedForMessage(label)) does not follow the previous slice (slices are consecutive periods)")
            }
            previousOrdinal = slice.ordinal
            let sliceUnits = try requiredField(r.units, path + ".units")
            guard sliceUnits <= units else { throw CooccurrenceReportError(path + ".units", "\(sliceUnits) is more than stats.units \(units)") }
            slices.append(.init(label: label, start: start, end: end, documents: try requiredField(r.documents, path + ".documents"),
                                units: sliceUnits))
        }
        self.slices = slices
        sliceUnits = slices.map(\.units)

        // Nodes: unique ids, counted types, frequencies within N, in Metka's node order.
        let rawNodes = try requiredField(raw.nodes, "nodes")
        var position: [String: Int] = [:]
        position.reserveCapacity(rawNodes.count)
        var nodes: [CooccurrenceReport.Node] = []
        nodes.reserveCapacity(rawNodes.count)
        for (k, r) in rawNodes.enumerated() {
            let path = "nodes[\(k)]"
            let id = try requiredField(r.id, path + ".id")
            guard !id.isEmpty else { throw CooccurrenceReportError(path + ".id", "is empty") }
            guard position.updateValue(k, forKey: id) == nil else { throw CooccurrenceReportError(path + ".id", "\(quotedForMessage(id)) is given twice") }
            let type = try requiredField(r.type, path + ".type")
            guard types.contains(type) else { throw CooccurrenceReportError(path + ".type", "\(type.rawValue) is not among parameters.types") }
            let frequency = try requiredField(r.frequency, path + ".frequency")
            guard frequency >= 1, frequency <= units else {
                throw CooccurrenceReportError(path + ".frequency", "\(frequency) is not within 1…stats.units (\(units))")
            }
            let series = try Self.series(r.slices, path + ".slices", slices)
            let trend = slices.isEmpty ? 0 : SliceTrend.slope(counts: series, units: sliceUnits)
            if !slices.isEmpty { try Self.agrees(r.trend, trend, path + ".trend", "the trend of its per-slice counts") }
            let node = CooccurrenceReport.Node(
                id: id, label: try requiredField(r.label, path + ".label"), type: type, kb: r.kb, frequency: frequency,
                documents: try requiredField(r.documents, path + ".documents"), mentions: try requiredField(r.mentions, path + ".mentions"),
                degree: try requiredField(r.degree, path + ".degree"), slices: series, trend: trend)
            if let before = nodes.last, !Self.precedes(before, node) {
                throw CooccurrenceReportError(path, "\(quotedForMessage(id)) is out of order (nodes go by frequency, descending, then name and id)")
            }
            nodes.append(node)
        }
        self.nodes = nodes
        self.position = position
        degree = [Int](repeating: 0, count: nodes.count)
        // Room for the edges the stats announce, but never more than the input could hold
        // (an edge takes well over 64 bytes of JSON): the number is untrusted.
        let expected = min(try stat("edges"), bytes / 64)
        edges.reserveCapacity(expected)
        pairs.reserveCapacity(expected)
    }

    /// A per-slice series: one value per slice, each within the slice's units.
    static func series(_ values: [Int]?, _ path: @autoclosure () -> String, _ slices: [CooccurrenceReport.Slice]) throws -> [Int] {
        guard !slices.isEmpty else {
            guard values?.isEmpty ?? true else { throw CooccurrenceReportError(path(), "per-slice counts in a report without slices") }
            return []
        }
        let values = try requiredField(values, path())
        guard values.count == slices.count else { throw CooccurrenceReportError(path(), "\(values.count) values for \(slices.count) slices") }
        for (i, v) in values.enumerated() where v > slices[i].units {
            throw CooccurrenceReportError(path() + "[\(i)]", "\(v) is more than the units of slice \(slices[i].label) (\(slices[i].units))")
        }
        return values
    }

    /// A stored measure or trend against the value recomputed from the counts.
    static func agrees(_ stored: Double?, _ exact: Double, _ path: @autoclosure () -> String, _ what: @autoclosure () -> String) throws {
        guard let stored else { throw CooccurrenceReportError(path(), "missing") }
        // Stored with 6 decimals: the exact value is within half a unit of the last place.
        guard abs(stored - exact) <= 1e-6 * max(1, abs(exact)) else {
            throw CooccurrenceReportError(path(), "\(stored) does not match \(what()) (\(JSONText.fixed(exact, 6)))")
        }
    }

    /// Edges: between two known, distinct nodes, once each, counts within both frequencies,
    /// measures and trend as Metka computes them, in Metka's edge order.
    mutating func add(_ r: RawEdge) throws {
        let path = "edges[\(edges.count)]"
        let sourceID = try requiredField(r.source, path + ".source"), targetID = try requiredField(r.target, path + ".target")
        guard let a = position[sourceID] else { throw CooccurrenceReportError(path + ".source", "\(quotedForMessage(sourceID)) is not a node of the report") }
        guard let b = position[targetID] else { throw CooccurrenceReportError(path + ".target", "\(quotedForMessage(targetID)) is not a node of the report") }
        guard a != b else { throw CooccurrenceReportError(path, "joins \(quotedForMessage(sourceID)) to itself") }
        guard a < b else { throw CooccurrenceReportError(path, "source \(quotedForMessage(sourceID)) comes after target \(quotedForMessage(targetID)) in the node order") }
        guard pairs.insert(UInt64(a) << 32 | UInt64(b)).inserted else {
            throw CooccurrenceReportError(path, "\(quotedForMessage(sourceID)) – \(quotedForMessage(targetID)) is given twice")
        }
        let count = try requiredField(r.count, path + ".count")
        let fa = nodes[a].frequency, fb = nodes[b].frequency
        guard count >= 1, count <= min(fa, fb) else {
            throw CooccurrenceReportError(path + ".count", "\(count) is not within 1…\(min(fa, fb)) (the frequencies of its nodes are \(fa) and \(fb))")
        }
        guard count >= selection.minCount else {
            throw CooccurrenceReportError(path + ".count", "\(count) is below parameters.minCount \(selection.minCount)")
        }
        let m = PairMeasures(count: count, frequencyA: fa, frequencyB: fb, units: units)
        let n = units
        let basis = { "count \(count), frequencies \(fa) and \(fb), units \(n)" }
        try Self.agrees(r.pmi, m.pmi, path + ".pmi", basis())
        try Self.agrees(r.npmi, m.npmi, path + ".npmi", basis())
        try Self.agrees(r.dice, m.dice, path + ".dice", basis())
        try Self.agrees(r.jaccard, m.jaccard, path + ".jaccard", basis())
        let series = try Self.series(r.slices, path + ".slices", slices)
        let trend = sliced ? SliceTrend.slope(counts: series, units: sliceUnits) : 0
        if sliced { try Self.agrees(r.trend, trend, path + ".trend", "the trend of its per-slice counts") }
        let edge = CooccurrenceReport.Edge(source: a, target: b, measures: m, slices: series, trend: trend)
        if let before = edges.last, !Self.precedes(before, edge, by: selection.sort) {
            throw CooccurrenceReportError(path, "out of order (edges go by \(selection.sort.rawValue), descending, then count, then node order)")
        }
        degree[a] += 1
        degree[b] += 1
        edges.append(edge)
    }

    /// `CooccurrenceReport.build`'s node order: frequency descending, then name and id by UTF-8 bytes.
    static func precedes(_ x: CooccurrenceReport.Node, _ y: CooccurrenceReport.Node) -> Bool {
        if x.frequency != y.frequency { return x.frequency > y.frequency }
        let c = x.label.utf8Compare(y.label)
        return c != 0 ? c < 0 : x.id.utf8Precedes(y.id)
    }

    /// `CooccurrenceReport.build`'s edge order: the sort measure descending, then count descending,
    /// then the endpoints' node positions.
    static func precedes(_ x: CooccurrenceReport.Edge, _ y: CooccurrenceReport.Edge, by sort: CooccurrenceMeasure) -> Bool {
        let sx = x.measures.value(sort), sy = y.measures.value(sort)
        if sx != sy { return sx > sy }
        if x.count != y.count { return x.count > y.count }
        return x.source != y.source ? x.source < y.source : x.target < y.target
    }

    /// The report, once degrees and totals agree with the lists.
    func finished() throws -> CooccurrenceReport {
        for (k, n) in nodes.enumerated() where n.degree != degree[k] {
            throw CooccurrenceReportError("nodes[\(k)].degree", "is \(n.degree), but \(degree[k]) edges of the report join \(quotedForMessage(n.id))")
        }
        let nodesTotal = rawStats["nodes"]!, edgesTotal = rawStats["edges"]!
        let entities = rawStats["entities"]!, pairsTotal = rawStats["pairs"]!
        guard nodesTotal == nodes.count else { throw CooccurrenceReportError("stats.nodes", "is \(nodesTotal), but the report lists \(nodes.count) nodes") }
        guard edgesTotal == edges.count else {
            throw CooccurrenceReportError("stats.edges", "is \(edgesTotal), but the report lists \(edges.count) edges (a JSON report holds every selected edge)")
        }
        guard entities >= nodes.count else { throw CooccurrenceReportError("stats.entities", "\(entities) is fewer than the report's \(nodes.count) nodes") }
        guard pairsTotal >= edges.count else { throw CooccurrenceReportError("stats.pairs", "\(pairsTotal) is fewer than the report's \(edges.count) edges") }
        return CooccurrenceReport(filter: filter, selection: selection, stats: stats, units: units, entitiesTotal: entities,
                                  pairsTotal: pairsTotal, edgesTotal: edgesTotal, nodes: nodes, edges: edges, slices: slices)
    }
}
