import GRDB

/// Metka's own tables in an archive, created by named migrations (GRDB `DatabaseMigrator`,
/// bookkeeping in its `grdb_migrations` table).
///
/// Migrations only ever create `metka_*` objects; the archive's own tables are never touched.
/// Later schema changes are new migrations appended here — never edits of shipped ones — so an
/// archive enriched by any earlier Metka upgrades in place. Foreign keys are checked
/// immediately (not by GRDB's whole-database deferred check), so foreign-key problems in the
/// archive's own tables cannot block Metka's migrations.
///
/// `article_id` columns are declared without a type: SQLite then keeps each value exactly as
/// the archive stores it (integer or text), so `articles.id = metka_mentions.article_id` joins
/// compare like with like and use the indexes.
///
/// Per-article tables are `WITHOUT ROWID`, clustered on `(article_id, …)`: one b-tree instead of a
/// table plus a primary-key index, which roughly halves the write cost and the size of
/// `metka_mentions`, the largest table. The entity index (`entity_id`, and through the primary
/// key also `article_id`) serves "articles mentioning X" and co-mention queries.
public enum ArchiveSchema {
    public static let runs = "metka_runs"
    public static let entities = "metka_entities"
    public static let mentions = "metka_mentions"
    public static let topics = "metka_article_topics"
    public static let status = "metka_article_status"

    /// Migration identifiers in order; `metka enrich --stats` and the tests list them.
    public static var migrationIdentifiers: [String] { migrator.migrations }

    public static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-runs", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
                CREATE TABLE metka_runs (
                    id INTEGER PRIMARY KEY,
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    state TEXT NOT NULL CHECK (state IN ('running', 'finished', 'interrupted', 'failed')),
                    metka_version TEXT NOT NULL,
                    gazetteer_checksum TEXT NOT NULL,
                    model_checksum TEXT NOT NULL,
                    tagger TEXT NOT NULL,
                    options TEXT NOT NULL,
                    articles_seen INTEGER NOT NULL DEFAULT 0,
                    articles_tagged INTEGER NOT NULL DEFAULT 0,
                    articles_failed INTEGER NOT NULL DEFAULT 0,
                    articles_unchanged INTEGER NOT NULL DEFAULT 0
                )
                """)
        }
        m.registerMigration("v1-entities", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
                CREATE TABLE metka_entities (
                    id INTEGER PRIMARY KEY,
                    key TEXT NOT NULL UNIQUE,
                    type TEXT NOT NULL,
                    subtype TEXT,
                    name TEXT NOT NULL,
                    short TEXT,
                    kb TEXT
                );
                CREATE INDEX metka_entities_type_name ON metka_entities(type, name);
                CREATE INDEX metka_entities_kb ON metka_entities(kb) WHERE kb IS NOT NULL;
                """)
        }
        m.registerMigration("v1-mentions", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
                CREATE TABLE metka_mentions (
                    article_id NOT NULL,
                    seq INTEGER NOT NULL,
                    entity_id INTEGER REFERENCES metka_entities(id),
                    start INTEGER NOT NULL,
                    "end" INTEGER NOT NULL,
                    text TEXT NOT NULL,
                    normal TEXT,
                    type TEXT NOT NULL,
                    subtype TEXT,
                    value TEXT,
                    source TEXT NOT NULL,
                    sentence INTEGER NOT NULL,
                    boilerplate INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (article_id, seq)
                ) WITHOUT ROWID;
                CREATE INDEX metka_mentions_entity ON metka_mentions(entity_id);
                """)
        }
        m.registerMigration("v1-article-topics", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
                CREATE TABLE metka_article_topics (
                    article_id NOT NULL,
                    topic TEXT NOT NULL,
                    iptc TEXT NOT NULL,
                    score REAL NOT NULL,
                    PRIMARY KEY (article_id, topic)
                ) WITHOUT ROWID;
                CREATE INDEX metka_article_topics_topic ON metka_article_topics(topic, score);
                """)
        }
        m.registerMigration("v1-article-status", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
                CREATE TABLE metka_article_status (
                    article_id PRIMARY KEY NOT NULL,
                    content_hash TEXT NOT NULL,
                    tagger TEXT NOT NULL,
                    run_id INTEGER NOT NULL REFERENCES metka_runs(id),
                    error TEXT,
                    chars INTEGER,
                    mentions INTEGER NOT NULL DEFAULT 0,
                    topics INTEGER NOT NULL DEFAULT 0
                ) WITHOUT ROWID;
                CREATE INDEX metka_article_status_failed ON metka_article_status(run_id) WHERE error IS NOT NULL;
                """)
        }
        m.registerMigration("v1-views", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
                CREATE VIEW metka_mentions_v AS
                    SELECT m.article_id, m.seq, m.start, m."end", m.text, m.normal, m.type, m.subtype,
                           m.value, m.source, m.sentence, m.boilerplate,
                           m.entity_id, e.name AS entity_name, e.short AS entity_short, e.kb AS entity_kb
                    FROM metka_mentions m LEFT JOIN metka_entities e ON e.id = m.entity_id;
                CREATE VIEW metka_article_entities_v AS
                    SELECT m.article_id, m.entity_id, e.type, e.subtype, e.name, e.kb,
                           COUNT(*) AS mentions, SUM(m.boilerplate = 0) AS body_mentions
                    FROM metka_mentions m JOIN metka_entities e ON e.id = m.entity_id
                    GROUP BY m.article_id, m.entity_id;
                CREATE VIEW metka_entity_counts_v AS
                    SELECT e.id AS entity_id, e.type, e.subtype, e.name, e.short, e.kb,
                           COUNT(DISTINCT m.article_id) AS articles, COUNT(m.article_id) AS mentions
                    FROM metka_entities e LEFT JOIN metka_mentions m ON m.entity_id = e.id
                    GROUP BY e.id;
                """)
        }
        m.registerMigration("v2-mentions-paragraph", foreignKeyChecks: .immediate) { db in
            // Paragraph index of each mention, for `metka cooccur --db --unit paragraph`.
            // NULL in rows written before this migration (re-tag with `metka enrich --force`).
            try db.execute(sql: "ALTER TABLE metka_mentions ADD COLUMN paragraph INTEGER")
        }
        return m
    }

    /// Applies pending migrations; refuses archives migrated by a newer Metka.
    static func migrate(_ db: DatabaseQueue) throws {
        let m = migrator
        let applied = try db.read { try m.appliedIdentifiers($0) }
        let unknown = applied.subtracting(m.migrations).sorted()
        if !unknown.isEmpty { throw ArchiveError.newerSchema(unknownMigrations: unknown) }
        try m.migrate(db)
    }
}
