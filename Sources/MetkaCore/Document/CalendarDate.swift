/// A proleptic-Gregorian calendar day without time zone: what an article's `published` means.
///
/// Kept separate from Foundation's `Date` on purpose: news dates are calendar days, and
/// arithmetic such as "the previous month" or "the Monday of this week" must not shift with
/// time zones or daylight saving.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date when `year-month-day` exists in the calendar, nil otherwise.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` (an optional time part after `T` or a space is ignored: archive
    /// columns often hold timestamps).
    public init?(iso text: some StringProtocol) {
        let bytes = Array(text.utf8.prefix(10))
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ r: Range<Int>) -> Int? {
            var v = 0
            for b in bytes[r] {
                guard b >= 48 && b <= 57 else { return nil }
                v = v * 10 + Int(b - 48)
            }
            return v
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 0001-01-01 (a Rata Die style ordinal), for day arithmetic.
    public var ordinal: Int {
        var days = CalendarDate.ordinalOfJanuaryFirst(year)
        for m in 1..<month { days += CalendarDate.daysIn(month: m, year: year) }
        return days + day - 1
    }

    /// Ordinals of the days this type represents: 0001-01-01 … 9999-12-31.
    public static let ordinalRange = 0...(ordinalOfJanuaryFirst(10_000) - 1)

    /// Ordinal of January 1st of `year`, by arithmetic (valid for any year ≥ 1, including 10000,
    /// which the day search below needs for dates in 9999).
    static func ordinalOfJanuaryFirst(_ year: Int) -> Int {
        let y = year - 1
        return y * 365 + y / 4 - y / 100 + y / 400
    }

    /// The date `ordinal` days after 0001-01-01, nil outside `ordinalRange` (an archive's Unix
    /// seconds column can hold any number; a bad one means "no date", never a trap).
    public init?(ordinal: Int) {
        guard CalendarDate.ordinalRange.contains(ordinal) else { return nil }
        self.init(validOrdinal: ordinal)
    }

    /// The date `ordinal` days after 0001-01-01, saturating at the first and last representable
    /// day: day arithmetic near the calendar's ends («вчера» in an article dated 0001-01-01, the
    /// week slice holding 9999-12-31) stays in range instead of trapping.
    public init(clampingOrdinal ordinal: Int) {
        self.init(validOrdinal: min(max(ordinal, CalendarDate.ordinalRange.lowerBound), CalendarDate.ordinalRange.upperBound))
    }

    private init(validOrdinal ordinal: Int) {
        var y = (ordinal * 400) / 146_097 + 1
        while CalendarDate.ordinalOfJanuaryFirst(y) > ordinal { y -= 1 }
        while CalendarDate.ordinalOfJanuaryFirst(y + 1) <= ordinal { y += 1 }
        var rest = ordinal - CalendarDate.ordinalOfJanuaryFirst(y)
        var m = 1
        while rest >= CalendarDate.daysIn(month: m, year: y) {
            rest -= CalendarDate.daysIn(month: m, year: y)
            m += 1
        }
        self.year = y
        self.month = m
        self.day = rest + 1
    }

    /// `days` later (earlier when negative), saturating at 0001-01-01 and 9999-12-31.
    public func adding(days: Int) -> CalendarDate { CalendarDate(clampingOrdinal: ordinal + days) }

    /// ISO weekday: Monday = 1 … Sunday = 7.
    public var weekday: Int { (ordinal % 7) + 1 }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    public var description: String { ISODate.format(year: year, month: month, day: day) }
}

/// Zero-padded ISO 8601 formatting shared by dates and date values.
public enum ISODate {
    public static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
    public static func format(year: Int, month: Int? = nil, day: Int? = nil) -> String {
        var out = pad(year, 4)
        if let month { out += "-" + pad(month, 2) }
        if month != nil, let day { out += "-" + pad(day, 2) }
        return out
    }
}
