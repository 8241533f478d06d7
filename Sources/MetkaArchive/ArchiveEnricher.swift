import Foundation
import GRDB
import MetkaCore

/// Options of one enrichment run (the CLI's flags).
public struct EnrichOptions: Sendable {
    public var source = ArticleSource()
    public var connection = ArchiveConnection()
    /// Re-tag every article, even those whose content and tagger are unchanged.
    public var force = false
    /// Tagging threads; writing is always one thread.
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// Articles per transaction. Larger batches amortize commits (each is an fsync); smaller
    /// ones lose less work to a crash and let SIGINT stop sooner. See `docs/archive.md`.
    public var batchSize = 512
    /// Texts larger than this are recorded as failures, not tagged.
    public var maxBytes = RecordDecoder.defaultMaxBytes

    public init() {}

    /// The options as recorded in `metka_runs.options`: flags only, sorted keys, no paths or secrets.
    func manifest(_ resolved: ResolvedSource) -> String {
        enum Value { case s(String?), i(Int), d(Double), b(Bool) }
        var fields: [(String, Value)] = resolved.manifest.map { ($0.0, .s($0.1)) }
        fields += [("batch_size", .i(batchSize)), ("busy_timeout", .d(connection.busyTimeout)), ("force", .b(force)),
                   ("jobs", .i(jobs)), ("max_bytes", .i(maxBytes)), ("wal", .b(connection.wal))]
        var j = JSONText()
        j.beginObject()
        for (k, v) in fields.sorted(by: { $0.0 < $1.0 }) {
            switch v {
            case .s(let x): if let x { j.field(k, x) } else { j.fieldNull(k) }
            case .i(let x): j.field(k, x)
            case .d(let x): j.field(k, x, decimals: 3)
            case .b(let x): j.field(k, x)
            }
        }
        j.endObject()
        return j.string
    }
}

/// Progress after each page or batch.
public struct EnrichProgress: Sendable {
    /// Rows examined so far (tagged, failed, unchanged or skipped).
    public var seen = 0
    /// Rows in the input table when the run started.
    public var total = 0
    public var tagged = 0
    public var failed = 0
    public var unchanged = 0
}

/// What a run did.
public struct EnrichSummary: Sendable {
    public var runID: Int64 = 0
    public var progress = EnrichProgress()
    public var mentions = 0
    public var topics = 0
    /// Rows whose id is NULL: they cannot be keyed, so they are skipped (and counted).
    public var nullIDs = 0
    /// Rows repeating an id seen earlier in the run: only the first is tagged.
    public var duplicateIDs = 0
    /// Articles gone from the input table whose Metka rows were removed.
    public var removed = 0
    public var interrupted = false
    /// The first failures of this run, (article id, message), in archive order.
    public var failures: [(String, String)] = []
    public var seconds = 0.0
}

/// Points in a run where tests (and only tests) may want to act, e.g. to SIGKILL the process.
public enum EnrichEvent: Sendable {
    /// Inside batch `index`'s transaction, all rows written, before COMMIT.
    case batchWritten(index: Int)
    /// After batch `index` committed.
    case batchCommitted(index: Int)
    /// Inside the final transaction (pruning, orphan clean-up, run record), before COMMIT.
    case finishing
}

/// A flag another thread (a signal handler's queue) sets to stop a run after the current batch.
public final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    public init() {}
    public func cancel() { lock.lock(); value = true; lock.unlock() }
    public var isCancelled: Bool { lock.lock(); defer { lock.unlock() }; return value }
}

/// `metka enrich`: tags the articles of an archive that are new or changed since the last run
/// and stores the results in Metka's tables.
///
/// Flow: the calling thread reads the input table page by page (keyset pagination, never a
/// long-lived cursor) and hashes each row; rows whose hash and tagger fingerprint match their
/// `metka_article_status` row are skipped. The rest are tagged in batches on `jobs` threads
/// while the previous batch is written by the single writer in one transaction. A crash loses at
/// most the uncommitted batch, and a restart redoes exactly the articles whose status is missing
/// or stale — so the final rows do not depend on where a run was interrupted.
public struct ArchiveEnricher: Sendable {
    public let options: EnrichOptions
    private let tagDocument: @Sendable (Document) -> TaggedDocument
    let gazetteerChecksum: String
    let modelChecksum: String
    let tagger: String

    public init(pipeline: Pipeline, options: EnrichOptions) {
        let r = pipeline.resources
        self.init(options: options, gazetteerChecksum: r.gazetteerChecksum, modelChecksum: r.modelChecksum,
                  tagger: r.fingerprint, tag: { pipeline.process($0) })
    }

    /// Any tagging function (tests use one that adds mentions the real pipeline does not tag yet).
    init(options: EnrichOptions, gazetteerChecksum: String, modelChecksum: String, tagger: String,
         tag: @escaping @Sendable (Document) -> TaggedDocument) {
        self.options = options
        self.tagDocument = tag
        self.gazetteerChecksum = gazetteerChecksum
        self.modelChecksum = modelChecksum
        self.tagger = tagger
    }

    public func run(path: String, cancel: CancellationFlag = CancellationFlag(),
                    progress: @escaping @Sendable (EnrichProgress) -> Void = { _ in },
                    events: @escaping @Sendable (EnrichEvent) throws -> Void = { _ in }) throws -> EnrichSummary {
        let started = Date()
        let timeout = options.connection.busyTimeout
        let db = try options.connection.open(path: path)
        var summary = EnrichSummary()
        do {
            try ArchiveSchema.migrate(db)
            let source = try db.read { try options.source.resolve($0) }
            let tagger = self.tagger
            let runID = try db.write { db -> Int64 in
                try db.execute(sql: """
                    INSERT INTO metka_runs (started_at, state, metka_version, gazetteer_checksum, model_checksum, tagger, options)
                    VALUES (?, 'running', ?, ?, ?, ?, ?)
                    """, arguments: [Self.timestamp(started), Metka.version, gazetteerChecksum,
                                     modelChecksum, tagger, options.manifest(source)])
                return db.lastInsertedRowID
            }
            summary.runID = runID
            do {
                try process(db, source: source, tagger: tagger, runID: runID, summary: &summary,
                            cancel: cancel, progress: progress, events: events)
                summary.seconds = Date().timeIntervalSince(started)
            } catch {
                // Best effort: leave a trace that this run did not finish. A SIGKILL leaves 'running'.
                try? db.write { try $0.execute(sql: "UPDATE metka_runs SET state = 'failed', finished_at = ? WHERE id = ?",
                                               arguments: [Self.timestamp(Date()), runID]) }
                throw error
            }
        } catch {
            throw ArchiveConnection.map(error, path: path, busyTimeout: timeout)
        }
        return summary
    }

    struct Pending {
        let row: ArticleRow
        let hash: String
        let replaces: Bool
    }

    private func process(_ db: DatabaseQueue, source: ResolvedSource, tagger: String, runID: Int64,
                         summary: inout EnrichSummary, cancel: CancellationFlag,
                         progress: @escaping @Sendable (EnrichProgress) -> Void,
                         events: @escaping @Sendable (EnrichEvent) throws -> Void) throws {
        var known: [DatabaseValue: (hash: String, tagger: String)] = [:]
        try db.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT article_id, content_hash, tagger FROM metka_article_status")
            while let row = try rows.next() { known[row[0] as DatabaseValue] = (row[1], row[2]) }
            summary.progress.total = try Int.fetchOne(db, sql: source.countSQL) ?? 0
        }
        let writer = BatchWriter(db: db, writer: ArchiveWriter(runID: runID, tagger: tagger), events: events)
        var seen = Set<DatabaseValue>()
        var pending: [Pending] = []
        var pendingBytes = 0
        var cursor: DatabaseValue?
        let pageSize = 1000

        func flush() throws {
            guard !pending.isEmpty else { return }
            let results = tag(pending)
            pending.removeAll(keepingCapacity: true)
            pendingBytes = 0
            let counts = try writer.submit(results)
            summary.mentions = counts.mentions
            summary.topics = counts.topics
            for r in results {
                if case .success = r.outcome { summary.progress.tagged += 1 } else { summary.progress.failed += 1 }
                if case .failure(let f) = r.outcome, summary.failures.count < 20 {
                    summary.failures.append((ArticleRow.string(r.articleID) ?? "?", f.message))
                }
            }
            progress(summary.progress)
        }

        pages: while !cancel.isCancelled {
            let sql = source.pageSQL(first: cursor == nil)
            let rows: [ArticleRow] = try db.read { db in
                let args: StatementArguments = cursor.map { [$0, pageSize] } ?? [pageSize]
                let fetched = try Row.fetchAll(db, sql: sql, arguments: args)
                if let last = fetched.last { cursor = last[0] as DatabaseValue }
                return fetched.map { ArticleRow(id: $0[1], text: $0[2], title: $0[3], date: $0[4], storedBytes: $0[5]) }
            }
            if rows.isEmpty { break }
            for row in rows {
                summary.progress.seen += 1
                if row.id.isNull { summary.nullIDs += 1; continue }
                if !seen.insert(row.id).inserted { summary.duplicateIDs += 1; continue }
                let hash = row.contentHash
                let previous = known[row.id]
                if !options.force, let previous, previous.hash == hash, previous.tagger == tagger {
                    summary.progress.unchanged += 1
                    continue
                }
                pending.append(Pending(row: row, hash: hash, replaces: previous != nil))
                if case .string(let s) = row.text.storage { pendingBytes += s.utf8.count }
                if pending.count >= options.batchSize || pendingBytes >= 32 << 20 {
                    try flush()
                    if cancel.isCancelled { break pages }
                }
            }
            progress(summary.progress)
        }
        if !cancel.isCancelled { try flush() }
        let counts = try writer.finish()
        summary.mentions = counts.mentions
        summary.topics = counts.topics
        summary.interrupted = cancel.isCancelled

        // Final transaction: drop rows of articles no longer in the input, entities no longer
        // mentioned, and close the run record. Done on every complete run (even one with nothing
        // to tag), so a run killed just before this point is finished by the next one.
        let finished = Self.timestamp(Date())
        let s = summary
        summary.removed = try db.write { db -> Int in
            var removed = 0
            if !s.interrupted {
                let q = SQLIdentifier.quote
                let gone = "SELECT article_id FROM metka_article_status WHERE article_id NOT IN (SELECT \(q(source.id)) FROM \(q(source.table)) WHERE \(q(source.id)) IS NOT NULL)"
                try db.execute(sql: "DELETE FROM metka_mentions WHERE article_id IN (\(gone))")
                try db.execute(sql: "DELETE FROM metka_article_topics WHERE article_id IN (\(gone))")
                try db.execute(sql: "DELETE FROM metka_article_status WHERE article_id IN (\(gone))")
                removed = db.changesCount
                try db.execute(sql: "DELETE FROM metka_entities WHERE NOT EXISTS (SELECT 1 FROM metka_mentions m WHERE m.entity_id = metka_entities.id)")
            }
            try db.execute(sql: """
                UPDATE metka_runs SET finished_at = ?, state = ?, articles_seen = ?, articles_tagged = ?,
                    articles_failed = ?, articles_unchanged = ? WHERE id = ?
                """, arguments: [finished, s.interrupted ? "interrupted" : "finished", s.progress.seen, s.progress.tagged,
                                 s.progress.failed, s.progress.unchanged, runID])
            try events(.finishing)
            return removed
        }
    }

    /// Tags a batch on `jobs` threads; results keep the batch order. Shared by both stores.
    func tag(_ batch: [Pending]) -> [ArticleResult] {
        let slots = UnsafeMutableBufferPointer<ArticleResult?>.allocate(capacity: batch.count)
        slots.initialize(repeating: nil)
        defer { slots.deallocate() }
        let out = SlotWriter(slots)
        let maxBytes = options.maxBytes
        let tagDocument = self.tagDocument
        let work: @Sendable (Int) -> Void = { i in
            let p = batch[i]
            let outcome: Result<TaggedDocument, ArticleFailure>
            var chars: Int?
            switch p.row.document(maxBytes: maxBytes) {
            case .success(let doc):
                chars = doc.text.unicodeScalars.count
                outcome = .success(tagDocument(doc))
            case .failure(let f):
                outcome = .failure(f)
            }
            out.set(i, ArticleResult(articleID: p.row.id, contentHash: p.hash, replaces: p.replaces, chars: chars, outcome: outcome))
        }
        let jobs = max(1, min(options.jobs, batch.count))
        if jobs == 1 {
            for i in batch.indices { work(i) }
        } else {
            // Strided, not chunked: article sizes vary a lot and neighbours tend to be alike.
            DispatchQueue.concurrentPerform(iterations: jobs) { w in
                var i = w
                while i < batch.count { work(i); i += jobs }
            }
        }
        return slots.map { $0! }
    }

    static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: date)
    }
}

/// Each slot is written by exactly one worker and read after `concurrentPerform` returns.
private struct SlotWriter: @unchecked Sendable {
    let slots: UnsafeMutableBufferPointer<ArticleResult?>
    init(_ slots: UnsafeMutableBufferPointer<ArticleResult?>) { self.slots = slots }
    func set(_ i: Int, _ value: ArticleResult) { slots[i] = value }
}

/// The single writer thread: batch k is written (one transaction) while batch k+1 is tagged.
/// At most one batch is in flight, so memory stays bounded and an error surfaces one batch later.
private final class BatchWriter: @unchecked Sendable {
    private let db: DatabaseQueue
    private let writer: ArchiveWriter
    private let events: @Sendable (EnrichEvent) throws -> Void
    private let queue = DispatchQueue(label: "metka.archive.writer")
    private let slot = DispatchSemaphore(value: 1)
    private let lock = NSLock()
    private var error: Error?
    private var counts = ArchiveWriter.Counts()
    private var index = 0

    init(db: DatabaseQueue, writer: ArchiveWriter, events: @escaping @Sendable (EnrichEvent) throws -> Void) {
        self.db = db
        self.writer = writer
        self.events = events
    }

    /// Waits for the previous batch, rethrows its error, then starts writing `results`.
    /// Returns the totals of the batches written so far.
    func submit(_ results: [ArticleResult]) throws -> ArchiveWriter.Counts {
        slot.wait()
        lock.lock()
        let failure = error
        let soFar = counts
        lock.unlock()
        if let failure { slot.signal(); throw failure }
        let batchIndex = index
        index += 1
        queue.async { [self] in
            defer { slot.signal() }
            do {
                let c = try db.write { db -> ArchiveWriter.Counts in
                    let c = try writer.write(results, db)
                    try events(.batchWritten(index: batchIndex))
                    return c
                }
                try events(.batchCommitted(index: batchIndex))
                lock.lock()
                counts.mentions += c.mentions
                counts.topics += c.topics
                lock.unlock()
            } catch {
                writer.discardCache()
                lock.lock()
                self.error = error
                lock.unlock()
            }
        }
        return soFar
    }

    /// Waits for the last batch and rethrows its error.
    func finish() throws -> ArchiveWriter.Counts {
        slot.wait()
        defer { slot.signal() }
        lock.lock()
        defer { lock.unlock() }
        if let error { throw error }
        return counts
    }
}
