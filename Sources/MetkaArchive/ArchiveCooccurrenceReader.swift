import Foundation
import GRDB
import GRDBSQLite
import MetkaCore

/// `metka cooccur --db`: an enriched archive's Metka tables as `CooccurrenceRecord`s, one per
/// successfully tagged article, the same records `metka archive export` + `TaggedLineParser` give.
///
/// Why two cursors merged in Swift instead of one SQL join: the mention table is tens of millions
/// of rows. Streamed in its primary-key order `(article_id, seq)` it is one sequential b-tree scan
/// with no per-row lookups; the per-article data (status, date, topics) comes from a second scan of
/// `metka_article_status` in the same key order, with the date and topic lookups done once per
/// article. A join would repeat the per-article lookups for every mention (SQLite evaluates
/// correlated subqueries per result row). Rows are read with the SQLite C API: GRDB's row
/// decoding costs more than the counting itself at this scale.
///
/// Entities are loaded once (`metka_entities`) and records carry their type, canonical name and
/// kb id, so nodes merge exactly as in the JSON Lines path (by kb id, else type and name).
/// Mentions without an entity (dates) stand for themselves (type, normal form or text), as there.
public struct ArchiveCooccurrenceReader: Sendable {
    public var source = ArticleSource()
    public var connection = ArchiveConnection()
    /// Records handed to the consumer at a time.
    public var batchSize = 2048

    public init() {}

    /// What was read, for `--stats`.
    public struct Summary: Sendable {
        public var articles = 0
        public var failedArticles = 0
        public var mentions = 0
        /// Mentions whose article has no status row (left behind by an interrupted run); skipped.
        public var orphanMentions = 0
    }

    /// Calls `body` with consecutive batches of records, in article-id order. Throws
    /// `ArchiveError` for a missing table or column (naming it) and for database errors.
    @discardableResult
    public func read(path: String, filter: CooccurrenceFilter, _ body: ([CooccurrenceRecord]) throws -> Void) throws -> Summary {
        try read(path: path, filter: filter, passes: 1, between: { _ in }, { _, batch in try body(batch) })
    }

    /// Reads the records `passes` times in one read transaction (the same snapshot each time),
    /// calling `between(pass)` after each pass but the last; `body` gets the pass number (from 0).
    /// Two-pass slicing (`CooccurrenceBuilder(seriesInSecondPass:)`) uses two passes.
    @discardableResult
    public func read(path: String, filter: CooccurrenceFilter, passes: Int, between: (Int) throws -> Void,
                     _ body: (Int, [CooccurrenceRecord]) throws -> Void) throws -> Summary {
        let db = try connection.open(path: path)
        do {
            return try db.read { db in
                var summary = Summary()
                for pass in 0..<max(1, passes) {
                    if pass > 0 { try between(pass - 1) }
                    summary = try read(db, path: path, filter: filter) { try body(pass, $0) }
                }
                return summary
            }
        } catch {
            throw ArchiveConnection.map(error, path: path, busyTimeout: connection.busyTimeout)
        }
    }

    private func read(_ db: Database, path: String, filter: CooccurrenceFilter,
                      _ body: ([CooccurrenceRecord]) throws -> Void) throws -> Summary {
        var needed = [ArchiveSchema.status, ArchiveSchema.mentions, ArchiveSchema.entities]
        if !filter.topics.isEmpty { needed.append(ArchiveSchema.topics) }
        for table in needed where try !db.tableExists(table) {
            throw ArchiveError.database("\(path): no table \(table): the archive has not been enriched yet; run `metka enrich \(path)` first")
        }
        let unitColumn: String
        switch filter.unit {
        case .article: unitColumn = "0"
        case .sentence: unitColumn = "sentence"
        case .paragraph:
            guard try db.columns(in: ArchiveSchema.mentions).contains(where: { $0.name == "paragraph" }) else {
                throw ArchiveError.database("\(path): \(ArchiveSchema.mentions) has no paragraph column (enriched by an older Metka); "
                    + "run `metka enrich --force \(path)` to record paragraphs, or use --unit article|sentence")
            }
            unitColumn = "paragraph"
        }

        var dateSQL = "NULL"
        if filter.needsDate {
            var s = source
            s.textColumn = s.idColumn   // the text is never read; only the id and date columns must exist
            let resolved = try s.resolve(db)
            guard let date = resolved.date else {
                throw ArchiveError.database("\(path): table \(SQLIdentifier.display(resolved.table)) has no date column "
                    + "(--date-column); --from, --to and --slice need publication dates")
            }
            let q = SQLIdentifier.quote
            dateSQL = "(SELECT a.\(q(date)) FROM \(q(resolved.table)) a WHERE a.\(q(resolved.id)) = s.article_id LIMIT 1)"
        }
        let topicsSQL = filter.topics.isEmpty ? "NULL"
            : "(SELECT group_concat(topic, char(31)) FROM metka_article_topics t WHERE t.article_id = s.article_id)"

        let entities = try loadEntities(db)
        let articles = try db.makeStatement(sql: """
            SELECT s.article_id, s.error IS NULL, \(dateSQL), \(topicsSQL)
            FROM metka_article_status s ORDER BY s.article_id
            """)
        let mentions = try db.makeStatement(sql: """
            SELECT article_id, entity_id, \(unitColumn), boilerplate, type, normal, text
            FROM metka_mentions ORDER BY article_id, seq
            """)
        let a = articles.sqliteStatement, m = mentions.sqliteStatement
        defer { sqlite3_reset(a); sqlite3_reset(m) }

        var summary = Summary()
        var batch: [CooccurrenceRecord] = []
        batch.reserveCapacity(batchSize)
        func emit(_ record: CooccurrenceRecord) throws {
            summary.articles += 1
            batch.append(record)
            if batch.count >= batchSize {
                try body(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        var local: [Int64] = []           // archive entity id per record entity (-1: mention-only entity)
        var mentionRow = try step(m, db)
        while try step(a, db) {
            let key = SQLKey(a, 0)
            let ok = sqlite3_column_int(a, 1) != 0
            while mentionRow && key.compare(m, 0) > 0 {   // mentions of an article without status
                summary.orphanMentions += 1
                mentionRow = try step(m, db)
            }
            guard ok else {
                summary.failedArticles += 1
                while mentionRow && key.compare(m, 0) == 0 { mentionRow = try step(m, db) }
                continue
            }
            var record = CooccurrenceRecord(id: key.text)
            if filter.needsDate { record.date = ArticleRow.date(DatabaseValue(sqliteStatement: a, index: 2)) }
            if !filter.topics.isEmpty, let t = sqlite3_column_text(a, 3) {
                record.topics = String(cString: t).split(separator: "\u{1F}", omittingEmptySubsequences: true).map(String.init)
            }
            // An article the builder will leave out (topic, date) still goes to it, for the
            // statistics, but without reading its mentions.
            if filter.exclusion(of: record) != nil {
                while mentionRow && key.compare(m, 0) == 0 {
                    summary.mentions += 1
                    mentionRow = try step(m, db)
                }
                try emit(record)
                continue
            }
            local.removeAll(keepingCapacity: true)
            while mentionRow && key.compare(m, 0) == 0 {
                summary.mentions += 1
                var index: Int32 = -1
                if sqlite3_column_type(m, 1) != SQLITE_NULL {
                    let id = sqlite3_column_int64(m, 1)
                    if let k = local.firstIndex(of: id) {
                        index = Int32(k)
                    } else if let entity = entities.entity(id) {
                        index = Int32(record.entities.count)
                        record.entities.append(entity)
                        local.append(id)
                    }
                } else if let type = Self.text(m, 4).flatMap(EntityType.init(rawValue:)),
                          let name = Self.text(m, 5) ?? Self.text(m, 6) {
                    let entity = CooccurrenceRecord.Entity(type: type, name: name)
                    if let k = record.entities.firstIndex(of: entity) {
                        index = Int32(k)
                    } else {
                        index = Int32(record.entities.count)
                        record.entities.append(entity)
                        local.append(-1)
                    }
                }
                if index >= 0 {
                    var unit: Int32 = 0
                    if filter.unit != .article {
                        guard sqlite3_column_type(m, 2) != SQLITE_NULL else {
                            throw ArchiveError.database("\(path): mentions of article \(key.text) have no \(unitColumn) index "
                                + "(written before Metka recorded it); run `metka enrich --force \(path)`, or use --unit article")
                        }
                        unit = Int32(clamping: sqlite3_column_int64(m, 2))
                    }
                    record.mentions.append(CooccurrenceRecord.Mention(entity: index, unit: unit,
                                                                      boilerplate: sqlite3_column_int(m, 3) != 0))
                }
                mentionRow = try step(m, db)
            }
            try emit(record)
        }
        while mentionRow {
            summary.orphanMentions += 1
            mentionRow = try step(m, db)
        }
        if !batch.isEmpty { try body(batch) }
        return summary
    }

    /// `metka_entities` by id, as co-occurrence entities (type, canonical name, kb id).
    private func loadEntities(_ db: Database) throws -> EntityTable {
        let statement = try db.makeStatement(sql: "SELECT id, type, name, kb FROM metka_entities ORDER BY id")
        let s = statement.sqliteStatement
        defer { sqlite3_reset(s) }
        var table = EntityTable()
        while try step(s, db) {
            guard let type = Self.text(s, 1).flatMap(EntityType.init(rawValue:)), let name = Self.text(s, 2) else { continue }
            let kb = Self.text(s, 3)
            table.insert(sqlite3_column_int64(s, 0), CooccurrenceRecord.Entity(type: type, name: name, kb: kb?.isEmpty == true ? nil : kb))
        }
        return table
    }

    /// Entities by archive id: an array while ids are dense (INTEGER PRIMARY KEY from 1, the
    /// usual case; a lookup per mention), a dictionary for ids beyond that.
    struct EntityTable {
        private var dense: [CooccurrenceRecord.Entity?] = []
        private var sparse: [Int64: CooccurrenceRecord.Entity] = [:]

        mutating func insert(_ id: Int64, _ entity: CooccurrenceRecord.Entity) {
            if id >= 0 && id <= Int64(dense.count) * 2 + 4096 {
                if id >= dense.count { dense.append(contentsOf: repeatElement(nil, count: Int(id) - dense.count + 1)) }
                dense[Int(id)] = entity
            } else {
                sparse[id] = entity
            }
        }

        func entity(_ id: Int64) -> CooccurrenceRecord.Entity? {
            id >= 0 && id < dense.count ? dense[Int(id)] : sparse[id]
        }
    }

    private func step(_ s: OpaquePointer, _ db: Database) throws -> Bool {
        switch sqlite3_step(s) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }

    private static func text(_ s: OpaquePointer, _ column: Int32) -> String? {
        guard let p = sqlite3_column_text(s, column) else { return nil }
        let n = Int(sqlite3_column_bytes(s, column))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }
}

/// An `article_id` value as stored (integer, real, text or blob), compared in SQLite's order
/// (NULL < numbers < text < blob; text and blobs bytewise, the BINARY collation both
/// `ORDER BY article_id` scans use), so two cursors over different tables can be merged.
struct SQLKey {
    private enum Value { case null, integer(Int64), real(Double), text([UInt8]), blob([UInt8]) }
    private let value: Value

    init(_ s: OpaquePointer, _ column: Int32) {
        switch sqlite3_column_type(s, column) {
        case SQLITE_INTEGER: value = .integer(sqlite3_column_int64(s, column))
        case SQLITE_FLOAT: value = .real(sqlite3_column_double(s, column))
        case SQLITE_TEXT: value = .text(SQLKey.bytes(s, column, text: true))
        case SQLITE_BLOB: value = .blob(SQLKey.bytes(s, column, text: false))
        default: value = .null
        }
    }

    private static func bytes(_ s: OpaquePointer, _ column: Int32, text: Bool) -> [UInt8] {
        let p = text ? UnsafeRawPointer(sqlite3_column_text(s, column)) : sqlite3_column_blob(s, column)
        let n = Int(sqlite3_column_bytes(s, column))
        guard let p, n > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: p, count: n))
    }

    /// The id as text (`Document.id` form).
    var text: String {
        switch value {
        case .null: ""
        case .integer(let i): String(i)
        case .real(let d): String(d)
        case .text(let b), .blob(let b): String(decoding: b, as: UTF8.self)
        }
    }

    private var rank: Int {
        switch value {
        case .null: 0
        case .integer, .real: 1
        case .text: 2
        case .blob: 3
        }
    }

    /// Sign of `self − row's column`: negative when this key sorts first.
    func compare(_ s: OpaquePointer, _ column: Int32) -> Int {
        let type = sqlite3_column_type(s, column)
        let otherRank: Int
        switch type {
        case SQLITE_INTEGER, SQLITE_FLOAT: otherRank = 1
        case SQLITE_TEXT: otherRank = 2
        case SQLITE_BLOB: otherRank = 3
        default: otherRank = 0
        }
        if rank != otherRank { return rank < otherRank ? -1 : 1 }
        switch value {
        case .null: return 0
        case .integer(let i):
            if type == SQLITE_INTEGER {
                let o = sqlite3_column_int64(s, column)
                return i < o ? -1 : (i == o ? 0 : 1)
            }
            let o = sqlite3_column_double(s, column), d = Double(i)
            return d < o ? -1 : (d == o ? 0 : 1)
        case .real(let d):
            let o = sqlite3_column_double(s, column)
            return d < o ? -1 : (d == o ? 0 : 1)
        case .text(let b), .blob(let b):
            let p = type == SQLITE_TEXT ? UnsafeRawPointer(sqlite3_column_text(s, column)) : sqlite3_column_blob(s, column)
            let n = Int(sqlite3_column_bytes(s, column))
            let common = min(n, b.count)
            let c = common == 0 ? 0 : b.withUnsafeBytes { Int(memcmp($0.baseAddress!, p!, common)) }
            if c != 0 { return c }
            return b.count - n
        }
    }
}
