/// A forward-only JSON reader over one line's bytes that decodes only what the caller asks for.
///
/// Why not `JSONSerialization`: a million tagged documents are gigabytes of JSON of which
/// co-occurrence needs a few fields; building Foundation objects for all of it costs minutes.
/// This scanner validates structure as it goes, skips unwanted values without allocating, and
/// decodes strings (with all escapes, surrogate pairs included) only on request.
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    struct StringToken {
        var range: Range<Int>
        var escaped: Bool
    }

    func error(_ message: String) -> MetkaError { .record("invalid JSON at byte \(i): \(message)") }

    @inline(__always) mutating func skipSpace() {
        while i < bytes.count {
            let b = bytes[i]
            guard b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D else { return }
            i += 1
        }
    }

    @inline(__always) mutating func peek() -> UInt8? {
        skipSpace()
        return i < bytes.count ? bytes[i] : nil
    }

    @inline(__always) mutating func expect(_ c: UInt8) throws {
        guard peek() == c else { throw error("expected '\(Character(Unicode.Scalar(c)))'") }
        i += 1
    }

    /// Consumes `c` if it is next.
    @inline(__always) mutating func consume(_ c: UInt8) -> Bool {
        if peek() == c { i += 1; return true }
        return false
    }

    @inline(__always) mutating func string() throws -> StringToken {
        try expect(UInt8(ascii: "\""))
        let start = i
        var escaped = false
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return StringToken(range: start..<(i - 1), escaped: escaped)
            }
            if b == UInt8(ascii: "\\") { escaped = true; i += 2; continue }
            if b < 0x20 { throw error("control character in string") }
            i += 1
        }
        throw error("unterminated string")
    }

    @inline(__always) func equals(_ t: StringToken, _ literal: StaticString) -> Bool {
        guard !t.escaped, t.range.count == literal.utf8CodeUnitCount else { return false }
        let p = literal.utf8Start
        for k in 0..<t.range.count where bytes[t.range.lowerBound + k] != p[k] { return false }
        return true
    }

    func equals(_ x: StringToken, _ y: StringToken) -> Bool {
        if x.escaped || y.escaped { return decode(x) == decode(y) }
        guard x.range.count == y.range.count else { return false }
        for k in 0..<x.range.count where bytes[x.range.lowerBound + k] != bytes[y.range.lowerBound + k] { return false }
        return true
    }

    /// The string's value. Invalid UTF-8 becomes U+FFFD (reports must not fail on one bad byte).
    func decode(_ t: StringToken) -> String {
        if !t.escaped { return String(decoding: UnsafeBufferPointer(rebasing: bytes[t.range]), as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(t.range.count)
        var k = t.range.lowerBound
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= t.range.upperBound else { return nil }
            var v: UInt32 = 0
            for j in at..<(at + 4) {
                let c = bytes[j]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: return nil
                }
                v = v << 4 | d
            }
            return v
        }
        func append(_ scalar: UInt32) {
            let s = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            out.append(contentsOf: Array(String(Character(s)).utf8))
        }
        while k < t.range.upperBound {
            let b = bytes[k]
            guard b == UInt8(ascii: "\\"), k + 1 < t.range.upperBound else { out.append(b); k += 1; continue }
            let c = bytes[k + 1]
            k += 2
            switch c {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard var v = hex4(k) else { append(0xFFFD); continue }
                k += 4
                if (0xD800...0xDBFF).contains(v), k + 6 <= t.range.upperBound, bytes[k] == UInt8(ascii: "\\"),
                   bytes[k + 1] == UInt8(ascii: "u"), let low = hex4(k + 2), (0xDC00...0xDFFF).contains(low) {
                    v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                    k += 6
                }
                append(v)
            default: out.append(c)  // \" \\ \/
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// An id: a string, or an integer's digits taken as its text. `metka tag` writes entity ids as
    /// strings (`"E1"`), `metka archive export` as archive-wide integers; both must resolve.
    mutating func id() throws -> StringToken {
        guard let b = peek() else { throw error("expected an id") }
        if b == UInt8(ascii: "\"") { return try string() }
        let start = i
        if b == UInt8(ascii: "-") { i += 1 }
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
        guard i > start, bytes[i - 1] != UInt8(ascii: "-") else { throw error("expected a string or an integer id") }
        return StringToken(range: start..<i, escaped: false)
    }

    /// An integer, or nil for `null`. Fractions and exponents are rejected.
    mutating func integer() throws -> Int? {
        guard let b = peek() else { throw error("expected a number") }
        if b == UInt8(ascii: "n") { try literal("null"); return nil }
        var negative = false
        if b == UInt8(ascii: "-") { negative = true; i += 1 }
        var v = 0
        let start = i
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
            v = v &* 10 &+ Int(bytes[i] - 0x30)
            i += 1
        }
        guard i > start else { throw error("expected an integer") }
        guard i - start <= 18 else { throw error("integer out of range") }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            throw error("expected an integer")
        }
        return negative ? -v : v
    }

    /// A JSON number (strict grammar: `-? int frac? exp?`), or nil for `null`. Non-finite values
    /// (`1e999`) and absurdly long numerals are errors.
    mutating func number() throws -> Double? {
        guard let b = peek() else { throw error("expected a number") }
        if b == UInt8(ascii: "n") { try literal("null"); return nil }
        let start = i
        func digits() -> Int {
            let s = i
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            return i - s
        }
        if b == UInt8(ascii: "-") { i += 1 }
        let intStart = i
        guard digits() > 0 else { throw error("expected a number") }
        if bytes[intStart] == 0x30 && i - intStart > 1 { throw error("number with a leading zero") }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { throw error("expected digits after '.'") }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { throw error("expected digits in the exponent") }
        }
        guard i - start <= 64 else { throw error("number of \(i - start) characters") }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        guard let v = Double(text), v.isFinite else { throw error("number out of range") }
        return v
    }

    mutating func boolean() throws -> Bool? {
        switch peek() {
        case UInt8(ascii: "t"): try literal("true"); return true
        case UInt8(ascii: "f"): try literal("false"); return false
        case UInt8(ascii: "n"): try literal("null"); return nil
        default: throw error("expected true or false")
        }
    }

    mutating func literal(_ word: StaticString) throws {
        skipSpace()
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { throw error("expected \(word)") }
        for k in 0..<n where bytes[i + k] != word.utf8Start[k] { throw error("expected \(word)") }
        i += n
    }

    /// Deepest nesting `skipValue` accepts. Skipping recurses, and a line of a million `[` must
    /// be an error, not a stack overflow (parser threads have small stacks).
    static let maxDepth = 256

    /// Skips any value, checking its structure.
    mutating func skipValue() throws { try skipValue(depth: 0) }

    private mutating func skipValue(depth: Int) throws {
        guard let b = peek() else { throw error("expected a value") }
        switch b {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < Self.maxDepth else { throw error("nested more than \(Self.maxDepth) levels deep") }
            if b == UInt8(ascii: "{") {
                try object { s, _ in try s.skipValue(depth: depth + 1) }
            } else {
                try array { s in try s.skipValue(depth: depth + 1) }
            }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), 0x30...0x39:
            let start = i
            i += 1
            while i < bytes.count {
                let c = bytes[i]
                guard (0x30...0x39).contains(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "e")
                        || c == UInt8(ascii: "E") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") else { break }
                i += 1
            }
            if i == start + 1 && b == UInt8(ascii: "-") { throw error("bad number") }
        default: throw error("unexpected character")
        }
    }

    /// Calls `field` for each key; it must consume the value.
    mutating func object(_ field: (inout JSONScanner, StringToken) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        if consume(UInt8(ascii: "}")) { return }
        repeat {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try field(&self, key)
        } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"))
    }

    /// Calls `element` for each element; it must consume it.
    mutating func array(_ element: (inout JSONScanner) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        if consume(UInt8(ascii: "]")) { return }
        repeat { try element(&self) } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
    }

    mutating func isNull() -> Bool {
        if peek() == UInt8(ascii: "n"), (try? literal("null")) != nil { return true }
        return false
    }
}
