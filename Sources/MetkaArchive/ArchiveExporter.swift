import GRDB
import MetkaCore

/// `metka archive export --format jsonl`: one JSON line per enriched article, in archive order.
///
/// The shape follows `metka tag`'s output schema, with archive-wide entity ids (integers, the
/// `metka_entities.id`) in place of per-document `E1`…; an article whose tagging failed yields
/// `{"id", "error"}`; articles never enriched are left out.
public enum ArchiveExporter {
    public struct Options: Sendable {
        public var source = ArticleSource()
        public var connection = ArchiveConnection()
        /// Include the article text (`"text"`).
        public var includeText = false
        public init() {}
    }

    /// Calls `write` with each line (terminated by `\n`); returns the number of articles written.
    @discardableResult
    public static func export(path: String, options: Options, write: ([UInt8]) throws -> Void) throws -> Int {
        let db = try options.connection.open(path: path)
        do {
            return try db.read { db in
                guard try db.tableExists(ArchiveSchema.status) else {
                    throw ArchiveError.database("\(path): no Metka tables yet; run `metka enrich \(path)` first")
                }
                let source = try options.source.resolve(db)
                let status = try db.cachedStatement(sql: "SELECT error FROM metka_article_status WHERE article_id = ?")
                // `paragraph` exists from migration v2-mentions-paragraph on (export does not migrate).
                let paragraph = try db.columns(in: ArchiveSchema.mentions).contains { $0.name == "paragraph" } ? "m.paragraph" : "NULL"
                let mentions = try db.cachedStatement(sql: """
                    SELECT m.start, m."end", m.text, m.type, m.subtype, m.entity_id, m.normal, m.value, m.source, m.sentence,
                           m.boilerplate, e.type, e.subtype, e.name, e.short, e.kb, \(paragraph)
                    FROM metka_mentions m LEFT JOIN metka_entities e ON e.id = m.entity_id
                    WHERE m.article_id = ? ORDER BY m.seq
                    """)
                let topics = try db.cachedStatement(sql: """
                    SELECT topic, iptc, score FROM metka_article_topics WHERE article_id = ? ORDER BY score DESC, topic
                    """)
                var cursor: DatabaseValue?
                var written = 0
                while true {
                    let page = try Row.fetchAll(db, sql: source.pageSQL(first: cursor == nil),
                                                arguments: cursor.map { [$0, 1000] } ?? [1000])
                    guard let last = page.last else { break }
                    cursor = last[0] as DatabaseValue
                    for row in page {
                        let id = row[1] as DatabaseValue
                        if id.isNull { continue }
                        guard let statusRow = try Row.fetchOne(status, arguments: [id]) else { continue }
                        var j = JSONText()
                        j.beginObject()
                        field(&j, "id", id)
                        if let error = statusRow[0] as String? {
                            j.field("error", error)
                            j.endObject()
                            try write(j.bytes + [0x0A])
                            written += 1
                            continue
                        }
                        if let title = ArticleRow.string(row[3]) { j.field("title", title) }
                        if let date = ArticleRow.date(row[4]) { j.field("published", date.description) }
                        if options.includeText, let text = ArticleRow.string(row[2]) { j.field("text", text) }
                        var entityOrder: [Int64] = []
                        var entityRows: [Int64: Row] = [:]
                        var entityCounts: [Int64: Int] = [:]
                        j.beginArray(key: "mentions")
                        for m in try Row.fetchAll(mentions, arguments: [id]) {
                            j.beginObject()
                            j.field("start", m[0] as Int)
                            j.field("end", m[1] as Int)
                            j.field("text", m[2] as String)
                            j.field("type", m[3] as String)
                            j.field("subtype", m[4] as String?)
                            let entity = m[5] as Int64?
                            j.field("entity", entity.map { Int($0) })
                            j.field("normal", m[6] as String?)
                            if (m[3] as String) == "DATE" {
                                if let v = m[7] as String? { j.field("value", v) } else { j.fieldNull("value") }
                            }
                            j.field("source", m[8] as String)
                            j.field("sentence", m[9] as Int)
                            if let p = m[16] as Int? { j.field("paragraph", p) }
                            if (m[10] as Int) != 0 { j.field("boilerplate", true) }
                            j.endObject()
                            if let entity {
                                if entityRows[entity] == nil { entityOrder.append(entity); entityRows[entity] = m }
                                entityCounts[entity, default: 0] += 1
                            }
                        }
                        j.endArray()
                        j.beginArray(key: "entities")
                        for e in entityOrder {
                            let m = entityRows[e]!
                            j.beginObject()
                            j.field("id", Int(e))
                            j.field("type", m[11] as String)
                            j.field("subtype", m[12] as String?)
                            j.field("name", m[13] as String)
                            j.field("short", m[14] as String?)
                            j.field("kb", m[15] as String?)
                            j.field("count", entityCounts[e] ?? 0)
                            j.endObject()
                        }
                        j.endArray()
                        j.beginArray(key: "topics")
                        for t in try Row.fetchAll(topics, arguments: [id]) {
                            j.beginObject()
                            j.field("id", t[0] as String)
                            j.field("iptc", t[1] as String)
                            j.field("score", t[2] as Double, decimals: 4)
                            j.endObject()
                        }
                        j.endArray()
                        j.endObject()
                        try write(j.bytes + [0x0A])
                        written += 1
                    }
                }
                return written
            }
        } catch {
            throw ArchiveConnection.map(error, path: path, busyTimeout: options.connection.busyTimeout)
        }
    }

    /// Integer ids stay JSON numbers, everything else is written as a string.
    private static func field(_ j: inout JSONText, _ key: String, _ value: DatabaseValue) {
        if case .int64(let i) = value.storage { j.field(key, Int(i)) } else { j.field(key, ArticleRow.string(value)) }
    }
}
