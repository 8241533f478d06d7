import Foundation
import Testing
@testable import MetkaCore

@Suite struct TopicDecisionTests {
    static let taxonomy: TopicTaxonomy = try! TopicTaxonomy.load(TestData.root.appendingPathComponent(TopicClassifier.labelsPath))

    @Test func labelsFileHasTheTaxonomy() throws {
        let t = Self.taxonomy
        #expect(t.count == 13)
        #expect(t.labels.first { $0.id == "diplomacy" }?.iptc == "medtop:20000639")
        #expect(t.labels.first { $0.id == "cybersecurity" }?.iptc == "medtop:20000086")
        #expect(t.labels.allSatisfy { !$0.nameRu.isEmpty && !$0.definition.isEmpty })
        let dip = try #require(t.index(of: "diplomacy")), pol = try #require(t.index(of: "politics"))
        #expect(t.implications.contains { $0.from == dip && $0.to == pol })
        // The implying label is decided before the implied one.
        let order = t.decisionOrder
        #expect(order.firstIndex(of: dip)! < order.firstIndex(of: pol)!)
    }

    @Test func impliedLabelTrainsOnItsOwnEvidence() throws {
        let t = Self.taxonomy
        let pol = try #require(t.index(of: "politics"))
        // Listed after diplomacy: there because of the implication, not an own politics target.
        #expect(t.trainingTargets(["diplomacy", "politics"])[pol] == false)
        #expect(t.trainingTargets(["politics", "diplomacy"])[pol] == true)
        #expect(t.trainingTargets(["politics"])[pol] == true)
        // Evaluation always sees the full, implied set.
        #expect(t.closure(["diplomacy"])[pol] == true)
    }

    @Test func thresholdsAndImplication() throws {
        let t = Self.taxonomy
        let n = t.count
        let dip = t.index(of: "diplomacy")!, pol = t.index(of: "politics")!, cyber = t.index(of: "cybersecurity")!
        var scores = [Double](repeating: 0.1, count: n)
        var thresholds = [Double](repeating: 0.5, count: n)
        thresholds[pol] = 0.4
        scores[dip] = 0.9
        scores[cyber] = 0.55
        scores[pol] = 0.2
        let decided = TopicDecision.decide(scores: scores, thresholds: thresholds, implications: t.implications, order: t.decisionOrder)
        let byLabel = Dictionary(uniqueKeysWithValues: decided.map { ($0.label, $0.score) })
        #expect(Set(byLabel.keys) == [dip, pol, cyber])
        // Implied politics keeps its own score (not diplomacy's): it ranks by its own evidence.
        #expect(byLabel[pol] == 0.2)
        #expect(decided.first { $0.label == pol }?.implied == dip)
        #expect(decided.first { $0.label == cyber }?.implied == nil)
        // Below threshold and not implied: not emitted.
        scores[dip] = 0.45
        let none = TopicDecision.decide(scores: scores, thresholds: thresholds, implications: t.implications, order: t.decisionOrder)
        #expect(Set(none.map(\.label)) == [cyber])
        // Own politics above threshold keeps its own score.
        scores[dip] = 0.9
        scores[pol] = 0.7
        let own = TopicDecision.decide(scores: scores, thresholds: thresholds, implications: t.implications, order: t.decisionOrder)
        #expect(own.first { $0.label == pol }?.score == 0.7)
    }

    @Test func sortingIsByScoreThenId() {
        let topics = [TopicScore(id: "society", iptc: "x", score: 0.5), TopicScore(id: "economy", iptc: "x", score: 0.5),
                      TopicScore(id: "sport", iptc: "x", score: 0.9)]
        #expect(TopicDecision.sorted(topics).map(\.id) == ["sport", "economy", "society"])
    }

    @Test func bestThresholdMaximizesF1() {
        let scores = [0.9, 0.8, 0.7, 0.3, 0.2, 0.1]
        let truth = [true, true, true, false, false, false]
        let t = TopicTrainer.bestThreshold(scores: scores, truth: truth, forced: [Bool](repeating: false, count: 6))
        #expect(t > 0.3 && t < 0.7)
        // Documents already emitted through an implication count as predicted at any threshold.
        let forced = [false, false, false, true, false, false]
        let t2 = TopicTrainer.bestThreshold(scores: scores, truth: truth, forced: forced)
        #expect(t2 > 0.3 && t2 < 0.7)
        // Too few positives: the neutral default.
        #expect(TopicTrainer.bestThreshold(scores: scores, truth: [true] + [Bool](repeating: false, count: 5), forced: [Bool](repeating: false, count: 6)) == 0.5)
    }

    @Test func plattFitIsMonotoneAndCalibrated() {
        let z = (0..<200).map { Double($0 - 100) / 20 }
        let y = z.map { $0 > 0.5 }
        let (a, b) = Platt.fit(margins: z, targets: y)
        #expect(a < 0)
        #expect(Platt.apply(a: a, b: b, z: 4) > 0.9)
        #expect(Platt.apply(a: a, b: b, z: -4) < 0.1)
    }
}
