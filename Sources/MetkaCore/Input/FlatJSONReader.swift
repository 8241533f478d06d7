/// A fast reader for the flat JSON objects of JSON Lines input (`{"id": …, "text": …}`).
///
/// Why not `JSONSerialization` alone: it builds an `NSDictionary` of bridged objects for every
/// record, which cost more than segmenting the text. This reader scans the bytes once, decodes
/// only the string fields Metka uses, and skips everything else (nested values included). It
/// returns nil on anything it does not fully understand, and the caller then falls back to
/// `JSONSerialization` for the authoritative parse and its error message.
struct FlatJSONReader {
    enum Value: Equatable {
        case string(String)
        case number(String)
        case null
        case other
    }

    /// Top-level fields of the object in `bytes` (values of the wanted keys only), or nil.
    static func fields(_ bytes: ArraySlice<UInt8>, wanted: Set<String>) -> [String: Value]? {
        bytes.withUnsafeBufferPointer { p -> [String: Value]? in
            var r = FlatJSONReader(p: p)
            return r.object(wanted: wanted)
        }
    }

    let p: UnsafeBufferPointer<UInt8>
    var i = 0

    mutating func skipSpace() {
        while i < p.count, p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0A || p[i] == 0x0D { i += 1 }
    }

    mutating func object(wanted: Set<String>) -> [String: Value]? {
        skipSpace()
        guard i < p.count, p[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        var out: [String: Value] = [:]
        skipSpace()
        if i < p.count, p[i] == UInt8(ascii: "}") {
            i += 1
            return trailingOnlySpace() ? out : nil
        }
        while true {
            skipSpace()
            guard let key = string() else { return nil }
            skipSpace()
            guard i < p.count, p[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            skipSpace()
            guard i < p.count else { return nil }
            if wanted.contains(key) {
                guard let v = value() else { return nil }
                if out[key] != nil { return nil }  // duplicate keys: let the full parser decide
                out[key] = v
            } else {
                guard skipValue(depth: 0) else { return nil }
            }
            skipSpace()
            guard i < p.count else { return nil }
            if p[i] == UInt8(ascii: ",") { i += 1; continue }
            if p[i] == UInt8(ascii: "}") { i += 1; break }
            return nil
        }
        return trailingOnlySpace() ? out : nil
    }

    mutating func trailingOnlySpace() -> Bool {
        skipSpace()
        return i == p.count
    }

    mutating func value() -> Value? {
        switch p[i] {
        case UInt8(ascii: "\""): return string().map { .string($0) }
        case UInt8(ascii: "n"): return literal("null") ? .null : nil
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = i
            guard number() else { return nil }
            return .number(String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self))
        case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "t"), UInt8(ascii: "f"):
            return skipValue(depth: 0) ? .other : nil
        default:
            return nil
        }
    }

    /// A JSON number at `i`: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func number() -> Bool {
        func digits(_ r: inout FlatJSONReader) -> Int {
            let start = r.i
            while r.i < r.p.count, r.p[r.i] >= 0x30, r.p[r.i] <= 0x39 { r.i += 1 }
            return r.i - start
        }
        if i < p.count, p[i] == UInt8(ascii: "-") { i += 1 }
        guard i < p.count, p[i] >= 0x30, p[i] <= 0x39 else { return false }
        if p[i] == UInt8(ascii: "0") { i += 1 } else { _ = digits(&self) }
        if i < p.count, p[i] == UInt8(ascii: ".") {
            i += 1
            guard digits(&self) > 0 else { return false }
        }
        if i < p.count, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
            i += 1
            if i < p.count, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
            guard digits(&self) > 0 else { return false }
        }
        return true
    }

    mutating func literal(_ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard i + n <= p.count else { return false }
        for k in 0..<n where p[i + k] != s.utf8Start[k] { return false }
        i += n
        return true
    }

    /// Skips any JSON value (objects and arrays by bracket depth, strings with escapes).
    mutating func skipValue(depth: Int) -> Bool {
        guard depth < 64, i < p.count else { return false }
        switch p[i] {
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            // Full grammar, not bracket counting: a trailing comma or a missing colon inside a
            // skipped value must send the line to the authoritative parser, which rejects it.
            let isObject = p[i] == UInt8(ascii: "{")
            let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            i += 1
            skipSpace()
            if i < p.count, p[i] == close { i += 1; return true }
            while true {
                skipSpace()
                if isObject {
                    guard string() != nil else { return false }
                    skipSpace()
                    guard i < p.count, p[i] == UInt8(ascii: ":") else { return false }
                    i += 1
                    skipSpace()
                }
                guard skipValue(depth: depth + 1) else { return false }
                skipSpace()
                guard i < p.count else { return false }
                if p[i] == UInt8(ascii: ",") { i += 1; continue }
                if p[i] == close { i += 1; return true }
                return false
            }
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return value() != nil
        default:
            return false
        }
    }

    /// A JSON string at `i` (which must be `"`), unescaped; nil on malformed input.
    mutating func string() -> String? {
        guard i < p.count, p[i] == UInt8(ascii: "\"") else { return nil }
        i += 1
        let start = i
        // Fast path: no escapes.
        while i < p.count, p[i] != UInt8(ascii: "\""), p[i] != UInt8(ascii: "\\"), p[i] >= 0x20 { i += 1 }
        guard i < p.count else { return nil }
        if p[i] == UInt8(ascii: "\"") {
            let s = String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self)
            i += 1
            return s
        }
        guard p[i] == UInt8(ascii: "\\") else { return nil }  // raw control character: invalid JSON
        var out = Array(p[start..<i])
        while i < p.count {
            let b = p[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b < 0x20 { return nil }
            if b != UInt8(ascii: "\\") {
                // Copy the run up to the next quote, backslash or control byte at once (byte by
                // byte appends were most of the time of decoding a record's text).
                let run = i
                i += 1
                while i < p.count, p[i] != UInt8(ascii: "\""), p[i] != UInt8(ascii: "\\"), p[i] >= 0x20 { i += 1 }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<i]))
                continue
            }
            i += 1
            guard i < p.count else { return nil }
            let e = p[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var c = hex4() else { return nil }
                if (0xD800...0xDBFF).contains(c) {
                    guard i + 1 < p.count, p[i] == UInt8(ascii: "\\"), p[i + 1] == UInt8(ascii: "u") else { return nil }
                    i += 2
                    guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
                    c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(c) {
                    return nil
                }
                TokenKey.appendScalar(c, to: &out)
            default: return nil
            }
        }
        return nil
    }

    mutating func hex4() -> UInt32? {
        guard i + 4 <= p.count else { return nil }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = p[i]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x37)
            case 0x61...0x66: d = UInt32(b - 0x57)
            default: return nil
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }
}
