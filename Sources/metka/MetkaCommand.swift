import ArgumentParser
import Foundation
import MetkaCore

/// `metka` — the command-line face of Metka. Commands only: parsing flags, stdin/stdout,
/// progress and exit codes; all work happens in the libraries.
@main
struct MetkaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metka",
        abstract: "Named-entity and topic tagger for Russian news.",
        discussion: """
            Exit codes:
              0  every record was processed
              1  some records failed (each failure is reported on stderr with its line/id,
                 and an {"id", "line", "error"} record takes its place in JSONL output)
              2  usage error, unreadable input or missing data files
            """,
        version: Metka.version,
        subcommands: [TagCommand.self, EvalCommand.self, GazetteerCommand.self, CooccurCommand.self, EnrichCommand.self, ArchiveCommand.self, TopicsCommand.self, NerCommand.self],
        defaultSubcommand: nil
    )

    /// ArgumentParser exits with 64 (EX_USAGE) on a usage error; Metka documents 2 for usage and
    /// I/O errors, so usage errors are mapped here. Help, version and every other exit are unchanged.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                var stderr = StandardError()
                print(fullMessage(for: error), to: &stderr)
                Foundation.exit(ExitStatus.usageOrIO)
            }
            exit(withError: error)
        }
    }
}

/// stderr as a `TextOutputStream` for `print(_:to:)`.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}

/// Exit codes shared by all commands (documented in `metka --help` and the README).
enum ExitStatus {
    static let ok: Int32 = 0
    static let someRecordsFailed: Int32 = 1
    static let usageOrIO: Int32 = 2
}
