import ArgumentParser
import Foundation
import MetkaArchive
import MetkaCore

/// `metka cooccur`: tagged JSON Lines (files or stdin) or an enriched archive (`--db`) → entity co-occurrence report.
struct CooccurCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cooccur",
        abstract: "Entity co-occurrence report from tagged JSON Lines (`metka tag` output) or an enriched archive (--db).",
        discussion: """
            Nodes are canonical entities, merged across documents by kb id when present, else by
            (type, canonical name). A pair's count is the number of units (articles, paragraphs or
            sentences) where both occur. N is the number of units with at least one counted entity.
            Measures (log base 2): PMI = log2(c(ab)·N / (c(a)·c(b))); NPMI = PMI / −log2(c(ab)/N);
            Dice = 2c(ab)/(c(a)+c(b)); Jaccard = c(ab)/(c(a)+c(b)−c(ab)).
            With --slice, counts are also given per period and `trend` is the least-squares slope of
            the count per 1000 units over the slice index; undated documents are then skipped.
            With --db, the archive's Metka tables (written by `metka enrich`) are read instead, with the
            same result as over `metka archive export` of that archive; dates come from the article
            table (--table, --id-column, --date-column as for enrich).
            Formats: csv (Gephi nodes.csv + edges.csv, needs --output DIR), json, gexf (GEXF 1.3,
            dynamic when sliced), graphml, md, html (one offline file with an interactive graph);
            several comma-separated (--format json,html) write each into --output DIR from one count.
            With --from-report FILE, a JSON report (--format json, or the Spark job's cooccurrence.json)
            is rendered in the requested formats without counting again, byte for byte as the run that
            wrote it would have written them. The report fixes what was counted and selected, so the
            options that choose it are refused with --from-report (usage error): input files, --db,
            --unit, --types, --topic, --from, --to, --include-boilerplate, --slice, --min-count, --top-k,
            --max-nodes, --sort.
            Exit codes: 0 ok, 1 some input lines could not be read (reported on stderr), 2 usage/I-O error
            or a report --from-report cannot use.
            """
    )

    @Argument(help: "Tagged JSON Lines files (default: stdin; '-' is stdin).")
    var files: [String] = []

    @Option(help: "Read an enriched SQLite archive (metka enrich) instead of JSON Lines.")
    var db: String?

    @Option(help: ArgumentHelp("Render a JSON co-occurrence report (from --format json or the Spark job) instead of counting ('-' is stdin).",
                               valueName: "report.json"))
    var fromReport: String?

    @OptionGroup var sourceOptions: SourceOptions

    // Options with a default are optionals (default applied in `parsed…`), so that
    // --from-report can tell whether they were given.
    @Option(help: "Unit of co-occurrence: article, paragraph, sentence (default: article).")
    var unit: String?

    @Option(help: "Entity types to count, comma-separated (PER, ORG, LOC, DATE; default: PER,ORG,LOC).")
    var types: String?

    @Option(name: .customLong("topic"), help: "Keep documents with this topic id (repeatable: any of them).")
    var topics: [String] = []

    @Option(help: "First publication date to count (YYYY-MM-DD, inclusive).")
    var from: String?

    @Option(help: "Last publication date to count (YYYY-MM-DD, inclusive).")
    var to: String?

    @Flag(help: "Count mentions in boilerplate blocks too (excluded by default).")
    var includeBoilerplate = false

    @Option(help: "Smallest pair count an edge needs (default: 1).")
    var minCount: Int?

    @Option(help: "Keep an edge when it is among the K best (by --sort) of either endpoint.")
    var topK: Int?

    @Option(help: "Only the N most frequent entities become nodes.")
    var maxNodes: Int?

    @Option(help: "Edge ranking: count, pmi, npmi, dice, jaccard (default: count).")
    var sort: String?

    @Option(help: "Time slices: week, month, year.")
    var slice: String?

    @Option(help: "Output format: csv, json, gexf, graphml, md, html; comma-separated for several (with --output DIR).")
    var format: String = "md"

    @Option(help: "Output file, or directory (csv and several formats need one; others write cooccurrence.<ext> into it). Default: stdout.")
    var output: String?

    @Option(help: "Parser threads (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Longest accepted input line in bytes.")
    var maxLineBytes: Int = 64 << 20

    @Flag(help: "Print counts, time and peak memory on stderr.")
    var stats = false

    func parsedUnit() throws -> CooccurrenceUnit {
        let unit = unit ?? "article"
        guard let u = CooccurrenceUnit(rawValue: unit) else { throw ValidationError("--unit must be article, paragraph or sentence, got '\(unit)'") }
        return u
    }

    func parsedTypes() throws -> Set<EntityType> {
        var set: Set<EntityType> = []
        for part in (types ?? "PER,ORG,LOC").split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces).uppercased()
            guard let t = EntityType(rawValue: name) else { throw ValidationError("--types: unknown type '\(part)' (PER, ORG, LOC, DATE)") }
            set.insert(t)
        }
        guard !set.isEmpty else { throw ValidationError("--types must name at least one type") }
        return set
    }

    func validate() throws {
        _ = try parsedUnit()
        _ = try parsedTypes()
        for (flag, value) in [("--from", from), ("--to", to)] {
            if let value, CalendarDate(iso: value) == nil { throw ValidationError("\(flag) must be a date YYYY-MM-DD, got '\(value)'") }
        }
        if let sort, CooccurrenceMeasure(rawValue: sort) == nil { throw ValidationError("--sort must be count, pmi, npmi, dice or jaccard, got '\(sort)'") }
        if let slice, TimeSliceKind(rawValue: slice) == nil { throw ValidationError("--slice must be week, month or year, got '\(slice)'") }
        let formats = try parsedFormats()
        if output == nil, let f = formats.first(where: \.isMultiFile) {
            throw ValidationError("--format \(f.rawValue) writes \(f.fileNames.joined(separator: " and ")): give --output DIR")
        }
        if output == nil && formats.count > 1 { throw ValidationError("several formats write several files: give --output DIR") }
        if let minCount, minCount < 1 { throw ValidationError("--min-count must be at least 1") }
        if let topK, topK < 1 { throw ValidationError("--top-k must be at least 1") }
        if let maxNodes, maxNodes < 1 { throw ValidationError("--max-nodes must be at least 1") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if maxLineBytes < 1 { throw ValidationError("--max-line-bytes must be positive") }
        if db != nil && !files.isEmpty { throw ValidationError("give either --db ARCHIVE or JSON Lines files, not both") }
        if fromReport != nil {
            let given: [(String, Bool)] = [
                ("input files", !files.isEmpty), ("--db", db != nil), ("--unit", unit != nil), ("--types", types != nil),
                ("--topic", !topics.isEmpty), ("--from", from != nil), ("--to", to != nil),
                ("--include-boilerplate", includeBoilerplate), ("--slice", slice != nil), ("--min-count", minCount != nil),
                ("--top-k", topK != nil), ("--max-nodes", maxNodes != nil), ("--sort", sort != nil),
            ]
            let refused = given.filter(\.1).map(\.0)
            if !refused.isEmpty {
                throw ValidationError("--from-report renders the report as it was counted and selected: "
                                      + refused.joined(separator: ", ") + (refused.count == 1 ? " does" : " do")
                                      + " not apply (count again without --from-report to change them)")
            }
        }
    }

    /// `--format`: one format, or several comma-separated (each once, in the order given).
    func parsedFormats() throws -> [CooccurrenceFormat] {
        var formats: [CooccurrenceFormat] = []
        for part in format.split(separator: ",", omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let f = CooccurrenceFormat(rawValue: name) else {
                throw ValidationError("--format must be csv, json, gexf, graphml, md or html (comma-separated for several), got '\(name)'")
            }
            if !formats.contains(f) { formats.append(f) }
        }
        return formats
    }

    func run() throws {
        let started = Date()
        let formats = try parsedFormats()
        if let fromReport { return try render(reportAt: fromReport, formats: formats, started: started) }
        let filter = CooccurrenceFilter(unit: try parsedUnit(), types: try parsedTypes(), topics: Set(topics),
                                        from: from.flatMap { CalendarDate(iso: $0) }, to: to.flatMap { CalendarDate(iso: $0) },
                                        includeBoilerplate: includeBoilerplate, slice: slice.flatMap { TimeSliceKind(rawValue: $0) })
        let selection = CooccurrenceSelection(minCount: minCount ?? 1, topK: topK, sort: CooccurrenceMeasure(rawValue: sort ?? "count")!,
                                              maxNodes: maxNodes)
        // One format holds only the edges it writes; several share one full report, scoped per format.
        let scope = formats.count == 1 ? formats[0].edgeScope : .all
        // An archive can be read twice: sliced reports then count per-slice series in a second
        // pass, for the report's edges only (see CooccurrenceBuilder(seriesInSecondPass:)).
        let builder = CooccurrenceBuilder(filter: filter, seriesInSecondPass: db != nil)
        let parser = TaggedLineParser(unit: filter.unit)
        var failures = 0
        var lines = 0

        func report(_ message: String) {
            failures += 1
            if failures <= 20 { Diagnostics.error(message) }
            if failures == 21 { Diagnostics.error("further line errors are not shown") }
        }

        let inputs = db != nil ? [] : files.isEmpty ? ["-"] : files
        if let db {
            let summary: ArchiveCooccurrenceReader.Summary
            do {
                summary = try countArchive(db, builder: builder, selection: selection, scope: scope)
            } catch {
                Diagnostics.error("\(error)")
                throw ExitCode(ExitStatus.usageOrIO)
            }
            lines = summary.articles
            if summary.orphanMentions > 0 {
                Diagnostics.error("\(db): skipped \(summary.orphanMentions) mentions of articles without a status row (an interrupted run?)")
            }
        }
        for path in inputs {
            let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY)
            guard fd >= 0 else {
                Diagnostics.error("cannot open \(path): \(String(cString: strerror(errno)))")
                throw ExitCode(ExitStatus.usageOrIO)
            }
            defer { if fd != 0 { close(fd) } }
            let name = path == "-" ? "stdin" : path
            var reader = LineBlockReader(fd: fd, maxLineBytes: maxLineBytes)
            // Pipeline: while the builder counts block k on this thread, `jobs` workers parse block k+1.
            var pending: ParsedBlock?
            do {
                while true {
                    let block = reader.next()
                    let group = DispatchGroup()
                    let box = ParsedBlockBox()
                    if let block {
                        DispatchQueue.global().async(group: group) {
                            box.value = ParsedBlock.parse(block, parser: parser, jobs: jobs)
                        }
                    }
                    if let done = pending {
                        for item in done.items {
                            switch item {
                            case .record(let r): try builder.add(r)
                            case .skipped: break
                            case .failed(let line, let message): report("\(name):\(line): \(message)")
                            }
                        }
                        lines += done.lines
                    }
                    group.wait()
                    guard block != nil else { break }
                    pending = box.value
                }
            } catch let e as MetkaError {
                Diagnostics.error("\(e)")
                throw ExitCode(ExitStatus.usageOrIO)
            }
            if reader.readError != 0 {
                Diagnostics.error("reading \(name) failed: \(String(cString: strerror(reader.readError)))")
                throw ExitCode(ExitStatus.usageOrIO)
            }
        }
        let counted = Date()
        let counts = builder.finish()
        let result = CooccurrenceReport.build(from: counts, selection: selection, scope: scope)
        try write(result, formats: formats)
        if stats {
            var usage = rusage()
            getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
            let t1 = counted.timeIntervalSince(started), t2 = Date().timeIntervalSince(counted)
            // CPU of this (reading, counting, writing) thread vs the whole process: the first is the
            // serial critical path, so wall time on an otherwise idle machine is about max(main, total / cores).
            var thread = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &thread)
            let mainCPU = Double(thread.tv_sec) + Double(thread.tv_nsec) / 1e9
            let totalCPU = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
            Diagnostics.error(String(format: "cooccur: %d lines, %d documents, %d units, %d mentions, %d entities, %d pairs; report %d nodes, %d edges; wall: read+count %.2f s, select+write %.2f s; CPU: main thread %.2f s, process %.2f s; peak RSS %.0f MiB",
                                     lines, result.stats.documents, result.units, result.stats.mentions, result.entitiesTotal,
                                     result.pairsTotal, result.nodes.count, result.edgesTotal, t1, t2, mainCPU, totalCPU,
                                     Double(usage.ru_maxrss) / 1024))
        }
        if failures > 0 { throw ExitCode(ExitStatus.someRecordsFailed) }
    }

    /// Counts the archive's records: this thread reads SQLite, a second thread counts the
    /// previous batch (at most two batches in flight, so memory stays bounded).
    private func countArchive(_ path: String, builder: CooccurrenceBuilder, selection: CooccurrenceSelection,
                              scope: CooccurrenceEdgeScope) throws -> ArchiveCooccurrenceReader.Summary {
        var reader = ArchiveCooccurrenceReader()
        reader.source = sourceOptions.source
        reader.connection = ArchiveConnection(busyTimeout: sourceOptions.busyTimeout)
        let counting = DispatchQueue(label: "metka.cooccur.count")
        let slots = DispatchSemaphore(value: 2)
        let failure = CountingFailure()
        let handoff = BuilderBox(builder)
        defer { counting.sync {} }
        let passes = builder.seriesInSecondPass ? 2 : 1
        let summary = try reader.read(path: path, filter: builder.filter, passes: passes, between: { _ in
            counting.sync {}
            if let e = failure.error { throw e }
            let totals = CooccurrenceReport.build(from: builder.finish(), selection: selection, scope: scope)
            builder.beginSeriesPass(for: totals)
        }) { pass, batch in
            if let e = failure.error { throw e }
            slots.wait()
            counting.async {
                defer { slots.signal() }
                guard failure.error == nil else { return }
                do {
                    if pass == 0 { for r in batch { try handoff.builder.add(r) } } else { for r in batch { try handoff.builder.addSeries(r) } }
                } catch { failure.error = error }
            }
        }
        counting.sync {}
        if let e = failure.error { throw e }
        return summary
    }

    /// Streams the report to stdout, to `--output FILE`, or into `--output DIR` (created if
    /// missing; always a directory for several formats), each format holding its own edge scope.
    /// A failure is reported on stderr and ends the command as an I/O error (exit 2).
    func write(_ report: CooccurrenceReport, formats: [CooccurrenceFormat]) throws {
        do {
            for format in formats {
                try write(report.scoped(to: format.edgeScope), format: format, intoDirectory: formats.count > 1)
            }
        } catch {
            Diagnostics.error("writing output failed: \(error)")
            throw ExitCode(ExitStatus.usageOrIO)
        }
    }

    private func write(_ report: CooccurrenceReport, format: CooccurrenceFormat, intoDirectory several: Bool) throws {
        let generator = "Metka \(Metka.version)"
        guard let output else {
            try format.write(report, generator: generator) { _ in TextSink { try FileDescriptorWriter.write(1, $0, name: "stdout") } }
            return
        }
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: output, isDirectory: &isDirectory)
        let intoDirectory = several || format.isMultiFile || (exists && isDirectory.boolValue) || output.hasSuffix("/")
        if intoDirectory { try fm.createDirectory(atPath: output, withIntermediateDirectories: true) }
        var opened: [Int32] = []
        defer { for fd in opened { close(fd) } }
        try format.write(report, generator: generator) { name in
            let path = intoDirectory ? URL(fileURLWithPath: output).appendingPathComponent(name).path : output
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else { throw MetkaError.io("cannot write \(path): \(String(cString: strerror(errno)))") }
            opened.append(fd)
            return TextSink { try FileDescriptorWriter.write(fd, $0, name: path) }
        }
    }
}

/// Writes whole buffers to a file descriptor, retrying short writes and EINTR.
enum FileDescriptorWriter {
    static func write(_ fd: Int32, _ bytes: [UInt8], name: String) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw MetkaError.io("writing \(name) failed: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }
}

/// A run of whole input lines in one buffer, about 8 MiB, with each line's range and number.
struct LineBlock: Sendable {
    enum Line: Sendable {
        case line(Range<Int>, number: Int)
        case tooLong(bytes: Int, number: Int)
    }
    var bytes: [UInt8]
    var lines: [Line]
}

/// Reads a file descriptor into blocks of whole lines. Memory stays bounded: a line longer than
/// `maxLineBytes` is not kept, only reported as `.tooLong`.
struct LineBlockReader {
    private let fd: Int32
    private let maxLineBytes: Int
    private let blockBytes = 8 << 20
    private var carry: [UInt8] = []
    private var skipping = 0
    private var lineNumber = 0
    private var eof = false
    private(set) var readError: Int32 = 0

    init(fd: Int32, maxLineBytes: Int) {
        self.fd = fd
        self.maxLineBytes = maxLineBytes
    }

    /// The next block, or nil at end of input (or after a read error, see `readError`).
    mutating func next() -> LineBlock? {
        var lines: [LineBlock.Line] = []
        var buffer = carry
        buffer.reserveCapacity(blockBytes + (2 << 20))
        carry = []
        var scanned = 0   // bytes of `buffer` already split into lines
        while true {
            // Split what we have.
            let (found, end) = buffer.withUnsafeBufferPointer { p -> ([LineBlock.Line], Int) in
                var found: [LineBlock.Line] = []
                var start = scanned
                while start < p.count, let hit = memchr(p.baseAddress! + start, 0x0A, p.count - start) {
                    let nl = UnsafeRawPointer(p.baseAddress!).distance(to: UnsafeRawPointer(hit))
                    lineNumber += 1
                    if skipping > 0 || nl - start > maxLineBytes {
                        found.append(.tooLong(bytes: skipping + nl - start, number: lineNumber))
                        skipping = 0
                    } else {
                        found.append(.line(start..<nl, number: lineNumber))
                    }
                    start = nl + 1
                }
                return (found, start)
            }
            lines += found
            scanned = end
            if buffer.count - scanned > maxLineBytes {
                // An over-long line: drop what we have of it and keep skipping to its end.
                skipping += buffer.count - scanned
                buffer.removeSubrange(scanned...)
            }
            if eof || (scanned >= blockBytes && !lines.isEmpty) { break }
            let old = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: 1 << 20))
            var n = -1
            repeat {
                n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + old, 1 << 20) }
            } while n < 0 && errno == EINTR
            buffer.removeLast((1 << 20) - max(0, n))
            if n < 0 { readError = errno; eof = true; break }
            if n == 0 {
                eof = true
                if scanned < buffer.count || skipping > 0 {
                    lineNumber += 1
                    if skipping > 0 || buffer.count - scanned > maxLineBytes {
                        lines.append(.tooLong(bytes: skipping + buffer.count - scanned, number: lineNumber))
                    } else {
                        lines.append(.line(scanned..<buffer.count, number: lineNumber))
                    }
                    skipping = 0
                    scanned = buffer.count
                }
                break
            }
        }
        if scanned < buffer.count {
            carry = Array(buffer[scanned...])
            buffer.removeSubrange(scanned...)
        }
        if lines.isEmpty && eof { return nil }
        return LineBlock(bytes: buffer, lines: lines)
    }
}

/// A block's lines turned into records (in line order), by `jobs` threads.
struct ParsedBlock: Sendable {
    enum Item: Sendable {
        case record(CooccurrenceRecord)
        /// A blank line (not a record) or an error record written by `metka tag`.
        case skipped(blank: Bool)
        case failed(line: Int, message: String)
    }
    var items: [Item]
    var lines: Int

    static func parse(_ block: LineBlock, parser: TaggedLineParser, jobs: Int) -> ParsedBlock {
        let parts = max(1, min(jobs, block.lines.count / 64 + 1))
        let results = ParsedItems(parts)
        let per = (block.lines.count + parts - 1) / parts
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var items: [Item] = []
            let range = (part * per)..<min(block.lines.count, (part + 1) * per)
            items.reserveCapacity(range.count)
            block.bytes.withUnsafeBufferPointer { all in
                for line in block.lines[range] {
                    switch line {
                    case .tooLong(let n, let number):
                        items.append(.failed(line: number, message: "line of \(n) bytes exceeds --max-line-bytes"))
                    case .line(let r, let number):
                        let bytes = UnsafeBufferPointer(rebasing: all[r])
                        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { items.append(.skipped(blank: true)); continue }
                        do {
                            if let record = try parser.parse(bytes) { items.append(.record(record)) } else { items.append(.skipped(blank: false)) }
                        } catch {
                            items.append(.failed(line: number, message: "\(error)"))
                        }
                    }
                }
            }
            results.set(part, items)
        }
        let items = results.joined()
        var lines = 0
        for item in items { if case .skipped(blank: true) = item {} else { lines += 1 } }
        return ParsedBlock(items: items, lines: lines)
    }
}

/// Per-thread result slots (each written by exactly one thread before `concurrentPerform` returns).
/// Raw storage, so concurrent writes to distinct slots involve no exclusivity-checked access.
final class ParsedItems: @unchecked Sendable {
    private let parts: UnsafeMutablePointer<[ParsedBlock.Item]>
    private let count: Int
    init(_ n: Int) {
        count = n
        parts = .allocate(capacity: n)
        parts.initialize(repeating: [], count: n)
    }
    deinit {
        parts.deinitialize(count: count)
        parts.deallocate()
    }
    func set(_ i: Int, _ items: [ParsedBlock.Item]) { parts[i] = items }
    func joined() -> [ParsedBlock.Item] { (0..<count).flatMap { parts[$0] } }
}

/// Hands a parsed block from the worker to the counting thread (the group wait orders the accesses).
final class ParsedBlockBox: @unchecked Sendable {
    var value: ParsedBlock?
}

/// The first error of the counting thread (read after `sync`, written on the counting queue only).
final class CountingFailure: @unchecked Sendable {
    var error: Error?
}

/// The builder handed to the counting queue; only that queue touches it until `sync` returns.
final class BuilderBox: @unchecked Sendable {
    let builder: CooccurrenceBuilder
    init(_ builder: CooccurrenceBuilder) { self.builder = builder }
}
