/// A hash map from `UInt64` to `UInt32` counts: 256 open-addressing shards with linear probing.
///
/// Why not `Dictionary`: pair counting does tens of millions of increments on keys that are
/// already packed integers (two entity ids and a slice id); flat arrays of 12 bytes per slot
/// are several times faster and smaller than `[UInt64: UInt32]`.
/// Why shards: a table of 30M pairs must grow without a second full-size copy in memory; a
/// shard grows alone (by 1.5×, to any size, slot = multiply-shift of the hash), so the peak
/// is the live slots plus 1/256 of them, and the load factor stays between 0.53 and 0.8.
/// Key 0 marks an empty slot, so callers never use 0 as a key.
public final class CountTable: @unchecked Sendable {
    private struct Shard {
        var keys: UnsafeMutablePointer<UInt64>
        var values: UnsafeMutablePointer<UInt32>
        var capacity: Int
        var count: Int
    }

    private static let shardBits: UInt64 = 8
    private let shards: UnsafeMutablePointer<Shard>
    private let shardCount = 1 << 8
    /// Key bits that choose the shard: keys equal under this mask share a shard, so a caller
    /// can aggregate them shard by shard (per-slice pair counts into pair totals).
    private let shardKeyMask: UInt64
    public private(set) var count = 0

    public init(minimumCapacity: Int = 1024, shardKeyMask: UInt64 = ~0) {
        self.shardKeyMask = shardKeyMask
        shards = .allocate(capacity: shardCount)
        let per = max(16, minimumCapacity / shardCount * 2)
        for s in 0..<shardCount {
            let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: per)
            keys.initialize(repeating: 0, count: per)
            let values = UnsafeMutablePointer<UInt32>.allocate(capacity: per)
            values.initialize(repeating: 0, count: per)
            (shards + s).initialize(to: Shard(keys: keys, values: values, capacity: per, count: 0))
        }
    }

    deinit {
        for s in 0..<shardCount {
            shards[s].keys.deallocate()
            shards[s].values.deallocate()
        }
        shards.deallocate()
    }

    /// Bytes held by the table.
    public var bytes: Int { (0..<shardCount).reduce(0) { $0 + shards[$1].capacity * 12 } }

    @inline(__always) private static func mix(_ key: UInt64) -> UInt64 {
        var h = key &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        return h &* 0xBF58_476D_1CE4_E5B9
    }

    @inline(__always) private static func slot(_ h: UInt64, _ capacity: Int) -> Int {
        Int(truncatingIfNeeded: ((h & 0xFFFF_FFFF) &* UInt64(capacity)) >> 32)
    }

    /// Adds `delta` to the count of `key` (inserting it at 0 first).
    @inline(__always) public func add(_ key: UInt64, _ delta: UInt32 = 1) {
        precondition(key != 0, "CountTable key 0 is reserved")
        let h = Self.mix(key)
        let shard = shards + shardIndex(key, h)
        let cap = shard.pointee.capacity
        let keys = shard.pointee.keys
        var i = Self.slot(h, cap)
        while true {
            let k = keys[i]
            if k == key { shard.pointee.values[i] &+= delta; return }
            if k == 0 {
                keys[i] = key
                shard.pointee.values[i] = delta
                shard.pointee.count += 1
                count += 1
                if shard.pointee.count * 5 > cap * 4 { grow(shard) }
                return
            }
            i += 1
            if i == cap { i = 0 }
        }
    }

    public subscript(key: UInt64) -> UInt32 {
        let h = Self.mix(key)
        let shard = shards[shardIndex(key, h)]
        var i = Self.slot(h, shard.capacity)
        while true {
            let k = shard.keys[i]
            if k == key { return shard.values[i] }
            if k == 0 { return 0 }
            i += 1
            if i == shard.capacity { i = 0 }
        }
    }

    @inline(__always) private func shardIndex(_ key: UInt64, _ h: UInt64) -> Int {
        let sh = shardKeyMask == ~0 ? h : Self.mix(key & shardKeyMask)
        return Int(truncatingIfNeeded: sh >> (64 - Self.shardBits))
    }

    public var shardIndices: Range<Int> { 0..<shardCount }

    /// Visits every entry (in storage order, not sorted: callers sort what they keep).
    public func forEach(_ body: (UInt64, UInt32) throws -> Void) rethrows {
        for s in 0..<shardCount { try forEach(shard: s, body) }
    }

    /// Visits the entries of one shard.
    public func forEach(shard s: Int, _ body: (UInt64, UInt32) throws -> Void) rethrows {
        let shard = shards[s]
        for i in 0..<shard.capacity where shard.keys[i] != 0 { try body(shard.keys[i], shard.values[i]) }
    }

    private func grow(_ shard: UnsafeMutablePointer<Shard>) {
        let old = shard.pointee
        let cap = old.capacity * 3 / 2
        let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: cap)
        keys.initialize(repeating: 0, count: cap)
        let values = UnsafeMutablePointer<UInt32>.allocate(capacity: cap)
        values.initialize(repeating: 0, count: cap)
        for j in 0..<old.capacity where old.keys[j] != 0 {
            var i = Self.slot(Self.mix(old.keys[j]), cap)
            while keys[i] != 0 { i += 1; if i == cap { i = 0 } }
            keys[i] = old.keys[j]
            values[i] = old.values[j]
        }
        old.keys.deallocate()
        old.values.deallocate()
        shard.pointee = Shard(keys: keys, values: values, capacity: cap, count: old.count)
    }
}
