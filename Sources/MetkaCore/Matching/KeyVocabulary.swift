/// Interns token keys (normalized UTF-8 bytes) to dense integer ids.
///
/// Why a hand-made table: the hot path looks up every token's key bytes straight from the
/// segmentation's key buffer; a `[String: Int32]` would force a `String` allocation per token.
/// Open addressing with linear probing over FNV-1a hashes; keys live in one byte arena.
public struct KeyVocabulary: Sendable {
    private var arena: [UInt8] = []
    private var starts: [Int32] = [0]
    private var table: [Int32]
    private var mask: Int

    init(arena: [UInt8], starts: [Int32], table: [Int32]) {
        self.arena = arena
        self.starts = starts
        self.table = table
        self.mask = table.count - 1
    }

    /// The raw arrays, for the compiled-gazetteer cache.
    var storage: (arena: [UInt8], starts: [Int32], table: [Int32]) { (arena, starts, table) }

    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        table = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    public var count: Int { starts.count - 1 }

    @inline(__always)
    static func hash(_ p: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in p { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    @inline(__always)
    private func equals(_ id: Int32, _ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let s = Int(starts[Int(id)]), e = Int(starts[Int(id) + 1])
        guard e - s == p.count else { return false }
        return arena.withUnsafeBufferPointer { a in
            for k in 0..<p.count where a[s + k] != p[k] { return false }
            return true
        }
    }

    /// The id of `key`, or -1 when it was never interned.
    @inline(__always)
    public func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        var slot = KeyVocabulary.hash(key) & mask
        while true {
            let id = table[slot]
            if id < 0 { return -1 }
            if equals(id, key) { return id }
            slot = (slot + 1) & mask
        }
    }

    public func lookup(_ key: String) -> Int32 {
        var bytes = Array(key.utf8)
        return bytes.withUnsafeMutableBufferPointer { lookup(UnsafeBufferPointer($0)) }
    }

    /// Returns the id of `key`, adding it when new.
    @discardableResult
    public mutating func intern(_ key: String) -> Int32 {
        let bytes = Array(key.utf8)
        let found = bytes.withUnsafeBufferPointer { lookup($0) }
        if found >= 0 { return found }
        if count * 2 >= table.count { grow() }
        let id = Int32(count)
        arena.append(contentsOf: bytes)
        starts.append(Int32(arena.count))
        insert(id, hash: bytes.withUnsafeBufferPointer { KeyVocabulary.hash($0) })
        return id
    }

    /// The key text of `id`.
    public func key(_ id: Int32) -> String {
        String(decoding: arena[Int(starts[Int(id)])..<Int(starts[Int(id) + 1])], as: UTF8.self)
    }

    private mutating func insert(_ id: Int32, hash: Int) {
        var slot = hash & mask
        while table[slot] >= 0 { slot = (slot + 1) & mask }
        table[slot] = id
    }

    private mutating func grow() {
        let size = table.count * 2
        table = [Int32](repeating: -1, count: size)
        mask = size - 1
        for id in 0..<Int32(count) {
            let s = Int(starts[Int(id)]), e = Int(starts[Int(id) + 1])
            let h = arena.withUnsafeBufferPointer { KeyVocabulary.hash(UnsafeBufferPointer(rebasing: $0[s..<e])) }
            insert(id, hash: h)
        }
    }
}
