import ArgumentParser
import Foundation
import MetkaCore

/// `metka gazetteer check|expand|stats`.
struct GazetteerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazetteer",
        abstract: "Check, preview and count gazetteer lists.",
        subcommands: [Check.self, Expand.self, Stats.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report bad lines as file:line: message (exit 1 on errors).")

        @Argument(help: "Gazetteer folders to check (default: the bundled Gazetteers/).")
        var folders: [String] = []

        func run() throws {
            let roots = folders.isEmpty ? [try DataLocator.dataRoot().appendingPathComponent("Gazetteers").path] : folders
            var errors = 0, warnings = 0
            for root in roots {
                let prefix = folders.isEmpty ? "" : (root.hasSuffix("/") ? root : root + "/")
                let diagnostics: [GazetteerDiagnostic]
                do {
                    diagnostics = try GazetteerChecker.check(root: root, prefix: prefix)
                } catch {
                    Diagnostics.error("\(error)")
                    throw ExitCode(ExitStatus.usageOrIO)
                }
                for d in diagnostics.sorted(by: { $0.location < $1.location }) {
                    print(d.description)
                    if d.severity == .error { errors += 1 } else { warnings += 1 }
                }
            }
            print("\(errors) error(s), \(warnings) warning(s)")
            if errors > 0 { throw ExitCode(1) }
        }
    }

    struct Expand: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Preview every form a nominative entry matches (as the compiler generates them).")

        @Argument(help: "An entry as written in a list, e.g. \"Служба внешней разведки\" or \"=The Washington Post\".")
        var entry: String

        func run() throws {
            let root = try DataLocator.dataRoot()
            let morphology = try RussianMorphology.load(directory: root.appendingPathComponent("Models/morphology"))
            let alias = GazetteerAlias(parsing: entry[...])
            let forms = alias.exact ? [alias.plain] : morphology.phraseForms(alias.text)
            for f in forms { print(f) }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Entries, aliases and compiled forms per list.")

        @OptionGroup var data: DataOptions

        func run() throws {
            let pipeline = try data.makePipeline()
            let g = pipeline.resources.entityTagger.gazetteer
            var byList: [String: (entries: Int, aliases: Int)] = [:]
            for e in g.entries {
                byList[e.list, default: (0, 0)].entries += 1
                byList[e.list, default: (0, 0)].aliases += e.aliases.count
            }
            print("list\tentries\taliases")
            for (list, c) in byList.sorted(by: { $0.key < $1.key }) { print("\(list)\t\(c.entries)\t\(c.aliases)") }
            print("total\t\(g.entries.count)\t\(byList.values.map(\.aliases).reduce(0, +))")
            print("compiled: \(g.vocabulary.count) distinct token keys, \(g.trie.nodes) trie nodes, \(g.phrases.count) phrases")
        }
    }
}
