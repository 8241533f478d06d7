/// Byte-level UTF-8 decoding and character classes used by the tokenizer.
///
/// The tokenizer never builds `Character`s: it decodes one scalar at a time from the byte
/// buffer and looks its class and letter facts up in one byte of `table` for every scalar below
/// U+0800 (ASCII, Latin-1, Latin Extended, combining marks, Cyrillic — nearly all of Russian news
/// text). Above that, a few range checks cover typographic punctuation and spaces; other scripts
/// fall back to `Unicode.Scalar.Properties`.
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

    /// Class (low 4 bits) and letter facts (high bits) of one scalar, packed in a byte.
    struct Info {
        let raw: UInt8
        static let upperBit: UInt8 = 0x10, lowerBit: UInt8 = 0x20, cyrillicBit: UInt8 = 0x40, latinBit: UInt8 = 0x80

        @inline(__always) init(raw: UInt8) { self.raw = raw }

        init(_ c: UInt32) {
            let cls = UnicodeScan.classify(c)
            var raw = cls.rawValue
            if cls == .letter {
                let l = UnicodeScan.letterInfo(c)
                if l.upper { raw |= Info.upperBit }
                if l.lower { raw |= Info.lowerBit }
                if l.cyrillic { raw |= Info.cyrillicBit }
                if l.latin { raw |= Info.latinBit }
            }
            self.raw = raw
        }

        @inline(__always) var cls: Class { unsafeBitCast(raw & 0x0F, to: Class.self) }
        @inline(__always) var isUpper: Bool { raw & Info.upperBit != 0 }
        @inline(__always) var isLower: Bool { raw & Info.lowerBit != 0 }
        @inline(__always) var isCyrillic: Bool { raw & Info.cyrillicBit != 0 }
        @inline(__always) var isLatin: Bool { raw & Info.latinBit != 0 }
    }

    /// `Info` bytes of U+0000…U+07FF, computed once from `classify`/`letterInfo` so the table and
    /// the slow path can never disagree.
    static let table: [UInt8] = (0..<0x800).map { Info(UInt32($0)).raw }

    /// Info for any scalar, given the table's base address (hot loops hold it in a register).
    @inline(__always)
    static func info(_ c: UInt32, _ table: UnsafePointer<UInt8>) -> Info {
        c < 0x800 ? Info(raw: table[Int(c)]) : Info(c)
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
