import GRDB

/// What `metka enrich --stats` prints: the state of Metka's tables in an archive.
public struct ArchiveStats: Sendable {
    public struct Run: Sendable {
        public var id: Int64
        public var startedAt: String
        public var finishedAt: String?
        public var state: String
        public var version: String
        public var seen: Int, tagged: Int, failed: Int, unchanged: Int
    }

    public var migrations: [String] = []
    public var inputArticles: Int?
    public var articlesTagged = 0
    public var articlesFailed = 0
    public var staleArticles = 0
    public var mentionsByType: [(String, Int)] = []
    public var entitiesByType: [(String, Int)] = []
    public var topics: [(String, Int)] = []
    public var topEntities: [(type: String, name: String, articles: Int)] = []
    public var failures: [(String, String)] = []
    public var runs: [Run] = []

    /// Reads statistics; `source` (when it resolves) adds the input table's size. `tagger` is the
    /// current tagger fingerprint: articles tagged under another one are counted as stale.
    public static func read(path: String, source: ArticleSource?, tagger: String?,
                            connection: ArchiveConnection = ArchiveConnection()) throws -> ArchiveStats {
        let db = try connection.open(path: path)
        do {
            return try db.read { db in
                var s = ArchiveStats()
                let m = ArchiveSchema.migrator
                let applied = try m.appliedIdentifiers(db)
                s.migrations = m.migrations.filter(applied.contains) + applied.subtracting(m.migrations).sorted()
                if let source, let resolved = try? source.resolve(db) {
                    s.inputArticles = try Int.fetchOne(db, sql: resolved.countSQL)
                }
                guard try db.tableExists(ArchiveSchema.status) && db.tableExists(ArchiveSchema.runs) else { return s }
                s.articlesTagged = try Int.fetchOne(db, sql: "SELECT count(*) FROM metka_article_status WHERE error IS NULL") ?? 0
                s.articlesFailed = try Int.fetchOne(db, sql: "SELECT count(*) FROM metka_article_status WHERE error IS NOT NULL") ?? 0
                if let tagger {
                    s.staleArticles = try Int.fetchOne(db, sql: "SELECT count(*) FROM metka_article_status WHERE tagger <> ?", arguments: [tagger]) ?? 0
                }
                s.mentionsByType = try Row.fetchAll(db, sql: "SELECT type, count(*) FROM metka_mentions GROUP BY type ORDER BY type").map { ($0[0], $0[1]) }
                s.entitiesByType = try Row.fetchAll(db, sql: "SELECT type, count(*) FROM metka_entities GROUP BY type ORDER BY type").map { ($0[0], $0[1]) }
                s.topics = try Row.fetchAll(db, sql: "SELECT topic, count(*) AS n FROM metka_article_topics GROUP BY topic ORDER BY n DESC, topic").map { ($0[0], $0[1]) }
                s.topEntities = try Row.fetchAll(db, sql: """
                    SELECT e.type, e.name, count(DISTINCT m.article_id) AS n
                    FROM metka_mentions m JOIN metka_entities e ON e.id = m.entity_id
                    WHERE m.boilerplate = 0 GROUP BY e.id ORDER BY n DESC, e.type, e.name LIMIT 10
                    """).map { (type: $0[0], name: $0[1], articles: $0[2]) }
                s.failures = try Row.fetchAll(db, sql: """
                    SELECT article_id, error FROM metka_article_status WHERE error IS NOT NULL ORDER BY article_id LIMIT 10
                    """).map { (ArticleRow.string($0[0] as DatabaseValue) ?? "?", $0[1]) }
                s.runs = try Row.fetchAll(db, sql: """
                    SELECT id, started_at, finished_at, state, metka_version, articles_seen, articles_tagged, articles_failed, articles_unchanged
                    FROM metka_runs ORDER BY id DESC LIMIT 5
                    """).map { Run(id: $0[0], startedAt: $0[1], finishedAt: $0[2], state: $0[3], version: $0[4],
                                   seen: $0[5], tagged: $0[6], failed: $0[7], unchanged: $0[8]) }
                return s
            }
        } catch {
            throw ArchiveConnection.map(error, path: path, busyTimeout: connection.busyTimeout)
        }
    }
}
