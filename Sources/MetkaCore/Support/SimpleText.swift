#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fast paths for "simple" strings, with exactly the results of the `String` operations they replace.
///
/// Why: Swift compares and hashes non-ASCII `String`s under canonical equivalence and splits them
/// into grapheme clusters; for Cyrillic text that normalization dominated profiles of the entity
/// stages (hashing a short Cyrillic key costs ~1,000 instructions). A string is *simple* when every
/// scalar is ASCII other than CR, Latin-1 (U+00A0…U+00FF), Cyrillic without its combining marks
/// (U+0400…U+0482, U+048A…U+052F) or general punctuation U+2010…U+2027, U+2030…U+205E. In a
/// simple string every scalar is its own grapheme cluster (no extenders, joiners, prepends or
/// CR LF), and two simple strings are canonically equivalent only when their bytes are equal
/// (there are no combining marks and no singleton decompositions among those scalars), so byte
/// operations give the same answers as `String`'s. Anything else takes the original `String` path.
enum SimpleText {
    @inline(__always)
    static func isSimple(_ v: UInt32) -> Bool {
        if v < 0x80 { return v != 0x0D }
        if v < 0xA0 { return false }
        if v <= 0xFF { return true }
        if v >= 0x0400 && v <= 0x052F { return v < 0x0483 || v > 0x0489 }
        return (v >= 0x2010 && v <= 0x2027) || (v >= 0x2030 && v <= 0x205E)
    }

    static func isSimple(_ s: String) -> Bool {
        if let r = s.utf8.withContiguousStorageIfAvailable({ isSimple(bytes: $0) }) { return r }
        for u in s.unicodeScalars where !isSimple(u.value) { return false }
        return true
    }

    /// `isSimple` on valid UTF-8, by lead and second bytes (no scalar decoding).
    static func isSimple(bytes p: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = p.count
        while i < n {
            let b = p[i]
            if b < 0x80 {
                if b == 0x0D { return false }
                i += 1
                continue
            }
            guard i + 1 < n else { return false }
            let b1 = p[i + 1]
            switch b {
            case 0xC2: if b1 < 0xA0 { return false }          // U+0080…U+009F
            case 0xC3, 0xD0, 0xD1, 0xD3: break                // U+00C0…U+00FF, U+0400…U+047F, U+04C0…U+04FF
            case 0xD2: if b1 >= 0x83 && b1 <= 0x89 { return false }  // U+0483…U+0489 combining
            case 0xD4: if b1 > 0xAF { return false }          // up to U+052F
            case 0xE2:
                guard i + 2 < n else { return false }
                let b2 = p[i + 2]
                // U+2010…U+2027, U+2030…U+203F, U+2040…U+205E
                let ok = (b1 == 0x80 && ((b2 >= 0x90 && b2 <= 0xA7) || b2 >= 0xB0)) || (b1 == 0x81 && b2 <= 0x9E)
                if !ok { return false }
                i += 3
                continue
            default: return false
            }
            i += 2
        }
        return true
    }

    /// `text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\u{A0}" })`
    /// (mention text → words), scalar by scalar when the text is simple.
    static func splitWords(_ text: String) -> [Substring] {
        guard isSimple(text) else {
            return text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\u{A0}" })
        }
        var out: [Substring] = []
        let scalars = text.unicodeScalars
        var start: String.Index? = nil
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let v = scalars[i].value
            if v == 0x20 || v == 0x0A || v == 0x09 || v == 0xA0 {
                if let s = start { out.append(text[s..<i]); start = nil }
            } else if start == nil {
                start = i
            }
            scalars.formIndex(after: &i)
        }
        if let s = start { out.append(text[s..<text.endIndex]) }
        return out
    }

    /// `s.hasSuffix(suffix)`; bytewise when both are simple.
    static func hasSuffix(_ s: String, _ suffix: String) -> Bool {
        guard isSimple(s) && isSimple(suffix) else { return s.hasSuffix(suffix) }
        let a = s.utf8, b = suffix.utf8
        guard b.count <= a.count else { return false }
        return a.suffix(b.count).elementsEqual(b)
    }
}

/// A set of strings with `Set<String>.contains` semantics (canonical equivalence) that hashes
/// simple strings by their bytes. Non-simple members and queries fall back to `==` scans, which
/// are rare (keys are lowercase Cyrillic or Latin words).
struct SimpleStringSet {
    private typealias Key = SimpleStringKey

    private var simple: Set<Key> = []
    private var other: [String] = []

    var isEmpty: Bool { simple.isEmpty && other.isEmpty }

    mutating func insert(_ s: String) {
        if SimpleText.isSimple(s) { simple.insert(Key(s: s)) } else if !other.contains(s) { other.append(s) }
    }

    func contains(_ s: String) -> Bool {
        if SimpleText.isSimple(s) {
            // A simple query equals a simple member only bytewise; a non-simple member may still be
            // canonically equivalent to it.
            return simple.contains(Key(s: s)) || other.contains(s)
        }
        return other.contains(s) || simple.contains { $0.s == s }
    }
}

/// A dictionary keyed by strings with `[String: Value]` semantics (keys equal under canonical
/// equivalence share one entry) that hashes simple keys by their bytes, like `SimpleStringSet`:
/// entity resolution looks up a handful of Cyrillic keys per mention, and hashing them as
/// `String`s (normalization first) was most of its time.
struct SimpleStringMap<Value> {
    private var simple: [SimpleStringKey: Value] = [:]
    private var other: [(key: String, value: Value)] = []

    var count: Int { simple.count + other.count }

    mutating func removeAll() {
        simple.removeAll(keepingCapacity: true)
        other.removeAll()
    }

    subscript(key: String) -> Value? {
        if SimpleText.isSimple(key) {
            if let v = simple[SimpleStringKey(s: key)] { return v }
            return other.isEmpty ? nil : other.first { $0.key == key }?.value
        }
        if let o = other.first(where: { $0.key == key }) { return o.value }
        return simple.first { $0.key.s == key }?.value
    }

    /// `dictionary[key] = value`: replaces the value of the stored key equivalent to `key`, if any.
    mutating func set(_ key: String, _ value: Value) {
        if SimpleText.isSimple(key) {
            let k = SimpleStringKey(s: key)
            if other.isEmpty || simple[k] != nil { simple[k] = value; return }
            if let i = other.firstIndex(where: { $0.key == key }) { other[i].value = value } else { simple[k] = value }
            return
        }
        if let i = other.firstIndex(where: { $0.key == key }) { other[i].value = value; return }
        if let k = simple.keys.first(where: { $0.s == key }) { simple[k] = value; return }
        other.append((key, value))
    }
}

/// A simple string hashed and compared by its UTF-8 bytes (see `SimpleText`).
struct SimpleStringKey: Hashable {
    let s: String
    static func == (a: SimpleStringKey, b: SimpleStringKey) -> Bool {
        // memcmp on the strings' contiguous UTF-8 (the generic `elementsEqual` cost ~7M instructions
        // per factRuEval pass); `elementsEqual` only if storage is not contiguous.
        guard a.s.utf8.count == b.s.utf8.count else { return false }
        let r: Bool?? = a.s.utf8.withContiguousStorageIfAvailable { pa in
            b.s.utf8.withContiguousStorageIfAvailable { pb in pa.count == 0 || memcmp(pa.baseAddress!, pb.baseAddress!, pa.count) == 0 }
        }
        if let r, let r { return r }
        return a.s.utf8.elementsEqual(b.s.utf8)
    }
    func hash(into h: inout Hasher) {
        if s.utf8.withContiguousStorageIfAvailable({ h.combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
            Array(s.utf8).withUnsafeBytes { h.combine(bytes: $0) }
        }
    }
}
