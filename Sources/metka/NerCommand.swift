import ArgumentParser
import Foundation
import MetkaCore

/// `metka ner train`: retrains the candidate re-scorer (`Models/ner/`) on NEREL train.
struct NerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner",
        abstract: "The learned entity-candidate model.",
        subcommands: [Train.self]
    )

    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train the candidate re-scorer on NEREL train (deterministic for a seed).",
            discussion: """
                Runs the rules and gazetteers over the training texts, labels every candidate with the
                type of the gold span it matches exactly (all nesting levels; lowercase gold spans such
                as «британской» or «полиция» count as non-names: Metka tags names, not descriptions),
                trains an averaged perceptron and writes candidates.bin + manifest.json. With dev files
                present it also scores them (rules alone and with the model) into the manifest; dev
                data is never trained on.
                """
        )

        @Option(help: "Shuffle seed.")
        var seed: UInt64 = 1

        @Option(help: "Perceptron epochs.")
        var epochs: Int = 10

        @Option(help: "Log2 of the hashed feature table size.")
        var bits: Int = 18

        @Option(help: "Training JSON Lines (default: ../shared/corpora/nerel/jsonl/train.jsonl from the data root).")
        var train: String?

        @Option(help: "Output folder (default: Models/ner in the data root).")
        var out: String?

        @Option(name: .customLong("retype-margin"), help: "Retype a candidate when another type wins by this margin (default: never).")
        var retypeMargin: Double?

        @Option(name: .customLong("proposal-margin"), help: "Add a capitalised span no rule found when the model types it as a name by this margin (default: off).")
        var proposalMargin: Double?

        @Flag(name: .customLong("no-dev"), help: "Skip scoring the dev sets.")
        var noDev = false

        @OptionGroup var data: DataOptions

        func run() throws {
            let root = try DataLocator.dataRoot()
            let shared = root.appendingPathComponent("../shared/corpora").standardizedFileURL
            let trainPath = train ?? shared.appendingPathComponent("nerel/jsonl/train.jsonl").path
            let outDir = out.map { URL(fileURLWithPath: $0) } ?? root.appendingPathComponent("Models/ner")
            guard (10...22).contains(bits) else { throw ValidationError("--bits must be in 10…22") }

            let rules = try Pipeline(dataRoot: root, userGazetteers: data.userGazetteerFolders, entityModel: false)
            let docs = try EvalCommand.readJSONL(trainPath)
            var examples: [CandidateModelTrainer.Example] = []
            for (id, obj) in docs {
                let text = obj["text"] as? String ?? ""
                let gold = NerCommand.nameSpans(obj, text: text)
                examples += rules.candidateExamples(Document(id: id, text: text), gold: gold, bits: bits)
            }
            var labels = [Int](repeating: 0, count: 4)
            for e in examples { labels[e.label] += 1 }
            var model = CandidateModelTrainer(seed: seed, epochs: epochs, bits: bits).train(examples)
            if let retypeMargin { model.retypeMargin = Float(retypeMargin) }
            if let proposalMargin { model.proposalMargin = Float(proposalMargin) }
            let bytes = model.serialized()

            var command = "metka ner train --seed \(seed) --epochs \(epochs) --bits \(bits)"
            if let retypeMargin { command += " --retype-margin \(retypeMargin)" }
            if let proposalMargin { command += " --proposal-margin \(proposalMargin)" }
            var manifest: [String: Any] = [
                "format": "metka-ner-candidates",
                "file": CandidateModel.fileName,
                "bytes": bytes.count,
                "fnv1a64": CandidateModel.checksum(bytes),
                "command": command,
                "seed": seed,
                "epochs": epochs,
                "bits": bits,
                "corpus": [
                    "name": "NEREL train (outer and nested gold, PER/LOC/ORG, capitalised names only)",
                    "path": NerCommand.relative(trainPath, to: shared),
                    "documents": docs.count,
                    "fnv1a64": NerCommand.fileChecksum(trainPath),
                ] as [String: Any],
                "examples": ["total": examples.count, "not_name": labels[0], "PER": labels[1], "LOC": labels[2], "ORG": labels[3]],
                "license": "Hashed feature weights derived from NEREL v1.1 train (no license stated upstream; texts from Russian Wikinews, CC BY; research use, cite the NEREL papers). No corpus text is stored.",
            ]
            if let retypeMargin { manifest["retype_margin"] = retypeMargin }
            if let proposalMargin { manifest["proposal_margin"] = proposalMargin }
            if !noDev {
                var withModel = rules.resources
                withModel.entityTagger.candidateModel = model
                let learned = Pipeline(resources: withModel)
                var dev: [String: Any] = [:]
                let sets: [(String, String, NERScorer.View)] = [
                    ("nerel_dev_outer", "nerel/jsonl/dev.jsonl", .outer),
                    ("factrueval_dev_naeval", "factrueval2016/jsonl/dev.naeval.jsonl", .all),
                ]
                for (name, path, view) in sets {
                    let file = shared.appendingPathComponent(path).path
                    guard FileManager.default.fileExists(atPath: file) else { continue }
                    let gold = try EvalCommand.readJSONL(file)
                    let scorer = NERScorer(view: view, types: ["PER", "LOC", "ORG"])
                    // Scored in the gold file's convention, as `metka eval` does by default.
                    let convention = EntityConvention.of(goldPath: path, fineTypes: [])
                    var entry: [String: Any] = ["path": path, "view": view.rawValue, "convention": convention.rawValue]
                    var r = rules.resources, m = learned.resources
                    r.entityTagger.convention = convention
                    m.entityTagger.convention = convention
                    for (label, pipeline) in [("rules", Pipeline(resources: r)), ("model", Pipeline(resources: m))] {
                        let report = scorer.score(gold: gold, predictions: try EvalCommand.predict(pipeline, gold, keepBytes: false).0)
                        var f1: [String: Any] = [:]
                        for t in scorer.types { f1[t] = NerCommand.round4(report.counts[t]?.f1 ?? 0) }
                        entry[label] = f1
                        Diagnostics.error("\(name) \(label): " + scorer.types.map { "\($0) \(f1[$0]!)" }.joined(separator: " "))
                    }
                    dev[name] = entry
                }
                manifest["dev_f1"] = dev
            }
            try FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: true)
            try bytes.write(to: outDir.appendingPathComponent(CandidateModel.fileName))
            let json = try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            try (json + Data([0x0A])).write(to: outDir.appendingPathComponent("manifest.json"))
            Diagnostics.error("examples \(examples.count) (not a name \(labels[0]), PER \(labels[1]), LOC \(labels[2]), ORG \(labels[3])); model \(bytes.count) bytes → \(outDir.path)")
        }
    }

    /// Gold PER/LOC/ORG spans of a corpus record that are names: the first character is not a
    /// lowercase letter (NEREL also tags «британской», «правительство», which Metka leaves alone).
    static func nameSpans(_ obj: [String: Any], text: String) -> Set<GoldSpan> {
        let scalars = Array(text.unicodeScalars)
        var out = Set<GoldSpan>()
        for e in obj["entities"] as? [[String: Any]] ?? [] {
            guard let coarse = e["coarse"] as? String, let type = EntityType(rawValue: coarse), type != .DATE,
                  let s = e["start"] as? Int, let t = e["end"] as? Int, s >= 0, s < t, t <= scalars.count else { continue }
            if scalars[s].properties.isLowercase { continue }
            out.insert(GoldSpan(start: Int32(s), end: Int32(t), type: type))
        }
        return out
    }

    static func relative(_ path: String, to base: URL) -> String {
        let p = URL(fileURLWithPath: path).standardizedFileURL.path
        let b = base.path.hasSuffix("/") ? base.path : base.path + "/"
        return p.hasPrefix(b) ? String(p.dropFirst(b.count)) : URL(fileURLWithPath: p).lastPathComponent
    }

    static func fileChecksum(_ path: String) -> String {
        CandidateModel.checksum(FileManager.default.contents(atPath: path) ?? Data())
    }

    static func round4(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
}
