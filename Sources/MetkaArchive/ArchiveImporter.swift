import Foundation
import GRDB
import MetkaCore

/// `metka archive import`: JSON Lines → a new archive with the default schema
/// `articles(id TEXT PRIMARY KEY, title, body, published_at)`.
///
/// For users without a database and for tests and benchmarks. It only ever creates a new file,
/// so it can never damage an existing archive. Records are `{"id", "text", "title", "published"}`
/// like `metka tag` input; a record without `text` is imported with a NULL body (enrichment
/// then records that as the article's failure), a line that is not a JSON object or repeats an
/// id is reported and skipped.
public final class ArchiveImporter {
    private let db: DatabaseQueue
    private var buffer: [(String, String?, String?, String?)] = []
    private var ids = Set<String>()
    public private(set) var imported = 0

    public init(path: String, connection: ArchiveConnection = ArchiveConnection()) throws {
        if FileManager.default.fileExists(atPath: path) { throw ArchiveError.alreadyExists(path: path) }
        db = try connection.open(path: path, create: true)
        do {
            try db.write { db in
                try db.execute(sql: """
                    CREATE TABLE articles (
                        id TEXT PRIMARY KEY NOT NULL,
                        title TEXT,
                        body TEXT,
                        published_at TEXT
                    )
                    """)
            }
        } catch {
            throw ArchiveConnection.map(error, path: path, busyTimeout: connection.busyTimeout)
        }
    }

    /// Adds one JSON Lines record; returns a message when the line is skipped.
    public func add(jsonLine bytes: ArraySlice<UInt8>, line: Int) throws -> String? {
        if let bad = RecordDecoder.firstInvalidUTF8(bytes) { return "invalid UTF-8 at byte \(bad) of the line" }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)), let dict = object as? [String: Any] else {
            return "not a JSON object"
        }
        let id: String
        switch dict["id"] {
        case let s as String: id = s
        case let n as NSNumber: id = n.stringValue
        case nil, is NSNull: id = RecordDecoder.fallbackID(line: line)
        default: return "\"id\" must be a string or a number"
        }
        guard ids.insert(id).inserted else { return "duplicate id \(id)" }
        buffer.append((id, dict["title"] as? String, dict["text"] as? String, dict["published"] as? String))
        if buffer.count >= 5000 { try flush() }
        return nil
    }

    private func flush() throws {
        let rows = buffer
        buffer.removeAll(keepingCapacity: true)
        try db.write { db in
            let insert = try db.cachedStatement(sql: "INSERT INTO articles (id, title, body, published_at) VALUES (?, ?, ?, ?)")
            for r in rows { try insert.execute(arguments: [r.0, r.1, r.2, r.3]) }
        }
        imported += rows.count
    }

    /// Writes what is buffered; returns the number of imported articles.
    public func finish() throws -> Int {
        try flush()
        return imported
    }
}
