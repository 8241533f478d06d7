import Foundation
import Testing
@testable import MetkaCore

/// `metka tag` writes `sentence` and `paragraph` on every mention so cooccur can use finer units.
@Suite struct UnitIndexTests {
    func fields(_ text: String, spans: [(String, EntityType)]) throws -> [[String: Any]] {
        let (doc, seg) = TestData.segment(text)
        var tagged = TaggedDocument(document: doc, segmentation: seg)
        let tokens = seg.tokens.map { doc.string(bytes: $0.byteRange) }
        var from = 0
        for (word, type) in spans {
            let t = try #require(tokens[from...].firstIndex(of: word), "\(word)")
            tagged.mentions.append(Mention(start: seg.tokens[t].start, end: seg.tokens[t].end, tokenRange: t..<(t + 1),
                                           type: type, text: word, source: "test"))
            from = t + 1
        }
        let json = String(decoding: DocumentJSON.encode(tagged), as: UTF8.self)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return try #require(obj["mentions"] as? [[String: Any]])
    }

    @Test func blankLineParagraphs() throws {
        let text = "Путин встретился с Байденом. Лавров был в Женеве.\nЗатем Байден уехал\nв Вашингтон.\n\nМИД России сообщил."
        let m = try fields(text, spans: [("Путин", .PER), ("Лавров", .PER), ("Байден", .PER), ("Вашингтон", .LOC), ("МИД", .ORG)])
        #expect(m.map { $0["sentence"] as? Int } == [0, 1, 2, 2, 3])
        // Blank lines separate paragraphs; the hard-wrapped lines before the blank line are one.
        #expect(m.map { $0["paragraph"] as? Int } == [0, 0, 0, 0, 1])
    }

    @Test func linePerParagraphText() throws {
        let text = "Путин прилетел в Женеву.\nБайден прилетел позже.\nЛавров сказал это."
        let m = try fields(text, spans: [("Путин", .PER), ("Байден", .PER), ("Лавров", .PER)])
        #expect(m.map { $0["paragraph"] as? Int } == [0, 1, 2])
        #expect(m.map { $0["sentence"] as? Int } == [0, 1, 2])
    }
}
