import Testing
@testable import MetkaCore

@Suite("DATE mentions merged with entity mentions")
struct DateMergeTests {
    func mention(_ start: Int32, _ end: Int32, _ type: EntityType, entity: String? = nil) -> Mention {
        var m = Mention(start: start, end: end, tokenRange: 0..<1, type: type, text: "", source: "test")
        m.entity = entity
        return m
    }

    @Test("an entity inside a longer date goes; a date overlapping an entity otherwise yields")
    func merge() {
        let (doc, seg) = TestData.segment("В ноябре 2011 г. на улице 1905 года")
        var tagged = TaggedDocument(document: doc, segmentation: seg)
        var stray = EntityRecord(id: "E1", type: .LOC, name: "В", count: 1)
        stray.count = 1
        tagged.entities = [stray, EntityRecord(id: "E2", type: .LOC, name: "Улица 1905 года", count: 1)]
        tagged.mentions = [mention(0, 1, .LOC, entity: "E1"), mention(20, 35, .LOC, entity: "E2")]
        let dates = [mention(0, 15, .DATE), mention(26, 35, .DATE)]
        DateMerge.merge(dates, into: &tagged)
        #expect(tagged.mentions.map(\.start) == [0, 20])
        #expect(tagged.mentions.map(\.type) == [.DATE, .LOC])
        #expect(tagged.entities.map(\.id) == ["E2"])
    }
}
