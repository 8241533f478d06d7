import Foundation
import Testing
@testable import MetkaArchive
@testable import MetkaCore

/// The writer on hand-built tagged documents: what goes into which column.
@Suite struct ArchiveWriterTests {
    /// Tags `texts` with a tagger that returns exactly `make(doc)`.
    func enrich(_ texts: [String], _ make: @escaping @Sendable (Document) -> TaggedDocument) throws -> String {
        let path = ArchiveFixture.tempDir().appendingPathComponent("w.sqlite").path
        try ArchiveSQL.execute(path, "CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT, body TEXT, published_at TEXT)")
        for (i, t) in texts.enumerated() {
            try ArchiveSQL.execute(path, "INSERT INTO articles VALUES (?, NULL, ?, '2021-05-01')", [i + 1, t])
        }
        var options = EnrichOptions()
        options.batchSize = 2
        _ = try ArchiveEnricher(options: options, gazetteerChecksum: "g", modelChecksum: "m", tagger: "t", tag: make).run(path: path)
        return path
    }

    static func mention(_ doc: Document, _ word: String, _ type: EntityType, entity: String? = nil, normal: String? = nil) -> Mention {
        let r = doc.text.range(of: word)!
        let start = doc.text.unicodeScalars.distance(from: doc.text.unicodeScalars.startIndex, to: r.lowerBound)
        var m = Mention(start: Int32(start), end: Int32(start + word.unicodeScalars.count), tokenRange: 0..<0, type: type,
                        text: word, normal: normal, source: "test")
        m.entity = entity
        return m
    }

    @Test func entitiesAreSharedAcrossArticlesByKnowledgeBaseIdOrNormalizedName() throws {
        let texts = ["Путину позвонили. Вторая фраза про Артёма Иванова.", "Владимир Путин ответил. Потом АРТЕМ ИВАНОВ уехал."]
        let path = try enrich(texts) { doc in
            var t = ArchiveFixture.segmented(doc)
            var putin = EntityRecord(id: "E1", type: .PER, name: "Владимир Путин")
            putin.kb = "wikidata:Q7747"
            // No kb: identity is type + normalized name (case and ё folded).
            let ivanov = EntityRecord(id: "E2", type: .PER, name: doc.id == "1" ? "Артём Иванов" : "АРТЕМ ИВАНОВ")
            t.entities = [putin, ivanov]
            if doc.id == "1" {
                t.mentions = [Self.mention(doc, "Путину", .PER, entity: "E1", normal: "Путин"),
                              Self.mention(doc, "Артёма Иванова", .PER, entity: "E2")]
            } else {
                t.mentions = [Self.mention(doc, "Владимир Путин", .PER, entity: "E1"), Self.mention(doc, "АРТЕМ ИВАНОВ", .PER, entity: "E2")]
            }
            return t
        }
        let entities = try ArchiveSQL.rows(path, "SELECT key, type, name, kb FROM metka_entities ORDER BY key")
        #expect(entities == [
            ["t:PER:артем иванов", "t:PER", "t:Артём Иванов", "NULL"],   // the mixed-case spelling is preferred
            ["t:kb:wikidata:Q7747", "t:PER", "t:Владимир Путин", "t:wikidata:Q7747"],
        ])
        // Ids derive from the keys: the same in every run, archive and store.
        let putin = "i:\(EntityID.of(key: "kb:wikidata:Q7747"))", ivanov = "i:\(EntityID.of(key: "PER:артем иванов"))"
        #expect(try ArchiveSQL.rows(path, "SELECT id FROM metka_entities ORDER BY key") == [[ivanov], [putin]])
        let mentions = try ArchiveSQL.rows(path, "SELECT article_id, seq, entity_id, start, \"end\", text, normal, sentence FROM metka_mentions ORDER BY article_id, seq")
        #expect(mentions == [
            ["i:1", "i:0", putin, "i:0", "i:6", "t:Путину", "t:Путин", "i:0"],
            ["i:1", "i:1", ivanov, "i:35", "i:49", "t:Артёма Иванова", "NULL", "i:1"],
            ["i:2", "i:0", putin, "i:0", "i:14", "t:Владимир Путин", "NULL", "i:0"],
            ["i:2", "i:1", ivanov, "i:30", "i:42", "t:АРТЕМ ИВАНОВ", "NULL", "i:1"],
        ])
        let counts = try ArchiveSQL.rows(path, "SELECT name, articles, mentions FROM metka_entity_counts_v ORDER BY name")
        #expect(counts == [["t:Артём Иванов", "i:2", "i:2"], ["t:Владимир Путин", "i:2", "i:2"]])
    }

    /// Spellings of one entity in any article order (and across batches): the same stored row.
    @Test func storedSpellingDoesNotDependOnArticleOrder() throws {
        let spellings = ["СБЕРБАНК", "Сбербанк", "сбербанк", "СберБанк"]
        var rows: Set<[[String]]> = []
        for order in [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]] {
            let texts = order.map { "Новость про \(spellings[$0]) и рынок." }
            let path = try enrich(texts) { doc in
                var t = ArchiveFixture.segmented(doc)
                let word = spellings.first { doc.text.contains(" \($0) ") }!
                t.mentions = [Self.mention(doc, word, .ORG, normal: word)]
                return t
            }
            rows.insert(try ArchiveSQL.rows(path, "SELECT id, key, name FROM metka_entities"))
        }
        // Mixed case first, then code-point order: «СберБанк» < «Сбербанк».
        #expect(rows == [[["i:\(EntityID.of(key: "ORG:сбербанк"))", "t:ORG:сбербанк", "t:СберБанк"]]])
    }

    @Test func datesHaveNoEntityAndUnresolvedNamesGetOneFromTheirNormalForm() throws {
        let path = try enrich(["В сентябре 2020 года Сбербанк и сбербанк отчитались."]) { doc in
            var t = ArchiveFixture.segmented(doc)
            var date = Self.mention(doc, "сентябре 2020 года", .DATE)
            date.value = "2020-09"
            t.mentions = [date, Self.mention(doc, "Сбербанк", .ORG, normal: "Сбербанк"), Self.mention(doc, "сбербанк", .ORG)]
            return t
        }
        let rows = try ArchiveSQL.rows(path, "SELECT type, value, entity_id FROM metka_mentions ORDER BY seq")
        let sber = "i:\(EntityID.of(key: "ORG:сбербанк"))"
        #expect(rows == [["t:DATE", "t:2020-09", "NULL"], ["t:ORG", "NULL", sber], ["t:ORG", "NULL", sber]])
        #expect(try ArchiveSQL.rows(path, "SELECT key, name FROM metka_entities") == [["t:ORG:сбербанк", "t:Сбербанк"]])
    }

    @Test func boilerplateFlagComesFromTheMentionOrItsBlock() throws {
        let text = "Лавров прибыл в Женеву.\nФото: Reuters / Денис Балибоус\n"
        let path = try enrich([text]) { doc in
            var t = ArchiveFixture.segmented(doc)
            let seg = t.segmentation
            var credit = Self.mention(doc, "Reuters", .ORG)
            // Point the mention at its real token so the block flag (photo credit) applies.
            let tok = seg.tokens.firstIndex { doc.string(bytes: $0.byteRange) == "Reuters" }!
            credit.tokenRange = tok..<(tok + 1)
            var flagged = Self.mention(doc, "Женеву", .LOC, normal: "Женева")
            flagged.boilerplate = true
            t.mentions = [Self.mention(doc, "Лавров", .PER), flagged, credit]
            return t
        }
        let rows = try ArchiveSQL.rows(path, "SELECT text, boilerplate, sentence FROM metka_mentions ORDER BY seq")
        #expect(rows == [["t:Лавров", "i:0", "i:0"], ["t:Женеву", "i:1", "i:0"], ["t:Reuters", "i:1", "i:1"]])
    }

    @Test func topicsAndStatusCountsAreStored() throws {
        let path = try enrich(["Хакеры атаковали сайт МИД.", "Футбол."]) { doc in
            var t = ArchiveFixture.segmented(doc)
            if doc.id == "1" {
                t.topics = [TopicScore(id: "cybersecurity", iptc: "medtop:20000086", score: 0.91234),
                            TopicScore(id: "diplomacy", iptc: "medtop:20000639", score: 0.4)]
                t.mentions = [Self.mention(doc, "МИД", .ORG)]
            }
            return t
        }
        #expect(try ArchiveSQL.rows(path, "SELECT * FROM metka_article_topics ORDER BY article_id, topic") == [
            ["i:1", "t:cybersecurity", "t:medtop:20000086", "r:0.91234"], ["i:1", "t:diplomacy", "t:medtop:20000639", "r:0.4"],
        ])
        #expect(try ArchiveSQL.rows(path, "SELECT article_id, error, chars, mentions, topics FROM metka_article_status ORDER BY article_id") == [
            ["i:1", "NULL", "i:26", "i:1", "i:2"], ["i:2", "NULL", "i:7", "i:0", "i:0"],
        ])
    }

    @Test func sentenceIndexIsTheSentenceHoldingTheStart() {
        #expect(ArchiveWriter.sentence(of: 0, starts: [0, 10, 20]) == 0)
        #expect(ArchiveWriter.sentence(of: 10, starts: [0, 10, 20]) == 1)
        #expect(ArchiveWriter.sentence(of: 25, starts: [0, 10, 20]) == 2)
        #expect(ArchiveWriter.sentence(of: 3, starts: []) == 0)
    }

    @Test func entityKeyNormalization() {
        #expect(EntityKey.normalize("  Артём\t ИВАНОВ ") == "артем иванов")
        #expect(EntityKey.key(type: .ORG, name: "МИД", kb: "wikidata:Q1") == "kb:wikidata:Q1")
        #expect(EntityKey.key(type: .ORG, name: "МИД", kb: nil) == "ORG:мид")
        #expect(EntityKey.key(type: .LOC, name: "МИД", kb: "") == "LOC:мид")
    }
}
