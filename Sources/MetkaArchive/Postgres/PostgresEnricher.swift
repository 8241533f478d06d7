#if PostgreSQL
import Foundation
import GRDB
import MetkaCore
import PostgresNIO

/// `metka enrich postgres://…`: one worker of a run that any number of processes, on any
/// machines, may share.
///
/// Claim protocol (docs/postgres.md):
/// 1. *Join.* Under the plan lock (a transaction-level advisory lock), a worker that finds no
///    other worker active (it gets the active lock exclusively) plans the run: every id of the
///    input table goes into `metka_queue` (ids already queued by an interrupted run stay). It
///    then holds the active lock shared for as long as it works, so later workers join the run
///    instead of planning a new one.
/// 2. *Batches.* Each batch is one transaction: claim up to `--batch-size` queue rows with
///    `SELECT … FOR UPDATE SKIP LOCKED` (rows another worker holds are skipped, never waited
///    for), read those articles, skip the ones whose content hash and tagger match their status
///    row, tag the rest, replace their rows, delete the claimed queue rows, COMMIT. A worker
///    killed at any moment has its transaction rolled back by the server when the connection
///    drops: its queue rows reappear for others, nothing of the batch remains. Commit is atomic,
///    so an article is written by exactly one committed batch per run: nothing lost, nothing twice.
/// 3. *Finish.* When nothing is left to claim, the worker closes its run row; the last worker
///    (the active lock is free) of a complete run removes rows of articles gone from the input
///    table and entities no longer mentioned — with nobody else writing, as for SQLite.
///
/// Entity rows do not depend on which worker writes first: ids derive from the key
/// (`EntityID`) and the preferred spelling wins (`ArchiveEntity.preference`), with conditional
/// updates under row locks taken in key order (deadlocks, should they still happen, roll the
/// batch back and it is claimed again).
struct PostgresEnricher: Sendable {
    let url: PostgresURL
    let base: ArchiveEnricher
    var options: EnrichOptions { base.options }
    /// Number of sibling workers started by `--workers` (recorded in the run's options).
    var workers = 1

    func run(cancel: CancellationFlag, progress: @escaping @Sendable (EnrichProgress) -> Void,
             events: @escaping @Sendable (EnrichEvent) throws -> Void) throws -> EnrichSummary {
        let started = Date()
        let s = try PostgresSession(url: url)
        let source = try PostgresSource.resolve(options.source, s)
        try PostgresSchema.migrate(s, idType: source.idType)
        var summary = EnrichSummary()

        var b = PostgresBindings()
        b.append(ArchiveEnricher.timestamp(started)); b.append(Metka.version); b.append(base.gazetteerChecksum)
        b.append(base.modelChecksum); b.append(base.tagger); b.append(manifest(source))
        let runID = try s.query("""
            INSERT INTO metka_runs (started_at, state, metka_version, gazetteer_checksum, model_checksum, tagger, options)
            VALUES ($1, 'running', $2, $3, $4, $5, $6) RETURNING id
            """, b)[0].decode(Int64.self)
        summary.runID = runID
        do {
            try join(s, source)
            summary.progress.total = try s.query("SELECT count(*) FROM metka_queue")[0].decode(Int64.self).asInt
            try work(s, source, runID: runID, summary: &summary, cancel: cancel, progress: progress, events: events)
            summary.interrupted = cancel.isCancelled
            summary.removed = try finish(s, source, runID: runID, summary: summary, events: events)
            summary.seconds = Date().timeIntervalSince(started)
        } catch {
            _ = try? s.query("ROLLBACK")
            var fail = PostgresBindings()
            fail.append(ArchiveEnricher.timestamp(Date())); fail.append(runID)
            _ = try? s.query("UPDATE metka_runs SET state = 'failed', finished_at = $1 WHERE id = $2", fail)
            throw error
        }
        return summary
    }

    /// Step 1: plan the run if nobody is working, then mark this worker active.
    private func join(_ s: PostgresSession, _ source: PostgresSource) throws {
        let q = SQLIdentifier.quote
        try s.query("BEGIN")
        try s.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.planLock))")
        let alone = try s.query("SELECT pg_try_advisory_xact_lock(\(PostgresSchema.activeLock))")[0].decode(Bool.self)
        if alone {
            try s.query("""
                INSERT INTO metka_queue (article_id) SELECT \(q(source.id)) FROM \(q(source.table))
                WHERE \(q(source.id)) IS NOT NULL ON CONFLICT DO NOTHING
                """)
        }
        try s.query("SELECT pg_advisory_lock_shared(\(PostgresSchema.activeLock))")
        try s.query("COMMIT")
    }

    /// Step 2: claim, tag and write batches until the queue is drained or the run is cancelled.
    private func work(_ s: PostgresSession, _ source: PostgresSource, runID: Int64, summary: inout EnrichSummary,
                      cancel: CancellationFlag, progress: @escaping @Sendable (EnrichProgress) -> Void,
                      events: @escaping @Sendable (EnrichEvent) throws -> Void) throws {
        let writer = PostgresWriter(session: s, source: source, runID: runID, tagger: base.tagger)
        var index = 0
        var retries = 0
        while !cancel.isCancelled {
            var batch = summary
            do {
                try s.query("BEGIN")
                var claim = PostgresBindings()
                claim.append(options.batchSize)
                let ids = try s.query("""
                    SELECT article_id::text FROM metka_queue ORDER BY article_id LIMIT $1 FOR UPDATE SKIP LOCKED
                    """, claim).map { try $0.decode(String.self) }
                if ids.isEmpty {
                    try s.query("COMMIT")
                    break
                }
                var idBinds = PostgresBindings()
                idBinds.append(ids)
                var rows: [String: ArticleRow] = [:]
                for r in try s.query(source.fetchSQL, idBinds) {
                    let v = try r.databaseValues()
                    guard case .string(let key) = v[0].storage else { continue }   // id::text
                    if rows[key] != nil { batch.duplicateIDs += 1; continue }
                    rows[key] = ArticleRow(id: v[1], text: v[2], title: v[3], date: v[4])
                }
                var known: [String: (hash: String, tagger: String)] = [:]
                for r in try s.query("""
                    SELECT article_id::text, content_hash, tagger FROM metka_article_status
                    WHERE article_id = ANY ($1::text[]::\(source.idType)[])
                    """, idBinds) {
                    let (id, hash, tagger) = try r.decode((String, String, String).self)
                    known[id] = (hash, tagger)
                }
                var pending: [ArchiveEnricher.Pending] = []
                var pendingKeys: [String] = []
                for id in ids {
                    guard let row = rows[id] else { continue }   // deleted since planning: pruned at the end
                    batch.progress.seen += 1
                    let hash = row.contentHash
                    let previous = known[id]
                    if !options.force, let previous, previous.hash == hash, previous.tagger == base.tagger {
                        batch.progress.unchanged += 1
                        continue
                    }
                    pending.append(ArchiveEnricher.Pending(row: row, hash: hash, replaces: previous != nil))
                    pendingKeys.append(id)
                }
                let results = base.tag(pending)
                let counts = try writer.write(results, keys: pendingKeys)
                try s.query("DELETE FROM metka_queue WHERE article_id = ANY ($1::text[]::\(source.idType)[])", idBinds)
                try events(.batchWritten(index: index))
                try s.query("COMMIT")
                try events(.batchCommitted(index: index))
                index += 1
                retries = 0
                batch.mentions += counts.mentions
                batch.topics += counts.topics
                for r in results {
                    if case .success = r.outcome { batch.progress.tagged += 1 } else { batch.progress.failed += 1 }
                    if case .failure(let f) = r.outcome, batch.failures.count < 20 {
                        batch.failures.append((ArticleRow.string(r.articleID) ?? "?", f.message))
                    }
                }
                summary = batch
                progress(summary.progress)
            } catch {
                _ = try? s.query("ROLLBACK")
                writer.discardCache()
                // Deadlock or serialization failure between workers: the batch was rolled back
                // as a whole; claim again.
                if let state = PostgresSession.sqlState(error), state == "40P01" || state == "40001", retries < 10 {
                    retries += 1
                    continue
                }
                throw error
            }
        }
    }

    /// Step 3: close the run; the last worker of a complete run prunes. Returns articles removed.
    private func finish(_ s: PostgresSession, _ source: PostgresSource, runID: Int64, summary: EnrichSummary,
                        events: @escaping @Sendable (EnrichEvent) throws -> Void) throws -> Int {
        let q = SQLIdentifier.quote
        try s.query("SELECT pg_advisory_unlock_shared(\(PostgresSchema.activeLock))")
        try s.query("BEGIN")
        try s.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.planLock))")
        var removed = 0
        if !summary.interrupted,
           try s.query("SELECT pg_try_advisory_xact_lock(\(PostgresSchema.activeLock))")[0].decode(Bool.self),
           try s.query("SELECT NOT EXISTS (SELECT 1 FROM metka_queue)")[0].decode(Bool.self) {
            let gone = "NOT EXISTS (SELECT 1 FROM \(q(source.table)) a WHERE a.\(q(source.id)) = t.article_id)"
            try s.query("DELETE FROM metka_mentions t WHERE \(gone)")
            try s.query("DELETE FROM metka_article_topics t WHERE \(gone)")
            removed = try s.query("WITH d AS (DELETE FROM metka_article_status t WHERE \(gone) RETURNING 1) SELECT count(*) FROM d")[0]
                .decode(Int64.self).asInt
            try s.query("DELETE FROM metka_entities e WHERE NOT EXISTS (SELECT 1 FROM metka_mentions m WHERE m.entity_id = e.id)")
        }
        var b = PostgresBindings()
        let p = summary.progress
        b.append(ArchiveEnricher.timestamp(Date())); b.append(summary.interrupted ? "interrupted" : "finished")
        b.append(p.seen); b.append(p.tagged); b.append(p.failed); b.append(p.unchanged); b.append(runID)
        try s.query("""
            UPDATE metka_runs SET finished_at = $1, state = $2, articles_seen = $3, articles_tagged = $4,
                articles_failed = $5, articles_unchanged = $6 WHERE id = $7
            """, b)
        try events(.finishing)
        try s.query("COMMIT")
        return removed
    }

    /// The run's options as recorded in `metka_runs.options`: flags only, sorted keys, never the URL.
    func manifest(_ source: PostgresSource) -> String {
        var j = JSONText()
        j.beginObject()
        j.field("batch_size", options.batchSize)
        if let date = source.date { j.field("date_column", date) } else { j.fieldNull("date_column") }
        j.field("force", options.force)
        j.field("id_column", source.id)
        j.field("jobs", options.jobs)
        j.field("max_bytes", options.maxBytes)
        j.field("store", "postgresql")
        j.field("table", source.table)
        j.field("text_column", source.text)
        if let title = source.title { j.field("title_column", title) } else { j.fieldNull("title_column") }
        j.field("workers", workers)
        j.endObject()
        return j.string
    }
}

extension Int64 {
    var asInt: Int { Int(self) }
}
#endif
