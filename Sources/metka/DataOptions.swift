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

    @Option(help: ArgumentHelp("Entity convention: metka (names, the default for tag), factru (factRuEval-2016) or nerel (NEREL v1.1); see docs/entities.md. eval picks it from the gold file.",
                               valueName: "name"))
    var convention: String?

    /// The `--convention` value, or `fallback` when not given.
    func entityConvention(default fallback: EntityConvention = .metka) throws -> EntityConvention {
        guard let convention else { return fallback }
        guard let c = EntityConvention(rawValue: convention) else {
            throw ValidationError("--convention must be one of \(EntityConvention.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return c
    }

    var userGazetteerFolders: [URL] {
        let env = ProcessInfo.processInfo.environment["METKA_GAZETTEERS"]?.split(separator: ":").map(String.init) ?? []
        return (env + gazetteers).filter { !$0.isEmpty }.map { URL(fileURLWithPath: $0) }
    }

    /// Loads the pipeline, printing data diagnostics as warnings; exits 2 when data is missing.
    func makePipeline(convention fallback: EntityConvention = .metka) throws -> Pipeline {
        let convention = try entityConvention(default: fallback)
        do {
            var resources = try Resources.load(dataRoot: try DataLocator.dataRoot(), userGazetteers: userGazetteerFolders, entityModel: !noEntityModel)
            resources.entityTagger.convention = convention
            let pipeline = Pipeline(resources: resources)
            for d in pipeline.resources.diagnostics { Diagnostics.error("warning: \(d)") }
            return pipeline
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(ExitStatus.usageOrIO)
        }
    }
}
