/// A small, allocation-frugal JSON builder for Metka's output.
///
/// Why not `JSONEncoder`: output must be deterministic byte for byte (field order fixed by the
/// schema), streaming, and cheap per mention; Foundation's encoder is none of the three.
/// Strings are escaped per RFC 8259, so article text can never break the JSON structure.
public struct JSONText {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]
    private let indent: Int?
    private var depth = 0

    /// `indent` nil → compact one-line JSON; a number → pretty-printed with that many spaces.
    public init(indent: Int? = nil) {
        self.indent = indent
        bytes.reserveCapacity(1024)
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Hands over the bytes written so far and continues empty (streaming large documents).
    public mutating func takeBytes() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    private mutating func newline() {
        guard let indent else { return }
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: indent * depth))
    }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
        if depth > 0 { newline() }
    }

    public mutating func beginObject(key: String? = nil) { open(key, UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray(key: String? = nil) { open(key, UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ key: String?, _ bracket: UInt8) {
        separator()
        if let key { writeKey(key) }
        bytes.append(bracket)
        depth += 1
        needsComma.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        let hadItems = needsComma.removeLast()
        depth -= 1
        if hadItems { newline() }
        bytes.append(bracket)
    }

    private mutating func writeKey(_ key: String) {
        JSONText.appendEscaped(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        if indent != nil { bytes.append(0x20) }
    }

    public mutating func field(_ key: String, _ value: String?) {
        guard let value else { return }
        separator(); writeKey(key); JSONText.appendEscaped(value, to: &bytes)
    }

    public mutating func fieldNull(_ key: String) {
        separator(); writeKey(key); appendStatic("null")
    }

    public mutating func field(_ key: String, _ value: Int?) {
        guard let value else { return }
        separator(); writeKey(key); JSONText.appendDecimal(value, to: &bytes)
    }

    public mutating func field(_ key: String, _ value: Bool) {
        separator(); writeKey(key); appendStatic(value ? "true" : "false")
    }

    /// Doubles are written with a fixed number of decimals so output is stable across platforms.
    public mutating func field(_ key: String, _ value: Double, decimals: Int = 4) {
        separator(); writeKey(key); bytes.append(contentsOf: Array(JSONText.fixed(value, decimals).utf8))
    }

    private mutating func appendStatic(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// `String(value)`'s bytes, without building the `String` (offsets and counts are most of
    /// the numbers in the output).
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        var magnitude = value.magnitude
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for UInt64.max's 20 digits
        withUnsafeMutableBytes(of: &digits) { raw in
            let d = raw.bindMemory(to: UInt8.self)
            var n = 0
            repeat {
                d[23 - n] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30
                magnitude /= 10
                n += 1
            } while magnitude > 0
            out.append(contentsOf: UnsafeBufferPointer(rebasing: d[(24 - n)..<24]))
        }
    }

    public mutating func value(_ value: String) {
        separator(); JSONText.appendEscaped(value, to: &bytes)
    }

    /// An integer array element (co-occurrence per-slice series).
    public mutating func value(_ value: Int) {
        separator(); JSONText.appendDecimal(value, to: &bytes)
    }

    public static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        var intPart = String(Int(scaled / scale))
        var frac = String(Int(scaled.truncatingRemainder(dividingBy: scale)))
        if decimals == 0 { return (value < 0 && scaled != 0 ? "-" : "") + intPart }
        frac = String(repeating: "0", count: max(0, decimals - frac.count)) + frac
        while frac.hasSuffix("0") && frac.count > 1 { frac.removeLast() }
        if value < 0 && scaled != 0 { intPart = "-" + intPart }
        return intPart + "." + frac
    }

    /// Like `fixed` but keeps trailing zeros (`0.9000`), for tables.
    public static func fixedPadded(_ value: Double, _ decimals: Int) -> String {
        var s = fixed(value, decimals)
        if !s.contains(".") { s += "." }
        let frac = s.split(separator: ".", omittingEmptySubsequences: false)[1].count
        return s + String(repeating: "0", count: max(0, decimals - frac))
    }

    /// Appends `s` as a JSON string literal.
    ///
    /// Runs of bytes that need no escape are copied in bulk (most of any text): output is per
    /// mention and entity, so a per-byte append here showed up in whole-pipeline profiles.
    public static func appendEscaped(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        if s.utf8.withContiguousStorageIfAvailable({ appendEscapedBytes($0, to: &out) }) == nil {
            Array(s.utf8).withUnsafeBufferPointer { appendEscapedBytes($0, to: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendEscapedBytes(_ p: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var run = 0
        for i in 0..<p.count {
            let b = p[i]
            if b >= 0x20 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") { continue }
            if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<i])) }
            run = i + 1
            switch b {
            case UInt8(ascii: "\""): out.append(0x5C); out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            default:
                let hex: StaticString = "0123456789abcdef"
                let digits = hex.utf8Start
                out.append(0x5C); out.append(UInt8(ascii: "u")); out.append(0x30); out.append(0x30)
                out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0xF)])
            }
        }
        if run < p.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<p.count])) }
    }
}
