import ArgumentParser
import Foundation
import MetkaCore

/// `metka tag`: stdin (plain text or JSON Lines) → tagged documents on stdout.
struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Tag documents from stdin: plain text (one document) or JSON Lines.",
        discussion: """
            JSON Lines records: {"id", "text", optional "title", "published": "YYYY-MM-DD"}.
            Every input record yields exactly one output record, in input order; a record that
            cannot be processed yields {"id", "line", "error"} and a one-line message on stderr.
            Exit codes: 0 all records ok, 1 some records failed, 2 usage/I-O/data error.
            """
    )

    enum InputMode: String, ExpressibleByArgument, CaseIterable { case auto, text, jsonl }
    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, json, conll, brat, pretty, tokens }

    @Option(help: "Input kind: auto (a first non-blank '{' means JSON Lines), text, jsonl.")
    var input: InputMode = .auto

    @Option(help: "Output format: jsonl (default for JSON Lines), json (default for text), conll, brat, pretty, tokens.")
    var format: Format?

    @Option(help: "Publication date of a plain-text document (YYYY-MM-DD), the anchor for relative dates.")
    var published: String?

    @Option(help: "Id of a plain-text document.")
    var id: String = "stdin"

    @Option(help: "Largest document accepted, in bytes; larger ones are reported as failed records.")
    var maxBytes: Int = RecordDecoder.defaultMaxBytes

    @Option(help: ArgumentHelp("Line number of the first input line (JSON Lines).",
                               discussion: "A caller that splits one input into parts (a Spark partition) passes the part's first line number, so fallback ids (line-N) and error records' line numbers equal those of one run over the whole input."))
    var firstLine: Int = 1

    @Option(help: "Worker threads (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var data: DataOptions

    @Flag(help: "Add provenance details: the candidates each mention beat, the features behind each topic.")
    var explain = false

    @Flag(name: .customLong("no-boilerplate"), help: "Leave out mentions found in boilerplate blocks.")
    var noBoilerplate = false

    func validate() throws {
        if let published, CalendarDate(iso: published) == nil {
            throw ValidationError("--published must be a date YYYY-MM-DD, got '\(published)'")
        }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if maxBytes < 1 { throw ValidationError("--max-bytes must be positive") }
        if firstLine < 1 { throw ValidationError("--first-line must be at least 1") }
    }

    func run() throws {
        let pipeline = try data.makePipeline()
        // Never torn down: the process exits right after tagging, and freeing every loaded table
        // one by one cost ~18M instructions (~5 ms) at exit.
        _ = Unmanaged.passRetained(pipeline)
        var reader = LineReader(fd: 0, maxLineBytes: maxBytes)
        let mode: InputMode = input != .auto ? input : (reader.peekFirstNonBlank() == UInt8(ascii: "{") ? .jsonl : .text)
        let outputFormat = format ?? (mode == .jsonl ? .jsonl : .json)
        let sink = OutputSink(fd: 1)
        let renderer = Renderer(format: outputFormat, explain: explain, includeBoilerplate: !noBoilerplate,
                                color: isatty(1) != 0, multiDocument: mode == .jsonl)
        let decoder = RecordDecoder(maxBytes: maxBytes)
        var failures = 0

        if mode == .text {
            let (bytes, tooLarge) = reader.readAll(limit: maxBytes)
            let item: BatchItem
            if let total = tooLarge {
                item = .failed(id: id, line: nil, message: "document of \(total) bytes exceeds the limit of \(maxBytes) bytes (--max-bytes)")
            } else {
                do {
                    item = .document(try decoder.decodeText(bytes, id: id, published: published.flatMap { CalendarDate(iso: $0) }))
                } catch let e as RecordError {
                    item = .failed(id: e.id, line: nil, message: e.message)
                }
            }
            failures += BatchTagger(pipeline: pipeline, renderer: renderer, jobs: 1).run([item], into: sink)
        } else {
            let tagger = BatchTagger(pipeline: pipeline, renderer: renderer, jobs: jobs)
            var batch: [BatchItem] = []
            var batchBytes = 0
            var lineNumber = firstLine - 1
            while let next = reader.next() {
                lineNumber += 1
                switch next {
                case .tooLong(let n):
                    batch.append(.failed(id: nil, line: lineNumber, message: "record of \(n) bytes exceeds the limit of \(maxBytes) bytes (--max-bytes)"))
                case .line(let bytes):
                    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                        // Blank lines are not records (a trailing newline, spacing); they are skipped, not lost.
                        continue
                    }
                    batchBytes += bytes.count
                    batch.append(.raw(bytes, line: lineNumber))
                }
                if batch.count >= 256 || batchBytes >= 8 << 20 {
                    failures += tagger.run(batch, decoder: decoder, into: sink)
                    batch.removeAll(keepingCapacity: true)
                    batchBytes = 0
                }
            }
            failures += tagger.run(batch, decoder: decoder, into: sink)
            if reader.readError != 0 {
                sink.flush()
                Diagnostics.error("reading stdin failed: \(String(cString: strerror(reader.readError)))")
                throw ExitCode(ExitStatus.usageOrIO)
            }
        }
        sink.flush()
        if sink.failed {
            Diagnostics.error("writing stdout failed")
            throw ExitCode(ExitStatus.usageOrIO)
        }
        if failures > 0 { throw ExitCode(ExitStatus.someRecordsFailed) }
    }
}
