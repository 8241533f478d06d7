/// What a date expression says before it is anchored: absolute fields, shifts relative to the
/// article date, parts of periods, or a duration/frequency.
///
/// `resolve(anchor:)` turns it into a `DateInterval` (the mention's `value`); `relative` describes
/// it when it cannot be resolved (no `published`, or it refers to another date in the text).
public struct DateSpec: Sendable, Hashable {
    public enum Kind: UInt8, Sendable { case point, duration, frequency, vague }
    public enum Unit: UInt8, Sendable {
        case day, week, month, year, decade, century, quarter, season, halfyear, halfcentury, weekend

        var isoLetter: String {
            switch self {
            case .day: "D"
            case .week, .weekend: "W"
            case .month, .quarter, .halfyear: "M"
            default: "Y"
            }
        }
        /// Size in the ISO letter's units.
        var size: Double {
            switch self {
            case .quarter: 3
            case .halfyear: 6
            case .decade: 10
            case .century: 100
            case .halfcentury: 50
            default: 1
            }
        }
        var name: String {
            switch self {
            case .day: "day"
            case .week: "week"
            case .month: "month"
            case .year: "year"
            case .decade: "decade"
            case .century: "century"
            case .quarter: "quarter"
            case .season: "season"
            case .halfyear: "halfyear"
            case .halfcentury: "halfcentury"
            case .weekend: "weekend"
            }
        }
    }

    public var kind: Kind = .point
    // Absolute fields.
    public var year: Int?
    public var month: Int?
    public var day: Int?
    /// Years covered from `year` (10 for a decade, 100 for a century).
    public var yearSpan = 1
    /// Sport season «2019/20»: `year`…`year + 1`.
    public var sportSeason = false
    public var quarter: Int?
    public var season: Season?
    public var part: PeriodPart?
    public var weekday: Int?
    /// «в выходные»: Saturday and Sunday of the week `weekday` falls in.
    public var weekend = false
    // Shifts from the anchor.
    public var yearShift: Int?
    public var monthShift: Int?
    public var weekShift: Int?
    public var dayShift: Int?
    /// «в прошлом сентябре» (−1), «в следующем мае» (+1): the nearest such month/season before/after the anchor.
    public var nearestShift: Int?
    /// Tense of the sentence for a weekday or month without a year: −1 past, +1 future, 0 unknown
    /// (weekdays then default to the past, months to the nearest).
    public var direction = 0
    /// Relative to a date named earlier in the text («в тот же день», «годом позже»), not to `published`.
    public var anaphoric = false
    /// Durations and frequencies: amount and unit (amount nil when vague: «несколько лет»).
    public var amount: Double?
    public var unit: Unit?
    /// Durations: a second component («1 год 6 месяцев»).
    public var amount2: Double?
    public var unit2: Unit?
    /// Vague words: `few`, `many`, `present`, `lately`, `past`, `last`, `next`, `various`.
    public var vague: String?

    public init() {}

    /// A weekday or a month without a year and without a shift: its resolution depends on tense.
    var needsTense: Bool {
        guard kind == .point, year == nil, yearShift == nil, nearestShift == nil, weekShift == nil, !anaphoric else { return false }
        return (weekday != nil && month == nil) || (month != nil && day == nil)
    }

    /// True when the value needs `published`.
    var needsAnchor: Bool {
        if kind != .point { return false }
        if year != nil { return false }
        return true
    }

    // MARK: - Resolution

    /// The interval this expression names, anchored at `anchor` when it needs one.
    public func resolve(anchor: CalendarDate?) -> DateInterval? {
        guard kind == .point, !anaphoric else { return nil }
        if year == nil && anchor == nil { return nil }
        var base: DateInterval
        if let a = anchor, year == nil, let shift = dayShift {
            base = .day(a.adding(days: shift))
        } else if let a = anchor, year == nil, month == nil, let wd = weekday {
            let d: CalendarDate
            if let w = weekShift {
                d = DateInterval.weekStart(a).adding(days: 7 * w + wd - 1)
            } else if nearestShift == -1 {
                d = a.adding(days: -((a.weekday - wd + 6) % 7 + 1))  // «в минувшую среду»: strictly before
            } else if direction > 0 {
                d = a.adding(days: (wd - a.weekday + 7) % 7)  // «в четверг будет опубликован»
            } else {
                d = a.adding(days: -((a.weekday - wd + 7) % 7))  // the latest such weekday up to the anchor
            }
            base = weekend ? DateInterval(start: d, end: d.adding(days: 1), precision: .day) : .day(d)
        } else if let a = anchor, year == nil, let w = weekShift {
            let s = DateInterval.weekStart(a).adding(days: 7 * w)
            base = DateInterval(start: s, end: s.adding(days: 6), precision: .week)
        } else if let a = anchor, year == nil, let m = monthShift {
            guard let iv = DateInterval.months(year: a.year, a.month + m, a.month + m) else { return nil }
            base = iv
        } else {
            let y: Int
            if let year {
                y = year
            } else if let a = anchor, let s = yearShift {
                y = a.year + s
            } else if let a = anchor, let n = nearestShift {
                y = nearestYear(anchor: a, direction: n)
            } else if let a = anchor, month != nil || season != nil {
                y = nearestYear(anchor: a, direction: 0)
            } else if let a = anchor, quarter != nil {
                y = a.year
            } else {
                return nil
            }
            if yearSpan > 1 {
                guard let iv = DateInterval.years(y, y + yearSpan - 1) else { return nil }
                base = iv
            } else if sportSeason {
                guard let iv = DateInterval.years(y, y + 1) else { return nil }
                base = iv
            } else if let m = month {
                if let d = day {
                    guard let date = CalendarDate(year: y, month: m, day: d) else { return nil }
                    base = .day(date)
                } else {
                    guard let iv = DateInterval.months(year: y, m, m) else { return nil }
                    base = iv
                }
            } else if let q = quarter {
                guard var iv = DateInterval.months(year: y, 3 * q - 2, 3 * q) else { return nil }
                iv.precision = .quarter
                base = iv
            } else if let s = season {
                guard let iv = s.interval(year: y) else { return nil }
                base = iv
            } else {
                guard let iv = DateInterval.years(y, y) else { return nil }
                base = iv
            }
        }
        if let part { base = part.apply(to: base) }
        return base
    }

    /// The year that puts a year-less month/day (or season) nearest to the anchor; with a
    /// direction, the latest one strictly before (−1) or the earliest strictly after (+1) the anchor's month.
    func nearestYear(anchor a: CalendarDate, direction: Int) -> Int {
        let m = month ?? (season.map { $0.firstMonth + 1 } ?? 1)
        if direction < 0 { return m < a.month ? a.year : a.year - 1 }
        if direction > 0 { return m > a.month ? a.year : a.year + 1 }
        if day == nil, month != nil, self.direction < 0 { return m <= a.month ? a.year : a.year - 1 }
        if day == nil, month != nil, self.direction > 0 { return m >= a.month ? a.year : a.year + 1 }
        var best = a.year, bestDistance = Int.max
        for y in [a.year - 1, a.year, a.year + 1] {
            let mid: CalendarDate
            if let d = day, let mm = month, let date = CalendarDate(year: y, month: mm, day: min(d, CalendarDate.daysIn(month: mm, year: y))) {
                mid = date
            } else if let mm = (month ?? season.map({ $0.firstMonth + 1 })) {
                let (yy, mo) = DateInterval.roll(y, mm)
                mid = CalendarDate(year: yy, month: mo, day: 15)!
            } else { continue }
            let dist = abs(mid.ordinal - a.ordinal)
            if dist < bestDistance { best = y; bestDistance = dist }
        }
        return best
    }

    // MARK: - Durations

    /// ISO 8601 duration (`P2Y`, `P1Y6M`, `P1.5D`), nil when the amount is vague.
    public var isoDuration: String? {
        guard let unit, let amount else { return nil }
        var out = "P" + Self.number(amount * unit.size) + unit.isoLetter
        if let u2 = unit2, let a2 = amount2 {
            out += Self.number(a2 * u2.size) + u2.isoLetter
        }
        return out
    }

    static func number(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(v)
    }

    // MARK: - Description

    /// A structured, sorted `key=value` list saying what the expression means without an anchor
    /// (`month=9,year=-1`). Signed numbers are shifts from the anchor, unsigned ones absolute.
    public var relative: String {
        var fields: [(String, String)] = []
        func shift(_ v: Int) -> String { v >= 0 ? "+\(v)" : "\(v)" }
        switch kind {
        case .duration:
            fields.append(("duration", unit?.name ?? "?"))
            fields.append(("count", amount.map(Self.number) ?? (vague ?? "few")))
        case .frequency:
            fields.append(("every", unit?.name ?? "?"))
            if let amount { fields.append(("count", Self.number(amount))) }
        case .vague:
            fields.append(("vague", vague ?? "?"))
            if let unit { fields.append(("unit", unit.name)) }
        case .point:
            if let year { fields.append(("year", String(year))) } else if let s = yearShift { fields.append(("year", shift(s))) }
            if let month { fields.append(("month", String(month))) } else if let s = monthShift { fields.append(("month", shift(s))) }
            if let day { fields.append(("day", String(day))) } else if let s = dayShift { fields.append(("day", shift(s))) }
            if let s = weekShift { fields.append(("week", shift(s))) }
            if weekend { fields.append(("weekday", "6-7")) } else if let weekday { fields.append(("weekday", String(weekday))) }
            if let quarter { fields.append(("quarter", String(quarter))) }
            if let season { fields.append(("season", season.name)) }
            if let part { fields.append(("part", part.name)) }
            if let n = nearestShift { fields.append(("nearest", shift(n))) }
            if direction != 0 { fields.append(("tense", direction < 0 ? "past" : "future")) }
            if yearSpan == 10 { fields.append(("span", "decade")) } else if yearSpan == 100 { fields.append(("span", "century")) }
            if anaphoric { fields.append(("anchor", "context")) }
            if let vague { fields.append(("vague", vague)) }
        }
        return fields.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }.joined(separator: ",")
    }
}
