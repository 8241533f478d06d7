import Foundation
import Testing
@testable import MetkaCore

@Suite struct CooccurrenceCountTests {
    static let filters: [CooccurrenceFilter] = [
        CooccurrenceFilter(unit: .article),
        CooccurrenceFilter(unit: .paragraph),
        CooccurrenceFilter(unit: .sentence),
        CooccurrenceFilter(unit: .sentence, includeBoilerplate: true),
        CooccurrenceFilter(unit: .article, types: [.PER]),
        CooccurrenceFilter(unit: .article, types: [.PER, .LOC, .ORG, .DATE]),
        CooccurrenceFilter(unit: .article, topics: ["diplomacy"]),
        CooccurrenceFilter(unit: .sentence, from: CalendarDate(iso: "2021-01-15"), to: CalendarDate(iso: "2021-03-05")),
    ]

    @Test(arguments: filters)
    func countsAndMeasuresMatchAnIndependentComputation(filter: CooccurrenceFilter) throws {
        let report = try CooccurrenceFixture.report("corpus.jsonl", filter: filter)
        let ref = CooccurrenceFixture.reference("corpus.jsonl", filter: filter)
        #expect(report.units == ref.units)
        #expect(report.edges.count == ref.pairs.count)
        for n in report.nodes {
            #expect(n.frequency == ref.frequency[n.id], "\(n.id)")
        }
        for e in report.edges {
            let a = report.nodes[e.source], b = report.nodes[e.target]
            let cab = try #require(ref.pairs[[a.id, b.id]], "unexpected pair \(a.id) – \(b.id)")
            #expect(e.count == cab)
            let ca = Double(ref.frequency[a.id]!), cb = Double(ref.frequency[b.id]!), n = Double(ref.units), c = Double(cab)
            let pmi = log2(c * n / (ca * cb))
            let npmi = c == n ? 1 : pmi / -log2(c / n)
            #expect(abs(e.measures.pmi - pmi) < 1e-12)
            #expect(abs(e.measures.npmi - npmi) < 1e-12)
            #expect(abs(e.measures.dice - 2 * c / (ca + cb)) < 1e-12)
            #expect(abs(e.measures.jaccard - c / (ca + cb - c)) < 1e-12)
        }
        // Degree is the node's number of edges in the report.
        for (i, n) in report.nodes.enumerated() {
            #expect(n.degree == report.edges.filter { $0.source == i || $0.target == i }.count)
        }
    }

    @Test func handCheckedArticleCounts() throws {
        let r = try CooccurrenceFixture.report("corpus.jsonl", filter: CooccurrenceFilter(unit: .article))
        // d8 is an error record; d1–d7 and d9 count.
        #expect(r.stats.documents == 8)
        #expect(r.units == 8)
        let putin = try #require(r.nodes.firstIndex { $0.id == "wikidata:Q7747" })
        let usa = try #require(r.nodes.firstIndex { $0.id == "wikidata:Q30" })
        // Merged by kb across «Путин», «Путина», «Владимир Путин»; the majority name labels it.
        #expect(r.nodes[putin].label == "Владимир Путин")
        // d1, d2, d3, d5, d9 (d6 mentions Путин only in boilerplate).
        #expect(r.nodes[putin].frequency == 5)
        #expect(r.nodes[putin].mentions == 7)
        let edge = try #require(r.edges.first { Set([$0.source, $0.target]) == [putin, usa] })
        #expect(edge.count == 3)  // d1, d2, d5
        #expect(abs(edge.measures.pmi - log2(3.0 * 8 / 25)) < 1e-12)
        #expect(abs(edge.measures.dice - 0.6) < 1e-12)
        #expect(abs(edge.measures.jaccard - 3.0 / 7) < 1e-12)
        // Mentions without an entity stand for their normal form: «Москве», «Москва» → one node.
        let moscow = try #require(r.nodes.first { $0.id == "LOC:Москва" })
        #expect(moscow.frequency == 1 && moscow.mentions == 2)
        // Without kb, entities merge by (type, canonical name) across documents.
        let mfa = try #require(r.nodes.first { $0.id == "ORG:Министерство иностранных дел России" })
        #expect(mfa.documents == 2)
        // Boilerplate-only entities are absent by default.
        #expect(!r.nodes.contains { $0.label == "РБК" })
        // The first edge is the strongest; ties follow the node order.
        #expect(r.edges.first.map { [r.nodes[$0.source].id, r.nodes[$0.target].id] } == ["wikidata:Q7747", "wikidata:Q30"])
    }

    @Test func boilerplateAndSentenceUnits() throws {
        let with = try CooccurrenceFixture.report("corpus.jsonl", filter: CooccurrenceFilter(unit: .sentence, includeBoilerplate: true))
        #expect(with.nodes.contains { $0.label == "РБК" } == false)  // РБК shares no sentence with anyone
        let withArticle = try CooccurrenceFixture.report("corpus.jsonl", filter: CooccurrenceFilter(unit: .article, includeBoilerplate: true))
        #expect(withArticle.nodes.first { $0.id == "wikidata:Q7747" }?.frequency == 6)
        #expect(withArticle.nodes.contains { $0.label == "РБК" })
        let sentence = try CooccurrenceFixture.report("corpus.jsonl", filter: CooccurrenceFilter(unit: .sentence))
        // Лавров and Блинкен share sentences 0 and 1 of d4.
        let pair = sentence.edges.first { e in
            Set([sentence.nodes[e.source].label, sentence.nodes[e.target].label]) == ["Сергей Лавров", "Энтони Блинкен"]
        }
        #expect(pair?.count == 2)
        #expect(sentence.stats.documentsUndated == 0)
    }

    @Test func topKKeepsTheBestEdgesOfEitherEndpoint() throws {
        let all = try CooccurrenceFixture.report("corpus.jsonl", filter: CooccurrenceFilter(unit: .article),
                                                 selection: CooccurrenceSelection(sort: .npmi))
        let k = 2
        let top = try CooccurrenceFixture.report("corpus.jsonl", filter: CooccurrenceFilter(unit: .article),
                                                 selection: CooccurrenceSelection(topK: k, sort: .npmi))
        // Independent: rank each node's edges in the full list (already in global order).
        var best: Set<[String]> = []
        for n in all.nodes.indices {
            let mine = all.edges.filter { $0.source == n || $0.target == n }.prefix(k)
            for e in mine { best.insert([all.nodes[e.source].id, all.nodes[e.target].id].sorted()) }
        }
        let kept = Set(top.edges.map { [top.nodes[$0.source].id, top.nodes[$0.target].id].sorted() })
        #expect(kept == best)
        let ranked = top.edges.map(\.measures.npmi)
        #expect(ranked == ranked.sorted(by: >))
    }

    @Test func minCountAndMaxNodes() throws {
        let r = try CooccurrenceFixture.report("corpus.jsonl", filter: CooccurrenceFilter(unit: .article),
                                               selection: CooccurrenceSelection(minCount: 2, maxNodes: 3))
        #expect(r.edges.allSatisfy { $0.count >= 2 })
        // The 3 most frequent: Путин (5), США (5), Лавров (4).
        #expect(Set(r.nodes.map(\.label)) == ["Владимир Путин", "США", "Сергей Лавров"])
    }

    @Test func outputDoesNotDependOnRecordOrder() throws {
        let filter = CooccurrenceFilter(unit: .sentence, slice: .month)
        let a = try CooccurrenceFixture.report("corpus.jsonl", filter: filter)
        let b = try CooccurrenceFixture.report("corpus.jsonl", filter: filter, shuffle: true)
        for format in CooccurrenceFormat.allCases {
            #expect(format.render(a, generator: "t").map(\.contents) == format.render(b, generator: "t").map(\.contents))
        }
    }

    @Test func flatRowsBuildTheSameRecord() throws {
        let rows: [(key: String?, name: String, type: EntityType, kb: String?, unit: Int32, boilerplate: Bool)] = [
            (nil, "Владимир Путин", .PER, "wikidata:Q7747", 0, false),
            (nil, "США", .LOC, "wikidata:Q30", 0, false),
            (nil, "Владимир Путин", .PER, "wikidata:Q7747", 1, false),
            (nil, "Женева", .LOC, nil, 1, true),
        ]
        let record = CooccurrenceRecord(id: "a1", date: CalendarDate(iso: "2021-06-16"), topics: ["diplomacy"], rows: rows)
        #expect(record.entities.count == 3)
        #expect(record.mentions.map(\.entity) == [0, 1, 0, 2])
        let builder = CooccurrenceBuilder(filter: CooccurrenceFilter(unit: .sentence, includeBoilerplate: true))
        try builder.add(record)
        let counts = builder.finish()
        #expect(counts.units == 2)
        #expect(counts.count(0, 1) == 1 && counts.count(0, 2) == 1 && counts.count(1, 2) == 0)
    }
}

extension CooccurrenceFilter: CustomTestStringConvertible {
    public var testDescription: String {
        "\(unit.rawValue) \(types.map(\.rawValue).sorted()) topics=\(topics.sorted()) bp=\(includeBoilerplate) \(from?.description ?? "")…\(to?.description ?? "")"
    }
}
