import Foundation

/// Reads a co-occurrence report back from its JSON form (`metka cooccur --format json`, or the
/// Spark job's `cooccurrence.json`), so that every other format — above all the offline HTML page,
/// which only Swift writes — can be rendered from it without counting again.
///
/// Why the result is byte-identical to a direct run: the JSON carries every integer of the report
/// exactly (counts, frequencies, N, per-slice series and slice units) but the measures and trends
/// only with 6 decimals. Re-rounding those would differ from a direct run wherever a writer uses
/// fewer decimals (Markdown prints 3: 0.1234996 → "0.123500" → "0.124", directly "0.123") or where
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
        let file = try ReportBytes(path: path, name: name)
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
            var raw = RawReport()
            raw.consumed = consumed
            var s = JSONScanner(bytes)
            try raw.parse(&s)
            return try raw.validated(bytes: bytes.count)
        } catch let e as ReportError {
            throw MetkaError.data("\(name): \(e.path.isEmpty ? "" : e.path + ": ")\(e.message)")
        }
    }
}

/// A problem at a place in the report (`nodes[3].frequency`).
struct ReportError: Error {
    var path: String
    var message: String
    init(_ path: String, _ message: String) {
        self.path = path
        self.message = message
    }
}

/// Runs `body`, turning the scanner's syntax errors into errors at `path`.
@inline(__always) private func at<T>(_ path: @autoclosure () -> String, _ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as ReportError { throw e } catch { throw ReportError(path(), "\(error)") }
}

/// Untrusted text in a message: JSON-quoted (no control characters reach the terminal), shortened.
private func quoted(_ s: String) -> String {
    var bytes: [UInt8] = []
    JSONText.appendEscaped(s.count > 60 ? String(s.prefix(60)) + "…" : s, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

/// Marks `bit` of `seen`, rejecting a key given twice (a later value silently winning would let
/// two readers of the same file see different reports).
@inline(__always) private func mark(_ seen: inout UInt32, _ bit: Int, _ path: @autoclosure () -> String) throws {
    guard seen & (1 << bit) == 0 else { throw ReportError(path(), "key given twice") }
    seen |= 1 << bit
}

// MARK: - Field readers

extension JSONScanner {
    fileprivate mutating func reportInt(_ path: @autoclosure () -> String, min: Int = 0) throws -> Int {
        guard let v = try at(path(), { try integer() }) else { throw ReportError(path(), "must be an integer, not null") }
        guard v >= min else { throw ReportError(path(), "must be at least \(min), got \(v)") }
        return v
    }

    fileprivate mutating func reportOptionalInt(_ path: @autoclosure () -> String, min: Int) throws -> Int? {
        guard let v = try at(path(), { try integer() }) else { return nil }
        guard v >= min else { throw ReportError(path(), "must be at least \(min), got \(v)") }
        return v
    }

    fileprivate mutating func reportNumber(_ path: @autoclosure () -> String) throws -> Double {
        guard let v = try at(path(), { try number() }) else { throw ReportError(path(), "must be a number, not null") }
        return v
    }

    fileprivate mutating func reportString(_ path: @autoclosure () -> String) throws -> String {
        try at(path()) { decode(try string()) }
    }

    fileprivate mutating func reportOptionalString(_ path: @autoclosure () -> String) throws -> String? {
        try at(path()) { isNull() ? nil : decode(try string()) }
    }

    fileprivate mutating func reportBool(_ path: @autoclosure () -> String) throws -> Bool {
        guard let v = try at(path(), { try boolean() }) else { throw ReportError(path(), "must be true or false, not null") }
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
            guard peek() == UInt8(ascii: "{") else { throw ReportError(path(), "must be an object") }
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
            guard peek() == UInt8(ascii: "[") else { throw ReportError(path(), "must be an array") }
            try array { s in try element(&s) }
        }
    }
}

// MARK: - The parsed, not yet checked report

private struct RawParameters {
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

private struct RawSlice {
    var label: String?
    var start: CalendarDate?
    var end: CalendarDate?
    var documents: Int?
    var units: Int?
}

private struct RawNode {
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

private struct RawEdge {
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

private struct RawReport {
    var parameters: RawParameters?
    var stats: [String: Int]?
    var slices: [RawSlice]?
    var nodes: [RawNode]?
    var edges: [RawEdge]?
    /// Everything but the edges checked, and the edges so far: set when the edges come after
    /// the other parts, as Metka and the Spark job write them, so that edges are checked as they
    /// are read and never held twice (raw and checked) — a report can hold millions.
    var checked: CheckedReport?
    /// See `CooccurrenceReportReader.read(_:name:consumed:)`.
    var consumed: ((Int) -> Void)?

    mutating func parse(_ s: inout JSONScanner) throws {
        guard let first = s.peek() else { throw ReportError("", "empty input: expected a JSON co-occurrence report") }
        guard first == UInt8(ascii: "{") else { throw ReportError("", "not a JSON object: expected a co-occurrence report") }
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
                    guard stats[name] == nil else { throw ReportError("stats." + name, "key given twice") }
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
                    var checked = try CheckedReport(self, bytes: s.bytes.count)
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
        guard s.i == s.bytes.count else { throw ReportError("", "text after the report's JSON object (byte \(s.i))") }
    }

    static func parameters(_ s: inout JSONScanner) throws -> RawParameters {
        var p = RawParameters()
        var seen: UInt32 = 0
        func word<T: RawRepresentable>(_ s: inout JSONScanner, _ key: String, _ what: String) throws -> T where T.RawValue == String {
            let text = try s.reportString("parameters." + key)
            guard let v = T(rawValue: text) else { throw ReportError("parameters." + key, "\(quoted(text)) is not \(what)") }
            return v
        }
        func date(_ s: inout JSONScanner, _ key: String) throws -> CalendarDate? {
            guard let text = try s.reportOptionalString("parameters." + key) else { return nil }
            guard let d = strictDate(text) else { throw ReportError("parameters." + key, "\(quoted(text)) is not a date YYYY-MM-DD") }
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
                    guard let type = EntityType(rawValue: t) else { throw ReportError(path, "\(quoted(t)) is not PER, ORG, LOC or DATE") }
                    types.insert(type)
                }
                guard !types.isEmpty else { throw ReportError(path, "names no type") }
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
            guard let d = strictDate(text) else { throw ReportError(path + "." + key, "\(quoted(text)) is not a date YYYY-MM-DD") }
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
                guard let type = EntityType(rawValue: t) else { throw ReportError(field(), "\(quoted(t)) is not PER, ORG, LOC or DATE") }
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
        var checked = try CheckedReport(self, bytes: bytes)
        for r in try need(edges, "edges") { try checked.add(r) }
        return try checked.finished()
    }

    /// `CooccurrenceReport.build`'s node order: frequency descending, then name and id by UTF-8 bytes.
    static func precedes(_ x: CooccurrenceReport.Node, _ y: CooccurrenceReport.Node) -> Bool {
        if x.frequency != y.frequency { return x.frequency > y.frequency }
        let c = x.label.utf8Compare(y.label)
        return c != 0 ? c < 0 : x.id.utf8Precedes(y.id)
    }

    /// `CooccurrenceReport.build`'s edge order: the sort measure descending, then count descending,
    /// then the endpoints' node positions.
    static func precedes(_ x: CooccurrenceReport.Edge, _ y: CooccurrenceReport.Edge, by sort: CooccurrenceMeasure) -> Bool {
        let sx = x.measures.value(sort), sy = y.measures.value(sort)
        if sx != sy { return sx > sy }
        if x.count != y.count { return x.count > y.count }
        return x.source != y.source ? x.source < y.source : x.target < y.target
    }
}

private func need<T>(_ value: T?, _ path: @autoclosure () -> String) throws -> T {
    guard let value else { throw ReportError(path(), "missing") }
    return value
}

/// The report checked part by part: parameters, stats, slices and nodes at once, then edge by
/// edge, then the totals.
private struct CheckedReport {
    let filter: CooccurrenceFilter
    let selection: CooccurrenceSelection
    let stats: CooccurrenceCounts.Stats
    let rawStats: [String: Int]
    let units: Int
    let slices: [CooccurrenceReport.Slice]
    let sliceUnits: [Int]
    let nodes: [CooccurrenceReport.Node]
    /// Node position by id.
    let position: [String: Int]
    private(set) var edges: [CooccurrenceReport.Edge] = []
    private var pairs = Set<UInt64>()
    private var degree: [Int]

    var sliced: Bool { !slices.isEmpty }

    init(_ raw: RawReport, bytes: Int) throws {
        let p = try need(raw.parameters, "parameters")
        let unit = try need(p.unit, "parameters.unit"), types = try need(p.types, "parameters.types")
        let topics = try need(p.topics, "parameters.topics"), boilerplate = try need(p.includeBoilerplate, "parameters.includeBoilerplate")
        let minCount = try need(p.minCount, "parameters.minCount"), sort = try need(p.sort, "parameters.sort")
        let logBase = try need(p.logBase, "parameters.logBase")
        guard logBase == 2 else { throw ReportError("parameters.logBase", "is \(logBase): Metka's measures use log base 2") }
        filter = CooccurrenceFilter(unit: unit, types: types, topics: Set(topics), from: p.from, to: p.to,
                                    includeBoilerplate: boilerplate, slice: p.slice)
        selection = CooccurrenceSelection(minCount: minCount, topK: p.topK, sort: sort, maxNodes: p.maxNodes)

        let rawStats = try need(raw.stats, "stats")
        self.rawStats = rawStats
        func stat(_ key: String) throws -> Int { try need(rawStats[key], "stats." + key) }
        stats = CooccurrenceCounts.Stats(
            documents: try stat("documents"), documentsWithoutEntities: try stat("documentsWithoutEntities"),
            documentsFiltered: try stat("documentsFiltered"), documentsUndated: try stat("documentsUndated"),
            mentions: try stat("mentions"), boilerplateMentionsSkipped: try stat("boilerplateMentionsSkipped"))
        for key in ["units", "entities", "pairs", "nodes", "edges"] { _ = try stat(key) }
        let units = try stat("units")
        self.units = units

        // Slices: consecutive periods of the report's slice kind.
        var slices: [CooccurrenceReport.Slice] = []
        var previousOrdinal: Int?
        for (i, r) in try need(raw.slices, "slices").enumerated() {
            let path = "slices[\(i)]"
            guard let kind = filter.slice else { throw ReportError(path, "a slice, but parameters.slice is not set") }
            let label = try need(r.label, path + ".label"), start = try need(r.start, path + ".start")
            let end = try need(r.end, path + ".end")
            // CalendarDate(ordinal:), which week arithmetic uses, traps on any day of 9999.
            if kind == .week && start.ordinal + 6 >= CalendarDate(year: 9999, month: 1, day: 1)!.ordinal {
                throw ReportError(path + ".start", "\(start): week slices must end before 9999")
            }
            let slice = TimeSlice(kind: kind, containing: start)
            guard slice.start == start, slice.end == end, slice.label == label else {
                throw ReportError(path, "\(quoted(label)) \(start)…\(end) is not a \(kind.rawValue) (\(slice.label) is \(slice.start)…\(slice.end))")
            }
            if let previousOrdinal, slice.ordinal != previousOrdinal + 1 {
                throw ReportError(path, "\(quoted(label)) does not follow the previous slice (slices are consecutive periods)")
            }
            previousOrdinal = slice.ordinal
            let sliceUnits = try need(r.units, path + ".units")
            guard sliceUnits <= units else { throw ReportError(path + ".units", "\(sliceUnits) is more than stats.units \(units)") }
            slices.append(.init(label: label, start: start, end: end, documents: try need(r.documents, path + ".documents"),
                                units: sliceUnits))
        }
        self.slices = slices
        sliceUnits = slices.map(\.units)

        // Nodes: unique ids, counted types, frequencies within N, in Metka's node order.
        let rawNodes = try need(raw.nodes, "nodes")
        var position: [String: Int] = [:]
        position.reserveCapacity(rawNodes.count)
        var nodes: [CooccurrenceReport.Node] = []
        nodes.reserveCapacity(rawNodes.count)
        for (k, r) in rawNodes.enumerated() {
            let path = "nodes[\(k)]"
            let id = try need(r.id, path + ".id")
            guard !id.isEmpty else { throw ReportError(path + ".id", "is empty") }
            guard position.updateValue(k, forKey: id) == nil else { throw ReportError(path + ".id", "\(quoted(id)) is given twice") }
            let type = try need(r.type, path + ".type")
            guard types.contains(type) else { throw ReportError(path + ".type", "\(type.rawValue) is not among parameters.types") }
            let frequency = try need(r.frequency, path + ".frequency")
            guard frequency >= 1, frequency <= units else {
                throw ReportError(path + ".frequency", "\(frequency) is not within 1…stats.units (\(units))")
            }
            let series = try Self.series(r.slices, path + ".slices", slices)
            let trend = slices.isEmpty ? 0 : SliceTrend.slope(counts: series, units: sliceUnits)
            if !slices.isEmpty { try Self.agrees(r.trend, trend, path + ".trend", "the trend of its per-slice counts") }
            let node = CooccurrenceReport.Node(
                id: id, label: try need(r.label, path + ".label"), type: type, kb: r.kb, frequency: frequency,
                documents: try need(r.documents, path + ".documents"), mentions: try need(r.mentions, path + ".mentions"),
                degree: try need(r.degree, path + ".degree"), slices: series, trend: trend)
            if let before = nodes.last, !RawReport.precedes(before, node) {
                throw ReportError(path, "\(quoted(id)) is out of order (nodes go by frequency, descending, then name and id)")
            }
            nodes.append(node)
        }
        self.nodes = nodes
        self.position = position
        degree = [Int](repeating: 0, count: nodes.count)
        // Room for the edges the stats announce, but never more than the input could hold
        // (an edge takes well over 64 bytes of JSON): the number is untrusted.
        let expected = min(try stat("edges"), bytes / 64)
        edges.reserveCapacity(expected)
        pairs.reserveCapacity(expected)
    }

    /// A per-slice series: one value per slice, each within the slice's units.
    static func series(_ values: [Int]?, _ path: @autoclosure () -> String, _ slices: [CooccurrenceReport.Slice]) throws -> [Int] {
        guard !slices.isEmpty else {
            guard values?.isEmpty ?? true else { throw ReportError(path(), "per-slice counts in a report without slices") }
            return []
        }
        let values = try need(values, path())
        guard values.count == slices.count else { throw ReportError(path(), "\(values.count) values for \(slices.count) slices") }
        for (i, v) in values.enumerated() where v > slices[i].units {
            throw ReportError(path() + "[\(i)]", "\(v) is more than the units of slice \(slices[i].label) (\(slices[i].units))")
        }
        return values
    }

    /// A stored measure or trend against the value recomputed from the counts.
    static func agrees(_ stored: Double?, _ exact: Double, _ path: @autoclosure () -> String, _ what: @autoclosure () -> String) throws {
        guard let stored else { throw ReportError(path(), "missing") }
        // Stored with 6 decimals: the exact value is within half a unit of the last place.
        guard abs(stored - exact) <= 1e-6 * max(1, abs(exact)) else {
            throw ReportError(path(), "\(stored) does not match \(what()) (\(JSONText.fixed(exact, 6)))")
        }
    }

    /// Edges: between two known, distinct nodes, once each, counts within both frequencies,
    /// measures and trend as Metka computes them, in Metka's edge order.
    mutating func add(_ r: RawEdge) throws {
        let path = "edges[\(edges.count)]"
        let sourceID = try need(r.source, path + ".source"), targetID = try need(r.target, path + ".target")
        guard let a = position[sourceID] else { throw ReportError(path + ".source", "\(quoted(sourceID)) is not a node of the report") }
        guard let b = position[targetID] else { throw ReportError(path + ".target", "\(quoted(targetID)) is not a node of the report") }
        guard a != b else { throw ReportError(path, "joins \(quoted(sourceID)) to itself") }
        guard a < b else { throw ReportError(path, "source \(quoted(sourceID)) comes after target \(quoted(targetID)) in the node order") }
        guard pairs.insert(UInt64(a) << 32 | UInt64(b)).inserted else {
            throw ReportError(path, "\(quoted(sourceID)) – \(quoted(targetID)) is given twice")
        }
        let count = try need(r.count, path + ".count")
        let fa = nodes[a].frequency, fb = nodes[b].frequency
        guard count >= 1, count <= min(fa, fb) else {
            throw ReportError(path + ".count", "\(count) is not within 1…\(min(fa, fb)) (the frequencies of its nodes are \(fa) and \(fb))")
        }
        guard count >= selection.minCount else {
            throw ReportError(path + ".count", "\(count) is below parameters.minCount \(selection.minCount)")
        }
        let m = PairMeasures(count: count, frequencyA: fa, frequencyB: fb, units: units)
        let n = units
        let basis = { "count \(count), frequencies \(fa) and \(fb), units \(n)" }
        try Self.agrees(r.pmi, m.pmi, path + ".pmi", basis())
        try Self.agrees(r.npmi, m.npmi, path + ".npmi", basis())
        try Self.agrees(r.dice, m.dice, path + ".dice", basis())
        try Self.agrees(r.jaccard, m.jaccard, path + ".jaccard", basis())
        let series = try Self.series(r.slices, path + ".slices", slices)
        let trend = sliced ? SliceTrend.slope(counts: series, units: sliceUnits) : 0
        if sliced { try Self.agrees(r.trend, trend, path + ".trend", "the trend of its per-slice counts") }
        let edge = CooccurrenceReport.Edge(source: a, target: b, measures: m, slices: series, trend: trend)
        if let before = edges.last, !RawReport.precedes(before, edge, by: selection.sort) {
            throw ReportError(path, "out of order (edges go by \(selection.sort.rawValue), descending, then count, then node order)")
        }
        degree[a] += 1
        degree[b] += 1
        edges.append(edge)
    }

    /// The report, once degrees and totals agree with the lists.
    func finished() throws -> CooccurrenceReport {
        for (k, n) in nodes.enumerated() where n.degree != degree[k] {
            throw ReportError("nodes[\(k)].degree", "is \(n.degree), but \(degree[k]) edges of the report join \(quoted(n.id))")
        }
        let nodesTotal = rawStats["nodes"]!, edgesTotal = rawStats["edges"]!
        let entities = rawStats["entities"]!, pairsTotal = rawStats["pairs"]!
        guard nodesTotal == nodes.count else { throw ReportError("stats.nodes", "is \(nodesTotal), but the report lists \(nodes.count) nodes") }
        guard edgesTotal == edges.count else {
            throw ReportError("stats.edges", "is \(edgesTotal), but the report lists \(edges.count) edges (a JSON report holds every selected edge)")
        }
        guard entities >= nodes.count else { throw ReportError("stats.entities", "\(entities) is fewer than the report's \(nodes.count) nodes") }
        guard pairsTotal >= edges.count else { throw ReportError("stats.pairs", "\(pairsTotal) is fewer than the report's \(edges.count) edges") }
        return CooccurrenceReport(filter: filter, selection: selection, stats: stats, units: units, entitiesTotal: entities,
                                  pairsTotal: pairsTotal, edgesTotal: edgesTotal, nodes: nodes, edges: edges, slices: slices)
    }
}

/// `YYYY-MM-DD` exactly (the report writes dates so; `CalendarDate(iso:)` also takes timestamps).
private func strictDate(_ text: String) -> CalendarDate? {
    guard text.utf8.count == 10, let d = CalendarDate(iso: text), d.description == text else { return nil }
    return d
}

/// The report file's bytes: mapped when it is a regular file (a report of millions of edges need
/// not be copied onto the heap), read otherwise (stdin, pipes).
private final class ReportBytes {
    private(set) var base: UnsafePointer<UInt8>?
    private(set) var count = 0
    private var mapped: UnsafeMutableRawPointer?
    private var buffer: UnsafeMutablePointer<UInt8>?

    init(path: String, name: String) throws {
        let fd = path == "-" ? 0 : open(path, O_RDONLY)
        guard fd >= 0 else { throw MetkaError.io("cannot open \(name): \(String(cString: strerror(errno)))") }
        defer { if fd != 0 { close(fd) } }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > 0 {
            let size = Int(st.st_size)
            if let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED {
                mapped = p
                base = UnsafePointer(p.assumingMemoryBound(to: UInt8.self))
                count = size
                return
            }
        }
        var capacity = 1 << 16
        var data = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        while true {
            if count == capacity {
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                bigger.update(from: data, count: count)
                data.deallocate()
                data = bigger
                capacity *= 2
            }
            let n = read(fd, data + count, capacity - count)
            if n < 0 {
                if errno == EINTR { continue }
                let message = String(cString: strerror(errno))
                data.deallocate()
                throw MetkaError.io("reading \(name) failed: \(message)")
            }
            if n == 0 { break }
            count += n
        }
        buffer = data
        base = UnsafePointer(data)
    }

    /// Gives the pages before `offset` back (the file keeps them): a mapped report's edges are read
    /// once, front to back, so its resident size need not grow with the file.
    func dropPages(before offset: Int) {
        guard let mapped else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let length = min(offset, count) / page * page
        if length > 0 { madvise(mapped, length, MADV_DONTNEED) }
    }

    func release() {
        if let mapped { munmap(mapped, count) }
        buffer?.deallocate()
        mapped = nil
        buffer = nil
        base = nil
    }
}
