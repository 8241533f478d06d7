import ArgumentParser
import Foundation
import MetkaArchive
import MetkaCore

/// `metka archive import|export`: moving articles into and results out of an SQLite archive.
struct ArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Create an archive from JSON Lines, or export enrichment results.",
        subcommands: [ArchiveImportCommand.self, ArchiveExportCommand.self]
    )
}

struct ArchiveImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "JSON Lines ({\"id\", \"text\", \"title\", \"published\"}) → a NEW archive with articles(id, title, body, published_at).",
        discussion: "Refuses an existing file. Lines that are not JSON objects, or repeat an id, are reported and skipped (exit 1)."
    )

    @Argument(help: "The archive to create.")
    var archive: String

    @Option(help: "JSON Lines file to read (default: stdin).")
    var input: String?

    /// The first 20 problems are listed; the rest only counted, so a bad file cannot flood the terminal.
    private func report(_ n: Int, _ message: String) {
        if n <= 20 { Diagnostics.error(message) }
    }

    func run() throws {
        let fd: Int32
        if let input {
            fd = open(input, O_RDONLY)
            if fd < 0 {
                Diagnostics.error("\(input): \(String(cString: strerror(errno)))")
                throw ExitCode(ExitStatus.usageOrIO)
            }
        } else {
            fd = 0
        }
        var skipped = 0
        let count: Int
        do {
            let importer = try ArchiveImporter(path: archive)
            var reader = LineReader(fd: fd, maxLineBytes: 256 << 20)
            var lineNumber = 0
            while let next = reader.next() {
                lineNumber += 1
                switch next {
                case .tooLong(let n):
                    skipped += 1
                    report(skipped, "line \(lineNumber): record of \(n) bytes is too large")
                case .line(let bytes):
                    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                    if let problem = try importer.add(jsonLine: bytes[...], line: lineNumber) {
                        skipped += 1
                        report(skipped, "line \(lineNumber): \(problem); skipped")
                    }
                }
            }
            if reader.readError != 0 {
                Diagnostics.error("reading input failed: \(String(cString: strerror(reader.readError)))")
                throw ExitCode(ExitStatus.usageOrIO)
            }
            count = try importer.finish()
        } catch let e as ExitCode {
            throw e
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(ExitStatus.usageOrIO)
        }
        if skipped > 20 { Diagnostics.error("\(skipped - 20) more lines skipped (not listed)") }
        Diagnostics.note("metka archive import: \(count) articles imported into \(archive)" + (skipped > 0 ? ", \(skipped) lines skipped" : ""))
        if skipped > 0 { throw ExitCode(ExitStatus.someRecordsFailed) }
    }
}

struct ArchiveExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the enrichment results of an archive to stdout, one JSON line per article.",
        discussion: "Entity ids are archive-wide (metka_entities.id). Failed articles yield {\"id\", \"error\"}; articles not yet enriched are left out."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl }

    @Argument(help: "The SQLite archive.")
    var archive: String

    @OptionGroup var sourceOptions: SourceOptions

    @Option(help: "Output format.")
    var format: Format = .jsonl

    @Flag(help: "Include each article's text.")
    var withText = false

    func run() throws {
        var options = ArchiveExporter.Options()
        options.source = sourceOptions.source
        options.connection = ArchiveConnection(busyTimeout: sourceOptions.busyTimeout)
        options.includeText = withText
        let sink = OutputSink(fd: 1)
        do {
            try ArchiveExporter.export(path: archive, options: options) { sink.write($0) }
        } catch {
            sink.flush()
            Diagnostics.error("\(error)")
            throw ExitCode(ExitStatus.usageOrIO)
        }
        sink.flush()
        if sink.failed {
            Diagnostics.error("writing stdout failed")
            throw ExitCode(ExitStatus.usageOrIO)
        }
    }
}
