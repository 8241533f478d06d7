import Testing
@testable import MetkaCore

/// Bounded report builds (what Markdown and HTML hold at 1M-article scale) against the full build:
/// the same leading edges in the same order, and degrees and totals over every selected edge.
@Suite struct CooccurrenceScopeTests {
    static let selections = [CooccurrenceSelection(), CooccurrenceSelection(sort: .npmi),
                             CooccurrenceSelection(topK: 2, sort: .dice), CooccurrenceSelection(maxNodes: 6), CooccurrenceSelection(minCount: 2, sort: .pmi)]

    func edgeIDs(_ r: CooccurrenceReport) -> [[String]] { r.edges.map { [r.nodes[$0.source].id, r.nodes[$0.target].id] } }

    @Test(arguments: selections)
    func bestEdgesArePrefixOfTheFullReport(_ selection: CooccurrenceSelection) throws {
        let filter = CooccurrenceFilter(unit: .sentence, slice: .month)
        let full = try CooccurrenceFixture.report("corpus.jsonl", filter: filter, selection: selection)
        #expect(!full.edges.isEmpty)
        for n in [1, 3, full.edges.count, full.edges.count + 5] {
            let best = try CooccurrenceFixture.report("corpus.jsonl", filter: filter, selection: selection, scope: .best(n))
            #expect(edgeIDs(best) == Array(edgeIDs(full).prefix(n)))
            #expect(best.edges.map(\.slices) == Array(full.edges.map(\.slices).prefix(n)))
            #expect(best.nodes == full.nodes)   // degrees count every selected edge
            #expect(best.edgesTotal == full.edges.count && full.edgesTotal == full.edges.count)
        }
    }

    @Test(arguments: selections)
    func edgesAmongTopNodesAreTheFullReportLimited(_ selection: CooccurrenceSelection) throws {
        let filter = CooccurrenceFilter(unit: .article)
        let full = try CooccurrenceFixture.report("corpus.jsonl", filter: filter, selection: selection)
        for n in [2, 4, full.nodes.count] {
            let scoped = try CooccurrenceFixture.report("corpus.jsonl", filter: filter, selection: selection, scope: .amongTopNodes(n))
            #expect(scoped.nodes == full.nodes)
            #expect(scoped.edgesTotal == full.edges.count)
            let a = full.limited(toNodes: n), b = scoped.limited(toNodes: n)
            #expect(edgeIDs(a) == edgeIDs(b) && a.nodes == b.nodes && a.edgesTotal == b.edgesTotal)
        }
    }

    @Test func markdownAndHTMLOutputsDoNotDependOnTheScope() throws {
        let filter = CooccurrenceFilter(unit: .sentence, slice: .month)
        let full = try CooccurrenceFixture.report("corpus.jsonl", filter: filter)
        for format in [CooccurrenceFormat.md, .html] {
            let scoped = try CooccurrenceFixture.report("corpus.jsonl", filter: filter, scope: format.edgeScope)
            #expect(format.render(scoped, generator: "t").map(\.contents) == format.render(full, generator: "t").map(\.contents))
        }
    }

    /// Two-pass slicing (totals first, then per-slice series of the report's edges) gives the
    /// one-pass report byte for byte.
    @Test(arguments: selections)
    func twoPassSlicingEqualsOnePass(_ selection: CooccurrenceSelection) throws {
        for unit in [CooccurrenceUnit.article, .sentence] {
            for kind in [TimeSliceKind.week, .month] {
                let filter = CooccurrenceFilter(unit: unit, slice: kind)
                let records = try CooccurrenceFixture.records("corpus.jsonl", unit: unit)
                let one = CooccurrenceBuilder(filter: filter)
                for r in records { try one.add(r) }
                let expected = CooccurrenceReport.build(from: one.finish(), selection: selection)
                for scope in [CooccurrenceEdgeScope.all, .best(2)] {
                    let two = CooccurrenceBuilder(filter: filter, seriesInSecondPass: true)
                    for r in records { try two.add(r) }
                    two.beginSeriesPass(for: CooccurrenceReport.build(from: two.finish(), selection: selection, scope: scope))
                    for r in records { try two.addSeries(r) }
                    let got = CooccurrenceReport.build(from: two.finish(), selection: selection, scope: scope)
                    let reference = CooccurrenceReport.build(from: one.finish(), selection: selection, scope: scope)
                    #expect(CooccurrenceFormat.json.render(got, generator: "t").map(\.contents)
                            == CooccurrenceFormat.json.render(reference, generator: "t").map(\.contents))
                    if scope == .all { #expect(got.edges.map(\.slices) == expected.edges.map(\.slices) && got.edges.contains { $0.slices.reduce(0, +) > 0 }) }
                }
            }
        }
    }
}
