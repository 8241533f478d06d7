import Foundation

/// Trains the topic model: one-vs-rest L2 logistic regression by SGD (all labels share one pass
/// over the data), Platt calibration and per-label thresholds from k-fold cross-validation on the
/// training set — the dev set is never looked at. Deterministic for a given seed: one thread,
/// a seeded shuffle, sorted vocabulary, no dictionary-order dependence.
public struct TopicTrainer {
    public struct Options: Sendable {
        public var seed: UInt64 = 1
        public var epochs = 12
        /// L2 strength (SGD `alpha`).
        public var l2 = 2e-5
        public var folds = 5
        /// Features must occur in this many training documents.
        public var minDocumentFrequency = 2
        /// Vocabulary cap (most frequent first) — keeps the model file small.
        public var maxFeatures = 120_000
        /// Positive examples of label l weigh `min(cap, sqrt(negatives/positives))`.
        public var positiveWeightCap = 6.0
        /// Average the weights of the last `averageEpochs` epochs (epoch-snapshot Polyak averaging):
        /// the final SGD iterate wanders with the last few examples; the average does not.
        public var averageEpochs = 6
        public init() {}
    }

    public struct Result {
        public var model: TopicModel
        /// Out-of-fold evaluation on the gold training documents (what thresholds were tuned on).
        public var crossValidation: TopicEvaluation
        public var trainDocuments: Int
        public var goldDocuments: Int
        public var documentsByCorpus: [String: Int]
        /// Positives per label among training targets (gold + rubric).
        public var positives: [String: Int]
        public var featuresSeen: Int
        public var positiveWeights: [Double]
    }

    public let taxonomy: TopicTaxonomy
    public let extractor: TopicFeatureExtractor
    public let options: Options

    public init(taxonomy: TopicTaxonomy, extractor: TopicFeatureExtractor, options: Options) {
        self.taxonomy = taxonomy
        self.extractor = extractor
        self.options = options
    }

    /// `tag` runs the pipeline (segmentation, and entity stages when present) on one example.
    public func train(_ examples: [TopicExample], tag: (TopicExample) -> TaggedDocument, progress: (String) -> Void = { _ in }) -> Result {
        let n = examples.count
        let nl = taxonomy.count
        // 1. Features (hashes with repeats) per document.
        var raw: [[UInt64]] = []
        raw.reserveCapacity(n)
        var df: [UInt64: Int32] = [:]
        for (i, e) in examples.enumerated() {
            var h: [UInt64] = []
            extractor.extract(tag(e), into: &h)
            for u in Set(h) { df[u, default: 0] += 1 }
            raw.append(h)
            if i % 2000 == 1999 { progress("features: \(i + 1)/\(n) documents") }
        }
        // 2. Vocabulary: frequent enough, most frequent first, ties by hash; stored sorted by hash.
        var kept = df.filter { $0.value >= Int32(options.minDocumentFrequency) }.map { ($0.key, $0.value) }
        kept.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        let vocabulary = kept.prefix(options.maxFeatures).map(\.0).sorted()
        progress("vocabulary: \(vocabulary.count) of \(df.count) features")
        let names = FeatureNames(wanted: Set(vocabulary))
        for e in examples {
            var h: [UInt64] = []
            extractor.extract(tag(e), into: &h, names: names)
        }
        var shell = TopicModel(labels: taxonomy.ids, hashes: vocabulary, weights: [], bias: [], plattA: [], plattB: [],
                               thresholds: [], names: [])
        let xs = raw.map { shell.vectorize($0) }
        raw = []
        // 3. Targets and masks as bit sets.
        var y = [UInt32](repeating: 0, count: n), m = [UInt32](repeating: 0, count: n)
        var positives: [String: Int] = [:]
        for (i, e) in examples.enumerated() {
            let t = taxonomy.trainingTargets(e.labels)
            for l in 0..<nl where t[l] { y[i] |= 1 << l; positives[taxonomy.labels[l].id, default: 0] += 1 }
            if let mask = e.mask {
                for id in mask { if let l = taxonomy.index(of: id) { m[i] |= 1 << l } }
                m[i] |= y[i]
            } else {
                m[i] = (1 << nl) - 1
            }
        }
        let sw = examples.map(\.weight)
        var posWeight = [Double](repeating: 1, count: nl)
        for l in 0..<nl {
            var pos = 0.0, neg = 0.0
            for i in 0..<n where m[i] & (1 << l) != 0 { if y[i] & (1 << l) != 0 { pos += sw[i] } else { neg += sw[i] } }
            if pos > 0 { posWeight[l] = min(options.positiveWeightCap, max(1, (neg / pos).squareRoot())) }
        }
        let sgd = SGD(features: vocabulary.count, labels: nl, options: options, positiveWeight: posWeight)

        // 4. Cross-validation: out-of-fold margins for gold documents.
        var rng = SplitMix64(seed: options.seed)
        var perm = Array(0..<n)
        rng.shuffle(&perm)
        var fold = [Int](repeating: 0, count: n)
        for (k, i) in perm.enumerated() { fold[i] = k % options.folds }
        let gold = (0..<n).filter { examples[$0].isGold }
        var oof = [[Double]](repeating: [Double](repeating: 0, count: nl), count: n)
        for f in 0..<options.folds {
            let rows = (0..<n).filter { fold[$0] != f }
            let (w, b) = sgd.fit(rows: rows, xs: xs, y: y, mask: m, weights: sw, seed: options.seed &+ UInt64(f + 1))
            shell.setWeights(w, bias: b)
            for i in gold where fold[i] == f { oof[i] = shell.margins(xs[i]) }
            progress("cross-validation fold \(f + 1)/\(options.folds) done")
        }
        // 5. Calibration (own targets) and thresholds (full label sets, implications applied).
        var plattA = [Float](repeating: -1, count: nl), plattB = [Float](repeating: 0, count: nl)
        var thresholds = [Float](repeating: 0.5, count: nl)
        var calibrated = [[Double]](repeating: [Double](repeating: 0, count: nl), count: gold.count)
        for l in 0..<nl {
            let z = gold.map { oof[$0][l] }
            let t = gold.map { y[$0] & (1 << l) != 0 }
            let (a, b) = Platt.fit(margins: z, targets: t)
            plattA[l] = Float(a)
            plattB[l] = Float(b)
            for (k, zz) in z.enumerated() { calibrated[k][l] = Platt.apply(a: Double(Float(a)), b: Double(Float(b)), z: zz) }
        }
        let truth = gold.map { taxonomy.closure(examples[$0].labels) }
        var emitted = [[Bool]](repeating: [Bool](repeating: false, count: nl), count: gold.count)
        for l in taxonomy.decisionOrder {
            let sources = taxonomy.implications.filter { $0.to == l }.map(\.from)
            let forced = emitted.map { e in sources.contains { e[$0] } }
            let t = Self.bestThreshold(scores: calibrated.map { $0[l] }, truth: truth.map { $0[l] }, forced: forced)
            thresholds[l] = Float(t)
            for k in gold.indices { emitted[k][l] = forced[k] || calibrated[k][l] >= Double(Float(t)) }
        }
        let cv = TopicEvaluation(labels: taxonomy.ids, gold: truth, predicted: emitted)
        // 6. Final model on all training documents.
        let (w, b) = sgd.fit(rows: Array(0..<n), xs: xs, y: y, mask: m, weights: sw, seed: options.seed)
        progress("final model trained")
        let model = TopicModel(labels: taxonomy.ids, hashes: vocabulary, weights: w, bias: b, plattA: plattA, plattB: plattB,
                               thresholds: thresholds, names: vocabulary.map { names.names[$0] ?? "?" })
        var byCorpus: [String: Int] = [:]
        for e in examples { byCorpus[e.corpus.isEmpty ? "-" : e.corpus, default: 0] += 1 }
        return Result(model: model, crossValidation: cv, trainDocuments: n, goldDocuments: gold.count, documentsByCorpus: byCorpus,
                      positives: positives, featuresSeen: df.count, positiveWeights: posWeight)
    }

    /// The threshold maximizing F1 of `forced || score >= t`; the midpoint between the neighbouring
    /// scores of the best cut, kept within [0.05, 0.95]. Labels with fewer than 3 positives keep 0.5.
    static func bestThreshold(scores: [Double], truth: [Bool], forced: [Bool]) -> Double {
        let positives = truth.filter { $0 }.count
        guard positives >= 3 else { return 0.5 }
        var tp = 0, fp = 0
        var free: [(Double, Bool)] = []
        for i in scores.indices {
            if forced[i] { if truth[i] { tp += 1 } else { fp += 1 } } else { free.append((scores[i], truth[i])) }
        }
        free.sort { $0.0 != $1.0 ? $0.0 > $1.0 : (!$0.1 && $1.1) }
        func f1(_ tp: Int, _ fp: Int) -> Double { tp == 0 ? 0 : 2 * Double(tp) / Double(2 * tp + fp + (positives - tp)) }
        var best = f1(tp, fp), bestCut = 0
        for (k, (_, t)) in free.enumerated() {
            if t { tp += 1 } else { fp += 1 }
            // Only cut between distinct scores.
            if k + 1 < free.count && free[k + 1].0 == free[k].0 { continue }
            let v = f1(tp, fp)
            if v > best { best = v; bestCut = k + 1 }
        }
        let t: Double
        if bestCut == 0 { t = (free.first?.0 ?? 0.5) + 1e-3 }
        else if bestCut >= free.count { t = free[free.count - 1].0 - 1e-3 }
        else { t = (free[bestCut - 1].0 + free[bestCut].0) / 2 }
        return min(0.95, max(0.05, t))
    }
}

/// Plain SGD for L2-regularized logistic loss over all labels at once, with sklearn's "optimal"
/// learning-rate schedule `1 / (alpha (t0 + t))` and the weight-scale trick that makes the L2 decay
/// O(1) per step on sparse data. Labels outside an example's mask get no gradient from it.
struct SGD {
    let features: Int
    let labels: Int
    let options: TopicTrainer.Options
    let positiveWeight: [Double]

    init(features: Int, labels: Int, options: TopicTrainer.Options, positiveWeight: [Double]) {
        self.features = features
        self.labels = labels
        self.options = options
        self.positiveWeight = positiveWeight
    }

    func fit(rows: [Int], xs: [SparseVector], y: [UInt32], mask: [UInt32], weights: [Double], seed: UInt64) -> ([Float], [Float]) {
        let nl = labels
        let alpha = options.l2
        var v = [Float](repeating: 0, count: features * nl)
        var b = [Double](repeating: 0, count: nl)
        var scale = 1.0
        // sklearn's heuristic for t0 (typical weight magnitude 1/sqrt(sqrt(alpha))).
        let typw = (1 / alpha.squareRoot()).squareRoot()
        let eta0 = typw / max(1, 1 / (1 + exp(-typw)))
        let t0 = 1 / (alpha * eta0)
        var t = 0.0
        var order = rows
        var rng = SplitMix64(seed: seed)
        var z = [Double](repeating: 0, count: nl)
        var g = [Float](repeating: 0, count: nl)
        let averaged = max(1, min(options.averageEpochs, options.epochs))
        var sumV = [Float](repeating: 0, count: features * nl)
        var sumB = [Double](repeating: 0, count: nl)
        for epoch in 0..<options.epochs {
            rng.shuffle(&order)
            for i in order {
                let x = xs[i]
                let eta = 1 / (alpha * (t0 + t))
                t += 1
                v.withUnsafeMutableBufferPointer { vp in
                    for l in 0..<nl { z[l] = 0 }
                    for k in 0..<x.indices.count {
                        let base = Int(x.indices[k]) * nl
                        let xv = Double(x.values[k])
                        for l in 0..<nl { z[l] += Double(vp[base + l]) * xv }
                    }
                    var any = false
                    for l in 0..<nl {
                        g[l] = 0
                        guard mask[i] & (1 << l) != 0 else { continue }
                        let margin = z[l] * scale + b[l]
                        let positive = y[i] & (1 << l) != 0
                        let p = margin >= 0 ? 1 / (1 + exp(-margin)) : exp(margin) / (1 + exp(margin))
                        let grad = (p - (positive ? 1 : 0)) * weights[i] * (positive ? positiveWeight[l] : 1)
                        if grad != 0 {
                            g[l] = Float(eta * grad)
                            b[l] -= eta * grad * 0.01  // intercept decay for sparse data, as in sklearn
                            any = true
                        }
                    }
                    scale *= 1 - eta * alpha
                    if any {
                        let inv = Float(1 / scale)
                        for k in 0..<x.indices.count {
                            let base = Int(x.indices[k]) * nl
                            let xv = x.values[k] * inv
                            for l in 0..<nl where g[l] != 0 { vp[base + l] -= g[l] * xv }
                        }
                    }
                    if scale < 1e-6 {
                        let s = Float(scale)
                        for j in vp.indices { vp[j] *= s }
                        scale = 1
                    }
                }
            }
            if epoch >= options.epochs - averaged {
                let s = Float(scale)
                for j in sumV.indices { sumV[j] += v[j] * s }
                for l in 0..<nl { sumB[l] += b[l] }
            }
        }
        let inv = 1 / Float(averaged)
        return (sumV.map { $0 * inv }, sumB.map { Float($0 / Double(averaged)) })
    }
}

/// A small seeded PRNG (SplitMix64) so shuffles are identical on every platform and run.
public struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Fisher–Yates with this generator (the standard library's `shuffle` algorithm may change).
    public mutating func shuffle<T>(_ a: inout [T]) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            let j = Int(next() % UInt64(i + 1))
            a.swapAt(i, j)
        }
    }
}
