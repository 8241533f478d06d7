/// Byte-level UTF-8 decoding and character classes used by the tokenizer.
///
/// The tokenizer never builds `Character`s: it decodes one scalar at a time from the byte
/// buffer and classifies it with range checks that cover Russian news text (ASCII, Cyrillic,
/// common punctuation) without table lookups into Unicode properties; other scripts fall back
/// to `Unicode.Scalar.Properties`.
enum UnicodeScan {
    /// Decodes the scalar at `i` (assumes valid UTF-8; `Document` is built from a `String`).
    /// Returns the scalar value and its byte length.
    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return (((b0 & 0x1F) << 6) | (UInt32(p[i + 1]) & 0x3F), 2) }
        if b0 < 0xF0 {
            return (((b0 & 0x0F) << 12) | ((UInt32(p[i + 1]) & 0x3F) << 6) | (UInt32(p[i + 2]) & 0x3F), 3)
        }
        return (((b0 & 0x07) << 18) | ((UInt32(p[i + 1]) & 0x3F) << 12) | ((UInt32(p[i + 2]) & 0x3F) << 6)
                | (UInt32(p[i + 3]) & 0x3F), 4)
    }

    enum Class: UInt8 {
        case space, newline, letter, digit, hyphen, dash, quote, apostrophe, combining, punct, symbol
    }

    /// Letter script and case, for shapes.
    struct LetterInfo {
        var upper: Bool
        var lower: Bool
        var cyrillic: Bool
        var latin: Bool
    }

    @inline(__always)
    static func classify(_ c: UInt32) -> Class {
        if c < 0x80 {
            switch c {
            case 0x0A, 0x0D: return .newline
            case 0x09, 0x0B, 0x0C, 0x20: return .space
            case 0x30...0x39: return .digit
            case 0x41...0x5A, 0x61...0x7A: return .letter
            case 0x2D: return .hyphen
            case 0x22: return .quote
            case 0x27: return .apostrophe
            case 0x21, 0x2C, 0x2E, 0x3A, 0x3B, 0x3F, 0x28, 0x29, 0x5B, 0x5D, 0x7B, 0x7D: return .punct
            default: return c < 0x20 ? .space : .symbol
            }
        }
        switch c {
        case 0x0400...0x04FF, 0x0500...0x052F: return .letter
        case 0x00C0...0x024F: return (c == 0xD7 || c == 0xF7) ? .symbol : .letter
        case 0x0300...0x036F: return .combining
        case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return .space
        case 0x200B...0x200D, 0x2060, 0xFEFF: return .combining  // zero-width: glued, dropped from keys
        case 0x0085, 0x2028, 0x2029: return .newline
        case 0x2010, 0x2011: return .hyphen
        case 0x2012...0x2015, 0x2212: return .dash
        case 0x00AB, 0x00BB, 0x201C...0x201F, 0x2039, 0x203A: return .quote
        case 0x2018, 0x2019, 0x02BC: return .apostrophe
        case 0x2026, 0x00A1, 0x00BF: return .punct
        default:
            guard let scalar = Unicode.Scalar(c) else { return .symbol }
            let p = scalar.properties
            if p.isAlphabetic { return .letter }
            if p.numericType == .decimal { return .digit }
            if p.isWhitespace { return .space }
            if p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark { return .combining }
            switch p.generalCategory {
            case .openPunctuation, .closePunctuation, .otherPunctuation, .connectorPunctuation: return .punct
            case .dashPunctuation: return .dash
            case .initialPunctuation, .finalPunctuation: return .quote
            default: return .symbol
            }
        }
    }

    @inline(__always)
    static func letterInfo(_ c: UInt32) -> LetterInfo {
        switch c {
        case 0x41...0x5A: return LetterInfo(upper: true, lower: false, cyrillic: false, latin: true)
        case 0x61...0x7A: return LetterInfo(upper: false, lower: true, cyrillic: false, latin: true)
        case 0x0410...0x042F, 0x0400...0x040F: return LetterInfo(upper: true, lower: false, cyrillic: true, latin: false)
        case 0x0430...0x045F: return LetterInfo(upper: false, lower: true, cyrillic: true, latin: false)
        case 0x0460...0x052F:
            return LetterInfo(upper: c & 1 == 0, lower: c & 1 == 1, cyrillic: true, latin: false)
        default:
            guard let s = Unicode.Scalar(c) else { return LetterInfo(upper: false, lower: false, cyrillic: false, latin: false) }
            let p = s.properties
            let latin = (0xC0...0x24F).contains(c)
            return LetterInfo(upper: p.isUppercase, lower: p.isLowercase, cyrillic: false, latin: latin)
        }
    }
}
