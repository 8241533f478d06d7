/// Streaming aggregation of entity co-occurrence over `CooccurrenceRecord`s.
///
/// Memory is proportional to distinct entities and distinct pairs, never to documents: each
/// entity is interned once to a dense `UInt32`, and every unordered pair (a < b) in a unit is
/// counted in a `CountTable` under the packed key `a << 40 | b << 16 | slice` (24 + 24 + 16 bits).
/// Within one unit an entity counts once however often it is mentioned.
///
/// The result does not depend on record order (names and types are chosen by majority with
/// name-order ties), so sources may feed records in any order, e.g. from parallel readers.
public final class CooccurrenceBuilder {
    public static let maxEntities = 1 << 24 - 1
    public static let maxSlices = 1 << 16 - 1

    public let filter: CooccurrenceFilter

    // Interned entities.
    private let nodeIndex = NodeIndex()
    private var keys: [NodeKey] = []
    private var firstName: [String] = []
    private var firstNameHash: [UInt64] = []
    private var firstNameCount: [UInt32] = []
    /// Other names of kb-keyed entities, tallied per document (rare, so sparse).
    private var otherNames: [UInt32: [String: UInt32]] = [:]
    private var typeCounts: [UInt32] = []      // 4 per entity, EntityType order
    private var frequency: [UInt32] = []
    private var documentCount: [UInt32] = []
    private var mentionCount: [UInt32] = []

    /// Sharded by the pair bits only, so all slices of a pair share a shard (see `CooccurrenceCounts.forEachPairTotal`).
    private let pairs = CountTable(minimumCapacity: 1 << 16, shardKeyMask: ~0xFFFF)
    private let nodeSlices = CountTable(minimumCapacity: 1 << 12)

    // Slices, in order of first appearance (`finish` sorts them).
    private var sliceIndex: [Int: UInt16] = [:]
    private var sliceOrdinals: [Int] = []
    private var sliceDocuments: [Int] = []
    private var sliceUnits: [Int] = []

    // Totals.
    private var units = 0
    private var documentsUsed = 0
    private var documentsWithoutEntities = 0
    private var documentsFiltered = 0
    private var documentsUndated = 0
    private var mentionsCounted = 0
    private var mentionsBoilerplate = 0

    // Per-document scratch, reused to avoid allocation.
    private var local: [UInt32] = []
    private var items: [UInt64] = []
    private var unitNodes: [UInt32] = []
    private var docNodes: [UInt32] = []

    private static let unresolved = UInt32.max
    private static let excluded = UInt32.max - 1

    /// `filter.types` as bits (EntityType slot order), tested per entity.
    private let typeMask: UInt8

    /// Two-pass slicing (see `init(filter:seriesInSecondPass:)`): pair keys carry no slice bits in
    /// the first pass, and the second pass counts per-slice series of `seriesPairs` only.
    public let seriesInSecondPass: Bool
    private var seriesPairs: CountTable?
    private var series: CountTable?

    /// With `seriesInSecondPass` (a sliced filter over a source that can be read twice, such as
    /// an archive), the first pass counts pair totals only — a pair × slice table is several
    /// times larger (1.3 GB at 1M articles by month) — and per-slice series are counted in a
    /// second pass (`beginSeriesPass`, `addSeries`) for the report's edges alone.
    public init(filter: CooccurrenceFilter, seriesInSecondPass: Bool = false) {
        self.seriesInSecondPass = seriesInSecondPass && filter.slice != nil
        self.filter = filter
        var mask: UInt8 = 0
        for t in filter.types { mask |= 1 << UInt8(Self.typeSlot(t)) }
        self.typeMask = mask
    }

    @inline(__always) private func counts(_ t: EntityType) -> Bool { typeMask & (1 << UInt8(Self.typeSlot(t))) != 0 }

    /// Counts one document. Throws only when the packed-key limits (16.7M entities, 65,535 slices) are exceeded.
    public func add(_ record: CooccurrenceRecord) throws {
        switch filter.exclusion(of: record) {
        case .topic?, .outOfRange?: documentsFiltered += 1; return
        case .undated?: documentsUndated += 1; return
        case nil: break
        }
        var slice: UInt16 = 0
        if let kind = filter.slice, let date = record.date { slice = try sliceID(TimeSlice(kind: kind, containing: date)) }
        documentsUsed += 1
        if filter.slice != nil { sliceDocuments[Int(slice)] += 1 }

        local.removeAll(keepingCapacity: true)
        local.append(contentsOf: repeatElement(Self.unresolved, count: record.entities.count))
        items.removeAll(keepingCapacity: true)
        let perUnit = filter.unit != .article
        for m in record.mentions {
            let e = Int(m.entity)
            guard e >= 0 && e < record.entities.count else { continue }
            if m.boilerplate && !filter.includeBoilerplate {
                if counts(record.entities[e].type) { mentionsBoilerplate += 1 }
                continue
            }
            var node = local[e]
            if node == Self.unresolved {
                node = try resolve(record.entities[e])
                local[e] = node
            }
            if node == Self.excluded { continue }
            mentionCount[Int(node)] += 1
            mentionsCounted += 1
            let unit = perUnit ? UInt64(UInt32(bitPattern: m.unit)) : 0
            items.append(unit << 32 | UInt64(node))
        }
        guard !items.isEmpty else { documentsWithoutEntities += 1; return }
        items.sort()

        docNodes.removeAll(keepingCapacity: true)
        var i = 0
        while nextUnit(&i) {
            countUnit(slice: slice)
            docNodes.append(contentsOf: unitNodes)
        }
        if perUnit {
            docNodes.sort()
            var last = UInt32.max
            for n in docNodes where n != last { documentCount[Int(n)] += 1; last = n }
        } else {
            for n in docNodes { documentCount[Int(n)] += 1 }
        }
    }

    /// Moves `unitNodes` to the next unit of `items` (sorted `unit << 32 | node`) from `i`: that
    /// unit's distinct node ids, ascending. False when `items` is exhausted.
    @inline(__always) private func nextUnit(_ i: inout Int) -> Bool {
        guard i < items.count else { return false }
        let unit = items[i] >> 32
        unitNodes.removeAll(keepingCapacity: true)
        while i < items.count && items[i] >> 32 == unit {
            let node = UInt32(truncatingIfNeeded: items[i])
            if unitNodes.last != node { unitNodes.append(node) }
            i += 1
        }
        return true
    }

    private func countUnit(slice: UInt16) {
        units += 1
        let sliced = filter.slice != nil
        if sliced { sliceUnits[Int(slice)] += 1 }
        let s = UInt64(slice)
        let pairSlice = seriesInSecondPass ? 0 : s
        let n = unitNodes.count
        for x in 0..<n {
            let a = unitNodes[x]
            frequency[Int(a)] += 1
            if sliced { nodeSlices.add(UInt64(a + 1) << 16 | s) }
            let high = UInt64(a) << 40 | pairSlice
            for y in (x + 1)..<max(n, x + 1) {
                pairs.add(high | UInt64(unitNodes[y]) << 16)
            }
        }
    }

    private func resolve(_ entity: CooccurrenceRecord.Entity) throws -> UInt32 {
        guard counts(entity.type) else { return Self.excluded }
        let key = entity.nodeKey
        let node: UInt32
        if let known = nodeIndex.find(key, in: keys) {
            node = known
            if key.kind != .name {
                // Names compared by 64-bit hash: a collision could only mislabel a node.
                if entity.nameHash == firstNameHash[Int(node)] {
                    firstNameCount[Int(node)] += 1
                } else {
                    otherNames[node, default: [:]][entity.name, default: 0] += 1
                }
            }
        } else {
            guard keys.count < Self.maxEntities else {
                throw MetkaError.data("more than \(Self.maxEntities) distinct entities: narrow the input (--types, --from/--to, --topic)")
            }
            node = UInt32(keys.count)
            nodeIndex.insert(key.hash, node)
            keys.append(key)
            firstName.append(entity.name)
            firstNameHash.append(entity.nameHash)
            firstNameCount.append(1)
            typeCounts.append(0); typeCounts.append(0); typeCounts.append(0); typeCounts.append(0)
            frequency.append(0)
            documentCount.append(0)
            mentionCount.append(0)
        }
        typeCounts[Int(node) * 4 + Self.typeSlot(entity.type)] += 1
        return node
    }

    private static func typeSlot(_ t: EntityType) -> Int {
        switch t {
        case .PER: 0
        case .ORG: 1
        case .LOC: 2
        case .DATE: 3
        }
    }

    private func sliceID(_ slice: TimeSlice) throws -> UInt16 {
        if let id = sliceIndex[slice.ordinal] { return id }
        guard sliceOrdinals.count < Self.maxSlices else {
            throw MetkaError.data("more than \(Self.maxSlices) time slices: use a coarser --slice")
        }
        let id = UInt16(sliceOrdinals.count)
        sliceIndex[slice.ordinal] = id
        sliceOrdinals.append(slice.ordinal)
        sliceDocuments.append(0)
        sliceUnits.append(0)
        return id
    }

    /// Starts the second pass of two-pass slicing: per-slice counts of the pairs `report` holds
    /// (`CooccurrenceReport.pairKeys`). Feed the same records again through `addSeries`, then `finish()`.
    public func beginSeriesPass(for report: CooccurrenceReport) {
        precondition(seriesInSecondPass, "beginSeriesPass needs a builder made with seriesInSecondPass")
        let wanted = CountTable(minimumCapacity: max(1024, report.pairKeys.count * 2))
        for key in report.pairKeys { wanted.add(key) }
        seriesPairs = wanted
        series = CountTable(minimumCapacity: max(1024, report.pairKeys.count * 4), shardKeyMask: ~0xFFFF)
    }

    /// Second pass: the record's units as in `add`, counting only the wanted pairs per slice.
    /// Totals, node counts and statistics are left as the first pass made them.
    public func addSeries(_ record: CooccurrenceRecord) throws {
        guard let wanted = seriesPairs, let series, let kind = filter.slice else { return }
        guard filter.exclusion(of: record) == nil, let date = record.date else { return }
        guard let slice = sliceIndex[TimeSlice(kind: kind, containing: date).ordinal] else { return }
        local.removeAll(keepingCapacity: true)
        local.append(contentsOf: repeatElement(Self.unresolved, count: record.entities.count))
        items.removeAll(keepingCapacity: true)
        let perUnit = filter.unit != .article
        for m in record.mentions {
            let e = Int(m.entity)
            guard e >= 0 && e < record.entities.count else { continue }
            if m.boilerplate && !filter.includeBoilerplate { continue }
            var node = local[e]
            if node == Self.unresolved {
                let entity = record.entities[e]
                node = counts(entity.type) ? (nodeIndex.find(entity.nodeKey, in: keys) ?? Self.excluded) : Self.excluded
                local[e] = node
            }
            if node == Self.excluded { continue }
            items.append((perUnit ? UInt64(UInt32(bitPattern: m.unit)) : 0) << 32 | UInt64(node))
        }
        items.sort()
        let s = UInt64(slice)
        var i = 0
        while nextUnit(&i) {
            let n = unitNodes.count
            for x in 0..<n {
                let high = UInt64(unitNodes[x]) << 40
                for y in (x + 1)..<max(n, x + 1) {
                    let key = high | UInt64(unitNodes[y]) << 16
                    if wanted[key] != 0 { series.add(key | s) }
                }
            }
        }
    }

    /// The aggregated counts. The builder should not be fed afterwards (except for the second
    /// pass of two-pass slicing, after which `finish()` is called again).
    public func finish() -> CooccurrenceCounts {
        var nodes: [CooccurrenceCounts.Node] = []
        nodes.reserveCapacity(keys.count)
        let types: [EntityType] = [.PER, .ORG, .LOC, .DATE]
        for i in keys.indices {
            var name = firstName[i]
            if let others = otherNames[UInt32(i)] {
                var best = (firstNameCount[i], name)
                for (n, c) in others where c > best.0 || (c == best.0 && n.utf8Precedes(best.1)) { best = (c, n) }
                name = best.1
            }
            var type = keys[i].type ?? .PER
            if keys[i].type == nil {
                var bestCount: UInt32 = 0
                for (slot, t) in types.enumerated() where typeCounts[i * 4 + slot] > bestCount {
                    bestCount = typeCounts[i * 4 + slot]
                    type = t
                }
            }
            nodes.append(CooccurrenceCounts.Node(key: keys[i], name: name, type: type,
                                                 kb: keys[i].kind == .kb ? keys[i].value : nil,
                                                 frequency: Int(frequency[i]), documents: Int(documentCount[i]),
                                                 mentions: Int(mentionCount[i])))
        }
        var slices: [CooccurrenceCounts.Slice] = []
        var sliceRemap: [Int] = []
        if let kind = filter.slice, let first = sliceOrdinals.min(), let last = sliceOrdinals.max() {
            slices = (first...last).map {
                CooccurrenceCounts.Slice(slice: TimeSlice(kind: kind, ordinal: $0), documents: 0, units: 0)
            }
            for (id, ordinal) in sliceOrdinals.enumerated() {
                sliceRemap.append(ordinal - first)
                slices[ordinal - first].documents = sliceDocuments[id]
                slices[ordinal - first].units = sliceUnits[id]
            }
        }
        let stats = CooccurrenceCounts.Stats(documents: documentsUsed, documentsWithoutEntities: documentsWithoutEntities,
                                             documentsFiltered: documentsFiltered, documentsUndated: documentsUndated,
                                             mentions: mentionsCounted, boilerplateMentionsSkipped: mentionsBoilerplate)
        return CooccurrenceCounts(filter: filter, nodes: nodes, units: units, stats: stats, pairs: pairs,
                                  pairsAreTotals: seriesInSecondPass, series: series,
                                  nodeSlices: filter.slice != nil ? nodeSlices : nil, slices: slices, sliceRemap: sliceRemap)
    }
}

/// Entity interning: open addressing from `NodeKey.hash` (computed by the record's producer)
/// to entity ids, with the full key compared only on a hash match.
final class NodeIndex {
    private var hashes: [UInt64]
    private var ids: [UInt32]     // id + 1; 0 marks an empty slot
    private var count = 0
    private var mask: Int

    init() {
        hashes = [UInt64](repeating: 0, count: 1 << 16)
        ids = [UInt32](repeating: 0, count: 1 << 16)
        mask = (1 << 16) - 1
    }

    func find(_ key: NodeKey, in keys: [NodeKey]) -> UInt32? {
        var i = Int(truncatingIfNeeded: key.hash >> 7) & mask
        while true {
            let id = ids[i]
            if id == 0 { return nil }
            if hashes[i] == key.hash && keys[Int(id - 1)] == key { return id - 1 }
            i = (i + 1) & mask
        }
    }

    func insert(_ hash: UInt64, _ id: UInt32) {
        if (count + 1) * 10 > ids.count * 7 { grow() }
        place(hash, id + 1)
        count += 1
    }

    private func place(_ hash: UInt64, _ stored: UInt32) {
        var i = Int(truncatingIfNeeded: hash >> 7) & mask
        while ids[i] != 0 { i = (i + 1) & mask }
        hashes[i] = hash
        ids[i] = stored
    }

    private func grow() {
        let oldHashes = hashes, oldIds = ids
        hashes = [UInt64](repeating: 0, count: oldIds.count * 2)
        ids = [UInt32](repeating: 0, count: oldIds.count * 2)
        mask = ids.count - 1
        for k in oldIds.indices where oldIds[k] != 0 { place(oldHashes[k], oldIds[k]) }
    }
}
