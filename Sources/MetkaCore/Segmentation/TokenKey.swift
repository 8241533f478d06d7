/// Builds match keys for tokens: the form gazetteers, the lexicon and rules compare against.
///
/// A key is the token's text lowercased, with ё→е, stress marks (U+0301) and other
/// combining/zero-width marks dropped, typographic apostrophes and hyphens unified, and
/// Latin/Cyrillic look-alike letters unified toward the token's majority script (scraped
/// text has «MИД» with a Latin M, or «Aэрофлот» with a Latin A). Text itself is never changed;
/// keys live in a side buffer.
public enum TokenKey {
    /// Appends the key for `bytes` (one token, valid UTF-8) to `out`.
    ///
    /// - Parameters:
    ///   - cyrillicLetters/latinLetters: the token's letter counts, used to pick the majority script.
    @inline(__always)
    static func append(
        _ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, mixedScript: Bool, cyrillicMajority: Bool,
        to out: inout [UInt8]
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
                    out.append(c)
                }
                i += 1
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
                out.append(la)
                continue
            }
            appendScalar(lower, to: &out)
        }
    }

    /// The key of an arbitrary string (gazetteer aliases, lexicon lookups, tests), computed
    /// exactly as for tokens.
    public static func of(_ text: String) -> String {
        var cyr = 0, lat = 0
        for s in text.unicodeScalars {
            let v = s.value
            if (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) { lat += 1 }
            else if (0x0400...0x052F).contains(v) { cyr += 1 }
        }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        bytes.withUnsafeBufferPointer {
            append($0, 0..<bytes.count, mixedScript: cyr > 0 && lat > 0, cyrillicMajority: cyr >= lat, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

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
