/// Builds match keys for tokens: the form gazetteers, the lexicon and rules compare against.
///
/// A key is the token's text lowercased, with ё→е, stress marks (U+0301) and other
/// combining/zero-width marks dropped, typographic apostrophes and hyphens unified, and
/// Latin/Cyrillic look-alike letters unified toward the token's majority script (scraped
/// text has «MИД» with a Latin M, or «Aэрофлот» with a Latin A). Text itself is never changed;
/// keys live in a side buffer.
public enum TokenKey {
    /// Appends the key for `bytes` (one token, valid UTF-8) to `out`, which must have room for
    /// `2 * range.count + 8` more bytes (`KeyWriter.reserve`).
    ///
    /// - Parameters:
    ///   - mixedScript: the token has both Cyrillic and Latin letters;
    ///   - cyrillicMajority: Cyrillic letters are at least as many as Latin ones (the script look-alikes map to).
    @inline(__always)
    static func append(
        _ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, mixedScript: Bool, cyrillicMajority: Bool,
        to out: inout KeyWriter
    ) {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let b = p[i]
            if b < 0x80 {
                var c = b
                if c >= 0x41 && c <= 0x5A { c += 0x20 }
                if mixedScript && cyrillicMajority, let cy = latinToCyrillic(c) {
                    appendScalar(cy, to: &out)
                } else {
                    out.put(c)
                }
                i += 1
                continue
            }
            if !mixedScript && putBasicCyrillic(b, p[i + 1], to: &out) {
                i += 2
                continue
            }
            let (c, n) = UnicodeScan.decode(p, i)
            i += n
            var lower = c
            switch c {
            case 0x0410...0x042F: lower = c + 0x20
            case 0x0400...0x040F: lower = c + 0x50
            case 0x0460...0x052F: lower = c | 1
            case 0x0301, 0x0300, 0x0308: continue  // stress, grave, diaeresis (е + ̈ → е)
            case 0x200B...0x200D, 0x2060, 0xFEFF, 0x00AD: continue  // zero-width, soft hyphen
            case 0x2019, 0x2018, 0x02BC: lower = 0x27
            case 0x2010, 0x2011: lower = 0x2D
            case 0x0430...0x045F: break
            default:
                if let s = Unicode.Scalar(c), s.properties.isUppercase {
                    lower = s.properties.lowercaseMapping.unicodeScalars.first?.value ?? c
                }
            }
            if lower == 0x0451 || lower == 0x0450 { lower = 0x0435 }  // ё, ѐ → е
            if lower == 0x0306 {  // й written as и + breve keeps its identity
                if out.count >= 2, out[out.count - 2] == 0xD0, out[out.count - 1] == 0xB8 {
                    out[out.count - 1] = 0xB9
                    continue
                }
            }
            if mixedScript && !cyrillicMajority, let la = cyrillicToLatin(lower) {
                out.put(la)
                continue
            }
            appendScalar(lower, to: &out)
        }
    }

    /// Fast path for basic Cyrillic (U+0400…U+045F, lead byte D0/D1): lowercases on the bytes,
    /// ё/ѐ → е. Returns false (writing nothing) for anything else.
    @inline(__always)
    static func putBasicCyrillic(_ b: UInt8, _ b1: UInt8, to out: inout KeyWriter) -> Bool {
        if b == 0xD0 {
            switch b1 {
            case 0xB0...0xBF: out.put(0xD0); out.put(b1)            // а…п
            case 0xA0...0xAF: out.put(0xD1); out.put(b1 - 0x20)     // Р…Я → р…я
            case 0x90...0x9F: out.put(0xD0); out.put(b1 + 0x20)     // А…П → а…п
            case 0x80, 0x81: out.put(0xD0); out.put(0xB5)           // Ѐ Ё → е
            default: out.put(0xD1); out.put(b1 + 0x10)              // Ђ…Џ → ђ…џ
            }
            return true
        }
        if b == 0xD1 && b1 < 0xA0 {
            if b1 == 0x90 || b1 == 0x91 { out.put(0xD0); out.put(0xB5) } else { out.put(0xD1); out.put(b1) }  // ѐ ё → е
            return true
        }
        return false
    }

    /// The key of an arbitrary string (gazetteer aliases, lexicon lookups, tests), computed
    /// exactly as for tokens.
    public static func of(_ text: String) -> String {
        if isOwnKey(text) { return text }
        var cyr = 0, lat = 0
        for s in text.unicodeScalars {
            let v = s.value
            if (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) { lat += 1 }
            else if (0x0400...0x052F).contains(v) { cyr += 1 }
        }
        let bytes = Array(text.utf8)
        var out = KeyWriter(capacity: 2 * bytes.count + 8)
        defer { out.deallocate() }
        bytes.withUnsafeBufferPointer {
            append($0, 0..<bytes.count, mixedScript: cyr > 0 && lat > 0, cyrillicMajority: cyr >= lat, to: &out)
        }
        return String(decoding: out.buffer, as: UTF8.self)
    }

    /// True when `text` is already its own key: only ASCII other than capitals, and basic
    /// lowercase Cyrillic а…я (no ё), not both Latin letters and Cyrillic. `append` copies
    /// exactly these bytes unchanged, so `of` can skip the copy, the buffer and the re-validation
    /// (lemmas and normalized names are mostly like this).
    @inline(__always)
    static func isOwnKey(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { isOwnKey(bytes: $0) } ?? false
    }

    @inline(__always)
    static func isOwnKey(bytes p: UnsafeBufferPointer<UInt8>) -> Bool {
        var latin = false, cyrillic = false
        var i = 0
        let n = p.count
        while i < n {
            let b = p[i]
            if b < 0x80 {
                if b >= 0x41 && b <= 0x5A { return false }
                if b >= 0x61 && b <= 0x7A { latin = true }
                i += 1
                continue
            }
            guard i + 1 < n else { return false }
            let b1 = p[i + 1]
            if (b == 0xD0 && b1 >= 0xB0 && b1 <= 0xBF) || (b == 0xD1 && b1 >= 0x80 && b1 <= 0x8F) {
                cyrillic = true
                i += 2
                continue
            }
            return false
        }
        return !(latin && cyrillic)
    }

    /// UTF-8 of scalar `c` appended to a byte array (callers outside the tokenizer).
    @inline(__always)
    static func appendScalar(_ c: UInt32, to out: inout [UInt8]) {
        if c < 0x80 {
            out.append(UInt8(c))
        } else if c < 0x800 {
            out.append(UInt8(0xC0 | (c >> 6)))
            out.append(UInt8(0x80 | (c & 0x3F)))
        } else if c < 0x10000 {
            out.append(UInt8(0xE0 | (c >> 12)))
            out.append(UInt8(0x80 | ((c >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (c & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (c >> 18)))
            out.append(UInt8(0x80 | ((c >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((c >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (c & 0x3F)))
        }
    }

    @inline(__always)
    static func appendScalar(_ c: UInt32, to out: inout KeyWriter) {
        if c < 0x80 {
            out.put(UInt8(c))
        } else if c < 0x800 {
            out.put(UInt8(0xC0 | (c >> 6)))
            out.put(UInt8(0x80 | (c & 0x3F)))
        } else if c < 0x10000 {
            out.put(UInt8(0xE0 | (c >> 12)))
            out.put(UInt8(0x80 | ((c >> 6) & 0x3F)))
            out.put(UInt8(0x80 | (c & 0x3F)))
        } else {
            out.put(UInt8(0xF0 | (c >> 18)))
            out.put(UInt8(0x80 | ((c >> 12) & 0x3F)))
            out.put(UInt8(0x80 | ((c >> 6) & 0x3F)))
            out.put(UInt8(0x80 | (c & 0x3F)))
        }
    }

    /// Lowercase Latin letters that look like Cyrillic ones (in upper or lower case).
    @inline(__always)
    static func latinToCyrillic(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "a"): 0x0430
        case UInt8(ascii: "b"): 0x0432
        case UInt8(ascii: "c"): 0x0441
        case UInt8(ascii: "e"): 0x0435
        case UInt8(ascii: "h"): 0x043D
        case UInt8(ascii: "k"): 0x043A
        case UInt8(ascii: "m"): 0x043C
        case UInt8(ascii: "o"): 0x043E
        case UInt8(ascii: "p"): 0x0440
        case UInt8(ascii: "t"): 0x0442
        case UInt8(ascii: "x"): 0x0445
        case UInt8(ascii: "y"): 0x0443
        default: nil
        }
    }

    @inline(__always)
    static func cyrillicToLatin(_ c: UInt32) -> UInt8? {
        switch c {
        case 0x0430: UInt8(ascii: "a")
        case 0x0432: UInt8(ascii: "b")
        case 0x0441: UInt8(ascii: "c")
        case 0x0435: UInt8(ascii: "e")
        case 0x043D: UInt8(ascii: "h")
        case 0x043A: UInt8(ascii: "k")
        case 0x043C: UInt8(ascii: "m")
        case 0x043E: UInt8(ascii: "o")
        case 0x0440: UInt8(ascii: "p")
        case 0x0442: UInt8(ascii: "t")
        case 0x0445: UInt8(ascii: "x")
        case 0x0443: UInt8(ascii: "y")
        default: nil
        }
    }
}

/// A growable byte buffer the tokenizer writes keys into without per-byte bounds or uniqueness
/// checks: callers `reserve` room for a whole token, then `put` bytes. Owned by one tokenizer run;
/// `deallocate` when done.
struct KeyWriter {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    @inline(__always) mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private mutating func grow(_ needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Drops everything written after `count` bytes (a speculative key that must be redone).
    @inline(__always) mutating func truncate(to newCount: Int) { count = newCount }

    @inline(__always) mutating func put(_ b: UInt8) {
        base[count] = b
        count += 1
    }

    @inline(__always) subscript(_ i: Int) -> UInt8 {
        get { base[i] }
        set { base[i] = newValue }
    }

    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    func deallocate() { base.deallocate() }
}
