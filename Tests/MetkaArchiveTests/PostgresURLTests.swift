import Foundation
import Testing
@testable import MetkaArchive

/// URL parsing and redaction (no server needed).
@Suite struct PostgresURLTests {
    @Test func parsesAndRedacts() throws {
        let u = try PostgresURL("postgres://news:p%40ss:w@db.example:6543/archive", environment: [:])
        #expect(u.user == "news" && u.password == "p@ss:w" && u.host == "db.example" && u.port == 6543 && u.database == "archive")
        #expect(u.redacted == "postgres://news@db.example:6543/archive")
        #expect("\(u)" == u.redacted)
        #expect(u.scrub("failed for p@ss:w and p%40ss%3Aw") == "failed for *** and ***")
        let env = try PostgresURL("postgresql://news@[::1]/archive", environment: ["PGPASSWORD": "s3cret"])
        #expect(env.password == "s3cret" && env.host == "::1" && env.port == 5432)
        #expect(env.redacted == "postgres://news@[::1]:5432/archive")
        #expect(PostgresURL.redact("postgres://u:secret@h/db") == "postgres://u:***@h/db")
        #expect(throws: ArchiveError.self) { try PostgresURL("postgres://u:secret@h:99999/db", environment: [:]) }
        do { _ = try PostgresURL("postgres://u:secret@h:99999/db", environment: [:]) } catch {
            #expect(!"\(error)".contains("secret"))
        }
    }
}
