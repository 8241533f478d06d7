import Foundation
import GRDB

/// Plain SQL on an archive file without exposing GRDB: the tests build fixture archives with it
/// (they must not import GRDB themselves — this module is its only importer).
enum ArchiveSQL {
    /// Executes `sql` (several statements allowed when there are no arguments).
    static func execute(_ path: String, _ sql: String, _ arguments: [Any?] = []) throws {
        let db = try DatabaseQueue(path: path)
        try db.writeWithoutTransaction { db in
            if arguments.isEmpty { try db.execute(sql: sql) } else { try db.execute(sql: sql, arguments: StatementArguments(arguments.map(value))!) }
        }
    }

    /// All rows of a query, every value rendered as text (`NULL`, integers, reals, `x'…'` blobs),
    /// prefixed with its storage class so `1` and `'1'` differ — for row-for-row comparisons.
    static func rows(_ path: String, _ sql: String, _ arguments: [Any?] = []) throws -> [[String]] {
        let db = try DatabaseQueue(path: path)
        return try db.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments.map(value))!).map { row in
                row.databaseValues.map(render)
            }
        }
    }

    static func scalar(_ path: String, _ sql: String, _ arguments: [Any?] = []) throws -> String? {
        try rows(path, sql, arguments).first?.first.map { $0 == "NULL" ? nil : String($0.drop(while: { $0 != ":" }).dropFirst()) } ?? nil
    }

    static func render(_ v: DatabaseValue) -> String {
        switch v.storage {
        case .null: return "NULL"
        case .int64(let i): return "i:\(i)"
        case .double(let d): return "r:\(d)"
        case .string(let s): return "t:\(s)"
        case .blob(let b): return "b:" + b.map { String(format: "%02x", $0) }.joined()
        }
    }

    static func value(_ any: Any?) -> DatabaseValue {
        switch any {
        case nil: return .null
        case let v as Int: return v.databaseValue
        case let v as Int64: return v.databaseValue
        case let v as Double: return v.databaseValue
        case let v as String: return v.databaseValue
        case let v as [UInt8]: return Data(v).databaseValue
        case let v as Data: return v.databaseValue
        default: return "\(any!)".databaseValue
        }
    }

    /// A connection that holds a lock until `release()`, for lock-contention tests.
    final class LockHolder: @unchecked Sendable {
        private let db: DatabaseQueue
        private let queue = DispatchQueue(label: "lock-holder")
        private let acquired = DispatchSemaphore(value: 0)
        private let done = DispatchSemaphore(value: 0)

        /// `mode`: `IMMEDIATE` (other writers wait) or `EXCLUSIVE` (readers wait too, in rollback-journal mode).
        init(path: String, mode: String) throws {
            db = try DatabaseQueue(path: path)
            queue.async { [db, acquired, done] in
                try? db.writeWithoutTransaction { db in
                    try db.execute(sql: "BEGIN \(mode)")
                    if mode == "EXCLUSIVE" { try db.execute(sql: "CREATE TABLE IF NOT EXISTS lock_probe(x); DROP TABLE lock_probe") }
                    acquired.signal()
                    done.wait()
                    try db.execute(sql: "ROLLBACK")
                }
            }
            acquired.wait()
        }

        func release() {
            done.signal()
            queue.sync {}
        }
    }
}
