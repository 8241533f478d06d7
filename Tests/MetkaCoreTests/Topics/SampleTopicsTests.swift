import Testing
@testable import MetkaCore

/// The bundled model (Models/topics, trained without the sample) on the bundled sample page.
@Suite struct SampleTopicsTests {
    @Test func sampleArticleIsDiplomacyAndCybersecurity() throws {
        let classifier = try #require(TestData.pipeline.resources.topics, "Models/topics is missing: run `metka topics train`")
        let tagged = TestData.pipeline.process(Document(id: "sample", text: TestData.fixture("sample/rbc-mfa-cyber-guarantees.txt")), explain: true)
        #expect(tagged.topics.count >= 2)
        #expect(Set(tagged.topics.prefix(2).map(\.id)) == ["diplomacy", "cybersecurity"])
        // diplomacy implies politics; it is emitted but ranks after the two actual topics.
        let politics = try #require(tagged.topics.first { $0.id == "politics" })
        #expect(politics.features.first == "implied-by:diplomacy")
        // Sorted by score, then id; every score within (0, 1]; explanations name features.
        let scores = tagged.topics.map(\.score)
        #expect(scores == scores.sorted(by: >))
        #expect(tagged.topics.allSatisfy { $0.score > 0 && $0.score <= 1 && !$0.features.isEmpty })
        #expect(tagged.topics.first { $0.id == "diplomacy" }?.iptc == "medtop:20000639")
        // Deterministic.
        #expect(classifier.classify(tagged) == TestData.pipeline.process(tagged.document).topics.map { var t = $0; t.features = []; return t })
    }
}
