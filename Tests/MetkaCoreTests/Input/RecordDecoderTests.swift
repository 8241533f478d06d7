import Testing
@testable import MetkaCore

@Suite struct RecordDecoderTests {
    func fields(_ json: String) -> [String: FlatJSONReader.Value]? {
        FlatJSONReader.fields(Array(json.utf8)[...], wanted: ["id", "text", "title", "published"])
    }

    @Test func fastReaderDecodesEscapesAndSkipsUnknownFields() {
        let f = fields(#"{"meta": {"a": [1, {"b": "}"}], "c": null}, "id": 7, "text": "Москва \"РИА\" \u041c\n\ud83d\ude00", "x": true}"#)
        #expect(f?["id"] == .number("7"))
        #expect(f?["text"] == .string("Москва \"РИА\" М\n😀"))
        #expect(f?["title"] == nil)
        #expect(fields(#"{"id": -0.5e+3, "text": "", "n": [], "o": {}, "x": [-1, 2.25E-1, {"k": [true, false, null]}]}"#)?["id"] == .number("-0.5e+3"))
    }

    @Test(arguments: [
        #"{"text": "a""#,                 // unterminated
        #"{"text": "a"} trailing"#,       // garbage after the object
        #"{"text": "a", "text": "b"}"#,   // duplicate key: the full parser decides
        #"{"text": "\ud800x"}"#,          // lone surrogate
        "[1, 2]",
        #"{"id": "bad", "text": }"#,      // missing value (must not recurse forever)
        #"{"a": [1, }], "text": "x"}"#,   // malformed nested value
        "{\"text\": \"tab\tinside\"}",     // raw control character (a real tab)
        #"{"a": [1, 2,], "text": "x"}"#,  // trailing comma in a skipped array
        #"{"a": {"b": 1,}, "text": "x"}"#, // trailing comma in a skipped object
        #"{"a": {"b" 1}, "text": "x"}"#,  // missing colon in a skipped object
        #"{"a": [1 2], "text": "x"}"#,    // missing comma in a skipped array
        #"{"id": 12-3, "text": "x"}"#,    // not a JSON number
        #"{"id": 01, "text": "x"}"#,      // leading zero
        #"{"id": 1., "text": "x"}"#,      // fraction without digits
    ])
    func fastReaderDeclinesWhatItDoesNotFullyUnderstand(json: String) {
        #expect(fields(json) == nil)
    }

    @Test func decoderGivesTheSameDocumentOnBothPaths() throws {
        let decoder = RecordDecoder()
        let fast = try decoder.decodeJSONLine(Array(#"{"id": "a1", "text": "Путин", "published": "2021-03-25T10:00:00Z"}"#.utf8)[...], line: 1)
        #expect(fast.id == "a1" && fast.text == "Путин" && fast.published == CalendarDate(year: 2021, month: 3, day: 25))
        // A duplicate key forces the JSONSerialization path; the result is still a document.
        let slow = try decoder.decodeJSONLine(Array(#"{"id": "a1", "id": "a2", "text": "Путин"}"#.utf8)[...], line: 2)
        #expect(slow.text == "Путин")
        #expect(throws: RecordError.self) { try decoder.decodeJSONLine(Array(#"{"id": "x", "published": "25.03.2021", "text": "a"}"#.utf8)[...], line: 3) }
    }
}
