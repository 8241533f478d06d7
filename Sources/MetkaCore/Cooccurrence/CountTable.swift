/// An open-addressing hash map from `UInt64` to `UInt32` counts with linear probing.
///
/// Why not `Dictionary`: pair counting does tens of millions of increments on keys that are
/// already packed integers (two entity ids and a slice id); a flat table of 12 bytes per slot with
/// Fibonacci hashing is several times faster and smaller than `[UInt64: UInt32]`.
/// Key 0 marks an empty slot, so callers never use 0 as a key.
public final class CountTable: @unchecked Sendable {
    private var keys: UnsafeMutablePointer<UInt64>
    private var values: UnsafeMutablePointer<UInt32>
    private var capacity: Int
    private var shift: UInt64
    public private(set) var count = 0

    public init(minimumCapacity: Int = 1024) {
        var c = 16
        while c < minimumCapacity * 2 { c <<= 1 }
        capacity = c
        shift = UInt64(64 - c.trailingZeroBitCount)
        keys = .allocate(capacity: c)
        keys.initialize(repeating: 0, count: c)
        values = .allocate(capacity: c)
        values.initialize(repeating: 0, count: c)
    }

    deinit {
        keys.deallocate()
        values.deallocate()
    }

    /// Bytes held by the table (for the benchmark's memory notes).
    public var bytes: Int { capacity * 12 }

    @inline(__always) private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Adds `delta` to the count of `key` (inserting it at 0 first).
    @inline(__always) public func add(_ key: UInt64, _ delta: UInt32 = 1) {
        precondition(key != 0, "CountTable key 0 is reserved")
        let mask = capacity - 1
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key { values[i] &+= delta; return }
            if k == 0 {
                keys[i] = key
                values[i] = delta
                count += 1
                if count * 10 > capacity * 7 { grow() }
                return
            }
            i = (i + 1) & mask
        }
    }

    public subscript(key: UInt64) -> UInt32 {
        let mask = capacity - 1
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == 0 { return 0 }
            i = (i + 1) & mask
        }
    }

    /// Visits every entry in slot order (not sorted; callers sort what they keep).
    public func forEach(_ body: (UInt64, UInt32) throws -> Void) rethrows {
        for i in 0..<capacity where keys[i] != 0 { try body(keys[i], values[i]) }
    }

    private func grow() {
        let oldKeys = keys, oldValues = values, oldCapacity = capacity
        capacity <<= 1
        shift -= 1
        keys = .allocate(capacity: capacity)
        keys.initialize(repeating: 0, count: capacity)
        values = .allocate(capacity: capacity)
        values.initialize(repeating: 0, count: capacity)
        let mask = capacity - 1
        for j in 0..<oldCapacity where oldKeys[j] != 0 {
            var i = slot(oldKeys[j])
            while keys[i] != 0 { i = (i + 1) & mask }
            keys[i] = oldKeys[j]
            values[i] = oldValues[j]
        }
        oldKeys.deallocate()
        oldValues.deallocate()
    }
}
