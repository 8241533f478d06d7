import GRDB
import MetkaCore

/// What the tagger produced for one article, ready to be written.
struct ArticleResult: Sendable {
    let articleID: DatabaseValue
    let contentHash: String
    /// The article already had rows from an earlier run that must be replaced.
    let replaces: Bool
    let chars: Int?
    let outcome: Result<TaggedDocument, ArticleFailure>
}

/// The single writer: turns tagged documents into rows of Metka's tables.
///
/// Always called inside a transaction the caller owns (one per batch), so a batch is either
/// entirely in the archive or not at all. Statements are prepared once per connection
/// (`cachedStatement`) and re-bound per row. The entity cache only ever holds rows committed or
/// written in the current transaction; `discardCache()` after a rollback.
final class ArchiveWriter: @unchecked Sendable {
    let runID: Int64
    let tagger: String
    /// Key → the spelling stored in `metka_entities` (committed or written in this transaction).
    private var storedEntities: [String: ArchiveEntity] = [:]
    /// Spellings already compared with the stored one: repeated names skip normalization.
    private var seenVariants = Set<ArchiveEntity>()
    /// Raw (unnormalized) identity → id.
    private var rawEntityIDs: [String: Int64] = [:]

    init(runID: Int64, tagger: String) {
        self.runID = runID
        self.tagger = tagger
    }

    func discardCache() {
        storedEntities.removeAll()
        seenVariants.removeAll()
        rawEntityIDs.removeAll()
    }

    struct Counts { var mentions = 0; var topics = 0; var tagged = 0; var failed = 0 }

    @discardableResult
    func write(_ results: [ArticleResult], _ db: Database) throws -> Counts {
        var counts = Counts()
        let deleteMentions = try db.cachedStatement(sql: "DELETE FROM metka_mentions WHERE article_id = ?")
        let deleteTopics = try db.cachedStatement(sql: "DELETE FROM metka_article_topics WHERE article_id = ?")
        let insertMention = try db.cachedStatement(sql: """
            INSERT INTO metka_mentions (article_id, seq, entity_id, start, "end", text, normal, type, subtype, value, source, sentence, boilerplate, paragraph)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertTopic = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO metka_article_topics (article_id, topic, iptc, score) VALUES (?, ?, ?, ?)
            """)
        let upsertStatus = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO metka_article_status (article_id, content_hash, tagger, run_id, error, chars, mentions, topics)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for r in results {
            if r.replaces {
                try deleteMentions.execute(arguments: [r.articleID])
                try deleteTopics.execute(arguments: [r.articleID])
            }
            switch r.outcome {
            case .failure(let failure):
                counts.failed += 1
                try upsertStatus.execute(arguments: [r.articleID, r.contentHash, tagger, runID, failure.message, r.chars, 0, 0])
            case .success(let tagged):
                counts.tagged += 1
                let entities = Dictionary(tagged.entities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                let sentenceStarts = tagged.segmentation.sentences.map(\.start)
                let units = UnitLocator(tagged.segmentation)
                for (seq, m) in tagged.mentions.enumerated() {
                    let entityID = try ArchiveEntity.of(m, in: entities).map { try id(of: $0, db) }
                    try insertMention.execute(arguments: [
                        r.articleID, seq, entityID, Int(m.start), Int(m.end), m.text, m.normal, m.type.rawValue,
                        m.subtype, m.value, m.source, ArchiveWriter.sentence(of: m.start, starts: sentenceStarts),
                        ArchiveWriter.isBoilerplate(m, tagged.segmentation) ? 1 : 0,
                        units.paragraph(ofToken: m.tokenRange.lowerBound),
                    ])
                }
                for t in tagged.topics {
                    try insertTopic.execute(arguments: [r.articleID, t.id, t.iptc, t.score])
                }
                counts.mentions += tagged.mentions.count
                counts.topics += tagged.topics.count
                try upsertStatus.execute(arguments: [r.articleID, r.contentHash, tagger, runID, nil, r.chars,
                                                     tagged.mentions.count, tagged.topics.count])
            }
        }
        return counts
    }

    /// The archive id of `entity` (derived from its key, see `EntityID`), inserting its row on
    /// first sight. When articles spell one entity differently, the preferred spelling
    /// (`ArchiveEntity.preference`) is stored, whatever the order the articles come in — so
    /// SQLite, PostgreSQL and any number of workers end with the same rows.
    private func id(of entity: ArchiveEntity, _ db: Database) throws -> Int64 {
        if seenVariants.contains(entity), let id = rawEntityIDs[entity.rawKey] { return id }
        let key = entity.key
        let id = EntityID.of(key: key)
        var current = storedEntities[key]
        if current == nil {
            let select = try db.cachedStatement(sql: "SELECT type, subtype, name, short, kb FROM metka_entities WHERE key = ?")
            if let row = try Row.fetchOne(select, arguments: [key]) {
                current = ArchiveEntity(type: EntityType(rawValue: row[0]) ?? entity.type, subtype: row[1], name: row[2], short: row[3], kb: row[4])
            } else {
                let insert = try db.cachedStatement(sql: "INSERT INTO metka_entities (id, key, type, subtype, name, short, kb) VALUES (?, ?, ?, ?, ?, ?, ?)")
                try insert.execute(arguments: [id, key, entity.type.rawValue, entity.subtype, entity.name, entity.short, entity.kb])
                current = entity
            }
        }
        if let stored = current, stored != entity, ArchiveEntity.prefers(entity, over: stored) {
            let update = try db.cachedStatement(sql: "UPDATE metka_entities SET type = ?, subtype = ?, name = ?, short = ?, kb = ? WHERE key = ?")
            try update.execute(arguments: [entity.type.rawValue, entity.subtype, entity.name, entity.short, entity.kb, key])
            current = entity
        }
        storedEntities[key] = current
        seenVariants.insert(entity)
        rawEntityIDs[entity.rawKey] = id
        return id
    }

    /// Index of the sentence holding code point `offset` (the last sentence starting at or before it).
    static func sentence(of offset: Int32, starts: [Int32]) -> Int {
        var lo = 0, hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid] <= offset { lo = mid + 1 } else { hi = mid }
        }
        return max(0, lo - 1)
    }

    /// The mention's own flag, or the flag of the block its first token lies in.
    static func isBoilerplate(_ m: Mention, _ seg: Segmentation) -> Bool {
        if m.boilerplate { return true }
        let t = m.tokenRange.lowerBound
        guard !m.tokenRange.isEmpty, t >= 0, t < seg.blockOfToken.count else { return false }
        let b = Int(seg.blockOfToken[t])
        return b < seg.blocks.count && seg.blocks[b].flags.isBoilerplate
    }
}
