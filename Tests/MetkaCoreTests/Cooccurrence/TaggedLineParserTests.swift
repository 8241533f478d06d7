import Foundation
import Testing
@testable import MetkaCore

@Suite struct TaggedLineParserTests {
    func parse(_ line: String, unit: CooccurrenceUnit = .article) throws -> CooccurrenceRecord? {
        var bytes = Array(line.utf8)
        return try bytes.withUnsafeMutableBufferPointer { try TaggedLineParser(unit: unit).parse(UnsafeBufferPointer($0)) }
    }

    @Test func decodesEscapesAndSkipsUnknownFields() throws {
        let line = #"{"id": 17, "x": {"deep": [1, 2.5e3, null, true, "\"}"]}, "published": "2021-03-25T10:00:00Z", "#
            + #""mentions": [{"start": 0, "end": 2, "text": "\u0410\u0411", "type": "ORG", "entity": "E1", "sentence": 3, "paragraph": 1}], "#
            + #""entities": [{"id": "E1", "type": "ORG", "name": "\u0410\u0411 \ud83d\ude00 \"Q\"", "kb": null}], "#
            + #""topics": [{"id": "diplomacy", "score": 0.9}]}"#
        let r = try #require(try parse(line, unit: .sentence))
        #expect(r.id == "17")
        #expect(r.date?.description == "2021-03-25")
        #expect(r.topics == ["diplomacy"])
        #expect(r.entities == [CooccurrenceRecord.Entity(type: .ORG, name: "АБ 😀 \"Q\"")])
        #expect(r.mentions == [CooccurrenceRecord.Mention(entity: 0, unit: 3)])
    }

    @Test func integerEntityIdsOfArchiveExportsResolve() throws {
        // `metka archive export` writes archive-wide integer ids; 12 must not match 1.
        let line = #"{"id": 3, "mentions": [{"type": "LOC", "text": "США", "entity": 12, "sentence": 0}, "#
            + #"{"type": "LOC", "text": "Москве", "entity": 1, "sentence": 1}], "#
            + #""entities": [{"id": 1, "type": "LOC", "name": "Москва", "kb": "wikidata:Q649"}, "#
            + #"{"id": 12, "type": "LOC", "name": "США", "kb": "wikidata:Q30"}]}"#
        let r = try #require(try parse(line, unit: .sentence))
        #expect(r.entities.count == 2)
        #expect(r.mentions == [CooccurrenceRecord.Mention(entity: 1, unit: 0), CooccurrenceRecord.Mention(entity: 0, unit: 1)])
    }

    @Test func errorRecordsAreSkipped() throws {
        #expect(try parse(#"{"id": "x", "line": 4, "error": "invalid JSON"}"#) == nil)
    }

    @Test func missingUnitIndexIsAClearError() {
        let line = #"{"id": "a", "mentions": [{"type": "PER", "text": "Путин"}], "entities": []}"#
        #expect(throws: MetkaError.self) { try parse(line, unit: .sentence) }
        #expect((try? parse(line, unit: .article))??.entities.first?.name == "Путин")
    }

    @Test(arguments: [#"{"id": "a""#, #"{"id": "a"} x"#, #"{"mentions": [{"type": "PER",}]}"#, #"{"id": "a", "published": "25.03.2021"}"#, "[1]"])
    func malformedLinesThrow(line: String) {
        #expect(throws: MetkaError.self) { try parse(line) }
    }
}
