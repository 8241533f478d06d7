import Foundation
import GRDB

/// Opening an archive: one connection (a single writer), a busy timeout instead of immediate
/// "database is locked" failures, and the journal mode left exactly as the archive has it unless
/// the caller asks for WAL.
public struct ArchiveConnection: Sendable {
    public var busyTimeout: Double = 5
    public var wal = false

    public init(busyTimeout: Double = 5, wal: Bool = false) {
        self.busyTimeout = busyTimeout
        self.wal = wal
    }

    /// Opens an existing archive (never creates one: a typo in the path must not yield an empty database).
    func open(path: String, create: Bool = false) throws -> DatabaseQueue {
        if !create && !FileManager.default.fileExists(atPath: path) {
            throw ArchiveError.database("\(path): no such file")
        }
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.label = "metka-archive"
        config.foreignKeysEnabled = true
        // A larger page cache for this connection only (not stored in the file): the mention
        // indexes grow to hundreds of MiB, and re-reading their pages dominated write time.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -32768") }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            // Touch the schema now so a non-database file or a lock is reported before any work.
            _ = try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_schema") }
            if wal {
                try queue.writeWithoutTransaction { db in
                    let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                    if mode?.lowercased() != "wal" {
                        throw ArchiveError.database("\(path): cannot switch to WAL journal mode (SQLite kept \(mode ?? "?"))")
                    }
                }
            }
        } catch {
            throw ArchiveConnection.map(error, path: path, busyTimeout: busyTimeout)
        }
        return queue
    }

    /// Turns SQLite errors into messages a user can act on.
    static func map(_ error: Error, path: String, busyTimeout: Double) -> Error {
        if error is ArchiveError { return error }
        guard let e = error as? DatabaseError else { return error }
        switch e.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return ArchiveError.locked(path: path, waitedSeconds: busyTimeout)
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return ArchiveError.notADatabase(path: path, detail: e.message ?? "\(e.resultCode)")
        default: return ArchiveError.database("\(path): \(e.message ?? "\(e)")")
        }
    }
}
