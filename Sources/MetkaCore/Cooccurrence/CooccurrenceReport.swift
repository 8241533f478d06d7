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
    /// Edges the selection kept; `edges` holds all of them unless the build's scope bounded it.
    public var edgesTotal: Int
    /// The builder's pair keys (`a << 40 | b << 16`) of `edges`, for the second pass of two-pass slicing.
    public var pairKeys: [UInt64] = []
    public var nodes: [Node]
    public var edges: [Edge]
    public var slices: [Slice]

    /// Builds the report. `scope` bounds what is held in memory: `.best(n)` keeps the `n` best
    /// edges, `.amongTopNodes(n)` the edges among the first `n` nodes; node degrees and
    /// `edgesTotal` always count every selected edge. Pairs are streamed from the count table, so
    /// a bounded scope never holds the full candidate list (tens of millions of pairs at 1M articles).
    public static func build(from counts: CooccurrenceCounts, selection: CooccurrenceSelection,
                             scope: CooccurrenceEdgeScope = .all) -> CooccurrenceReport {
        let cn = counts.nodes
        // Name order: the tie-breaker that makes every sort total.
        let names = cn.map(\.name), ids = cn.map(\.key.id)
        let byName = cn.indices.sorted { a, b in
            let c = names[a].utf8Compare(names[b])
            return c != 0 ? c < 0 : ids[a].utf8Precedes(ids[b])
        }
        var nameRank = [Int32](repeating: 0, count: cn.count)
        for (r, i) in byName.enumerated() { nameRank[i] = Int32(r) }

        // Report node order (frequency, then name) over all entities: positions in the report keep
        // this relative order, so it ranks edges before the report's node set is known.
        let byFrequency = cn.indices.sorted { a, b in
            cn[a].frequency != cn[b].frequency ? cn[a].frequency > cn[b].frequency : nameRank[a] < nameRank[b]
        }
        var frequencyRank = [Int32](repeating: 0, count: cn.count)
        for (r, i) in byFrequency.enumerated() { frequencyRank[i] = Int32(r) }

        var allowed = [Bool](repeating: true, count: cn.count)
        if let maxNodes = selection.maxNodes, maxNodes < cn.count {
            allowed = [Bool](repeating: false, count: cn.count)
            for i in byFrequency.prefix(maxNodes) { allowed[i] = true }
        }

        // Candidates: pairs over the count threshold between allowed nodes.
        struct Candidate { var a: UInt32; var b: UInt32; var count: UInt32; var score: Double }
        func better(_ x: Candidate, _ y: Candidate) -> Bool {
            if x.score != y.score { return x.score > y.score }
            if x.count != y.count { return x.count > y.count }
            let (x1, x2) = ordered(nameRank[Int(x.a)], nameRank[Int(x.b)])
            let (y1, y2) = ordered(nameRank[Int(y.a)], nameRank[Int(y.b)])
            return x1 != y1 ? x1 < y1 : x2 < y2
        }
        /// The report's edge order (ties by the endpoints' node positions), for `.best(n)`.
        func ranked(_ x: Candidate, _ y: Candidate) -> Bool {
            if x.score != y.score { return x.score > y.score }
            if x.count != y.count { return x.count > y.count }
            let (x1, x2) = ordered(frequencyRank[Int(x.a)], frequencyRank[Int(x.b)])
            let (y1, y2) = ordered(frequencyRank[Int(y.a)], frequencyRank[Int(y.b)])
            return x1 != y1 ? x1 < y1 : x2 < y2
        }
        /// Keeps the `n` first of `list` by `order` (amortized: called when the list has grown to about 2n).
        func prune(_ list: inout [Candidate], to n: Int, by order: (Candidate, Candidate) -> Bool) {
            list.sort(by: order)
            if list.count > n { list.removeLast(list.count - n) }
        }
        let minCount = UInt32(clamping: max(1, selection.minCount))
        var pairsTotal = 0
        var pairsCounted = false
        func forEachCandidate(_ body: (Candidate) -> Void) {
            defer { pairsCounted = true }
            counts.forEachPairTotal { key, value in
                if !pairsCounted { pairsTotal += 1 }
                guard value >= minCount else { return }
                let a = Int(key >> 40), b = Int((key >> 16) & 0xFF_FFFF)
                guard allowed[a] && allowed[b] else { return }
                let score = selection.sort == .count ? Double(value)
                    : PairMeasures(count: Int(value), frequencyA: cn[a].frequency, frequencyB: cn[b].frequency,
                                   units: counts.units).value(selection.sort)
                body(Candidate(a: UInt32(a), b: UInt32(b), count: value, score: score))
            }
        }

        var degree = [Int32](repeating: 0, count: cn.count)
        var edgesTotal = 0
        var candidates: [Candidate] = []
        if let k = selection.topK {
            // An edge stays when it is among the k best of either endpoint: per-node bounded lists
            // under the same total order as a global sort, then their union.
            var perNode = [[Candidate]](repeating: [], count: cn.count)
            func offer(_ c: Candidate, to x: Int) {
                perNode[x].append(c)
                if perNode[x].count >= 2 * k + 16 { prune(&perNode[x], to: k, by: better) }
            }
            forEachCandidate { c in
                offer(c, to: Int(c.a))
                offer(c, to: Int(c.b))
            }
            for x in perNode.indices where !perNode[x].isEmpty {
                prune(&perNode[x], to: k, by: better)
                // Each kept edge once: from its first endpoint's list, or from the second's when the first did not keep it.
                for c in perNode[x] where Int(c.a) == x || !perNode[Int(c.a)].contains(where: { $0.b == c.b }) {
                    candidates.append(c)
                }
            }
            for c in candidates { degree[Int(c.a)] += 1; degree[Int(c.b)] += 1 }
            edgesTotal = candidates.count
            if case .best(let n) = scope { prune(&candidates, to: n, by: ranked) }
        } else {
            let limit: Int? = if case .best(let n) = scope { n } else { nil }
            let collect = if case .amongTopNodes = scope { false } else { true }
            var threshold: Candidate?   // the limit-th best so far: nothing ranked after it can make the cut
            forEachCandidate { c in
                degree[Int(c.a)] += 1
                degree[Int(c.b)] += 1
                edgesTotal += 1
                guard collect else { return }
                if let t = threshold, !ranked(c, t) { return }
                candidates.append(c)
                if let limit, candidates.count >= 2 * limit + 1024 {
                    prune(&candidates, to: limit, by: ranked)
                    threshold = candidates.last
                }
            }
            if let limit { prune(&candidates, to: limit, by: ranked) }
        }

        // Nodes: those with an edge, ranked.
        let order = cn.indices.filter { degree[$0] > 0 }.sorted { a, b in
            cn[a].frequency != cn[b].frequency ? cn[a].frequency > cn[b].frequency : nameRank[a] < nameRank[b]
        }
        var position = [Int](repeating: -1, count: cn.count)
        for (p, i) in order.enumerated() { position[i] = p }
        if case .amongTopNodes(let n) = scope {
            let inTop = { (x: UInt32) in position[Int(x)] >= 0 && position[Int(x)] < n }
            if selection.topK != nil {
                candidates.removeAll { !inTop($0.a) || !inTop($0.b) }
            } else {
                forEachCandidate { c in if inTop(c.a) && inTop(c.b) { candidates.append(c) } }
            }
        }

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
        for (p, i) in order.enumerated() { nodes[p].degree = Int(degree[i]) }

        if sliceCount > 0 {
            var edgeOf: [UInt64: Int] = [:]
            edgeOf.reserveCapacity(edges.count)
            for (k, e) in edges.enumerated() {
                let a = UInt64(order[e.source]), b = UInt64(order[e.target])
                edgeOf[min(a, b) << 40 | max(a, b) << 16] = k
            }
            (counts.pairsAreTotals ? counts.series : counts.pairs)?.forEach { key, value in
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

        var report = CooccurrenceReport(
            filter: counts.filter, selection: selection, stats: counts.stats, units: counts.units,
            entitiesTotal: cn.count, pairsTotal: pairsTotal, edgesTotal: edgesTotal, nodes: nodes, edges: edges,
            slices: counts.slices.map {
                Slice(label: $0.slice.label, start: $0.slice.start, end: $0.slice.end, documents: $0.documents, units: $0.units)
            })
        if counts.pairsAreTotals {
            report.pairKeys = edges.map { e in
                let a = UInt64(order[e.source]), b = UInt64(order[e.target])
                return min(a, b) << 40 | max(a, b) << 16
            }
        }
        return report
    }
}

/// Which of the selected edges a report holds (see `CooccurrenceReport.build`).
public enum CooccurrenceEdgeScope: Sendable, Equatable {
    case all
    /// The `n` best edges by the sort measure (what a ranked table shows).
    case best(Int)
    /// The edges among the first `n` nodes of the report's node order (what the HTML graph draws).
    case amongTopNodes(Int)
}

extension CooccurrenceReport {
    /// The report a build with `scope` gives, from a report holding every selected edge (as a
    /// JSON report does): `build(…, scope: s)` equals `build(…, scope: .all).scoped(to: s)`, since
    /// bounded builds keep a prefix of the full edge order (`.best`) or the edges among a prefix of
    /// the node order (`.amongTopNodes`), and nodes, degrees and `edgesTotal` count every edge either way.
    public func scoped(to scope: CooccurrenceEdgeScope) -> CooccurrenceReport {
        var copy = self
        switch scope {
        case .all: return self
        case .best(let n): if edges.count > n { copy.edges = Array(edges.prefix(max(0, n))) }
        case .amongTopNodes(let n): copy.edges = edges.filter { $0.source < n && $0.target < n }
        }
        copy.pairKeys = []
        return copy
    }
}

@inline(__always) private func ordered(_ x: Int32, _ y: Int32) -> (Int32, Int32) { x < y ? (x, y) : (y, x) }
