/// Everything `CooccurrenceBuilder` aggregated: entities with their frequencies, pair counts
/// (per slice when sliced) and the unit totals the measures need.
public struct CooccurrenceCounts: @unchecked Sendable {
    public struct Node: Sendable, Hashable {
        public var key: NodeKey
        /// The name most documents used (for kb-merged entities), ties to the alphabetically first.
        public var name: String
        public var type: EntityType
        public var kb: String?
        /// Units (articles/paragraphs/sentences) containing the entity: c(a) of the measures.
        public var frequency: Int
        public var documents: Int
        public var mentions: Int
    }

    public struct Slice: Sendable, Hashable {
        public var slice: TimeSlice
        public var documents: Int
        /// Units with at least one counted entity in this slice: N of the slice.
        public var units: Int
    }

    public struct Stats: Sendable, Hashable {
        /// Documents that passed the topic/date filters.
        public var documents: Int
        /// Of those, documents without any counted mention.
        public var documentsWithoutEntities: Int
        /// Documents left out by --topic or --from/--to.
        public var documentsFiltered: Int
        /// Documents without `published`, left out because dates were needed.
        public var documentsUndated: Int
        public var mentions: Int
        public var boilerplateMentionsSkipped: Int
    }

    public let filter: CooccurrenceFilter
    /// Indexed by the builder's internal entity id.
    public let nodes: [Node]
    /// N: units containing at least one counted entity.
    public let units: Int
    public let stats: Stats
    /// Key `a << 40 | b << 16 | slice` (a < b internal ids; slice is the builder's slice id, 0 unsliced).
    let pairs: CountTable
    /// Two-pass slicing: `pairs` holds totals (slice bits 0) and `series` the per-slice counts
    /// of the report's pairs (nil until the second pass).
    let pairsAreTotals: Bool
    let series: CountTable?
    /// Key `(a + 1) << 16 | slice`: units per entity and slice.
    let nodeSlices: CountTable?
    /// Chronological, continuous (empty periods included); empty when unsliced.
    public let slices: [Slice]
    /// Builder slice id → index into `slices`.
    let sliceRemap: [Int]

    /// Calls `body` with every pair's total over slices, keyed `a << 40 | b << 16`. When sliced,
    /// totals are summed one shard at a time (all slices of a pair share a shard), so no
    /// second full-size table exists next to the per-slice one.
    func forEachPairTotal(_ body: (UInt64, UInt32) -> Void) {
        guard filter.slice != nil && !pairsAreTotals else { pairs.forEach(body); return }
        var totals: [UInt64: UInt32] = [:]
        for s in pairs.shardIndices {
            totals.removeAll(keepingCapacity: true)
            pairs.forEach(shard: s) { key, value in totals[key & ~0xFFFF, default: 0] += value }
            for (key, value) in totals { body(key, value) }
        }
    }

    /// The count of units where both `a` and `b` (internal ids) occur.
    public func count(_ a: Int, _ b: Int) -> Int {
        let (x, y) = a < b ? (a, b) : (b, a)
        guard x != y else { return nodes[x].frequency }
        let base = UInt64(x) << 40 | UInt64(y) << 16
        if filter.slice == nil || pairsAreTotals { return Int(pairs[base]) }
        var total = 0
        for s in sliceRemap.indices { total += Int(pairs[base | UInt64(s)]) }
        return total
    }
}
