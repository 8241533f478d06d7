/// Calendar granularity of time slices.
public enum TimeSliceKind: String, CaseIterable, Sendable {
    case week, month, year
}

/// One calendar period: an ISO week (Monday–Sunday), a month or a year.
///
/// `ordinal` numbers periods consecutively (weeks since 0001-01-01, months since year 0, years),
/// so consecutive periods differ by one and gaps in the data show up as empty slices.
public struct TimeSlice: Sendable, Hashable, Comparable {
    public let kind: TimeSliceKind
    public let ordinal: Int

    public init(kind: TimeSliceKind, ordinal: Int) {
        self.kind = kind
        self.ordinal = ordinal
    }

    public init(kind: TimeSliceKind, containing date: CalendarDate) {
        self.kind = kind
        switch kind {
        case .week: ordinal = date.ordinal / 7          // ordinal 0 (0001-01-01) is a Monday
        case .month: ordinal = date.year * 12 + (date.month - 1)
        case .year: ordinal = date.year
        }
    }

    /// First day of the period.
    public var start: CalendarDate {
        switch kind {
        case .week: CalendarDate(clampingOrdinal: ordinal * 7)
        case .month: CalendarDate(year: ordinal / 12, month: ordinal % 12 + 1, day: 1)!
        case .year: CalendarDate(year: ordinal, month: 1, day: 1)!
        }
    }

    /// Last day of the period (inclusive, as GEXF spells are closed intervals).
    public var end: CalendarDate {
        switch kind {
        case .week: CalendarDate(clampingOrdinal: ordinal * 7 + 6)  // the week of 9999-12-31 ends there
        case .month:
            CalendarDate(year: ordinal / 12, month: ordinal % 12 + 1,
                         day: CalendarDate.daysIn(month: ordinal % 12 + 1, year: ordinal / 12))!
        case .year: CalendarDate(year: ordinal, month: 12, day: 31)!
        }
    }

    /// `2021-W12` (ISO week-numbering year), `2021-03`, `2021`.
    public var label: String {
        switch kind {
        case .week:
            let thursday = CalendarDate(clampingOrdinal: ordinal * 7 + 3)
            let jan1 = CalendarDate(year: thursday.year, month: 1, day: 1)!
            let week = (thursday.ordinal - jan1.ordinal) / 7 + 1
            return ISODate.pad(thursday.year, 4) + "-W" + ISODate.pad(week, 2)
        case .month: return ISODate.format(year: ordinal / 12, month: ordinal % 12 + 1)
        case .year: return ISODate.pad(ordinal, 4)
        }
    }

    public static func < (a: TimeSlice, b: TimeSlice) -> Bool { a.ordinal < b.ordinal }
}
