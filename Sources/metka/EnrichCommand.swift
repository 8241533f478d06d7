import ArgumentParser
import Dispatch
import Foundation
import MetkaArchive
import MetkaCore

/// `metka enrich ARCHIVE.sqlite` or `metka enrich postgres://…`: tags new and changed articles
/// of an archive into Metka's own `metka_*` tables (see docs/archive.md, docs/postgres.md).
struct EnrichCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enrich",
        abstract: "Tag the articles of an SQLite or PostgreSQL archive into metka_* tables (incremental, resumable).",
        discussion: """
            Reads articles(id, title, body, published_at) unless the column flags say otherwise, and
            writes metka_runs, metka_entities, metka_mentions, metka_article_topics and
            metka_article_status. The archive's own tables are never modified. A re-run tags only
            new or changed articles (content hash) and articles tagged by another Metka version or
            data; --force re-tags everything. Each batch is one transaction: a killed run loses
            at most one batch and the next run picks up where it stopped. Ctrl-C finishes the
            current batch and stops.
            PostgreSQL: pass postgres://user[:password]@host:port/database (or the password in
            PGPASSWORD). Any number of `metka enrich` processes, on any machines, share a run;
            --workers N starts N local worker processes (see docs/postgres.md).
            Exit codes: 0 done, 1 some articles failed (recorded in metka_article_status.error),
            2 usage/database/data error, 130 interrupted (Ctrl-C/SIGTERM; committed work is kept).
            """
    )

    @Argument(help: "The SQLite archive file, or postgres://user[:password]@host[:port]/database.")
    var archive: String

    @OptionGroup var sourceOptions: SourceOptions

    @OptionGroup var data: DataOptions

    @Flag(help: "Re-tag every article, even unchanged ones.")
    var force = false

    @Flag(help: "Switch the archive to WAL journal mode (persistent); otherwise the journal mode is left as it is.")
    var wal = false

    @Option(help: "Tagging threads (default: all cores, shared among --workers). Writing is always one thread.")
    var jobs: Int?

    @Option(help: "PostgreSQL only: worker processes to start on this machine (each claims batches; default 1).")
    var workers: Int = 1

    @Option(help: "Articles per transaction.")
    var batchSize: Int = EnrichOptions().batchSize

    @Option(help: "Largest article text accepted, in bytes; larger ones are recorded as failed.")
    var maxBytes: Int = RecordDecoder.defaultMaxBytes

    @Flag(help: "Print statistics of Metka's tables in the archive instead of enriching.")
    var stats = false

    @Flag(help: "No summary on stderr (errors are still reported).")
    var quiet = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if workers < 1 { throw ValidationError("--workers must be at least 1") }
        if workers > 1 && !PostgresURL.isPostgres(archive) {
            throw ValidationError("--workers needs a PostgreSQL archive (postgres://…); an SQLite archive has one writer")
        }
        if batchSize < 1 { throw ValidationError("--batch-size must be at least 1") }
        if maxBytes < 1 { throw ValidationError("--max-bytes must be positive") }
        if sourceOptions.busyTimeout < 0 { throw ValidationError("--busy-timeout must not be negative") }
    }

    func run() throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        if workers > 1 {
            let status = WorkerPool.run(count: workers, archive: archive, jobs: jobs ?? max(1, cores / workers))
            if status != 0 { throw ExitCode(status) }
            return
        }
        let store: any ArchiveStore
        do {
            store = try ArchiveStores.open(archive, workers: Int(ProcessInfo.processInfo.environment["METKA_WORKERS"] ?? "") ?? 1)
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(ExitStatus.usageOrIO)
        }
        if stats && !(store is SQLiteStore) {
            Diagnostics.error("--stats is not available for PostgreSQL archives yet; query the metka_* tables with SQL (docs/postgres.md)")
            throw ExitCode(ExitStatus.usageOrIO)
        }
        let pipeline = try data.makePipeline()
        let connection = ArchiveConnection(busyTimeout: sourceOptions.busyTimeout, wal: wal)
        if stats {
            do {
                let s = try ArchiveStats.read(path: archive, source: sourceOptions.source, tagger: pipeline.resources.fingerprint,
                                              connection: ArchiveConnection(busyTimeout: sourceOptions.busyTimeout))
                print(StatsReport.render(s), terminator: "")
            } catch {
                Diagnostics.error("\(error)")
                throw ExitCode(ExitStatus.usageOrIO)
            }
            return
        }

        var options = EnrichOptions()
        options.source = sourceOptions.source
        options.connection = connection
        options.force = force
        options.jobs = jobs ?? cores
        options.batchSize = batchSize
        options.maxBytes = maxBytes
        let cancel = CancellationFlag()
        let signals = SignalWatcher(cancel: cancel)
        let bar = ProgressBar()
        let hook = TestKillHook(ProcessInfo.processInfo.environment["METKA_TEST_KILL_AT"])
        let summary: EnrichSummary
        do {
            summary = try store.enrich(
                ArchiveEnricher(pipeline: pipeline, options: options), cancel: cancel,
                progress: { p in bar.update(done: p.seen, total: p.total, detail: "tagged \(p.tagged), failed \(p.failed)") },
                events: { hook.fire($0) })
        } catch {
            bar.finish()
            Diagnostics.error("\(error)")
            throw ExitCode(ExitStatus.usageOrIO)
        }
        signals.stop()
        bar.finish()
        if !quiet {
            let p = summary.progress
            var line = "metka enrich: run \(summary.runID): \(p.seen) articles, \(p.tagged) tagged, \(p.unchanged) unchanged, \(p.failed) failed; "
            line += "\(summary.mentions) mentions, \(summary.topics) topics written"
            if summary.removed > 0 { line += "; \(summary.removed) removed (gone from the table)" }
            line += String(format: " in %.1f s", summary.seconds)
            Diagnostics.note(line)
            if summary.nullIDs > 0 { Diagnostics.note("metka enrich: \(summary.nullIDs) rows with a NULL id were skipped") }
            if summary.duplicateIDs > 0 { Diagnostics.note("metka enrich: \(summary.duplicateIDs) rows repeat an earlier id and were skipped") }
            for (id, message) in summary.failures.prefix(5) { Diagnostics.note("metka enrich: failed: id \(id): \(message)") }
            if p.failed > 5 { Diagnostics.note("metka enrich: … see metka_article_status.error for all \(p.failed) failures") }
            if summary.interrupted { Diagnostics.note("metka enrich: interrupted; committed batches are kept, run again to continue") }
        }
        if summary.interrupted { throw ExitCode(130) }
        if summary.progress.failed > 0 { throw ExitCode(ExitStatus.someRecordsFailed) }
    }
}

/// SIGINT/SIGTERM → finish the current batch and stop. A second signal ends the process at once
/// (SQLite's journal keeps the archive consistent either way).
final class SignalWatcher {
    private var sources: [DispatchSourceSignal] = []

    init(cancel: CancellationFlag) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                if cancel.isCancelled {
                    signal(sig, SIG_DFL)
                    raise(sig)
                }
                cancel.cancel()
                Diagnostics.note("metka enrich: stopping after the current batch (again to abort)")
            }
            source.resume()
            sources.append(source)
        }
    }

    func stop() {
        for s in sources { s.cancel() }
        for sig in [SIGINT, SIGTERM] { signal(sig, SIG_DFL) }
    }
}

/// `METKA_TEST_KILL_AT=written:N|committed:N|finishing`: the crash-safety tests SIGKILL the
/// process at exact points of a run (inside batch N's transaction, right after its commit, inside
/// the final transaction). Unset in normal use.
struct TestKillHook: Sendable {
    let point: String?
    init(_ value: String?) { point = value?.isEmpty == false ? value : nil }

    func fire(_ event: EnrichEvent) {
        guard let point else { return }
        let name: String
        switch event {
        case .batchWritten(let i): name = "written:\(i)"
        case .batchCommitted(let i): name = "committed:\(i)"
        case .finishing: name = "finishing"
        }
        if name == point { kill(getpid(), SIGKILL) }
    }
}
