import Foundation

/// The date grammar's vocabulary, loaded from `Gazetteers/dates/*.tsv` (`form<TAB>class<TAB>value`).
///
/// Lookups take a token's key bytes and cost one hash and one byte comparison: the tagger calls
/// this once per word token, so the table is a flat open-addressing array, not a `Dictionary`
/// keyed by `String` (which would allocate per lookup).
public struct DateLexicon: Sendable {
    /// Word classes of the grammar (see `Gazetteers/dates/README.md`).
    public enum WordClass: String, Sendable, CaseIterable {
        case month, weekday, weekend, unit, yearAbbr = "year-abbr", num, few, many, ord, decadeWord = "decade-word", stem
        case rel, that, same, last, nearest, every, different, part, season, deictic, deictic_adj = "deictic-adj", freq
        case prep, ago, tomu, afterShift = "after-shift", connector, durationNoun = "duration-noun", measure, ageCue = "age-cue"
        case periodWord = "period-word", thisThat = "this-that", birth, yearName = "year-name", futureCue = "future-cue", notPast = "not-past", post
    }

    /// Prepositions and pre-modifiers (the `value` column of `prep` rows).
    public enum Prep: String, Sendable {
        case `in`, from, until, on, to, `for`, since, by, after, after2, about, more, less, not, some, during, than, later
    }

    public struct Entry: Sendable, Hashable {
        public var cls: WordClass
        /// Numeric value (month, weekday, numeral, shift) when the value column is a number.
        public var number: Double
        /// Decoded keyword values, computed once at load so the grammar never compares strings
        /// (and an entry stays a plain value: no reference counting on the hot path).
        public let unit: DateSpec.Unit?
        public let prep: Prep?
        public let part: PeriodPart?
        public let season: Season?
        /// `лет`: a counted year («пять лет»), never a calendar year («2017 года»).
        public let countOnly: Bool
        /// `полгода`, `полвека`: a unit that is its own count.
        public let selfCounted: Bool
        /// Connector «и» (ranges), as opposed to «или».
        public let isAnd: Bool

        public var int: Int { Int(number) }

        init(cls: WordClass, value: String) {
            self.cls = cls
            self.number = Double(value) ?? 0
            self.countOnly = value == "year-count"
            self.selfCounted = value == "halfyear-count" || value == "halfcentury"
            self.isAnd = cls == .connector && value == "and"
            self.unit = switch value {
            case "day": .day
            case "week": .week
            case "month": .month
            case "year", "year-count": .year
            case "decade": .decade
            case "century": .century
            case "quarter": .quarter
            case "season": .season
            case "halfyear", "halfyear-count": .halfyear
            case "halfcentury": .halfcentury
            default: nil
            }
            self.prep = cls == .prep ? Prep(rawValue: value) : nil
            self.part = switch value {
            case "begin": .begin
            case "middle": .middle
            case "end": .end
            case "half": .firstHalf
            default: nil
            }
            self.season = switch value {
            case "winter": .winter
            case "spring": .spring
            case "summer": .summer
            case "autumn": .autumn
            default: nil
            }
        }
    }

    /// All entries, grouped by form.
    public private(set) var entries: [Entry] = []
    /// Concatenated form keys.
    private var formBytes: [UInt8] = []
    /// Open-addressing slots: (form byte start, form length, first entry, entry count), length −1 = empty.
    private var slots: [Slot] = []
    private var mask = 0

    struct Slot: Sendable {
        var start: Int32 = 0
        var length: Int32 = -1
        var first: Int32 = 0
        var count: Int32 = 0
    }

    public init(rows: [(form: String, cls: WordClass, value: String)]) {
        var grouped: [String: [Entry]] = [:]
        var order: [String] = []
        for r in rows {
            let key = TokenKey.of(r.form)
            let entry = Entry(cls: r.cls, value: r.value)
            if grouped[key] == nil { order.append(key) }
            if !(grouped[key, default: []].contains(entry)) { grouped[key, default: []].append(entry) }
        }
        var size = 64
        while size < order.count * 3 { size *= 2 }
        slots = Array(repeating: Slot(), count: size)
        mask = size - 1
        for key in order {
            let bytes = Array(key.utf8)
            let slot = Slot(start: Int32(formBytes.count), length: Int32(bytes.count),
                            first: Int32(entries.count), count: Int32(grouped[key]!.count))
            formBytes.append(contentsOf: bytes)
            entries.append(contentsOf: grouped[key]!)
            var h = bytes.withUnsafeBufferPointer { Self.hash($0) } & mask
            while slots[h].length >= 0 { h = (h + 1) & mask }
            slots[h] = slot
        }
    }

    /// Loads every `*.tsv` in `directory` (normally `Gazetteers/dates`), in name order.
    public static func load(directory: URL) throws -> DateLexicon {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tsv") }.sorted()
        var rows: [(form: String, cls: WordClass, value: String)] = []
        for file in files {
            for (line, cols) in try TSVFile.rows(directory.appendingPathComponent(file), columns: 3) {
                guard let cls = WordClass(rawValue: cols[1]) else {
                    throw MetkaError.data("\(directory.path)/\(file):\(line): unknown date word class '\(cols[1])'")
                }
                rows.append((cols[0], cls, cols[2]))
            }
        }
        return DateLexicon(rows: rows)
    }

    @inline(__always)
    static func hash(_ p: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in p { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// Entry index range of the form whose key is `key` (empty when unknown).
    @inline(__always)
    public func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        guard !key.isEmpty, key.count <= 40 else { return 0..<0 }
        var h = Self.hash(key) & mask
        return formBytes.withUnsafeBufferPointer { fb in
            while true {
                let s = slots[h]
                if s.length < 0 { return 0..<0 }
                if Int(s.length) == key.count {
                    var same = true
                    let base = Int(s.start)
                    for k in 0..<key.count where fb[base + k] != key[k] { same = false; break }
                    if same { return Int(s.first)..<Int(s.first + s.count) }
                }
                h = (h + 1) & mask
            }
        }
    }

    /// Entries of a form given as text (tests).
    public func entries(of form: String) -> [Entry] {
        let key = Array(TokenKey.of(form).utf8)
        let r = key.withUnsafeBufferPointer { lookup($0) }
        return Array(entries[r])
    }
}
