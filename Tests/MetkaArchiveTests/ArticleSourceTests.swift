import Foundation
import Testing
@testable import MetkaArchive

@Suite struct ArticleSourceTests {
    func archive() throws -> String {
        try ArchiveFixture.makeArchive(at: ArchiveFixture.tempDir().appendingPathComponent("a.sqlite").path, count: 3)
    }

    func error(_ path: String, _ configure: (inout ArticleSource) -> Void) -> String {
        do {
            _ = try ArchiveFixture.enricher { configure(&$0.source) }.run(path: path)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func misnamedColumnNamesItTheFlagAndTheClosestColumn() throws {
        let path = try archive()
        let m = error(path) { $0.textColumn = "bdy" }
        #expect(m == "table \"articles\" has no column \"bdy\" (--text-column); did you mean \"body\"?; columns: id, title, body, published_at")
        let far = error(path) { $0.idColumn = "article_key" }
        #expect(far.contains("no column \"article_key\" (--id-column)") && !far.contains("did you mean"))
        // Nothing was created for a run that could not start.
        #expect(try ArchiveSQL.scalar(path, "SELECT count(*) FROM metka_runs") == "0")
    }

    @Test func missingTableSuggestsTheClosestTable() throws {
        let path = try archive()
        #expect(error(path) { $0.table = "article" }.hasPrefix("no table or view named \"article\" in the archive (did you mean \"articles\"?); tables: articles, authors"))
    }

    @Test func explicitTitleOrDateColumnMustExistButDefaultsAreOptional() throws {
        let path = ArchiveFixture.tempDir().appendingPathComponent("a.sqlite").path
        try ArchiveSQL.execute(path, "CREATE TABLE news (nid INTEGER PRIMARY KEY, txt TEXT, dt INTEGER)")
        try ArchiveSQL.execute(path, "INSERT INTO news VALUES (1, 'Лавров прилетел в Москву в 2021 году.', 1616666400)")
        let s = try ArchiveFixture.enricher {
            $0.source.table = "news"; $0.source.idColumn = "nid"; $0.source.textColumn = "txt"
            $0.source.dateColumn = "dt"; $0.source.dateRequired = true
        }.run(path: path)
        #expect(s.progress.tagged == 1)
        let m = error(path) { $0.table = "news"; $0.idColumn = "nid"; $0.textColumn = "txt"; $0.titleColumn = "headline"; $0.titleRequired = true }
        #expect(m.contains("has no column \"headline\" (--title-column)"))
    }

    @Test func identifiersFromFlagsCannotInjectSQL() throws {
        let path = try archive()
        let before = try ArchiveFixture.userData(path)
        let m = error(path) { $0.textColumn = "body\" FROM articles; DROP TABLE articles; --" }
        #expect(m.contains("has no column \"body\" FROM articles; DROP TABLE articles; --\" (--text-column)"))
        let t = error(path) { $0.table = "articles; DELETE FROM articles" }
        #expect(t.hasPrefix("no table or view named"))
        #expect(error(path) { $0.idColumn = "" }.contains("--id-column: \"\" is not a usable SQL name"))
        #expect(try ArchiveFixture.userData(path) == before)
    }

    @Test func oddButRealNamesAreQuotedCorrectly() throws {
        let path = ArchiveFixture.tempDir().appendingPathComponent("a.sqlite").path
        try ArchiveSQL.execute(path, "CREATE TABLE \"статьи \"\"2021\"\"\" (\"select\" TEXT PRIMARY KEY, \"текст статьи\" TEXT) WITHOUT ROWID")
        try ArchiveSQL.execute(path, "INSERT INTO \"статьи \"\"2021\"\"\" VALUES ('x1', 'МИД России.'), ('x0', 'Москва.')")
        let s = try ArchiveFixture.enricher {
            $0.source.table = "статьи \"2021\""; $0.source.idColumn = "SELECT"; $0.source.textColumn = "текст статьи"
        }.run(path: path)
        #expect(s.progress.tagged == 2)
        #expect(try ArchiveSQL.rows(path, "SELECT article_id, text FROM metka_mentions ORDER BY article_id") == [["t:x0", "t:Москва"], ["t:x1", "t:МИД"]])
    }

    @Test func aViewCanBeTheInput() throws {
        let path = try archive()
        try ArchiveSQL.execute(path, "CREATE VIEW recent AS SELECT id AS doc, body AS content FROM articles WHERE id >= 2")
        let s = try ArchiveFixture.enricher { $0.source.table = "recent"; $0.source.idColumn = "doc"; $0.source.textColumn = "content" }.run(path: path)
        #expect(s.progress.tagged == 2)
    }

    @Test func suggestionDistance() {
        #expect(SQLIdentifier.suggestion(for: "Body", among: ["id", "body"]) == "body")
        #expect(SQLIdentifier.suggestion(for: "publishedat", among: ["published_at", "title"]) == "published_at")
        #expect(SQLIdentifier.suggestion(for: "x", among: ["id"]) == nil)
        #expect(SQLIdentifier.suggestion(for: "i", among: ["id"]) == "id")
        #expect(SQLIdentifier.suggestion(for: "text", among: ["id", "title"]) == nil)
        #expect(SQLIdentifier.quote("a\"b") == "\"a\"\"b\"")
    }
}
