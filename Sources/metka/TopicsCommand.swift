import ArgumentParser
import Foundation
import MetkaCore

/// `metka topics train|eval`: the topic model's training and evaluation (dev-time commands).
struct TopicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "Train and evaluate the topic classifier.",
        subcommands: [TopicsTrainCommand.self, TopicsEvalCommand.self, TopicsScoresCommand.self]
    )
}

/// Tags one training/evaluation example with the pipeline (segmentation and entity stages).
private func tagger(_ pipeline: Pipeline) -> (TopicExample) -> TaggedDocument {
    { e in pipeline.process(Document(id: e.id, text: e.text, title: e.title)) }
}

struct TopicsTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the topic model into Models/topics (deterministic for a given --seed).",
        discussion: """
            --data is JSON Lines {"id", "text", "labels": [...], optional "mask", "weight", "corpus"}
            as written by Scripts/topics/build_dataset.py (texts stay outside the repository).
            Thresholds and calibration come from cross-validation on --data; --dev is only scored
            and its metrics recorded in the manifest.
            """
    )

    @Option(help: "Training data (JSON Lines).")
    var data: String = "/work/data/topics/train.jsonl"

    @Option(help: "Held-out dev data to score after training (JSON Lines); not used for any choice.")
    var dev: String?

    @Option(help: "Random seed (shuffles, folds).")
    var seed: UInt64 = 1

    @Option(help: "SGD epochs.")
    var epochs: Int = 12

    @Option(help: "L2 regularization strength.")
    var l2: Double = 2e-5

    @Option(help: "Cross-validation folds for calibration and thresholds.")
    var folds: Int = 5

    @Option(help: "Largest vocabulary kept (most frequent features first).")
    var maxFeatures: Int = 120_000

    @Option(help: "Average the weights of this many final epochs (1 = last iterate).")
    var average: Int = 6

    @Option(help: "Output folder (default: Models/topics under the data root).")
    var out: String?

    func run() throws {
        do {
            let root = try DataLocator.dataRoot()
            let resources = try Resources.load(dataRoot: root, topics: false)
            let pipeline = Pipeline(resources: resources)
            let taxonomy = try TopicTaxonomy.load(root.appendingPathComponent(TopicClassifier.labelsPath))
            let termSource = StemTermSource()
            let lexicon = try TopicLexicon.load(directory: root.appendingPathComponent(TopicClassifier.lexiconDirectory),
                                                segmenter: resources.segmenter, termSource: termSource)
            let dataURL = URL(fileURLWithPath: data)
            let examples = try TopicDataset.load(dataURL)
            var options = TopicTrainer.Options()
            options.seed = seed
            options.epochs = epochs
            options.l2 = l2
            options.folds = folds
            options.maxFeatures = maxFeatures
            options.averageEpochs = average
            let extractor = TopicFeatureExtractor(termSource: termSource, lexicon: lexicon)
            let trainer = TopicTrainer(taxonomy: taxonomy, extractor: extractor, options: options)
            progressLine("training on \(examples.count) documents from \(data)")
            let result = trainer.train(examples, tag: tagger(pipeline)) { progressLine($0) }
            let modelBytes = TopicModelFile.encode(result.model)
            // Score dev with the model exactly as it will be loaded (half-precision weights).
            var devEval: TopicEvaluation?
            if let dev {
                let model = try TopicModelFile.decode(modelBytes, path: "model")
                let classifier = try TopicClassifier(taxonomy: taxonomy, model: model, extractor: extractor)
                devEval = classifier.evaluate(try TopicDataset.load(URL(fileURLWithPath: dev)), tag: tagger(pipeline))
            }
            let outDir = out.map { URL(fileURLWithPath: $0) } ?? root.appendingPathComponent(TopicClassifier.modelDirectory)
            try FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: true)
            let trainBytes = Array(try Data(contentsOf: dataURL))
            var command = "metka topics train --data \(data) --seed \(seed) --epochs \(epochs) --l2 \(l2) --folds \(folds) --max-features \(maxFeatures) --average \(average)"
            if let dev { command += " --dev \(dev)" }
            let manifest = TopicManifestWriter.encode(
                modelFile: TopicModelFile.modelName, modelBytes: modelBytes, termSource: termSource.id, lexicon: lexicon,
                taxonomy: taxonomy, result: result, options: options, command: command, trainData: dataURL.lastPathComponent,
                trainChecksum: FeatureHash.checksum(trainBytes), dev: devEval, devData: dev.map { URL(fileURLWithPath: $0).lastPathComponent })
            try Data(modelBytes).write(to: outDir.appendingPathComponent(TopicModelFile.modelName))
            try Data(manifest).write(to: outDir.appendingPathComponent(TopicModelFile.manifestName))
            print("model: \(outDir.appendingPathComponent(TopicModelFile.modelName).path) (\(modelBytes.count) bytes, \(result.model.featureCount) features)")
            print("cross-validation (gold training documents, out-of-fold):")
            print(result.crossValidation.report)
            if let devEval {
                print("dev (\(dev!)):")
                print(devEval.report)
            }
        } catch let e as MetkaError {
            Diagnostics.error("\(e)")
            throw ExitCode(ExitStatus.usageOrIO)
        }
    }
}

struct TopicsEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score the topic model on labelled JSON Lines: per-label P/R/F1, micro/macro, confusion."
    )

    @Option(help: "Labelled data (JSON Lines {\"id\", \"text\", \"labels\": [...]}).")
    var data: String

    func run() throws {
        do {
            let root = try DataLocator.dataRoot()
            let resources = try Resources.load(dataRoot: root)
            guard let classifier = resources.topics else {
                throw MetkaError.data("no topic model in \(root.path)/\(TopicClassifier.modelDirectory); run `metka topics train`")
            }
            let examples = try TopicDataset.load(URL(fileURLWithPath: data))
            let evaluation = classifier.evaluate(examples, tag: tagger(Pipeline(resources: resources)))
            print(evaluation.report, terminator: "")
        } catch let e as MetkaError {
            Diagnostics.error("\(e)")
            throw ExitCode(ExitStatus.usageOrIO)
        }
    }
}

/// Progress on stderr (stdout carries the reports).
private func progressLine(_ message: String) {
    FileHandle.standardError.write(("metka: " + message + "\n").data(using: .utf8)!)
}

/// `metka topics scores`: every label's calibrated score, threshold and strongest features for one
/// plain-text document on stdin — for inspecting why a topic was or was not emitted.
struct TopicsScoresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scores",
        abstract: "Show all topic scores (emitted or not) for a plain-text document on stdin."
    )

    func run() throws {
        do {
            let resources = try Resources.load(dataRoot: try DataLocator.dataRoot())
            guard let classifier = resources.topics else { throw MetkaError.data("no topic model; run `metka topics train`") }
            let text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            let tagged = Pipeline(resources: resources).process(Document(id: "stdin", text: text))
            let x = classifier.vector(tagged)
            let p = classifier.model.probabilities(x)
            let emitted = Set(tagged.topics.map(\.id))
            for (l, label) in classifier.taxonomy.labels.enumerated() {
                let mark = emitted.contains(label.id) ? "*" : " "
                let line = "\(mark) \(label.id.padding(toLength: 20, withPad: " ", startingAt: 0)) score \(String(format: "%.4f", p[l]))  threshold \(String(format: "%.4f", classifier.model.thresholds[l]))  \(classifier.explain(x, label: l).joined(separator: " "))"
                print(line)
            }
        } catch let e as MetkaError {
            Diagnostics.error("\(e)")
            throw ExitCode(ExitStatus.usageOrIO)
        }
    }
}
