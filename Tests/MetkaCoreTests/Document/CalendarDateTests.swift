import Testing
@testable import MetkaCore

/// Day arithmetic at the calendar's ends: archives hold arbitrary Unix-seconds values and
/// articles can claim any `published` day, so the ends must give "no date" or saturate, not trap.
@Suite struct CalendarDateTests {
    @Test func ordinalsRoundTripAcrossTheRange() {
        for text in ["0001-01-01", "1970-01-01", "2000-02-29", "2021-03-25", "9999-01-01", "9999-12-31"] {
            let d = CalendarDate(iso: text)!
            #expect(CalendarDate(ordinal: d.ordinal) == d, "\(text)")
        }
        #expect(CalendarDate(year: 9999, month: 12, day: 31)!.ordinal == CalendarDate.ordinalRange.upperBound)
    }

    @Test func ordinalsOutsideTheRangeAreNoDate() {
        #expect(CalendarDate(ordinal: -1) == nil)
        #expect(CalendarDate(ordinal: CalendarDate.ordinalRange.upperBound + 1) == nil)
        #expect(CalendarDate(ordinal: Int.max / 1000) == nil)
    }

    @Test func dayArithmeticSaturatesAtTheEnds() {
        let first = CalendarDate(year: 1, month: 1, day: 1)!, last = CalendarDate(year: 9999, month: 12, day: 31)!
        #expect(first.adding(days: -1) == first)
        #expect(last.adding(days: 1) == last)
        #expect(CalendarDate(year: 9999, month: 12, day: 30)!.adding(days: 1) == last)
    }

    /// 9999-12-31 is a Friday: its ISO week would end on 10000-01-02, so the slice ends on the last day.
    @Test func weekSliceOfTheLastDay() {
        let last = CalendarDate(year: 9999, month: 12, day: 31)!
        let week = TimeSlice(kind: .week, containing: last)
        #expect(week.start == CalendarDate(year: 9999, month: 12, day: 27)!)
        #expect(week.end == last)
        #expect(week.label == "9999-W52")
    }

    /// Relative dates in an article dated on the calendar's first day resolve without trapping.
    @Test func relativeDatesAtTheFirstDay() throws {
        let doc = Document(id: "edge", text: "Вчера и на прошлой неделе ничего не произошло.",
                           published: CalendarDate(year: 1, month: 1, day: 1)!)
        let tagged = TestData.pipeline.process(doc)
        #expect(tagged.mentions.contains { $0.type == .DATE })
    }
}
