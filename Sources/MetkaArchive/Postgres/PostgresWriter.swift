#if PostgreSQL
import Foundation
import GRDB
import MetkaCore
import PostgresNIO

/// Writes one batch of tagged articles into a PostgreSQL archive, inside the caller's
/// transaction: the same rows `ArchiveWriter` writes to SQLite (shared helpers decide
/// sentences, boilerplate and entities), bulk-loaded with `COPY … FROM STDIN` — one round trip
/// per table per batch instead of one per row.
final class PostgresWriter: @unchecked Sendable {
    let session: PostgresSession
    let source: PostgresSource
    let runID: Int64
    let tagger: String
    /// Key → the spelling known to be stored and committed (or written in this transaction).
    private var stored: [String: ArchiveEntity] = [:]

    init(session: PostgresSession, source: PostgresSource, runID: Int64, tagger: String) {
        self.session = session
        self.source = source
        self.runID = runID
        self.tagger = tagger
    }

    func discardCache() { stored.removeAll() }

    /// `keys`: each result's article id in text form (as claimed), in the same order.
    func write(_ results: [ArticleResult], keys: [String]) throws -> ArchiveWriter.Counts {
        var counts = ArchiveWriter.Counts()
        guard !results.isEmpty else { return counts }
        let idType = source.idType
        var all = PostgresBindings()
        all.append(keys)
        let replaced = zip(results, keys).filter { $0.0.replaces }.map(\.1)
        if !replaced.isEmpty {
            var b = PostgresBindings()
            b.append(replaced)
            try session.query("DELETE FROM metka_mentions WHERE article_id = ANY ($1::text[]::\(idType)[])", b)
            try session.query("DELETE FROM metka_article_topics WHERE article_id = ANY ($1::text[]::\(idType)[])", b)
        }
        try session.query("DELETE FROM metka_article_status WHERE article_id = ANY ($1::text[]::\(idType)[])", all)

        // Entities first (mentions reference them), the preferred spelling per key.
        var best: [String: ArchiveEntity] = [:]
        var perArticle: [[(ArchiveEntity?, String?)]] = []
        for r in results {
            var list: [(ArchiveEntity?, String?)] = []
            if case .success(let tagged) = r.outcome {
                let entities = Dictionary(tagged.entities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                var keyOfRaw: [String: String] = [:]
                for m in tagged.mentions {
                    guard let e = ArchiveEntity.of(m, in: entities) else { list.append((nil, nil)); continue }
                    let key: String
                    if let k = keyOfRaw[e.rawKey] { key = k } else { key = e.key; keyOfRaw[e.rawKey] = key }
                    if let b = best[key], b == e || !ArchiveEntity.prefers(e, over: b) {} else { best[key] = e }
                    list.append((e, key))
                }
            }
            perArticle.append(list)
        }
        try upsertEntities(best)

        var mentions = CopyText(), topics = CopyText(), status = CopyText()
        for (i, r) in results.enumerated() {
            let id = keys[i]
            switch r.outcome {
            case .failure(let failure):
                counts.failed += 1
                status.row([id, r.contentHash, tagger, String(runID), failure.message, r.chars.map(String.init), "0", "0"])
            case .success(let tagged):
                counts.tagged += 1
                let sentenceStarts = tagged.segmentation.sentences.map(\.start)
                let units = UnitLocator(tagged.segmentation)
                for (seq, m) in tagged.mentions.enumerated() {
                    let entityID = perArticle[i][seq].1.map { String(EntityID.of(key: $0)) }
                    mentions.row([id, String(seq), entityID, String(m.start), String(m.end), m.text, m.normal, m.type.rawValue,
                                  m.subtype, m.value, m.source, String(ArchiveWriter.sentence(of: m.start, starts: sentenceStarts)),
                                  ArchiveWriter.isBoilerplate(m, tagged.segmentation) ? "1" : "0",
                                  units.paragraph(ofToken: m.tokenRange.lowerBound).map(String.init)])
                }
                for t in tagged.topics {
                    topics.row([id, t.id, t.iptc, "\(t.score)"])
                }
                counts.mentions += tagged.mentions.count
                counts.topics += tagged.topics.count
                status.row([id, r.contentHash, tagger, String(runID), nil, r.chars.map(String.init),
                            String(tagged.mentions.count), String(tagged.topics.count)])
            }
        }
        try session.copy(table: "metka_mentions", columns: ["article_id", "seq", "entity_id", "start", "end", "text", "normal",
                                                            "type", "subtype", "value", "source", "sentence", "boilerplate", "paragraph"],
                         data: mentions.bytes)
        try session.copy(table: "metka_article_topics", columns: ["article_id", "topic", "iptc", "score"], data: topics.bytes)
        try session.copy(table: "metka_article_status", columns: ["article_id", "content_hash", "tagger", "run_id", "error",
                                                                  "chars", "mentions", "topics"], data: status.bytes)
        return counts
    }

    /// Inserts new keys and rewrites stored spellings that `best` is preferred over. Inserts go
    /// in key order in one statement; a key another worker inserted meanwhile (our insert waited
    /// for its commit, then did nothing) is compared like an existing one, under a row lock.
    private func upsertEntities(_ best: [String: ArchiveEntity]) throws {
        let unknown = best.keys.filter { key in
            guard let s = stored[key] else { return true }
            return s != best[key]! && ArchiveEntity.prefers(best[key]!, over: s)
        }.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        guard !unknown.isEmpty else { return }
        var existing = try fetch(unknown, lock: false)
        let missing = unknown.filter { existing[$0] == nil }
        if !missing.isEmpty {
            var ids: [Int64] = [], types: [String] = [], names: [String] = []
            var subtypes: [String] = [], shorts: [String] = [], kbs: [String] = []
            var subtypeNull: [Bool] = [], shortNull: [Bool] = [], kbNull: [Bool] = []
            for key in missing {
                let e = best[key]!
                ids.append(EntityID.of(key: key)); types.append(e.type.rawValue); names.append(e.name)
                subtypes.append(e.subtype ?? ""); subtypeNull.append(e.subtype == nil)
                shorts.append(e.short ?? ""); shortNull.append(e.short == nil)
                kbs.append(e.kb ?? ""); kbNull.append(e.kb == nil)
            }
            var b = PostgresBindings()
            b.append(ids); b.append(missing); b.append(types); b.append(names)
            b.append(subtypes); b.append(subtypeNull); b.append(shorts); b.append(shortNull); b.append(kbs); b.append(kbNull)
            let inserted = Set(try session.query("""
                INSERT INTO metka_entities (id, key, type, subtype, name, short, kb)
                SELECT id, key, type, CASE WHEN sn THEN NULL ELSE st END, name, CASE WHEN shn THEN NULL ELSE sh END,
                       CASE WHEN kn THEN NULL ELSE kb END
                FROM unnest($1::int8[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bool[], $7::text[], $8::bool[],
                            $9::text[], $10::bool[]) WITH ORDINALITY AS u(id, key, type, name, st, sn, sh, shn, kb, kn, ord)
                ORDER BY ord
                ON CONFLICT (key) DO NOTHING RETURNING key
                """, b).map { try $0.decode(String.self) })
            for key in missing where inserted.contains(key) { stored[key] = best[key]! }
            let raced = missing.filter { !inserted.contains($0) }
            if !raced.isEmpty { for (k, v) in try fetch(raced, lock: false) { existing[k] = v } }
        }
        // Keys whose stored spelling ours is preferred over: lock in key order, compare again,
        // update. NO KEY UPDATE (like the UPDATE itself) does not conflict with the KEY SHARE
        // locks other workers' foreign-key checks take on entities their mentions reference.
        let better = unknown.filter { key in
            guard let s = existing[key] else { return false }
            return s != best[key]! && ArchiveEntity.prefers(best[key]!, over: s)
        }
        for (k, v) in existing where !better.contains(k) { stored[k] = v }
        guard !better.isEmpty else { return }
        let locked = try fetch(better, lock: true)
        for key in better {
            let e = best[key]!
            guard let s = locked[key] else { continue }
            if s == e || !ArchiveEntity.prefers(e, over: s) { stored[key] = s; continue }
            var b = PostgresBindings()
            b.append(e.type.rawValue); b.append(e.subtype); b.append(e.name); b.append(e.short); b.append(e.kb); b.append(key)
            try session.query("UPDATE metka_entities SET type = $1, subtype = $2, name = $3, short = $4, kb = $5 WHERE key = $6", b)
            stored[key] = e
        }
    }

    private func fetch(_ keys: [String], lock: Bool) throws -> [String: ArchiveEntity] {
        var b = PostgresBindings()
        b.append(keys)
        var out: [String: ArchiveEntity] = [:]
        let rows = try session.query("""
            SELECT key, type, subtype, name, short, kb FROM metka_entities WHERE key = ANY ($1::text[])
            ORDER BY key COLLATE "C"\(lock ? " FOR NO KEY UPDATE" : "")
            """, b)
        for r in rows {
            let (key, type, subtype, name, short, kb) = try r.decode((String, String, String?, String, String?, String?).self)
            out[key] = ArchiveEntity(type: EntityType(rawValue: type) ?? .ORG, subtype: subtype, name: name, short: short, kb: kb)
        }
        return out
    }
}

/// Rows in `COPY … FROM STDIN` text format: tab-separated, `\N` for NULL, backslash escapes.
struct CopyText {
    private(set) var bytes: [UInt8] = []

    mutating func row(_ fields: [String?]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { bytes.append(0x09) }
            guard let f else { bytes.append(0x5C); bytes.append(0x4E); continue }
            for b in f.utf8 {
                switch b {
                case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
                case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
                case 0x0D: bytes.append(0x5C); bytes.append(0x72)
                case 0x09: bytes.append(0x5C); bytes.append(0x74)
                default: bytes.append(b)
                }
            }
        }
        bytes.append(0x0A)
    }
}
#endif
