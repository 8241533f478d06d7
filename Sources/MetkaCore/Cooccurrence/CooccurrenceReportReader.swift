import Foundation

/// Reads a co-occurrence report back from its JSON form (`metka cooccur --format json`, or the
/// Spark job's `cooccurrence.json`), so that every other format — above all the offline HTML page,
/// which only Swift writes — can be rendered from it without counting again.
///
/// Why the result is byte-identical to a direct run: the JSON carries every integer of the report
/// exactly (counts, frequencies, N, per-slice series and slice units) but the measures and trends
/// only with 6 decimals. Re-rounding those would differ from a direct run wherever a writer uses
/// fewer decimals (Markdown prints 3: 0.1234996 is stored as 0.1235, which prints 0.124, directly 0.123) or where
/// ties decide an order (Markdown's rising/falling pairs). So measures and trends are recomputed
/// from the integers with the very functions the builder uses (`PairMeasures`, `SliceTrend`), and
/// the stored decimals serve as a check that the report was computed the way Metka computes it.
///
/// The file is untrusted input: every field is type- and range-checked, and the report must be
/// internally consistent (unique node ids, edges between known nodes, counts within frequencies
/// within N, series within slice units, degrees equal to the edges listed, Metka's node and edge
/// order, totals equal to the lists). What is wrong is reported as `FILE: path.in.report: what`.
/// Nothing in it can make the writers trap: all values they print derive from bounded integers.
public enum CooccurrenceReportReader {
    /// Reads `path` (`-` for stdin).
    public static func read(path: String) throws -> CooccurrenceReport {
        let name = path == "-" ? "stdin" : path
        let file = try MappedFileBytes(path: path, name: name)
        defer { file.release() }
        return try read(UnsafeBufferPointer(start: file.base, count: file.count), name: name, consumed: file.dropPages(before:))
    }

    public static func read(_ bytes: [UInt8], name: String) throws -> CooccurrenceReport {
        try bytes.withUnsafeBufferPointer { try read($0, name: name) }
    }

    /// `name` prefixes every error message (the file name).
    public static func read(_ bytes: UnsafeBufferPointer<UInt8>, name: String) throws -> CooccurrenceReport {
        try read(bytes, name: name, consumed: nil)
    }

    /// `consumed(offset)` is told, now and then, that no byte before `offset` is read again.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, name: String, consumed: ((Int) -> Void)?) throws -> CooccurrenceReport {
        do {
            var raw = RawCooccurrenceReport()
            raw.consumed = consumed
            var s = JSONScanner(bytes)
            try raw.parse(&s)
            return try raw.validated(bytes: bytes.count)
        } catch let e as CooccurrenceReportError {
            throw MetkaError.data("\(name): \(e.path.isEmpty ? "" : e.path + ": ")\(e.message)")
        }
    }
}

/// A problem at a place in the report (`nodes[3].frequency`).
struct CooccurrenceReportError: Error {
    var path: String
    var message: String
    init(_ path: String, _ message: String) {
        self.path = path
        self.message = message
    }
}

/// Runs `body`, turning the scanner's syntax errors into errors at `path`.
@inline(__always) private func at<T>(_ path: @autoclosure () -> String, _ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as CooccurrenceReportError { throw e } catch { throw CooccurrenceReportError(path(), "\(error)") }
}

/// Untrusted text in a message: JSON-quoted (no control characters reach the terminal), shortened.
func quotedForMessage(_ s: String) -> String {
    var bytes: [UInt8] = []
    JSONText.appendEscaped(s.count > 60 ? String(s.prefix(60)) + "…" : s, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

/// Marks `bit` of `seen`, rejecting a key given twice (a later value silently winning would let
/// two readers of the same file see different reports).
@inline(__always) private func mark(_ seen: inout UInt32, _ bit: Int, _ path: @autoclosure () -> String) throws {
    guard seen & (1 << bit) == 0 else { throw CooccurrenceReportError(path(), "key given twice") }
    seen |= 1 << bit
}

// MARK: - Field readers

extension JSONScanner {
    fileprivate mutating func reportInt(_ path: @autoclosure () -> String, min: Int = 0) throws -> Int {
        guard let v = try at(path(), { try integer() }) else { throw CooccurrenceReportError(path(), "must be an integer, not null") }
        guard v >= min else { throw CooccurrenceReportError(path(), "must be at least \(min), got \(v)") }
        return v
    }

    fileprivate mutating func reportOptionalInt(_ path: @autoclosure () -> String, min: Int) throws -> Int? {
        guard let v = try at(path(), { try integer() }) else { return nil }
        guard v >= min else { throw CooccurrenceReportError(path(), "must be at least \(min), got \(v)") }
        return v
    }

    fileprivate mutating func reportNumber(_ path: @autoclosure () -> String) throws -> Double {
        guard let v = try at(path(), { try number() }) else { throw CooccurrenceReportError(path(), "must be a number, not null") }
        return v
    }

    fileprivate mutating func reportString(_ path: @autoclosure () -> String) throws -> String {
        try at(path()) { decode(try string()) }
    }

    fileprivate mutating func reportOptionalString(_ path: @autoclosure () -> String) throws -> String? {
        try at(path()) { isNull() ? nil : decode(try string()) }
    }

    fileprivate mutating func reportBool(_ path: @autoclosure () -> String) throws -> Bool {
        guard let v = try at(path(), { try boolean() }) else { throw CooccurrenceReportError(path(), "must be true or false, not null") }
        return v
    }

    fileprivate mutating func reportInts(_ path: @autoclosure () -> String) throws -> [Int] {
        var out: [Int] = []
        try at(path()) { try array { s in let v = try s.reportInt(path() + "[\(out.count)]"); out.append(v) } }
        return out
    }

    fileprivate mutating func reportStrings(_ path: @autoclosure () -> String) throws -> [String] {
        var out: [String] = []
        try at(path()) { try array { s in let v = try s.reportString(path() + "[\(out.count)]"); out.append(v) } }
        return out
    }

    /// An object whose keys `field` handles (returning false for keys it does not know, which are skipped).
    fileprivate mutating func reportObject(_ path: @autoclosure () -> String,
                                           _ field: (inout JSONScanner, StringToken) throws -> Bool) throws {
        try at(path()) {
            guard peek() == UInt8(ascii: "{") else { throw CooccurrenceReportError(path(), "must be an object") }
            try object { s, key in
                if try !field(&s, key) {
                    let base = path()
                    try at((base.isEmpty ? "" : base + ".") + s.decode(key)) { try s.skipValue() }
                }
            }
        }
    }

    fileprivate mutating func reportArray(_ path: @autoclosure () -> String, _ element: (inout JSONScanner) throws -> Void) throws {
        try at(path()) {
            guard peek() == UInt8(ascii: "[") else { throw CooccurrenceReportError(path(), "must be an array") }
            try array { s in try element(&s) }
        }
    }
}

// MARK: - The parsed, not yet checked report

struct RawParameters {
    var unit: CooccurrenceUnit?
    var types: Set<EntityType>?
    var topics: [String]?
    var from: CalendarDate?
    var to: CalendarDate?
    var includeBoilerplate: Bool?
    var slice: TimeSliceKind?
    var minCount: Int?
    var topK: Int?
    var maxNodes: Int?
    var sort: CooccurrenceMeasure?
    var logBase: Double?
}

struct RawSlice {
    var label: String?
    var start: CalendarDate?
    var end: CalendarDate?
    var documents: Int?
    var units: Int?
}

struct RawNode {
    var id: String?
    var label: String?
    var type: EntityType?
    var kb: String?
    var frequency: Int?
    var documents: Int?
    var mentions: Int?
    var degree: Int?
    var slices: [Int]?
    var trend: Double?
}

struct RawEdge {
    var source: String?
    var target: String?
    var count: Int?
    var pmi: Double?
    var npmi: Double?
    var dice: Double?
    var jaccard: Double?
    var slices: [Int]?
    var trend: Double?
}

private let statsKeys = ["documents", "documentsWithoutEntities", "documentsFiltered", "documentsUndated", "mentions",
                         "boilerplateMentionsSkipped", "units", "entities", "pairs", "nodes", "edges"]

struct RawCooccurrenceReport {
    var parameters: RawParameters?
    var stats: [String: Int]?
    var slices: [RawSlice]?
    var nodes: [RawNode]?
    var edges: [RawEdge]?
    /// Everything but the edges checked, and the edges so far: set when the edges come after
    /// the other parts, as Metka and the Spark job write them, so that edges are checked as they
    /// are read and never held twice (raw and checked) — a report can hold millions.
    var checked: CheckedCooccurrenceReport?
    /// See `CooccurrenceReportReader.read(_:name:consumed:)`.
    var consumed: ((Int) -> Void)?

    mutating func parse(_ s: inout JSONScanner) throws {
        guard let first = s.peek() else { throw CooccurrenceReportError("", "empty input: expected a JSON co-occurrence report") }
        guard first == UInt8(ascii: "{") else { throw CooccurrenceReportError("", "not a JSON object: expected a co-occurrence report") }
        var seen: UInt32 = 0
        try s.reportObject("") { s, key in
            if s.equals(key, "parameters") {
                try mark(&seen, 0, "parameters")
                parameters = try Self.parameters(&s)
            } else if s.equals(key, "stats") {
                try mark(&seen, 1, "stats")
                var stats: [String: Int] = [:]
                try s.reportObject("stats") { s, key in
                    let name = s.decode(key)
                    guard statsKeys.contains(name) else { return false }
                    guard stats[name] == nil else { throw CooccurrenceReportError("stats." + name, "key given twice") }
                    stats[name] = try s.reportInt("stats." + name)
                    return true
                }
                self.stats = stats
            } else if s.equals(key, "slices") {
                try mark(&seen, 2, "slices")
                var list: [RawSlice] = []
                try s.reportArray("slices") { s in let v = try Self.slice(&s, "slices[\(list.count)]"); list.append(v) }
                slices = list
            } else if s.equals(key, "nodes") {
                try mark(&seen, 3, "nodes")
                var list: [RawNode] = []
                try s.reportArray("nodes") { s in let v = try Self.node(&s, list.count); list.append(v) }
                nodes = list
            } else if s.equals(key, "edges") {
                try mark(&seen, 4, "edges")
                if parameters != nil && stats != nil && slices != nil && nodes != nil {
                    var checked = try CheckedCooccurrenceReport(self, bytes: s.bytes.count)
                    var reported = s.i
                    try s.reportArray("edges") { s in
                        let edge = try Self.edge(&s, checked.edges.count)
                        try checked.add(edge)
                        if s.i - reported >= 32 << 20, let consumed {
                            consumed(s.i)
                            reported = s.i
                        }
                    }
                    self.checked = checked
                } else {
                    var list: [RawEdge] = []
                    try s.reportArray("edges") { s in let v = try Self.edge(&s, list.count); list.append(v) }
                    edges = list
                }
            } else {
                return false
            }
            return true
        }
        s.skipSpace()
        guard s.i == s.bytes.count else { throw CooccurrenceReportError("", "text after the report's JSON object (byte \(s.i))") }
    }

    static func parameters(_ s: inout JSONScanner) throws -> RawParameters {
        var p = RawParameters()
        var seen: UInt32 = 0
        func word<T: RawRepresentable>(_ s: inout JSONScanner, _ key: String, _ what: String) throws -> T where T.RawValue == String {
            let text = try s.reportString("parameters." + key)
            guard let v = T(rawValue: text) else { throw CooccurrenceReportError("parameters." + key, "\(quotedForMessage(text)) is not \(what)") }
            return v
        }
        func date(_ s: inout JSONScanner, _ key: String) throws -> CalendarDate? {
            guard let text = try s.reportOptionalString("parameters." + key) else { return nil }
            guard let d = strictDate(text) else { throw CooccurrenceReportError("parameters." + key, "\(quotedForMessage(text)) is not a date YYYY-MM-DD") }
            return d
        }
        try s.reportObject("parameters") { s, key in
            let path = "parameters." + s.decode(key)
            if s.equals(key, "unit") {
                try mark(&seen, 0, path)
                p.unit = try word(&s, "unit", "article, paragraph or sentence")
            } else if s.equals(key, "types") {
                try mark(&seen, 1, path)
                var types = Set<EntityType>()
                for t in try s.reportStrings(path) {
                    guard let type = EntityType(rawValue: t) else { throw CooccurrenceReportError(path, "\(quotedForMessage(t)) is not PER, ORG, LOC or DATE") }
                    types.insert(type)
                }
                guard !types.isEmpty else { throw CooccurrenceReportError(path, "names no type") }
                p.types = types
            } else if s.equals(key, "topics") {
                try mark(&seen, 2, path)
                p.topics = try s.reportStrings(path)
            } else if s.equals(key, "from") {
                try mark(&seen, 3, path)
                p.from = try date(&s, "from")
            } else if s.equals(key, "to") {
                try mark(&seen, 4, path)
                p.to = try date(&s, "to")
            } else if s.equals(key, "includeBoilerplate") {
                try mark(&seen, 5, path)
                p.includeBoilerplate = try s.reportBool(path)
            } else if s.equals(key, "slice") {
                try mark(&seen, 6, path)
                if !s.isNull() { p.slice = try word(&s, "slice", "week, month or year") }
            } else if s.equals(key, "minCount") {
                try mark(&seen, 7, path)
                p.minCount = try s.reportInt(path, min: 1)
            } else if s.equals(key, "topK") {
                try mark(&seen, 8, path)
                p.topK = try s.reportOptionalInt(path, min: 1)
            } else if s.equals(key, "maxNodes") {
                try mark(&seen, 9, path)
                p.maxNodes = try s.reportOptionalInt(path, min: 1)
            } else if s.equals(key, "sort") {
                try mark(&seen, 10, path)
                p.sort = try word(&s, "sort", "count, pmi, npmi, dice or jaccard")
            } else if s.equals(key, "logBase") {
                try mark(&seen, 11, path)
                p.logBase = try s.reportNumber(path)
            } else {
                return false
            }
            return true
        }
        return p
    }

    static func slice(_ s: inout JSONScanner, _ path: String) throws -> RawSlice {
        var r = RawSlice()
        var seen: UInt32 = 0
        func date(_ s: inout JSONScanner, _ key: String) throws -> CalendarDate {
            let text = try s.reportString(path + "." + key)
            guard let d = strictDate(text) else { throw CooccurrenceReportError(path + "." + key, "\(quotedForMessage(text)) is not a date YYYY-MM-DD") }
            return d
        }
        try s.reportObject(path) { s, key in
            if s.equals(key, "label") { try mark(&seen, 0, path + ".label"); r.label = try s.reportString(path + ".label") }
            else if s.equals(key, "start") { try mark(&seen, 1, path + ".start"); r.start = try date(&s, "start") }
            else if s.equals(key, "end") { try mark(&seen, 2, path + ".end"); r.end = try date(&s, "end") }
            else if s.equals(key, "documents") { try mark(&seen, 3, path + ".documents"); r.documents = try s.reportInt(path + ".documents") }
            else if s.equals(key, "units") { try mark(&seen, 4, path + ".units"); r.units = try s.reportInt(path + ".units") }
            else { return false }
            return true
        }
        return r
    }

    static func node(_ s: inout JSONScanner, _ k: Int) throws -> RawNode {
        var n = RawNode()
        var seen: UInt32 = 0
        let path = { "nodes[\(k)]" }
        try s.reportObject(path()) { s, key in
            let keys = s   // a copy, so error paths can decode the key while `s` reads the value
            func field() -> String { path() + "." + keys.decode(key) }
            if s.equals(key, "id") { try mark(&seen, 0, field()); n.id = try s.reportString(field()) }
            else if s.equals(key, "label") { try mark(&seen, 1, field()); n.label = try s.reportString(field()) }
            else if s.equals(key, "type") {
                try mark(&seen, 2, field())
                let t = try s.reportString(field())
                guard let type = EntityType(rawValue: t) else { throw CooccurrenceReportError(field(), "\(quotedForMessage(t)) is not PER, ORG, LOC or DATE") }
                n.type = type
            }
            else if s.equals(key, "kb") { try mark(&seen, 3, field()); n.kb = try s.reportOptionalString(field()) }
            else if s.equals(key, "frequency") { try mark(&seen, 4, field()); n.frequency = try s.reportInt(field()) }
            else if s.equals(key, "documents") { try mark(&seen, 5, field()); n.documents = try s.reportInt(field()) }
            else if s.equals(key, "mentions") { try mark(&seen, 6, field()); n.mentions = try s.reportInt(field()) }
            else if s.equals(key, "degree") { try mark(&seen, 7, field()); n.degree = try s.reportInt(field()) }
            else if s.equals(key, "slices") { try mark(&seen, 8, field()); n.slices = try s.reportInts(field()) }
            else if s.equals(key, "trend") { try mark(&seen, 9, field()); n.trend = try s.reportNumber(field()) }
            else { return false }
            return true
        }
        return n
    }

    static func edge(_ s: inout JSONScanner, _ k: Int) throws -> RawEdge {
        var e = RawEdge()
        var seen: UInt32 = 0
        let path = { "edges[\(k)]" }
        try s.reportObject(path()) { s, key in
            let keys = s   // a copy, so error paths can decode the key while `s` reads the value
            func field() -> String { path() + "." + keys.decode(key) }
            if s.equals(key, "source") { try mark(&seen, 0, field()); e.source = try s.reportString(field()) }
            else if s.equals(key, "target") { try mark(&seen, 1, field()); e.target = try s.reportString(field()) }
            else if s.equals(key, "count") { try mark(&seen, 2, field()); e.count = try s.reportInt(field()) }
            else if s.equals(key, "pmi") { try mark(&seen, 3, field()); e.pmi = try s.reportNumber(field()) }
            else if s.equals(key, "npmi") { try mark(&seen, 4, field()); e.npmi = try s.reportNumber(field()) }
            else if s.equals(key, "dice") { try mark(&seen, 5, field()); e.dice = try s.reportNumber(field()) }
            else if s.equals(key, "jaccard") { try mark(&seen, 6, field()); e.jaccard = try s.reportNumber(field()) }
            else if s.equals(key, "slices") { try mark(&seen, 7, field()); e.slices = try s.reportInts(field()) }
            else if s.equals(key, "trend") { try mark(&seen, 8, field()); e.trend = try s.reportNumber(field()) }
            else { return false }
            return true
        }
        return e
    }

    // MARK: Checks

    func validated(bytes: Int) throws -> CooccurrenceReport {
        if let checked { return try checked.finished() }
        var checked = try CheckedCooccurrenceReport(self, bytes: bytes)
        for r in try requiredField(edges, "edges") { try checked.add(r) }
        return try checked.finished()
    }
}

/// `YYYY-MM-DD` exactly (the report writes dates so; `CalendarDate(iso:)` also takes timestamps).
private func strictDate(_ text: String) -> CalendarDate? {
    guard text.utf8.count == 10, let d = CalendarDate(iso: text), d.description == text else { return nil }
    return d
}
