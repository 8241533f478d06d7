/// FNV-1a, 64 bits: a fast, dependency-free checksum for change detection (data files, archive
/// article contents). Not cryptographic — it detects edits, it does not resist forgery.
public struct Checksum: Sendable {
    public var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    @inlinable
    public mutating func add<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        var h = value
        for b in bytes {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01b3
        }
        value = h
    }

    public mutating func add(_ string: String) {
        var s = string
        s.withUTF8 { add($0) }
    }

    /// Adds a field and a separator that cannot occur in UTF-8, so ("ab", "c") ≠ ("a", "bc").
    public mutating func addField(_ string: String?) {
        if let string { add(string); add(CollectionOfOne(0xFF)) } else { add(CollectionOfOne(0xFE)) }
    }

    /// 16 lowercase hex digits.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
