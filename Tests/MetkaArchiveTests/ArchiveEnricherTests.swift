import Foundation
import Testing
@testable import MetkaArchive
@testable import MetkaCore

@Suite struct ArchiveEnricherTests {
    func archive(_ count: Int) throws -> String {
        let path = ArchiveFixture.tempDir().appendingPathComponent("a.sqlite").path
        return try ArchiveFixture.makeArchive(at: path, count: count)
    }

    @Test func firstRunTagsEverythingAndLeavesTheArchiveTablesAlone() throws {
        let path = try archive(30)
        let before = try ArchiveFixture.userData(path)
        let s = try ArchiveFixture.enricher().run(path: path)
        #expect(s.progress.total == 30 && s.progress.seen == 30 && s.progress.tagged == 30 && s.progress.failed == 0)
        #expect(s.mentions > 30)
        #expect(try ArchiveFixture.userData(path) == before)
        #expect(try ArchiveSQL.scalar(path, "SELECT count(*) FROM metka_article_status WHERE error IS NULL") == "30")
        #expect(try ArchiveSQL.scalar(path, "SELECT count(*) FROM metka_entities WHERE type = 'ORG'") == "1")
        #expect(try ArchiveSQL.rows(path, "SELECT state, articles_tagged, tagger FROM metka_runs") == [["t:finished", "i:30", "t:test-tagger 1"]])
        let options = try ArchiveSQL.scalar(path, "SELECT options FROM metka_runs") ?? ""
        #expect(options.hasPrefix("{\"batch_size\":7,\"busy_timeout\":2.0,\"date_column\":\"published_at\""))
        // Dates reach the tagger (a timestamp column's date part).
        #expect(try ArchiveSQL.scalar(path, "SELECT count(*) FROM metka_mentions WHERE type = 'DATE'") != "0")
    }

    @Test func reRunWithNothingChangedTagsNothingAndKeepsRows() throws {
        let path = try archive(20)
        _ = try ArchiveFixture.enricher().run(path: path)
        let first = try ArchiveFixture.dump(path)
        let s = try ArchiveFixture.enricher().run(path: path)
        #expect(s.progress.tagged == 0 && s.progress.unchanged == 20)
        #expect(try ArchiveFixture.dump(path) == first)
        #expect(try ArchiveSQL.scalar(path, "SELECT count(*) FROM metka_runs WHERE state = 'finished'") == "2")
    }

    @Test func changedArticleIsReTaggedAndOnlyIt() throws {
        let path = try archive(20)
        _ = try ArchiveFixture.enricher().run(path: path)
        let hashBefore = try ArchiveSQL.scalar(path, "SELECT content_hash FROM metka_article_status WHERE article_id = 4")
        // Article 4 loses its text about МИД and gains a sentence about Лавров; article 7's title changes.
        try ArchiveSQL.execute(path, "UPDATE articles SET body = 'Лавров прилетел в Минск. Переговоры продлятся два дня.' WHERE id = 4")
        try ArchiveSQL.execute(path, "UPDATE articles SET title = 'Новый заголовок' WHERE id = 7")
        let s = try ArchiveFixture.enricher().run(path: path)
        #expect(s.progress.tagged == 2 && s.progress.unchanged == 18)
        #expect(try ArchiveSQL.scalar(path, "SELECT content_hash FROM metka_article_status WHERE article_id = 4") != hashBefore)
        #expect(try ArchiveSQL.rows(path, "SELECT text FROM metka_mentions WHERE article_id = 4 ORDER BY seq") == [["t:Лавров"]])
        #expect(try ArchiveSQL.scalar(path, "SELECT run_id FROM metka_article_status WHERE article_id = 4") == "2")
        #expect(try ArchiveSQL.scalar(path, "SELECT run_id FROM metka_article_status WHERE article_id = 5") == "1")
        // Same content as a fresh enrichment of the edited archive.
        let fresh = ArchiveFixture.tempDir().appendingPathComponent("fresh.sqlite").path
        try FileManager.default.copyItem(atPath: path, toPath: fresh)
        try ArchiveSQL.execute(fresh, "DROP VIEW metka_mentions_v; DROP VIEW metka_article_entities_v; DROP VIEW metka_entity_counts_v; DROP TABLE metka_mentions; DROP TABLE metka_article_topics; DROP TABLE metka_article_status; DROP TABLE metka_entities; DROP TABLE metka_runs; DROP TABLE grdb_migrations")
        _ = try ArchiveFixture.enricher().run(path: fresh)
        let a = try ArchiveFixture.dump(path), b = try ArchiveFixture.dump(fresh)
        #expect(a["mentions"]?.count == b["mentions"]?.count)
        #expect(a["status"] == b["status"])
        #expect(a["topics"] == b["topics"])
    }

    @Test func newTaggerVersionOrForceReTagsEverything() throws {
        let path = try archive(10)
        _ = try ArchiveFixture.enricher().run(path: path)
        #expect(try ArchiveFixture.enricher(tagger: "test-tagger 2").run(path: path).progress.tagged == 10)
        #expect(try ArchiveFixture.enricher(tagger: "test-tagger 2").run(path: path).progress.tagged == 0)
        #expect(try ArchiveFixture.enricher({ $0.force = true }, tagger: "test-tagger 2").run(path: path).progress.tagged == 10)
    }

    @Test func articlesDeletedFromTheArchiveLoseTheirRowsAndOrphanEntitiesGo() throws {
        let path = try archive(10)
        _ = try ArchiveFixture.enricher().run(path: path)
        #expect(try ArchiveSQL.scalar(path, "SELECT count(*) FROM metka_entities WHERE name = 'Сергей Лавров'") == "1")
        // Лавров appears only in articles 5 and 10 (i % 5 == 0).
        try ArchiveSQL.execute(path, "DELETE FROM articles WHERE id IN (5, 10)")
        let s = try ArchiveFixture.enricher().run(path: path)
        #expect(s.removed == 2)
        #expect(try ArchiveSQL.scalar(path, "SELECT count(*) FROM metka_mentions WHERE article_id IN (5, 10)") == "0")
        #expect(try ArchiveSQL.scalar(path, "SELECT count(*) FROM metka_entities WHERE name = 'Сергей Лавров'") == "0")
    }

    @Test func malformedRowsAreRecordedPerArticleAndDoNotStopTheRun() throws {
        let path = try archive(3)
        // `raw(body)` has no type affinity, so integers and BLOBs stay what they are.
        try ArchiveSQL.execute(path, "CREATE TABLE raw (id INTEGER PRIMARY KEY, body); INSERT INTO raw SELECT id, body FROM articles")
        try ArchiveSQL.execute(path, "INSERT INTO raw (id, body) VALUES (10, NULL)")
        try ArchiveSQL.execute(path, "INSERT INTO raw (id, body) VALUES (11, ?)", [String(repeating: "Москва. ", count: 20_000)])
        try ArchiveSQL.execute(path, "INSERT INTO raw (id, body) VALUES (12, 42)")
        try ArchiveSQL.execute(path, "INSERT INTO raw (id, body) VALUES (13, ?)", [[UInt8]([0xD0, 0x28, 0x41])])
        try ArchiveSQL.execute(path, "INSERT INTO raw (id, body) VALUES (14, '   ')")
        try ArchiveSQL.execute(path, "INSERT INTO raw (id, body) VALUES (15, 'Москва' || char(0) || 'США')")
        try ArchiveSQL.execute(path, "INSERT INTO raw (id, body) VALUES (16, CAST('Лавров в Москве.' AS BLOB))")
        let enricher = ArchiveFixture.enricher { $0.maxBytes = 100_000; $0.source.table = "raw" }
        let s = try enricher.run(path: path)
        #expect(s.progress.tagged == 4 && s.progress.failed == 6)
        let errors = try ArchiveSQL.rows(path, "SELECT article_id, error FROM metka_article_status WHERE error IS NOT NULL ORDER BY article_id")
        try #require(errors.map(\.[0]) == ["i:10", "i:11", "i:12", "i:13", "i:14", "i:15"])
        #expect(errors[0][1] == "t:text is NULL")
        #expect(errors[1][1].contains("exceeds the limit of 100000 bytes"))
        #expect(errors[2][1].contains("integer"))
        #expect(errors[3][1].contains("not valid UTF-8"))
        #expect(errors[4][1] == "t:empty text")
        #expect(errors[5][1] == "t:text contains a NUL character at byte 12")
        #expect(s.failures.map(\.0) == ["10", "11", "12", "13", "14", "15"])
        // A valid UTF-8 BLOB is text.
        #expect(try ArchiveSQL.scalar(path, "SELECT count(*) FROM metka_mentions WHERE article_id = 16") == "1")
        // Failed rows are not retried while unchanged; fixing the row re-tags it.
        #expect(try enricher.run(path: path).progress.failed == 0)
        try ArchiveSQL.execute(path, "UPDATE raw SET body = 'Текст появился.' WHERE id = 10")
        let again = try enricher.run(path: path)
        #expect(again.progress.tagged == 1)
        #expect(try ArchiveSQL.scalar(path, "SELECT error FROM metka_article_status WHERE article_id = 10") == nil)
    }

    @Test func nullAndDuplicateIdsAreSkippedAndCounted() throws {
        let path = ArchiveFixture.tempDir().appendingPathComponent("a.sqlite").path
        try ArchiveSQL.execute(path, "CREATE TABLE articles (id TEXT, body TEXT)")
        try ArchiveSQL.execute(path, "INSERT INTO articles VALUES ('a', 'Москва.'), (NULL, 'Без номера.'), ('a', 'Повтор.'), ('b', 'США.')")
        let s = try ArchiveFixture.enricher().run(path: path)
        #expect(s.nullIDs == 1 && s.duplicateIDs == 1 && s.progress.tagged == 2)
        #expect(try ArchiveSQL.rows(path, "SELECT text FROM metka_mentions WHERE article_id = 'a'") == [["t:Москва"]])
    }

    @Test func cancellationStopsAfterABatchAndTheNextRunCompletesIdentically() throws {
        let path = try archive(40)
        let reference = ArchiveFixture.tempDir().appendingPathComponent("ref.sqlite").path
        try FileManager.default.copyItem(atPath: path, toPath: reference)
        _ = try ArchiveFixture.enricher().run(path: reference)

        let cancel = CancellationFlag()
        let s = try ArchiveFixture.enricher().run(path: path, cancel: cancel, progress: { p in if p.tagged >= 14 { cancel.cancel() } })
        #expect(s.interrupted)
        #expect(s.progress.tagged >= 14 && s.progress.tagged < 40)
        #expect(try ArchiveSQL.scalar(path, "SELECT state FROM metka_runs") == "interrupted")
        #expect(try ArchiveSQL.scalar(path, "SELECT count(*) FROM metka_article_status") == String(s.progress.tagged))
        let resumed = try ArchiveFixture.enricher().run(path: path)
        #expect(resumed.progress.tagged == 40 - s.progress.tagged)
        #expect(try ArchiveFixture.dump(path) == ArchiveFixture.dump(reference))
    }

    struct Crash: Error {}

    /// A failure inside a batch's transaction rolls the whole batch back; the next run ends with
    /// exactly the rows of an uninterrupted run (the subprocess test does the same with SIGKILL).
    @Test(arguments: [0, 2, 5])
    func failureInsideABatchRollsItBackAndResumingGivesIdenticalRows(batch: Int) throws {
        let path = try archive(40)
        let reference = ArchiveFixture.tempDir().appendingPathComponent("ref.sqlite").path
        try FileManager.default.copyItem(atPath: path, toPath: reference)
        _ = try ArchiveFixture.enricher().run(path: reference)

        #expect(throws: Crash.self) {
            _ = try ArchiveFixture.enricher().run(path: path, events: { e in
                if case .batchWritten(let i) = e, i == batch { throw Crash() }
            })
        }
        #expect(try ArchiveSQL.scalar(path, "SELECT count(*) FROM metka_article_status") == String(batch * 7))
        #expect(try ArchiveSQL.scalar(path, "SELECT state FROM metka_runs") == "failed")
        _ = try ArchiveFixture.enricher().run(path: path)
        #expect(try ArchiveFixture.dump(path) == ArchiveFixture.dump(reference))
        #expect(try ArchiveFixture.dump(path)["mentions"]!.count > 40)
    }

    @Test func journalModeIsLeftAloneUnlessWALIsAsked() throws {
        let path = try archive(3)
        _ = try ArchiveFixture.enricher().run(path: path)
        #expect(try ArchiveSQL.scalar(path, "PRAGMA journal_mode") == "delete")
        _ = try ArchiveFixture.enricher({ $0.connection.wal = true }).run(path: path)
        #expect(try ArchiveSQL.scalar(path, "PRAGMA journal_mode") == "wal")
    }

    @Test func contentHashCoversTextTitleDateAndStorageClass() {
        func row(_ text: Any?, _ title: Any? = nil, _ date: Any? = nil) -> ArticleRow {
            ArticleRow(id: ArchiveSQL.value(1), text: ArchiveSQL.value(text), title: ArchiveSQL.value(title), date: ArchiveSQL.value(date))
        }
        let base = row("Текст", "Заголовок", "2021-01-01").contentHash
        #expect(base == row("Текст", "Заголовок", "2021-01-01").contentHash)
        #expect(base != row("Текст.", "Заголовок", "2021-01-01").contentHash)
        #expect(base != row("Текст", "Заголовок!", "2021-01-01").contentHash)
        #expect(base != row("Текст", "Заголовок", "2021-01-02").contentHash)
        #expect(row("1").contentHash != row(1).contentHash)
        #expect(row("ab", "c").contentHash != row("a", "bc").contentHash)
    }

    @Test func datesFromTextTimestampsAndUnixTime() {
        #expect(ArticleRow.date(ArchiveSQL.value("2021-03-25T10:00:00Z"))?.description == "2021-03-25")
        #expect(ArticleRow.date(ArchiveSQL.value(1_616_666_400))?.description == "2021-03-25")
        #expect(ArticleRow.date(ArchiveSQL.value(1_616_666_400_000))?.description == "2021-03-25")
        #expect(ArticleRow.date(ArchiveSQL.value("вчера")) == nil)
    }
}
