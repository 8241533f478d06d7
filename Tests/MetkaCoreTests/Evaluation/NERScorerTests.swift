import Foundation
import Testing
@testable import MetkaCore

@Suite struct NERScorerTests {
    /// Nested gold: «Министерство иностранных дел России» (ORG) holds «России» (LOC).
    let gold: [(String, [String: Any])] = [
        ("d1", ["text": "Министерство иностранных дел России и Путин", "entities": [
            ["start": 0, "end": 35, "coarse": "ORG"],
            ["start": 29, "end": 35, "coarse": "LOC"],
            ["start": 38, "end": 43, "coarse": "PER"],
            ["start": 0, "end": 12, "coarse": NSNull()],
        ] as [[String: Any]]]),
        ("d2", ["text": "Москва", "entities": [["start": 0, "end": 6, "coarse": "LOC"]] as [[String: Any]]]),
    ]

    @Test func outerViewDropsNestedSpans() {
        let pred: [String: [String: Any]] = [
            "d1": ["mentions": [["start": 0, "end": 35, "type": "ORG"], ["start": 29, "end": 35, "type": "LOC"],
                                ["start": 38, "end": 43, "type": "PERSON"]]],
        ]
        let outer = NERScorer(view: .outer, types: ["PER", "ORG", "LOC"]).score(gold: gold, predictions: pred)
        #expect(outer.counts["LOC"]!.tp == 0 && outer.counts["LOC"]!.fp == 1 && outer.counts["LOC"]!.fn == 1)
        #expect(outer.counts["ORG"]!.tp == 1 && outer.counts["PER"]!.tp == 1)
        #expect(outer.predicted == 1 && outer.documents == 2)
        #expect(outer.spurious["LOC"]!.first! == ("d1", "России"))
        let all = NERScorer(view: .all, types: ["PER", "ORG", "LOC"]).score(gold: gold, predictions: pred)
        #expect(all.counts["LOC"]!.tp == 1 && all.counts["LOC"]!.fn == 1)
        #expect(abs(all.micro.f1 - 6.0 / 7.0) < 1e-9)
    }

    /// With ORG not scored, the nested LOC «России» is outermost among scored spans (as in score_ner.py).
    @Test func tableMatchesReferenceFormat() {
        let pred: [String: [String: Any]] = ["d2": ["mentions": [["start": 0, "end": 6, "type": "LOC"]]]]
        let report = NERScorer(view: .outer, types: ["PER", "LOC"]).score(gold: gold, predictions: pred)
        let table = NERScorer.table(report, view: .outer)
        #expect(table == """
            docs 2  predicted 1  view outer
            type         P       R      F1     tp     fp     fn
            PER     0.0000  0.0000  0.0000      0      0      1
            LOC     1.0000  0.5000  0.6667      1      0      1
            micro   1.0000  0.3333  0.5000      1      0      2

            """)
    }
}
