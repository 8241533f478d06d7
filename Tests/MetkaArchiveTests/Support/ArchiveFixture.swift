import Foundation
@testable import MetkaArchive
@testable import MetkaCore

/// Real SQLite archives in temporary folders, filled with real news text.
enum ArchiveFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let pipeline: Pipeline = {
        do { return try Pipeline(dataRoot: root) } catch { fatalError("cannot load bundled data: \(error)") }
    }()

    static let sample: String = (try? String(contentsOf: root.appendingPathComponent("Tests/Fixtures/sample/rbc-mfa-cyber-guarantees.txt"),
                                             encoding: .utf8)) ?? ""

    /// A fresh temporary folder (removed by the OS's tmp cleaning; tests keep them small).
    static func tempDir() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("metka-archive-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Paragraphs of the sample article, to build many distinct articles from real text.
    static let paragraphs: [String] = sample.components(separatedBy: "\n").filter { $0.count > 60 }

    /// Article `i`: a few real paragraphs (rotating), a dated lead and varied wording.
    static func text(_ i: Int) -> String {
        let n = paragraphs.count
        var parts = ["МОСКВА, \(i % 28 + 1) марта. Сообщение номер \(i)."]
        for k in 0..<(2 + i % 4) { parts.append(paragraphs[(i * 3 + k) % n]) }
        if i % 5 == 0 { parts.append("Лавров заявил, что МИД России ответит. Москва и США продолжат консультации в 2021 году.") }
        return parts.joined(separator: "\n")
    }

    /// `articles(id INTEGER PRIMARY KEY, title, body, published_at)` with `count` articles.
    @discardableResult
    static func makeArchive(at path: String, count: Int) throws -> String {
        try ArchiveSQL.execute(path, """
            CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT, body TEXT, published_at TEXT);
            CREATE TABLE authors (article_id INTEGER REFERENCES articles(id), name TEXT);
            """)
        for i in 1...max(1, count) where count > 0 {
            try ArchiveSQL.execute(path, "INSERT INTO articles (id, title, body, published_at) VALUES (?, ?, ?, ?)",
                                   [i, "Заголовок \(i)", text(i), "2021-03-\(String(format: "%02d", i % 28 + 1)) 10:00:00"])
        }
        return path
    }

    /// Everything Metka wrote, row for row, minus what must differ between runs (run ids and times).
    static func dump(_ path: String) throws -> [String: [[String]]] {
        [
            "entities": try ArchiveSQL.rows(path, "SELECT * FROM metka_entities ORDER BY id"),
            "mentions": try ArchiveSQL.rows(path, "SELECT * FROM metka_mentions ORDER BY article_id, seq"),
            "topics": try ArchiveSQL.rows(path, "SELECT * FROM metka_article_topics ORDER BY article_id, topic"),
            "status": try ArchiveSQL.rows(path, """
                SELECT article_id, content_hash, tagger, error, chars, mentions, topics FROM metka_article_status ORDER BY article_id
                """),
        ]
    }

    /// The archive's own data and schema, to prove Metka never changes them.
    static func userData(_ path: String) throws -> [[String]] {
        try ArchiveSQL.rows(path, "SELECT type, name, sql FROM sqlite_schema WHERE tbl_name NOT LIKE 'metka%' AND tbl_name <> 'grdb_migrations' ORDER BY name")
            + ArchiveSQL.rows(path, "SELECT * FROM articles ORDER BY id")
            + ArchiveSQL.rows(path, "SELECT * FROM authors ORDER BY rowid")
    }

    /// The document with its real segmentation and nothing tagged: the writer tests add exactly
    /// the mentions they check (and skip the entity stages, slow in debug builds).
    static func segmented(_ doc: Document) -> TaggedDocument {
        TaggedDocument(document: doc, segmentation: pipeline.resources.segmenter.segment(doc))
    }

    /// Real segmentation plus mentions and topics from a tiny lexicon: a deterministic tagger
    /// whose output the library tests can predict (the CLI tests run the real pipeline).
    static func lexiconTagger(_ doc: Document) -> TaggedDocument {
        var tagged = segmented(doc)
        let scalars = Array(doc.text.unicodeScalars)
        let words: [(String, EntityType, String, String?)] = [   // text, type, canonical name, kb
            ("МИД", .ORG, "Министерство иностранных дел России", "wikidata:Q1477843"),
            ("Лавров", .PER, "Сергей Лавров", nil),
            ("США", .LOC, "США", "wikidata:Q30"),
            ("Москва", .LOC, "Москва", "wikidata:Q649"),
        ]
        var mentions: [Mention] = []
        var entities: [String: EntityRecord] = [:]
        for (word, type, name, kb) in words {
            let w = Array(word.unicodeScalars)
            var i = 0
            while i + w.count <= scalars.count {
                if Array(scalars[i..<(i + w.count)]) == w {
                    let eid = "E\(entities.count + 1)"
                    let id = entities[word]?.id ?? eid
                    if entities[word] == nil {
                        var e = EntityRecord(id: id, type: type, name: name)
                        e.kb = kb
                        entities[word] = e
                    }
                    entities[word]!.count += 1
                    var m = Mention(start: Int32(i), end: Int32(i + w.count), tokenRange: 0..<0, type: type,
                                    text: word, normal: word, source: "test:lexicon")
                    m.entity = id
                    mentions.append(m)
                    i += w.count
                } else {
                    i += 1
                }
            }
        }
        if let r = doc.text.range(of: "2021 году") {
            let start = doc.text.unicodeScalars.distance(from: doc.text.unicodeScalars.startIndex, to: r.lowerBound)
            var m = Mention(start: Int32(start), end: Int32(start + 9), tokenRange: 0..<0, type: .DATE, text: "2021 году", source: "test:date")
            m.value = "2021"
            mentions.append(m)
        }
        tagged.mentions = mentions.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        tagged.entities = entities.values.sorted { $0.id < $1.id }
        if doc.text.contains("кибер") { tagged.topics = [TopicScore(id: "cybersecurity", iptc: "medtop:20000086", score: 0.75)] }
        if doc.text.contains("МИД") { tagged.topics.append(TopicScore(id: "diplomacy", iptc: "medtop:20000639", score: 0.5)) }
        return tagged
    }

    static func enricher(_ configure: (inout EnrichOptions) -> Void = { _ in }, tagger: String = "test-tagger 1") -> ArchiveEnricher {
        var options = EnrichOptions()
        options.jobs = 2
        options.batchSize = 7
        options.connection = ArchiveConnection(busyTimeout: 2)
        configure(&options)
        return ArchiveEnricher(options: options, gazetteerChecksum: "test", modelChecksum: "none", tagger: tagger,
                               tag: { lexiconTagger($0) })
    }
}
