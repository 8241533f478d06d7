import Foundation

/// Trains `CandidateModel` as a multi-class averaged perceptron over the candidates the rules
/// and gazetteers propose on an annotated corpus (NEREL train).
///
/// Deterministic: examples come in corpus order, each epoch visits them in an order drawn from
/// a SplitMix64 generator (shared with the topic trainer) seeded with `seed`, and arithmetic runs in one thread, so the same
/// corpus, seed and code give the same model bytes.
public struct CandidateModelTrainer: Sendable {
    public struct Example: Sendable {
        /// Hashed feature buckets.
        public var features: [UInt32]
        /// 0 = not a name, 1…3 = PER, LOC, ORG (see `CandidateModel.classIndex`).
        public var label: Int
        public init(features: [UInt32], label: Int) {
            self.features = features
            self.label = label
        }
    }

    public var seed: UInt64
    public var epochs: Int
    public var bits: Int

    public init(seed: UInt64, epochs: Int = 10, bits: Int = 18) {
        self.seed = seed
        self.epochs = epochs
        self.bits = bits
    }

    public func train(_ examples: [Example]) -> CandidateModel {
        let k = CandidateModel.classCount
        var w = [Double](repeating: 0, count: (1 << bits) * k)
        var u = [Double](repeating: 0, count: (1 << bits) * k)  // sum of step × update, for averaging
        var step = 1.0
        var rng = SplitMix64(seed: seed)
        var order = Array(examples.indices)
        for _ in 0..<epochs {
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                let j = Int(rng.next() % UInt64(i + 1))
                order.swapAt(i, j)
            }
            for i in order {
                let e = examples[i]
                var s = [Double](repeating: 0, count: k)
                for f in e.features { for c in 0..<k { s[c] += w[Int(f) * k + c] } }
                var best = 0
                for c in 1..<k where s[c] > s[best] { best = c }
                if best != e.label {
                    for f in e.features {
                        w[Int(f) * k + e.label] += 1; u[Int(f) * k + e.label] += step
                        w[Int(f) * k + best] -= 1; u[Int(f) * k + best] -= step
                    }
                }
                step += 1
            }
        }
        let averaged = zip(w, u).map { Float($0 - $1 / step) }
        return CandidateModel(bits: bits, weights: averaged)
    }
}

/// A gold span for training: code-point offsets and type.
public struct GoldSpan: Hashable, Sendable {
    public var start: Int32
    public var end: Int32
    public var type: EntityType
    public init(start: Int32, end: Int32, type: EntityType) {
        self.start = start
        self.end = end
        self.type = type
    }
}

extension Pipeline {
    /// Training examples of one document: every candidate the rules would pass to the overlap
    /// policy (including surname coreference), labelled with the type of the gold span it
    /// matches exactly, or 0. Any `candidateModel` in the resources is ignored.
    public func candidateExamples(_ document: Document, gold: Set<GoldSpan>, bits: Int) -> [CandidateModelTrainer.Example] {
        let segmentation = resources.segmenter.segment(document)
        let worker = workers.take()
        defer { workers.give(worker) }
        let tagger = resources.entityTagger
        let ctx = TokenContext(document: document, segmentation: segmentation, analyzer: worker.analyzer, lexicon: tagger.lexicon)
        var candidates = tagger.ruleCandidates(ctx)
        let initial = candidates.count
        candidates += tagger.surnameCoreference(OverlapPolicy.resolve(candidates).map(\.0), ctx)
        var examples: [CandidateModelTrainer.Example] = []
        let words = CandidateFeatures.WordUsage(ctx)
        func label(_ c: Candidate) -> Int {
            let start = segmentation.tokens[c.tokenRange.lowerBound].start
            let end = segmentation.tokens[c.tokenRange.upperBound - 1].end
            for t in [EntityType.PER, .LOC, .ORG] where gold.contains(GoldSpan(start: start, end: end, type: t)) {
                return CandidateModel.classIndex(t)
            }
            return 0
        }
        // Initial candidates see the initial pool; coreference ones see the whole pool, as in `tag`.
        for (pool, range) in [(Array(candidates[..<initial]), 0..<initial), (candidates, initial..<candidates.count)] where !range.isEmpty {
            let features = CandidateFeatures.Pool(pool, ctx: ctx, words: words)
            let extractor = CandidateFeatures(bits: bits, ctx: ctx)
            for i in range {
                let c = candidates[i]
                guard CandidateModel.classIndex(c.type) > 0 else { continue }
                var buffer: [UInt32] = []
                extractor.extract(c, pool: features, into: &buffer)
                examples.append(.init(features: buffer, label: label(c)))
            }
        }
        // Proposals: spans no rule touched, typed by the model.
        let initialPool = Array(candidates[..<initial])
        let features = CandidateFeatures.Pool(initialPool, ctx: ctx, words: words)
        let extractor = CandidateFeatures(bits: bits, ctx: ctx)
        for p in CandidateModel.proposalSpans(initialPool, ctx: ctx) {
            var buffer: [UInt32] = []
            extractor.extract(p, pool: features, untyped: true, into: &buffer)
            examples.append(.init(features: buffer, label: label(p)))
        }
        return examples
    }
}
