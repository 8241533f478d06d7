/// A read-only open-addressing map from 64-bit feature hashes to small integers.
///
/// Why not `Set`/`Dictionary`: their per-process seeded SipHash costs more than the rest of a
/// token's topic work; our keys are already well-mixed 64-bit hashes, so their low bits index directly.
public struct HashIndex64: Sendable {
    var keys: [UInt64]
    var values: [Int32]
    var mask: Int

    public init(_ entries: [(UInt64, Int32)]) {
        var capacity = 16
        while capacity < entries.count * 2 { capacity <<= 1 }
        keys = [UInt64](repeating: 0, count: capacity)
        values = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
        for (k, v) in entries {
            let key = Self.nonZero(k)
            var s = Self.slot(key, mask)
            while keys[s] != 0 && keys[s] != key { s = (s + 1) & mask }
            keys[s] = key
            values[s] = v
        }
    }

    @inline(__always) static func nonZero(_ k: UInt64) -> UInt64 { k == 0 ? 1 : k }
    @inline(__always) static func slot(_ k: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: k ^ (k >> 29)) & mask }

    /// The value stored for `k`, or -1.
    @inline(__always)
    public func value(_ k: UInt64) -> Int32 {
        let key = Self.nonZero(k)
        var s = Self.slot(key, mask)
        while true {
            let found = keys[s]
            if found == key { return values[s] }
            if found == 0 { return -1 }
            s = (s + 1) & mask
        }
    }

    @inline(__always) public func contains(_ k: UInt64) -> Bool { value(k) >= 0 }
}
