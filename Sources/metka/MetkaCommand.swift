import ArgumentParser
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
        subcommands: [TagCommand.self, EvalCommand.self, GazetteerCommand.self, EnrichCommand.self, ArchiveCommand.self],
        defaultSubcommand: nil
    )
}

/// Exit codes shared by all commands (documented in `metka --help` and the README).
enum ExitStatus {
    static let ok: Int32 = 0
    static let someRecordsFailed: Int32 = 1
    static let usageOrIO: Int32 = 2
}
