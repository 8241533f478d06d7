/// A set of token keys tested straight from key bytes: no `String`, no Unicode normalization.
///
/// `Set<String>` equality on Cyrillic strings runs Unicode canonical-equivalence checks; keys
/// are already normalized bytes, so byte equality is both correct and several times faster.
public struct KeySet: Sendable {
    private var vocabulary = KeyVocabulary(capacity: 64)

    public init() {}

    public init(_ keys: some Sequence<String>) {
        for k in keys { insert(k) }
    }

    public mutating func insert(_ key: String) { vocabulary.intern(key) }

    /// The compiled cache's copy (`CompiledGazetteer`): the table as built, no re-hashing.
    func encode(into w: inout BinaryWriter) {
        let v = vocabulary.storage
        w.write(v.arena); w.write(v.starts); w.write(v.table)
    }

    static func decode(from r: inout BinaryReader) throws -> KeySet {
        var set = KeySet()
        let arena = try r.readArray(UInt8.self), starts = try r.readArray(Int32.self), table = try r.readArray(Int32.self)
        guard !starts.isEmpty, table.count.nonzeroBitCount == 1 else { throw MetkaError.data("bad key set in cache") }
        set.vocabulary = KeyVocabulary(arena: arena, starts: starts, table: table)
        return set
    }

    public var count: Int { vocabulary.count }

    @inline(__always)
    public func contains(_ key: UnsafeBufferPointer<UInt8>) -> Bool { vocabulary.lookup(key) >= 0 }

    public func contains(_ key: String) -> Bool { vocabulary.lookup(key) >= 0 }

    /// Whether token `index` of `segmentation` has a key in the set.
    @inline(__always)
    public func contains(token index: Int, of segmentation: Segmentation) -> Bool {
        segmentation.withKey(index) { contains($0) }
    }
}
