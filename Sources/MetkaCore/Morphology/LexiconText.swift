/// Conversion between Swift text and the lexicon's one-byte encoding (Windows-1251).
///
/// cp1251 keeps every Russian letter in one byte with а..я contiguous and alphabetical, so keys
/// compare with `memcmp` and a word's key fits a small stack buffer. Keys are lowercase with ё
/// folded to е and U+0301 (stress mark) dropped — the same folding as the tokenizer's token keys.
enum LexiconText {
    static let maxKeyLength = 48

    /// Lowercases, folds ё→е, drops U+0301 and encodes `word` into `buffer`.
    /// Returns the key length, or nil when the word has a character the lexicon cannot hold.
    /// `hadYo` is set when the input spelled ё explicitly.
    @inline(__always)
    static func key<S: StringProtocol>(_ word: S, into buffer: UnsafeMutablePointer<UInt8>, hadYo: inout Bool) -> Int? {
        var shape = WordShape()
        return key(word, into: buffer, hadYo: &hadYo, shape: &shape)
    }

    /// As `key(_:into:hadYo:)`, also recording the word's letter case pattern.
    /// Walks UTF-8 bytes directly (Cyrillic letters are two bytes, D0/D1 lead) — this runs for
    /// every token, cache hit or not.
    @inline(__always)
    static func key<S: StringProtocol>(_ word: S, into buffer: UnsafeMutablePointer<UInt8>, hadYo: inout Bool,
                                       shape: inout WordShape) -> Int? {
        if let r = word.utf8.withContiguousStorageIfAvailable({ key(utf8: $0, into: buffer, hadYo: &hadYo, shape: &shape) }) {
            return r
        }
        return key(utf8: word.utf8, into: buffer, hadYo: &hadYo, shape: &shape)
    }

    @inline(__always)
    static func key<U: Sequence>(utf8 word: U, into buffer: UnsafeMutablePointer<UInt8>, hadYo: inout Bool,
                                 shape: inout WordShape) -> Int? where U.Element == UInt8 {
        var n = 0
        var pending: UInt32 = 0   // lead byte of a multi-byte sequence in progress
        var need = 0
        for byte in word {
            var v: UInt32
            if need > 0 {
                pending = pending << 6 | UInt32(byte & 0x3F)
                need -= 1
                if need > 0 { continue }
                v = pending
            } else if byte < 0x80 {
                v = UInt32(byte)
            } else if byte & 0xE0 == 0xC0 {
                pending = UInt32(byte & 0x1F); need = 1; continue
            } else if byte & 0xF0 == 0xE0 {
                pending = UInt32(byte & 0x0F); need = 2; continue
            } else {
                pending = UInt32(byte & 0x07); need = 3; continue
            }
            var b: UInt8
            if v >= 0x430 && v <= 0x44F {          // а..я
                b = UInt8(truncatingIfNeeded: v - 0x430 + 0xE0)
                shape.lower(at: n, cyrillic: true)
            } else if v >= 0x410 && v <= 0x42F {   // А..Я
                b = UInt8(truncatingIfNeeded: v - 0x410 + 0xE0)
                shape.upper(at: n, cyrillic: true)
            } else if v == 0x451 || v == 0x401 {   // ё Ё
                b = 0xE5; hadYo = true
                if v == 0x401 { shape.upper(at: n, cyrillic: true) } else { shape.lower(at: n, cyrillic: true) }
            } else if v < 0x80 {
                b = UInt8(truncatingIfNeeded: v)
                if b >= 0x41 && b <= 0x5A { b += 0x20; shape.upper(at: n, cyrillic: false) }
                else if b >= 0x61 && b <= 0x7A { shape.lower(at: n, cyrillic: false) }
            } else if v == 0x301 {
                continue
            } else if v == 0x2010 || v == 0x2011 {  // hyphens → '-'
                b = 0x2D
            } else {
                return nil
            }
            if n == maxKeyLength { return nil }
            buffer[n] = b
            n += 1
        }
        return n
    }

    /// Decodes cp1251 lexicon bytes (lowercase, may contain ё = 0xB8), appending to `string`.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, into string: inout String) {
        string += decode(bytes)
    }

    /// Decodes cp1251 lexicon bytes through a UTF-8 buffer (much faster than appending scalars).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if bytes.isEmpty { return "" }
        return String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            var n = 0
            for b in bytes {
                if b < 0x80 {
                    out[n] = b; n += 1
                } else {
                    let v = scalar(b).value   // all cp1251 letters we store are 2-byte UTF-8
                    out[n] = UInt8(0xC0 | (v >> 6)); out[n + 1] = UInt8(0x80 | (v & 0x3F)); n += 2
                }
            }
            return n
        }
    }

    /// Builds a String from scalars through a UTF-8 buffer.
    static func string<C: Collection>(_ scalars: C) -> String where C.Element == Unicode.Scalar {
        String(unsafeUninitializedCapacity: scalars.count * 4) { out in
            var n = 0
            for s in scalars {
                let v = s.value
                if v < 0x80 { out[n] = UInt8(v); n += 1 }
                else if v < 0x800 { out[n] = UInt8(0xC0 | (v >> 6)); out[n + 1] = UInt8(0x80 | (v & 0x3F)); n += 2 }
                else if v < 0x10000 {
                    out[n] = UInt8(0xE0 | (v >> 12)); out[n + 1] = UInt8(0x80 | ((v >> 6) & 0x3F)); out[n + 2] = UInt8(0x80 | (v & 0x3F)); n += 3
                } else {
                    out[n] = UInt8(0xF0 | (v >> 18)); out[n + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                    out[n + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); out[n + 3] = UInt8(0x80 | (v & 0x3F)); n += 4
                }
            }
            return n
        }
    }

    @inline(__always) static func scalar(_ b: UInt8) -> Unicode.Scalar {
        if b >= 0xE0 { return Unicode.Scalar(UInt32(b) - 0xE0 + 0x430)! }
        if b >= 0xC0 { return Unicode.Scalar(UInt32(b) - 0xC0 + 0x410)! }
        if b == 0xB8 { return "ё" }
        if b == 0xA8 { return "Ё" }
        return Unicode.Scalar(b)
    }

    /// Folds one cp1251 byte the way keys are folded (ё→е).
    @inline(__always) static func fold(_ b: UInt8) -> UInt8 { b == 0xB8 ? 0xE5 : b }
}

/// The letter-case pattern of a word, collected while its key is built.
struct WordShape: Hashable {
    var upperCount: UInt8 = 0
    var lowerCount: UInt8 = 0
    var cyrillicCount: UInt8 = 0
    var latinCount: UInt8 = 0
    var firstUpper = false
    /// Index of the first lowercase letter after an uppercase run (МИДом → 3), or 255.
    var firstLowerAfterUpper: UInt8 = 255

    @inline(__always) mutating func upper(at i: Int, cyrillic: Bool) {
        if i == 0 { firstUpper = true }
        upperCount &+= 1
        if cyrillic { cyrillicCount &+= 1 } else { latinCount &+= 1 }
    }

    @inline(__always) mutating func lower(at i: Int, cyrillic: Bool) {
        if lowerCount == 0 && upperCount > 0 { firstLowerAfterUpper = UInt8(i) }
        lowerCount &+= 1
        if cyrillic { cyrillicCount &+= 1 } else { latinCount &+= 1 }
    }

    var letters: Int { Int(upperCount) + Int(lowerCount) }
    /// Capitalised: first letter upper (Путин, МИД, МИДа).
    var isCapitalized: Bool { firstUpper }
    /// Two or more letters, all uppercase (МИД, США).
    var isAllCaps: Bool { upperCount >= 2 && lowerCount == 0 }
    /// An all-caps stem with a lowercase case ending (МИДа, ОМОНом): ≥ 2 capitals then ≤ 3 lowercase.
    var isCapsWithEnding: Bool {
        upperCount >= 2 && lowerCount >= 1 && lowerCount <= 3 && Int(firstLowerAfterUpper) == Int(upperCount)
    }
}
