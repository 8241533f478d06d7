import ArgumentParser
import Foundation
import MetkaCore

/// Options every tagging command shares: where user gazetteers are.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("gazetteer"),
            help: "A user gazetteer folder (with its own index.tsv); repeatable. Also METKA_GAZETTEERS=PATH:PATH.")
    var gazetteers: [String] = []

    @Flag(name: .customLong("no-entity-model"), help: "Tag entities with rules alone (skip Models/ner).")
    var noEntityModel = false

    var userGazetteerFolders: [URL] {
        let env = ProcessInfo.processInfo.environment["METKA_GAZETTEERS"]?.split(separator: ":").map(String.init) ?? []
        return (env + gazetteers).filter { !$0.isEmpty }.map { URL(fileURLWithPath: $0) }
    }

    /// Loads the pipeline, printing data diagnostics as warnings; exits 2 when data is missing.
    func makePipeline() throws -> Pipeline {
        do {
            let pipeline = try Pipeline(dataRoot: try DataLocator.dataRoot(), userGazetteers: userGazetteerFolders, entityModel: !noEntityModel)
            for d in pipeline.resources.diagnostics { Diagnostics.error("warning: \(d)") }
            return pipeline
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(ExitStatus.usageOrIO)
        }
    }
}
