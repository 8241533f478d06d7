/// The selected co-occurrence graph: ranked nodes and edges with their measures, per-slice
/// series and trends — what every output format writes.
///
/// Ordering is total and deterministic: nodes by frequency (descending), then name, then id;
/// edges by the sort measure (descending), then count (descending), then their endpoints'
/// positions in the node order. Edge `source` is the endpoint that comes first in the node order.
public struct CooccurrenceReport: Sendable {
    public struct Node: Sendable, Hashable {
        /// Stable id: kb id, or `TYPE:name`.
        public var id: String
        public var label: String
        public var type: EntityType
        public var kb: String?
        public var frequency: Int
        public var documents: Int
        public var mentions: Int
        /// Edges of this node in the report.
        public var degree: Int
        /// Units containing the entity per slice (empty when unsliced).
        public var slices: [Int]
        public var trend: Double
    }

    public struct Edge: Sendable, Hashable {
        /// Indices into `nodes`.
        public var source: Int
        public var target: Int
        public var measures: PairMeasures
        public var slices: [Int]
        public var trend: Double
        public var count: Int { measures.count }
    }

    public struct Slice: Sendable, Hashable {
        public var label: String
        public var start: CalendarDate
        public var end: CalendarDate
        public var documents: Int
        public var units: Int
    }

    public var filter: CooccurrenceFilter
    public var selection: CooccurrenceSelection
    public var stats: CooccurrenceCounts.Stats
    /// N of the measures.
    public var units: Int
    /// Distinct entities and co-occurring pairs before selection.
    public var entitiesTotal: Int
    public var pairsTotal: Int
    public var nodes: [Node]
    public var edges: [Edge]
    public var slices: [Slice]

    public static func build(from counts: CooccurrenceCounts, selection: CooccurrenceSelection) -> CooccurrenceReport {
        let cn = counts.nodes
        // Name order: the tie-breaker that makes every sort total.
        let names = cn.map(\.name), ids = cn.map(\.key.id)
        let byName = cn.indices.sorted { a, b in
            let c = names[a].utf8Compare(names[b])
            return c != 0 ? c < 0 : ids[a].utf8Precedes(ids[b])
        }
        var nameRank = [Int32](repeating: 0, count: cn.count)
        for (r, i) in byName.enumerated() { nameRank[i] = Int32(r) }

        var allowed = [Bool](repeating: true, count: cn.count)
        if let maxNodes = selection.maxNodes, maxNodes < cn.count {
            let top = cn.indices.sorted { a, b in
                cn[a].frequency != cn[b].frequency ? cn[a].frequency > cn[b].frequency : nameRank[a] < nameRank[b]
            }
            allowed = [Bool](repeating: false, count: cn.count)
            for i in top.prefix(maxNodes) { allowed[i] = true }
        }

        // Candidates: pairs over the count threshold between allowed nodes.
        struct Candidate { var a: UInt32; var b: UInt32; var count: UInt32; var score: Double }
        var candidates: [Candidate] = []
        var pairsTotal = 0
        let minCount = UInt32(clamping: max(1, selection.minCount))
        counts.forEachPairTotal { key, value in
            pairsTotal += 1
            guard value >= minCount else { return }
            let a = Int(key >> 40), b = Int((key >> 16) & 0xFF_FFFF)
            guard allowed[a] && allowed[b] else { return }
            let score = selection.sort == .count ? Double(value)
                : PairMeasures(count: Int(value), frequencyA: cn[a].frequency, frequencyB: cn[b].frequency,
                               units: counts.units).value(selection.sort)
            candidates.append(Candidate(a: UInt32(a), b: UInt32(b), count: value, score: score))
        }
        func better(_ x: Candidate, _ y: Candidate) -> Bool {
            if x.score != y.score { return x.score > y.score }
            if x.count != y.count { return x.count > y.count }
            let (x1, x2) = ordered(nameRank[Int(x.a)], nameRank[Int(x.b)])
            let (y1, y2) = ordered(nameRank[Int(y.a)], nameRank[Int(y.b)])
            return x1 != y1 ? x1 < y1 : x2 < y2
        }
        candidates.sort(by: better)
        if let k = selection.topK {
            var seen = [Int32](repeating: 0, count: cn.count)
            var kept: [Candidate] = []
            for c in candidates {
                let sa = seen[Int(c.a)], sb = seen[Int(c.b)]
                if sa < k || sb < k { kept.append(c) }
                seen[Int(c.a)] = sa + 1
                seen[Int(c.b)] = sb + 1
            }
            candidates = kept
        }

        // Nodes: those with an edge, ranked.
        var used = [Bool](repeating: false, count: cn.count)
        for c in candidates { used[Int(c.a)] = true; used[Int(c.b)] = true }
        let order = cn.indices.filter { used[$0] }.sorted { a, b in
            cn[a].frequency != cn[b].frequency ? cn[a].frequency > cn[b].frequency : nameRank[a] < nameRank[b]
        }
        var position = [Int](repeating: -1, count: cn.count)
        for (p, i) in order.enumerated() { position[i] = p }

        let sliceCount = counts.slices.count
        var nodes = order.map { i in
            Node(id: cn[i].key.id, label: cn[i].name, type: cn[i].type, kb: cn[i].kb, frequency: cn[i].frequency,
                 documents: cn[i].documents, mentions: cn[i].mentions, degree: 0,
                 slices: [Int](repeating: 0, count: sliceCount), trend: 0)
        }
        var edges: [Edge] = candidates.map { c in
            let pa = position[Int(c.a)], pb = position[Int(c.b)]
            let measures = PairMeasures(count: Int(c.count), frequencyA: cn[Int(c.a)].frequency,
                                        frequencyB: cn[Int(c.b)].frequency, units: counts.units)
            return Edge(source: min(pa, pb), target: max(pa, pb), measures: measures,
                        slices: [Int](repeating: 0, count: sliceCount), trend: 0)
        }
        // Same ranking as the candidates, but ties now follow the node order of the report.
        edges.sort { x, y in
            let sx = x.measures.value(selection.sort), sy = y.measures.value(selection.sort)
            if sx != sy { return sx > sy }
            if x.count != y.count { return x.count > y.count }
            return x.source != y.source ? x.source < y.source : x.target < y.target
        }
        for e in edges {
            nodes[e.source].degree += 1
            nodes[e.target].degree += 1
        }

        if sliceCount > 0 {
            var edgeOf: [UInt64: Int] = [:]
            edgeOf.reserveCapacity(edges.count)
            for (k, e) in edges.enumerated() {
                let a = UInt64(order[e.source]), b = UInt64(order[e.target])
                edgeOf[min(a, b) << 40 | max(a, b) << 16] = k
            }
            counts.pairs.forEach { key, value in
                if let k = edgeOf[key & ~0xFFFF] { edges[k].slices[counts.sliceRemap[Int(key & 0xFFFF)]] += Int(value) }
            }
            counts.nodeSlices?.forEach { key, value in
                let p = position[Int(key >> 16) - 1]
                if p >= 0 { nodes[p].slices[counts.sliceRemap[Int(key & 0xFFFF)]] += Int(value) }
            }
            let sliceUnits = counts.slices.map(\.units)
            for k in nodes.indices { nodes[k].trend = SliceTrend.slope(counts: nodes[k].slices, units: sliceUnits) }
            for k in edges.indices { edges[k].trend = SliceTrend.slope(counts: edges[k].slices, units: sliceUnits) }
        }

        return CooccurrenceReport(
            filter: counts.filter, selection: selection, stats: counts.stats, units: counts.units,
            entitiesTotal: cn.count, pairsTotal: pairsTotal, nodes: nodes, edges: edges,
            slices: counts.slices.map {
                Slice(label: $0.slice.label, start: $0.slice.start, end: $0.slice.end, documents: $0.documents, units: $0.units)
            })
    }
}

@inline(__always) private func ordered(_ x: Int32, _ y: Int32) -> (Int32, Int32) { x < y ? (x, y) : (y, x) }
