import Foundation
import Testing
@testable import MetkaCore

@Suite struct CooccurrenceSliceTests {
    @Test(arguments: [TimeSliceKind.week, .month, .year])
    func perSliceCountsMatchAnIndependentComputation(kind: TimeSliceKind) throws {
        let filter = CooccurrenceFilter(unit: .sentence, slice: kind)
        let r = try CooccurrenceFixture.report("corpus.jsonl", filter: filter)
        let ref = CooccurrenceFixture.reference("corpus.jsonl", filter: filter)
        #expect(r.stats.documentsUndated == 1)  // d7 has no date
        for (i, s) in r.slices.enumerated() {
            #expect(s.units == ref.sliceUnits[s.label] ?? 0, "\(s.label)")
            for e in r.edges {
                let key: Set<String> = [r.nodes[e.source].id, r.nodes[e.target].id]
                #expect(e.slices[i] == ref.slicePairs[s.label]?[key] ?? 0)
            }
        }
        for e in r.edges { #expect(e.slices.reduce(0, +) == e.count) }
        for n in r.nodes { #expect(n.slices.reduce(0, +) == n.frequency) }
        #expect(r.slices.map(\.units).reduce(0, +) == r.units)
    }

    @Test func slicesAreContinuousAndLabelled() throws {
        let r = try CooccurrenceFixture.report("corpus.jsonl", filter: CooccurrenceFilter(slice: .week))
        // 2021-01-10 (Sunday of 2021-W01) … 2021-03-25 (2021-W12): 12 weeks, gaps included.
        #expect(r.slices.first?.label == "2021-W01")
        #expect(r.slices.last?.label == "2021-W12")
        #expect(r.slices.count == 12)
        #expect(r.slices.first?.start.description == "2021-01-04")
        #expect(r.slices.first?.end.description == "2021-01-10")
        #expect(r.slices.filter { $0.documents == 0 }.map(\.label) == ["2021-W02", "2021-W04", "2021-W06", "2021-W08", "2021-W10"])
    }

    @Test func isoWeeksAndMonths() {
        func week(_ s: String) -> String { TimeSlice(kind: .week, containing: CalendarDate(iso: s)!).label }
        #expect(week("2021-01-03") == "2020-W53")
        #expect(week("2021-01-04") == "2021-W01")
        #expect(week("2020-12-31") == "2020-W53")
        #expect(week("2019-12-30") == "2020-W01")
        #expect(week("2024-12-29") == "2024-W52")
        let feb = TimeSlice(kind: .month, containing: CalendarDate(iso: "2024-02-10")!)
        #expect(feb.label == "2024-02" && feb.end.description == "2024-02-29")
        #expect(TimeSlice(kind: .month, ordinal: feb.ordinal + 11).label == "2025-01")
    }

    @Test func trendIsTheSlopeOfTheRatePerThousandUnits() {
        // Rates 100, 200, 300 per 1000 units → slope 100 per slice; an empty slice is skipped.
        let expected = SliceTrendReference.slope([(0, 100), (1, 200), (3, 300)])
        #expect(abs(SliceTrend.slope(counts: [1, 4, 0, 9], units: [10, 20, 0, 30]) - expected) < 1e-9)
        #expect(abs(SliceTrend.slope(counts: [1, 2, 3], units: [10, 10, 10]) - 100) < 1e-9)
        #expect(SliceTrend.slope(counts: [5], units: [10]) == 0)
    }
}

/// Ordinary least squares on (x, y) points, written out for the test.
enum SliceTrendReference {
    static func slope(_ points: [(Double, Double)]) -> Double {
        let n = Double(points.count)
        let sx = points.map(\.0).reduce(0, +), sy = points.map(\.1).reduce(0, +)
        let sxy = points.map { $0.0 * $0.1 }.reduce(0, +), sxx = points.map { $0.0 * $0.0 }.reduce(0, +)
        return (n * sxy - sx * sy) / (n * sxx - sx * sx)
    }
}
