#if PostgreSQL
import Foundation
import GRDB
import PostgresNIO

/// Plain SQL on a PostgreSQL database without exposing PostgresNIO: the tests and the
/// benchmark build fixture archives with it (this module is the only importer of the driver).
enum PostgresSQL {
    static func execute(_ url: String, _ statements: [String]) throws {
        let s = try PostgresSession(url: PostgresURL(url))
        try s.execute(statements)
    }

    /// All rows of `sql`, rendered like `ArchiveSQL.rows` (`NULL`, `i:…`, `r:…`, `t:…`) so rows
    /// of both stores compare directly. Columns of other types must be cast to text in `sql`.
    static func rows(_ url: String, _ sql: String) throws -> [[String]] {
        let s = try PostgresSession(url: PostgresURL(url))
        return try s.query(sql).map { try $0.databaseValues().map(ArchiveSQL.render) }
    }

    static func scalar(_ url: String, _ sql: String) throws -> String? {
        guard let v = try rows(url, sql).first?.first, v != "NULL" else { return nil }
        return String(v.drop(while: { $0 != ":" }).dropFirst())
    }

    /// Bulk load with `COPY` (fields as text, nil for NULL).
    static func copy(_ url: String, table: String, columns: [String], rows: [[String?]]) throws {
        let s = try PostgresSession(url: PostgresURL(url))
        var text = CopyText()
        for r in rows { text.row(r) }
        try s.copy(table: table, columns: columns, data: text.bytes)
    }

    /// `url` with its database replaced.
    static func url(_ url: String, database: String) throws -> String {
        var u = try PostgresURL(url)
        u.database = database
        let password = u.password.map { ":" + ($0.addingPercentEncoding(withAllowedCharacters: .urlPasswordAllowed) ?? $0) } ?? ""
        return "postgres://\(u.user)\(password)@\(u.host):\(u.port)/\(database)"
    }
}
#endif
