/// A resolved calendar interval with the precision the text gave: what a DATE mention's `value` says.
///
/// Formatting (ISO 8601 and its extension ISO 8601-2 where plain 8601 has no form):
/// - one day `2019-06-12`, one ISO week `2021-W11`, one month `2017-02`, one quarter `2020-Q4`,
///   one year `2020`;
/// - anything longer is a range `start/end` at the same precision: `2020-09/2020-12`,
///   `1990/1999` (a decade), `1900/1999` (a century, counted colloquially as 1900–1999);
/// - open ranges `2006/..` («с 2006 года») and `../2020` («до 2020 года»).
public struct DateInterval: Sendable, Hashable {
    public enum Precision: UInt8, Sendable { case day, week, month, quarter, year }

    public var start: CalendarDate
    public var end: CalendarDate
    public var precision: Precision

    public init(start: CalendarDate, end: CalendarDate, precision: Precision) {
        self.start = start
        self.end = end
        self.precision = precision
    }

    public static func day(_ d: CalendarDate) -> DateInterval { DateInterval(start: d, end: d, precision: .day) }

    /// Months `m1…m2` of `year` (m2 may exceed 12 or m1 be below 1: they roll over years).
    public static func months(year: Int, _ m1: Int, _ m2: Int) -> DateInterval? {
        let (y1, mm1) = roll(year, m1)
        let (y2, mm2) = roll(year, m2)
        guard let s = CalendarDate(year: y1, month: mm1, day: 1),
              let e = CalendarDate(year: y2, month: mm2, day: CalendarDate.daysIn(month: mm2, year: y2)) else { return nil }
        return DateInterval(start: s, end: e, precision: .month)
    }

    public static func years(_ y1: Int, _ y2: Int) -> DateInterval? {
        guard let s = CalendarDate(year: y1, month: 1, day: 1), let e = CalendarDate(year: y2, month: 12, day: 31) else { return nil }
        return DateInterval(start: s, end: e, precision: .year)
    }

    /// Year and month after adding `months - 1` to January of `year`.
    static func roll(_ year: Int, _ month: Int) -> (Int, Int) {
        let zero = year * 12 + (month - 1)
        let y = zero >= 0 ? zero / 12 : (zero - 11) / 12
        return (y, zero - y * 12 + 1)
    }

    /// Monday of the ISO week holding `d`.
    static func weekStart(_ d: CalendarDate) -> CalendarDate { d.adding(days: -(d.weekday - 1)) }

    /// ISO week-numbering year and week of `d`.
    static func isoWeek(_ d: CalendarDate) -> (year: Int, week: Int) {
        let thursday = d.adding(days: 4 - d.weekday)
        let jan1 = CalendarDate(year: thursday.year, month: 1, day: 1)!
        return (thursday.year, (thursday.ordinal - jan1.ordinal) / 7 + 1)
    }

    static func formatPoint(_ d: CalendarDate, _ p: Precision) -> String {
        switch p {
        case .day: return d.description
        case .week:
            let w = isoWeek(d)
            return ISODate.pad(w.year, 4) + "-W" + ISODate.pad(w.week, 2)
        case .month: return ISODate.format(year: d.year, month: d.month)
        case .quarter: return ISODate.pad(d.year, 4) + "-Q" + String((d.month - 1) / 3 + 1)
        case .year: return ISODate.pad(d.year, 4)
        }
    }

    /// The ISO 8601 text of the interval.
    public var iso: String {
        let a = DateInterval.formatPoint(start, precision)
        let b = DateInterval.formatPoint(end, precision)
        return a == b ? a : a + "/" + b
    }
}

/// Where a part of a period lies, as fractions the grammar applies to any period.
///
/// Conventions (documented in `DateTagger`): «начало/середина/конец» split a year into thirds of
/// four months (`2020-01/2020-04`, `2020-05/2020-08`, `2020-09/2020-12`), a month into days
/// 1–10, 11–20, 21–end, a week into Mon–Tue, Wed–Thu, Fri–Sun, a decade into years 0–3, 4–6, 7–9,
/// a century into years 0–32, 33–65, 66–99; «первая/вторая половина» split into halves.
public enum PeriodPart: UInt8, Sendable, Hashable {
    case begin, middle, end, firstHalf, secondHalf

    var name: String {
        switch self {
        case .begin: "begin"
        case .middle: "middle"
        case .end: "end"
        case .firstHalf: "half1"
        case .secondHalf: "half2"
        }
    }

    /// The part of `whole`.
    func apply(to whole: DateInterval) -> DateInterval {
        switch whole.precision {
        case .day, .week:
            let days = whole.end.ordinal - whole.start.ordinal + 1
            if days == 7 {  // a week
                let (a, b): (Int, Int) = switch self {
                case .begin: (0, 1)
                case .middle: (2, 3)
                case .end: (4, 6)
                case .firstHalf: (0, 2)
                case .secondHalf: (3, 6)
                }
                return DateInterval(start: whole.start.adding(days: a), end: whole.start.adding(days: b), precision: .day)
            }
            return whole
        case .month, .quarter:
            let months = (whole.end.year - whole.start.year) * 12 + whole.end.month - whole.start.month + 1
            if months == 1 {
                let last = CalendarDate.daysIn(month: whole.start.month, year: whole.start.year)
                let (a, b): (Int, Int) = switch self {
                case .begin: (1, 10)
                case .middle: (11, 20)
                case .end: (21, last)
                case .firstHalf: (1, 15)
                case .secondHalf: (16, last)
                }
                return DateInterval(start: CalendarDate(year: whole.start.year, month: whole.start.month, day: a)!,
                                    end: CalendarDate(year: whole.start.year, month: whole.start.month, day: b)!, precision: .day)
            }
            return monthsPart(whole, months: months)
        case .year:
            let years = whole.end.year - whole.start.year + 1
            if years == 1 {
                return monthsPart(whole, months: 12)
            }
            let (a, b): (Int, Int) = switch self {
            case .begin: (0, years * 4 / 10 - 1)
            case .middle: (years * 4 / 10, years * 7 / 10 - 1)
            case .end: (years * 7 / 10, years - 1)
            case .firstHalf: (0, years / 2 - 1)
            case .secondHalf: (years / 2, years - 1)
            }
            return DateInterval.years(whole.start.year + a, whole.start.year + max(a, b)) ?? whole
        }
    }

    private func monthsPart(_ whole: DateInterval, months: Int) -> DateInterval {
        let (a, b): (Int, Int) = switch self {
        case .begin: (0, months / 3 - 1)
        case .middle: (months / 3, 2 * months / 3 - 1)
        case .end: (2 * months / 3, months - 1)
        case .firstHalf: (0, months / 2 - 1)
        case .secondHalf: (months / 2, months - 1)
        }
        return DateInterval.months(year: whole.start.year, whole.start.month + a, whole.start.month + max(a, b)) ?? whole
    }
}

/// Meteorological seasons: winter of year Y is December Y−1 … February Y (the winter that holds
/// January of Y: «зимой 2020 года» → `2019-12/2020-02`).
public enum Season: UInt8, Sendable, Hashable {
    case winter, spring, summer, autumn

    var name: String {
        switch self {
        case .winter: "winter"
        case .spring: "spring"
        case .summer: "summer"
        case .autumn: "autumn"
        }
    }

    var firstMonth: Int {
        switch self {
        case .winter: 0
        case .spring: 3
        case .summer: 6
        case .autumn: 9
        }
    }

    func interval(year: Int) -> DateInterval? { DateInterval.months(year: year, firstMonth, firstMonth + 2) }
}
