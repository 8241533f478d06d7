/// FNV-1a 64 feature hashing into a fixed table: a feature is a template id plus a few bytes
/// (a token key, a rule id, a bit pattern), hashed without building a `String`, so scoring a
/// candidate allocates nothing beyond the reusable index buffer.
struct FeatureHasher {
    private(set) var value: UInt64

    @inline(__always) init(_ template: UInt8, _ type: UInt8) {
        value = 0xcbf2_9ce4_8422_2325
        add(template)
        add(type)
    }

    @inline(__always) mutating func add(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x100_0000_01b3
    }

    @inline(__always) mutating func add(_ x: UInt64) {
        var v = x
        for _ in 0..<8 { add(UInt8(truncatingIfNeeded: v)); v >>= 8 }
    }

    @inline(__always) mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        for b in bytes { add(b) }
        add(UInt8(0xFF))
    }

    @inline(__always) mutating func add(_ string: String) {
        for b in string.utf8 { add(b) }
        add(UInt8(0xFF))
    }

    /// Bucket in a table of `1 << bits` rows (the high bits mix best in FNV).
    @inline(__always) func bucket(bits: Int) -> UInt32 {
        let mixed = value ^ (value >> 29)
        return UInt32(truncatingIfNeeded: (mixed &* 0xbf58_476d_1ce4_e5b9) >> UInt64(64 - bits))
    }
}
