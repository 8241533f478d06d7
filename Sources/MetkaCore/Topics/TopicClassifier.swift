import Foundation

/// The run-time topic stage: features → model → calibrated scores → thresholds and implications.
public struct TopicClassifier: Sendable {
    public let taxonomy: TopicTaxonomy
    public let model: TopicModel
    public let extractor: TopicFeatureExtractor
    let thresholds: [Double]
    let implications: [(from: Int, to: Int)]
    let order: [Int]
    /// How many features `--explain` lists per topic.
    public static let explainCount = 5

    public init(taxonomy: TopicTaxonomy, model: TopicModel, extractor: TopicFeatureExtractor) throws {
        guard model.labels == taxonomy.ids else {
            throw MetkaError.data("topic model labels \(model.labels) differ from the taxonomy \(taxonomy.ids); retrain")
        }
        self.taxonomy = taxonomy
        self.model = model
        self.extractor = extractor
        self.thresholds = model.thresholds.map(Double.init)
        self.implications = taxonomy.implications
        self.order = taxonomy.decisionOrder
    }

    /// Folder layout under the data root.
    public static let modelDirectory = "Models/topics"
    public static let labelsPath = "Models/topics/labels.tsv"
    public static let lexiconDirectory = "Gazetteers/topics"

    /// Whether a trained model is present (the topic stage is optional).
    public static func isAvailable(dataRoot: URL) -> Bool {
        FileManager.default.fileExists(atPath: dataRoot.appendingPathComponent(modelDirectory).appendingPathComponent(TopicModelFile.manifestName).path)
    }

    /// Loads and verifies the model: file checksum, label list, term source and lexicon checksums
    /// must all match the manifest, or loading fails with a message naming the mismatch.
    public static func load(dataRoot: URL, segmenter: Segmenter, termSource: any TopicTermSource = StemTermSource()) throws -> TopicClassifier {
        let dir = dataRoot.appendingPathComponent(modelDirectory)
        let manifest = try TopicManifest.read(dir.appendingPathComponent(TopicModelFile.manifestName))
        let taxonomy = try TopicTaxonomy.load(dataRoot.appendingPathComponent(labelsPath))
        let modelURL = dir.appendingPathComponent(manifest.model)
        guard let data = FileManager.default.contents(atPath: modelURL.path) else {
            throw MetkaError.data("\(modelURL.path): cannot read topic model")
        }
        let bytes = Array(data)
        let sum = FeatureHash.checksum(bytes)
        guard sum == manifest.checksum else {
            throw MetkaError.data("\(modelURL.path): checksum \(sum) does not match the manifest's \(manifest.checksum) (corrupt or replaced model; retrain with `metka topics train`)")
        }
        guard manifest.termSource == termSource.id else {
            throw MetkaError.data("\(modelURL.path): trained with term source \(manifest.termSource), running with \(termSource.id); retrain")
        }
        guard manifest.labels == taxonomy.ids else {
            throw MetkaError.data("\(modelURL.path): manifest labels differ from \(labelsPath); retrain")
        }
        let lexicon = try TopicLexicon.load(directory: dataRoot.appendingPathComponent(lexiconDirectory), segmenter: segmenter, termSource: termSource)
        for (file, expected) in manifest.lexicon.sorted(by: { $0.key < $1.key }) where lexicon.checksums[file] != expected {
            throw MetkaError.data("\(lexiconDirectory)/\(file) changed since the topic model was trained (checksum \(lexicon.checksums[file] ?? "missing"), manifest \(expected)); retrain")
        }
        let model = try TopicModelFile.decode(bytes, path: modelURL.path)
        return try TopicClassifier(taxonomy: taxonomy, model: model, extractor: TopicFeatureExtractor(termSource: termSource, lexicon: lexicon))
    }

    /// The document's feature vector over the model's vocabulary.
    public func vector(_ tagged: TaggedDocument) -> SparseVector {
        var hashes: [UInt64] = []
        hashes.reserveCapacity(tagged.segmentation.tokens.count * 2)
        extractor.extract(tagged, into: &hashes)
        return model.vectorize(hashes)
    }

    /// Calibrated scores for every label (taxonomy order), before thresholds.
    public func scores(_ tagged: TaggedDocument) -> [Double] {
        model.probabilities(vector(tagged))
    }

    /// Topics above threshold (implications applied, see `TopicDecision`), sorted by score then id;
    /// with `explain`, each carries its strongest features as `name=+contribution` (an implied
    /// label first says `implied-by:<label>`).
    public func classify(_ tagged: TaggedDocument, explain: Bool = false) -> [TopicScore] {
        let x = vector(tagged)
        let p = model.probabilities(x)
        let decided = TopicDecision.decide(scores: p, thresholds: thresholds, implications: implications, order: order)
        var out: [TopicScore] = []
        out.reserveCapacity(decided.count)
        for (l, s, implied) in decided {
            var t = TopicScore(id: taxonomy.labels[l].id, iptc: taxonomy.labels[l].iptc, score: (s * 10000).rounded() / 10000)
            if explain {
                t.features = (implied.map { ["implied-by:" + taxonomy.labels[$0].id] } ?? []) + topFeatures(x, label: l)
            }
            out.append(t)
        }
        return TopicDecision.sorted(out)
    }

    /// The strongest positive features of `x` for label index `l` (for tools; `classify` uses it for `--explain`).
    public func explain(_ x: SparseVector, label l: Int) -> [String] { topFeatures(x, label: l) }

    func topFeatures(_ x: SparseVector, label l: Int) -> [String] {
        let k = Self.explainCount
        // Top k by contribution (ties: lower feature index first), by insertion into a short list.
        var top: [(Float, Int32)] = []
        top.reserveCapacity(k + 1)
        model.rows.withUnsafeBufferPointer { w in
            for j in 0..<x.indices.count {
                let c = x.values[j] * w[Int(x.indices[j])][l]
                guard c > 0, top.count < k || c > top[top.count - 1].0 else { continue }
                var pos = top.count
                while pos > 0 && (top[pos - 1].0 < c || (top[pos - 1].0 == c && top[pos - 1].1 > x.indices[j])) { pos -= 1 }
                top.insert((c, x.indices[j]), at: pos)
                if top.count > k { top.removeLast() }
            }
        }
        return top.map { model.name(of: Int($0.1)) + "=+" + JSONText.fixed(Double($0.0), 3) }
    }
}
