import Foundation
import Testing
@testable import MetkaCore

@Suite struct TopicTrainerTests {
    /// A tiny synthetic corpus: sentences drawn (seeded) from per-topic word pools plus shared filler.
    static func corpus() -> [TopicExample] {
        let pools: [String: [String]] = [
            "cybersecurity": ["хакеры", "атаковали", "серверы", "вредоносная", "программа", "уязвимость", "утечка", "данных", "шифровальщик"],
            "diplomacy": ["министр", "иностранных", "дел", "переговоры", "посол", "санкции", "саммит", "визит", "делегация"],
            "sport": ["матч", "команда", "гол", "чемпионат", "тренер", "турнир", "сборная", "победа", "финал"],
            "economy": ["рынок", "акции", "банк", "прибыль", "инфляция", "компания", "выручка", "кредит", "налоги"],
        ]
        let filler = ["в", "среду", "стало", "известно", "сообщили", "источники", "также", "отмечается", "новости"]
        var rng = SplitMix64(seed: 42)
        var out: [TopicExample] = []
        for (k, label) in pools.keys.sorted().enumerated() {
            for i in 0..<20 {
                var words: [String] = []
                for _ in 0..<30 {
                    let pool = rng.next() % 3 == 0 ? filler : pools[label]!
                    words.append(pool[Int(rng.next() % UInt64(pool.count))])
                }
                var labels = [label]
                if label == "diplomacy" { labels.append("politics") }
                // Rubric-style examples: only the first label supervised, the rest masked.
                let mask: [String]? = i % 5 == 4 ? [label] : nil
                out.append(TopicExample(id: "\(k)-\(i)", corpus: "synthetic", text: words.joined(separator: " ") + ".",
                                        labels: labels, mask: mask))
            }
        }
        return out
    }

    static func options(seed: UInt64) -> TopicTrainer.Options {
        var o = TopicTrainer.Options()
        o.seed = seed
        o.epochs = 5
        o.folds = 2
        o.minDocumentFrequency = 1
        return o
    }

    static func train(seed: UInt64) throws -> (TopicTrainer.Result, TopicFeatureExtractor, TopicTaxonomy) {
        let taxonomy = try TopicTaxonomy.load(TestData.root.appendingPathComponent(TopicClassifier.labelsPath))
        let extractor = try TopicFeatureTests.extractor()
        let trainer = TopicTrainer(taxonomy: taxonomy, extractor: extractor, options: options(seed: seed))
        let result = trainer.train(corpus(), tag: { TestData.pipeline.process(Document(id: $0.id, text: $0.text)) })
        return (result, extractor, taxonomy)
    }

    @Test func trainingIsDeterministic() throws {
        let a = TopicModelFile.encode(try Self.train(seed: 3).0.model)
        let b = TopicModelFile.encode(try Self.train(seed: 3).0.model)
        #expect(a == b)
        #expect(FeatureHash.checksum(a) == FeatureHash.checksum(b))
    }

    @Test func trainedModelSeparatesTopicsAndRoundTrips() throws {
        let (result, extractor, taxonomy) = try Self.train(seed: 5)
        let bytes = TopicModelFile.encode(result.model)
        let model = try TopicModelFile.decode(bytes, path: "test")
        #expect(TopicModelFile.encode(model) == bytes)
        let classifier = try TopicClassifier(taxonomy: taxonomy, model: model, extractor: extractor)
        let doc = Document(id: "x", text: "Хакеры атаковали серверы банка: утечка данных и вредоносная программа.")
        let topics = classifier.classify(TestData.pipeline.process(doc), explain: true)
        #expect(topics.first?.id == "cybersecurity")
        #expect(topics.first?.features.isEmpty == false)
        let dip = classifier.classify(TestData.pipeline.process(Document(id: "y", text: "Министр иностранных дел провёл переговоры, посол и делегация обсудили санкции.")))
        #expect(dip.first?.id == "diplomacy")
        #expect(dip.contains { $0.id == "politics" })
    }

    /// Writes a trained model into a data-root layout in a temporary folder.
    static func writeDataRoot() throws -> URL {
        let (result, extractor, taxonomy) = try train(seed: 9)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("metka-topics-\(UUID().uuidString)")
        let models = root.appendingPathComponent(TopicClassifier.modelDirectory)
        let gaz = root.appendingPathComponent(TopicClassifier.lexiconDirectory)
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: gaz, withIntermediateDirectories: true)
        for f in [TopicLexicon.stopwordsFile, TopicLexicon.evidenceFile] {
            try FileManager.default.copyItem(at: TestData.root.appendingPathComponent(TopicClassifier.lexiconDirectory).appendingPathComponent(f),
                                             to: gaz.appendingPathComponent(f))
        }
        try FileManager.default.copyItem(at: TestData.root.appendingPathComponent(TopicClassifier.labelsPath),
                                         to: root.appendingPathComponent(TopicClassifier.labelsPath))
        let bytes = TopicModelFile.encode(result.model)
        let manifest = TopicManifestWriter.encode(modelFile: TopicModelFile.modelName, modelBytes: bytes, termSource: StemTermSource().id,
                                                  lexicon: extractor.lexicon, taxonomy: taxonomy, result: result, options: options(seed: 9),
                                                  command: "test", trainData: "synthetic", trainChecksum: "-", dev: nil, devData: nil)
        try Data(bytes).write(to: models.appendingPathComponent(TopicModelFile.modelName))
        try Data(manifest).write(to: models.appendingPathComponent(TopicModelFile.manifestName))
        return root
    }

    @Test func loaderVerifiesChecksums() throws {
        let root = try Self.writeDataRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let segmenter = TestData.pipeline.resources.segmenter
        _ = try TopicClassifier.load(dataRoot: root, segmenter: segmenter)
        // One flipped weight byte: refused, naming the checksum.
        let modelURL = root.appendingPathComponent(TopicClassifier.modelDirectory).appendingPathComponent(TopicModelFile.modelName)
        let original = try Data(contentsOf: modelURL)
        var corrupt = original
        corrupt[corrupt.count / 2] ^= 0x01
        try corrupt.write(to: modelURL)
        let error = #expect(throws: MetkaError.self) { try TopicClassifier.load(dataRoot: root, segmenter: segmenter) }
        #expect(error?.description.contains("checksum") == true)
        try original.write(to: modelURL)
        // Features depend on the stopword list: editing it without retraining is refused too.
        let stop = root.appendingPathComponent(TopicClassifier.lexiconDirectory).appendingPathComponent(TopicLexicon.stopwordsFile)
        try (try String(contentsOf: stop, encoding: .utf8) + "новости\n").write(to: stop, atomically: true, encoding: .utf8)
        let stale = #expect(throws: MetkaError.self) { try TopicClassifier.load(dataRoot: root, segmenter: segmenter) }
        #expect(stale?.description.contains("retrain") == true)
    }
}
