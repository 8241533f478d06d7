import Foundation
import Testing
@testable import MetkaArchive

@Suite struct ArchiveSchemaTests {
    @Test func migrationsCreateMetkaTablesOnlyAndAreRecordedByName() throws {
        let path = ArchiveFixture.tempDir().appendingPathComponent("a.sqlite").path
        try ArchiveFixture.makeArchive(at: path, count: 3)
        let before = try ArchiveFixture.userData(path)
        _ = try ArchiveFixture.enricher().run(path: path)
        let objects = try ArchiveSQL.rows(path, "SELECT type, name FROM sqlite_schema WHERE name LIKE 'metka%' AND type IN ('table', 'view') ORDER BY name")
            .map { "\($0[0].dropFirst(2)) \($0[1].dropFirst(2))" }
        #expect(objects == [
            "view metka_article_entities_v", "table metka_article_status", "table metka_article_topics", "table metka_entities",
            "view metka_entity_counts_v", "table metka_mentions", "view metka_mentions_v", "table metka_runs",
        ])
        let applied = try ArchiveSQL.rows(path, "SELECT identifier FROM grdb_migrations ORDER BY rowid").map { String($0[0].dropFirst(2)) }
        #expect(applied == ArchiveSchema.migrationIdentifiers)
        #expect(applied.first == "v1-runs")
        #expect(try ArchiveFixture.userData(path) == before)
    }

    @Test func migratingTwiceChangesNothing() throws {
        let path = ArchiveFixture.tempDir().appendingPathComponent("a.sqlite").path
        try ArchiveFixture.makeArchive(at: path, count: 2)
        _ = try ArchiveFixture.enricher().run(path: path)
        let schema = try ArchiveSQL.rows(path, "SELECT sql FROM sqlite_schema ORDER BY name")
        _ = try ArchiveFixture.enricher().run(path: path)
        #expect(try ArchiveSQL.rows(path, "SELECT sql FROM sqlite_schema ORDER BY name") == schema)
        #expect(try ArchiveSQL.scalar(path, "SELECT count(*) FROM grdb_migrations") == String(ArchiveSchema.migrationIdentifiers.count))
    }

    @Test func archiveFromANewerMetkaIsRefused() throws {
        let path = ArchiveFixture.tempDir().appendingPathComponent("a.sqlite").path
        try ArchiveFixture.makeArchive(at: path, count: 1)
        _ = try ArchiveFixture.enricher().run(path: path)
        try ArchiveSQL.execute(path, "INSERT INTO grdb_migrations (identifier) VALUES ('v9-future')")
        #expect(throws: ArchiveError.newerSchema(unknownMigrations: ["v9-future"])) {
            _ = try ArchiveFixture.enricher().run(path: path)
        }
    }

    @Test func foreignKeyViolationsInTheArchiveDoNotBlockMigrations() throws {
        let path = ArchiveFixture.tempDir().appendingPathComponent("a.sqlite").path
        try ArchiveFixture.makeArchive(at: path, count: 2)
        // authors.article_id 999 points nowhere: the archive's own problem, not Metka's.
        try ArchiveSQL.execute(path, "PRAGMA foreign_keys = OFF; INSERT INTO authors VALUES (999, 'Иванов')")
        let summary = try ArchiveFixture.enricher().run(path: path)
        #expect(summary.progress.tagged == 2)
    }

    @Test func notADatabaseIsReportedClearly() throws {
        let path = ArchiveFixture.tempDir().appendingPathComponent("a.sqlite").path
        try Data("это не база данных, а текст\n".utf8 + [UInt8](repeating: 0x41, count: 4096)).write(to: URL(fileURLWithPath: path))
        do {
            _ = try ArchiveFixture.enricher().run(path: path)
            Issue.record("expected an error")
        } catch let e as ArchiveError {
            guard case .notADatabase = e else { Issue.record("got \(e)"); return }
            #expect(e.description.contains(path))
        }
    }

    @Test func missingFileIsNotCreated() throws {
        let path = ArchiveFixture.tempDir().appendingPathComponent("typo.sqlite").path
        #expect(throws: ArchiveError.self) { _ = try ArchiveFixture.enricher().run(path: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
