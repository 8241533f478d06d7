/// Errors of the archive library; each message names the table, column or file involved so the
/// CLI can print it as is.
public enum ArchiveError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The input table (or view) does not exist.
    case missingTable(table: String, suggestion: String?, available: [String])
    /// A column named by a flag (or a default) does not exist in the input table.
    case missingColumn(table: String, column: String, flag: String, suggestion: String?, available: [String])
    /// An identifier that cannot be used (empty, or holding a NUL character).
    case invalidIdentifier(flag: String, value: String)
    /// Another connection holds a lock longer than the busy timeout allows.
    case locked(path: String, waitedSeconds: Double)
    /// The file is not an SQLite database (or is corrupt).
    case notADatabase(path: String, detail: String)
    /// The archive was migrated by a newer Metka whose migrations this version does not know.
    case newerSchema(unknownMigrations: [String])
    /// `archive import` refuses to touch an existing file.
    case alreadyExists(path: String)
    /// Anything else SQLite or the file system reports.
    case database(String)

    public var description: String {
        switch self {
        case .missingTable(let table, let suggestion, let available):
            var m = "no table or view named \(SQLIdentifier.display(table)) in the archive"
            if let suggestion { m += " (did you mean \(SQLIdentifier.display(suggestion))?)" }
            m += available.isEmpty ? "; the archive has no tables" : "; tables: " + available.joined(separator: ", ")
            return m + " (--table)"
        case .missingColumn(let table, let column, let flag, let suggestion, let available):
            var m = "table \(SQLIdentifier.display(table)) has no column \(SQLIdentifier.display(column)) (\(flag))"
            if let suggestion { m += "; did you mean \(SQLIdentifier.display(suggestion))?" }
            return m + "; columns: " + available.joined(separator: ", ")
        case .invalidIdentifier(let flag, let value):
            return "\(flag): \(SQLIdentifier.display(value)) is not a usable SQL name (empty or contains a NUL character)"
        case .locked(let path, let waited):
            return "\(path): the database is locked by another connection (waited \(waited) s; raise --busy-timeout or stop the other writer)"
        case .notADatabase(let path, let detail):
            return "\(path): not an SQLite database (\(detail))"
        case .newerSchema(let unknown):
            return "the archive's Metka tables were created by a newer Metka (unknown migrations: \(unknown.joined(separator: ", "))); upgrade metka"
        case .alreadyExists(let path):
            return "\(path) already exists; `metka archive import` only creates new archives"
        case .database(let m):
            return m
        }
    }
}
