import Foundation
import Testing
@testable import MetkaArchive
@testable import MetkaCore

/// `metka cooccur --db`: reports from an enriched archive equal the reports from the same
/// archive exported as tagged JSON Lines, and the filters work on the archive's own tables.
@Suite struct CooccurDBTests {
    /// A 40-article archive enriched by the real `metka enrich`, and its `archive export`, built once.
    static let enriched: (archive: String, jsonl: String) = {
        let dir = ArchiveFixture.tempDir()
        let path = try! ArchiveFixture.makeArchive(at: dir.appendingPathComponent("c.sqlite").path, count: 40)
        // Articles 1-3 get boilerplate lines (a photo credit and a teaser), so the default exclusion matters.
        for i in 1...3 {
            try! ArchiveSQL.execute(path, "UPDATE articles SET body = body || ? WHERE id = ?",
                                    ["\n\nФото: Михаил Мишустин / ТАСС\n\nЧитайте также: Путин и Байден обсудили Украину", i])
        }
        // Two articles without a date.
        try! ArchiveSQL.execute(path, "UPDATE articles SET published_at = NULL WHERE id IN (7, 8)")
        let r = try! MetkaBinary.run(["enrich", path])
        precondition(r.status == 0, r.stderr)
        let export = try! MetkaBinary.run(["archive", "export", path, "--format", "jsonl"])
        precondition(export.status == 0, export.stderr)
        let jsonl = dir.appendingPathComponent("export.jsonl").path
        try! export.stdout.write(toFile: jsonl, atomically: true, encoding: .utf8)
        return (path, jsonl)
    }()

    static let configurations: [[String]] = [
        ["--format", "md"],
        ["--format", "json", "--unit", "sentence"],
        ["--format", "json", "--unit", "paragraph", "--slice", "month", "--types", "PER,ORG,LOC,DATE"],
        ["--format", "gexf", "--slice", "week", "--sort", "npmi", "--top-k", "3"],
        ["--format", "json", "--include-boilerplate", "--unit", "sentence"],
        ["--format", "graphml", "--from", "2021-03-05", "--to", "2021-03-20", "--min-count", "2"],
        ["--format", "json", "--topic", "diplomacy", "--topic", "cybersecurity", "--slice", "year"],
    ]

    @Test(arguments: configurations)
    func archiveAndExportedJSONLinesGiveTheSameReport(_ options: [String]) throws {
        let (archive, jsonl) = Self.enriched
        let fromDB = try MetkaBinary.run(["cooccur", "--db", archive] + options)
        let fromJSONL = try MetkaBinary.run(["cooccur", jsonl] + options)
        #expect(fromDB.status == 0, "\(fromDB.stderr)")
        #expect(fromJSONL.status == 0, "\(fromJSONL.stderr)")
        #expect(!fromDB.stdout.isEmpty)
        #expect(fromDB.stdout == fromJSONL.stdout)
    }

    /// The same texts tagged by `metka tag` (no archive involved): sentence and paragraph indices
    /// computed by the archive writer agree with the JSON writer's.
    @Test func archiveAndTagOutputGiveTheSameReport() throws {
        let rows = try ArchiveSQL.rows(Self.enriched.archive, "SELECT id, body, published_at FROM articles ORDER BY id")
        var input = ""
        for row in rows {
            var obj: [String: Any] = ["id": String(row[0].dropFirst(2)), "text": String(row[1].dropFirst(2))]
            if row[2] != "NULL" { obj["published"] = String(row[2].dropFirst(2).prefix(10)) }
            input += String(decoding: try JSONSerialization.data(withJSONObject: obj), as: UTF8.self) + "\n"
        }
        let dir = ArchiveFixture.tempDir()
        let inputFile = dir.appendingPathComponent("in.jsonl")
        try input.write(to: inputFile, atomically: true, encoding: .utf8)
        let taggedFile = dir.appendingPathComponent("tagged.jsonl").path
        FileManager.default.createFile(atPath: taggedFile, contents: nil)
        let tag = Process()
        tag.executableURL = MetkaBinary.url
        tag.arguments = ["tag", "--input", "jsonl"]
        tag.standardInput = try FileHandle(forReadingFrom: inputFile)
        tag.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: taggedFile))
        try tag.run()
        tag.waitUntilExit()
        #expect(tag.terminationStatus == 0)
        for options in [["--format", "json", "--unit", "sentence"], ["--format", "json", "--unit", "paragraph", "--slice", "month"]] {
            let fromDB = try MetkaBinary.run(["cooccur", "--db", Self.enriched.archive] + options)
            let fromTag = try MetkaBinary.run(["cooccur", taggedFile] + options)
            #expect(fromDB.status == 0 && fromTag.status == 0, "\(fromDB.stderr) \(fromTag.stderr)")
            #expect(fromDB.stdout == fromTag.stdout, "\(options)")
        }
    }

    @Test func theReportHasRealContent() throws {
        let r = try MetkaBinary.run(["cooccur", "--db", Self.enriched.archive, "--format", "json", "--slice", "month"])
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let stats = try #require(obj["stats"] as? [String: Any])
        #expect(stats["documents"] as? Int == 38)
        #expect(stats["documentsUndated"] as? Int == 2)
        #expect(((obj["edges"] as? [Any])?.count ?? 0) > 5)
        #expect(((obj["nodes"] as? [[String: Any]]) ?? []).contains { $0["id"] as? String == "wikidata:Q30" })
    }

    @Test func boilerplateIsExcludedByDefault() throws {
        let archive = Self.enriched.archive
        let boilerplate = Int(try ArchiveSQL.scalar(archive, "SELECT count(*) FROM metka_mentions WHERE boilerplate = 1 AND entity_id IS NOT NULL") ?? "0") ?? 0
        #expect(boilerplate > 0)
        let r = try MetkaBinary.run(["cooccur", "--db", archive, "--format", "json"])
        let stats = (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])?["stats"] as? [String: Any]
        #expect((stats?["boilerplateMentionsSkipped"] as? Int ?? 0) > 0)
    }

    @Test func missingTablesNameTheTableAndSuggestEnrich() throws {
        let path = try ArchiveFixture.makeArchive(at: ArchiveFixture.tempDir().appendingPathComponent("raw.sqlite").path, count: 3)
        let r = try MetkaBinary.run(["cooccur", "--db", path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("metka_article_status") && r.stderr.contains("metka enrich"), "\(r.stderr)")
        #expect(try ArchiveSQL.scalar(path, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'metka%'") == "0")

        let partial = ArchiveFixture.tempDir().appendingPathComponent("partial.sqlite").path
        try FileManager.default.copyItem(atPath: Self.enriched.archive, toPath: partial)
        try ArchiveSQL.execute(partial, "DROP VIEW metka_mentions_v; DROP VIEW metka_article_entities_v; DROP TABLE metka_article_topics")
        #expect(try MetkaBinary.run(["cooccur", "--db", partial]).status == 0)   // topics are only needed for --topic
        let topic = try MetkaBinary.run(["cooccur", "--db", partial, "--topic", "diplomacy"])
        #expect(topic.status == 2 && topic.stderr.contains("metka_article_topics"), "\(topic.stderr)")
        let none = try MetkaBinary.run(["cooccur", "--db", "/nonexistent/archive.sqlite"])
        #expect(none.status == 2 && none.stderr.contains("no such file"))
    }

    @Test func mentionsWithoutParagraphIndicesAreAnErrorForParagraphUnits() throws {
        let path = ArchiveFixture.tempDir().appendingPathComponent("old.sqlite").path
        try FileManager.default.copyItem(atPath: Self.enriched.archive, toPath: path)
        try ArchiveSQL.execute(path, "UPDATE metka_mentions SET paragraph = NULL WHERE article_id = 5")
        let r = try MetkaBinary.run(["cooccur", "--db", path, "--unit", "paragraph"])
        #expect(r.status == 2 && r.stderr.contains("enrich --force"), "\(r.stderr)")
        #expect(try MetkaBinary.run(["cooccur", "--db", path, "--unit", "sentence"]).status == 0)
    }

    @Test func usage() throws {
        let r = try MetkaBinary.run(["cooccur", "--db", Self.enriched.archive, Self.enriched.jsonl])
        #expect(r.status != 0 && r.stderr.contains("not both"))
        let noDate = try MetkaBinary.run(["cooccur", "--db", Self.enriched.archive, "--slice", "month", "--date-column", "title"])
        #expect(noDate.status == 0)   // a named column is used as is: titles are not dates, so every article is undated
        let badColumn = try MetkaBinary.run(["cooccur", "--db", Self.enriched.archive, "--slice", "month", "--date-column", "published"])
        #expect(badColumn.status == 2 && badColumn.stderr.contains("published_at"), "\(badColumn.stderr)")
    }
}

/// The reader against counts computed independently in SQL, on an archive written by the
/// deterministic lexicon tagger (МИД, Лавров, США, Москва; topics cybersecurity / diplomacy).
@Suite struct ArchiveCooccurrenceReaderTests {
    static let archive: String = {
        let path = try! ArchiveFixture.makeArchive(at: ArchiveFixture.tempDir().appendingPathComponent("l.sqlite").path, count: 60)
        _ = try! ArchiveFixture.enricher().run(path: path)
        return path
    }()

    func counts(_ filter: CooccurrenceFilter) throws -> CooccurrenceCounts {
        let builder = CooccurrenceBuilder(filter: filter)
        try ArchiveCooccurrenceReader().read(path: Self.archive, filter: filter) { batch in
            for r in batch { try builder.add(r) }
        }
        return builder.finish()
    }

    /// Articles (by the SQL condition on article `a`) where both entities occur outside boilerplate.
    func sqlPairCount(_ x: String, _ y: String, where condition: String = "1") throws -> Int {
        Int(try ArchiveSQL.scalar(Self.archive, """
            SELECT count(*) FROM articles a WHERE \(condition)
              AND EXISTS (SELECT 1 FROM metka_mentions m JOIN metka_entities e ON e.id = m.entity_id
                          WHERE m.article_id = a.id AND e.name = ? AND m.boilerplate = 0)
              AND EXISTS (SELECT 1 FROM metka_mentions m JOIN metka_entities e ON e.id = m.entity_id
                          WHERE m.article_id = a.id AND e.name = ? AND m.boilerplate = 0)
            """, [x, y]) ?? "0") ?? 0
    }

    func pair(_ c: CooccurrenceCounts, _ x: String, _ y: String) -> Int {
        guard let a = c.nodes.firstIndex(where: { $0.name == x }), let b = c.nodes.firstIndex(where: { $0.name == y }) else { return 0 }
        return c.count(a, b)
    }

    @Test func pairCountsEqualSQL() throws {
        let c = try counts(CooccurrenceFilter())
        let expected = try sqlPairCount("Министерство иностранных дел России", "США")
        #expect(expected > 0)
        #expect(pair(c, "Министерство иностранных дел России", "США") == expected)
        #expect(pair(c, "Сергей Лавров", "Москва") == (try sqlPairCount("Сергей Лавров", "Москва")))
        #expect(c.stats.documents == 60)
    }

    @Test func topicFilterEqualsSQL() throws {
        let c = try counts(CooccurrenceFilter(topics: ["diplomacy"]))
        let withTopic = "EXISTS (SELECT 1 FROM metka_article_topics t WHERE t.article_id = a.id AND t.topic = 'diplomacy')"
        let topical = Int(try ArchiveSQL.scalar(Self.archive, "SELECT count(*) FROM articles a WHERE \(withTopic)") ?? "0") ?? 0
        #expect(topical > 0 && topical < 60)
        #expect(c.stats.documents == topical)
        #expect(c.stats.documentsFiltered == 60 - topical)
        #expect(pair(c, "Министерство иностранных дел России", "США") == (try sqlPairCount("Министерство иностранных дел России", "США", where: withTopic)))
    }

    @Test func dateRangeEqualsSQL() throws {
        let from = CalendarDate(iso: "2021-03-05")!, to = CalendarDate(iso: "2021-03-12")!
        let c = try counts(CooccurrenceFilter(from: from, to: to))
        let inRange = "substr(a.published_at, 1, 10) BETWEEN '2021-03-05' AND '2021-03-12'"
        let n = Int(try ArchiveSQL.scalar(Self.archive, "SELECT count(*) FROM articles a WHERE \(inRange)") ?? "0") ?? 0
        #expect(n > 0 && n < 60)
        #expect(c.stats.documents == n)
        #expect(pair(c, "Министерство иностранных дел России", "США") == (try sqlPairCount("Министерство иностранных дел России", "США", where: inRange)))
    }

    @Test func textArticleIdsMergeInSQLiteOrder() throws {
        // Text ids sort bytewise ("10" < "9"); the two cursors must still meet.
        let dir = ArchiveFixture.tempDir()
        let path = dir.appendingPathComponent("t.sqlite").path
        try ArchiveSQL.execute(path, "CREATE TABLE articles (id TEXT PRIMARY KEY, title TEXT, body TEXT, published_at TEXT)")
        for i in 1...25 {
            try ArchiveSQL.execute(path, "INSERT INTO articles VALUES (?, ?, ?, ?)", [i % 3 == 0 ? "x\(i)" : String(i), "t", ArchiveFixture.text(i), "2021-03-01"])
        }
        _ = try ArchiveFixture.enricher().run(path: path)
        let builder = CooccurrenceBuilder(filter: CooccurrenceFilter())
        let summary = try ArchiveCooccurrenceReader().read(path: path, filter: CooccurrenceFilter()) { for r in $0 { try builder.add(r) } }
        let mentions = Int(try ArchiveSQL.scalar(path, "SELECT count(*) FROM metka_mentions") ?? "0") ?? 0
        #expect(summary.articles == 25 && summary.mentions == mentions && summary.orphanMentions == 0)
    }
}
