import Foundation

/// A learned re-scorer of entity candidates: a multi-class linear model (averaged perceptron,
/// see `CandidateModelTrainer`) over hashed `CandidateFeatures` that says, for every rule or
/// gazetteer candidate before the overlap policy, whether it is a name of its type (accept),
/// not a name at all (reject) or a name of another type.
///
/// Why a re-scorer and not a tagger of its own: the rules and gazetteers already find names
/// with their sources and canonical entities; what they cannot weigh is the evidence around a
/// candidate (sentence-start capitals, a preposition before a surname-like word, a gazetteer
/// line that is mostly a common word). The model only removes or retypes candidates, so every
/// mention still carries its rule/gazetteer source for `--explain`.
///
/// Files (`Models/ner/`): `candidates.bin` (little-endian: magic, format version, feature
/// version, table bits, class count, then the non-zero rows as bucket indices and Float32 bit
/// patterns) and `manifest.json`, whose `fnv1a64` the loader checks against the file.
public struct CandidateModel: Sendable {
    /// Classes: 0 = not a name; 1…3 = PER, LOC, ORG.
    public static let classCount = 4
    static let magic: UInt64 = 0x3130_5245_4e4b_544d  // "MTKNER01"
    static let formatVersion: UInt32 = 1
    public static let fileName = "candidates.bin"

    /// Log2 of the hashed feature table size.
    public let bits: Int
    /// The `(1 << bits) × classCount` weight table, sparse: `rowOf[bucket]` indexes `rows`, whose
    /// entry 0 is the all-zero row. Most buckets are unused (about 46,000 of 262,144 rows are not
    /// zero), so this is 1.75 MiB where the dense table took 4 MiB of every process's memory.
    let rowOf: [UInt32]
    let rows: [SIMD4<Float>]
    /// A candidate is retyped only when another type beats its own by this margin.
    public var retypeMargin: Float = .infinity
    /// A proposal becomes a candidate when its best type beats "not a name" by this margin;
    /// infinity turns proposals off.
    public var proposalMargin: Float = .infinity

    /// From a dense row-major table (training).
    init(bits: Int, weights: [Float]) {
        precondition(weights.count == (1 << bits) * CandidateModel.classCount)
        var indices: [UInt32] = [], values: [SIMD4<Float>] = []
        for r in 0..<(1 << bits) {
            let v = SIMD4(weights[r * 4], weights[r * 4 + 1], weights[r * 4 + 2], weights[r * 4 + 3])
            // Only rows of +0.0 bits are left out: adding them changes nothing, even the sign of a zero.
            if (0..<4).allSatisfy({ v[$0].bitPattern == 0 }) { continue }
            indices.append(UInt32(r))
            values.append(v)
        }
        self.init(bits: bits, rowIndices: indices, rowValues: values)
    }

    /// From the non-zero rows, by increasing bucket.
    init(bits: Int, rowIndices: [UInt32], rowValues: [SIMD4<Float>]) {
        precondition(CandidateModel.classCount == 4 && rowIndices.count == rowValues.count)
        self.bits = bits
        var rowOf = [UInt32](repeating: 0, count: 1 << bits)
        for (n, r) in rowIndices.enumerated() { rowOf[Int(r)] = UInt32(n + 1) }
        self.rowOf = rowOf
        self.rows = [SIMD4<Float>(repeating: 0)] + rowValues
    }

    /// The dense row-major table (tests, tools).
    var weights: [Float] {
        var out = [Float](repeating: 0, count: rowOf.count * 4)
        for (r, n) in rowOf.enumerated() where n != 0 { for j in 0..<4 { out[r * 4 + j] = rows[Int(n)][j] } }
        return out
    }

    /// Runs `body` with a `ScoreSink` factory over the table (pointers valid inside `body` only).
    @inline(__always) func withScoring<R>(_ body: (() -> ScoreSink) -> R) -> R {
        rowOf.withUnsafeBufferPointer { ro in
            rows.withUnsafeBufferPointer { rw in body { ScoreSink(rowOf: ro.baseAddress!, rows: rw.baseAddress!) } }
        }
    }

    static func classIndex(_ type: EntityType) -> Int {
        switch type {
        case .PER: 1
        case .LOC: 2
        case .ORG: 3
        case .DATE: 0
        }
    }

    static let classTypes: [EntityType?] = [nil, .PER, .LOC, .ORG]

    /// Class scores of a feature vector.
    @inline(__always) func scores(_ features: [UInt32]) -> SIMD4<Float> {
        withScoring { make in
            var sink = make()
            for f in features { sink.put(f) }
            return sink.sum
        }
    }

    /// What the model decides for a candidate; `score` is the margin of the chosen class over
    /// "not a name".
    public enum Decision: Equatable, Sendable {
        case accept(score: Float)
        case reject(score: Float)
        case retype(EntityType, score: Float)
    }

    /// The decision for class scores `s` of a candidate proposed as class `own` (1…3): accept
    /// when its own type beats "not a name"; retype when another type beats both by
    /// `retypeMargin`; otherwise reject.
    func decision(_ s: SIMD4<Float>, own: Int) -> Decision {
        var other = own == 1 ? 2 : 1
        for k in 1...3 where k != own && s[k] > s[other] { other = k }
        if s[other] > s[0] && s[other] - s[own] > retypeMargin {
            return .retype(CandidateModel.classTypes[other]!, score: s[other] - s[0])
        }
        let margin = s[own] - s[0]
        return margin > 0 ? .accept(score: margin) : .reject(score: margin)
    }

    /// Source of candidates the model proposes itself (see `proposals`).
    public static let proposalSource = "model:proposal"

    /// Spans the rules leave alone that may still be names: maximal runs of up to four
    /// capitalised words (Cyrillic or Latin) that no rule or gazetteer candidate touches. Their
    /// type is the model's to choose (`proposalDecisions`); the default type here is a placeholder.
    static func proposalSpans(_ ruleCandidates: [Candidate], ctx: TokenContext) -> [Candidate] {
        var covered = [Bool](repeating: false, count: ctx.count)
        for c in ruleCandidates { for t in c.tokenRange { covered[t] = true } }
        // A term the document defines («информационной безопасности (МИБ)») is not a name here either.
        let terms = OrganizationRules().termAbbreviations(ctx)
        if !terms.isEmpty { for t in 0..<ctx.count where ctx.token(t).has(.allCaps) && terms.contains(ctx.key(t)) { covered[t] = true } }
        var out: [Candidate] = []
        var i = 0
        while i < ctx.count {
            guard !covered[i], ctx.isCapitalizedWord(i) else { i += 1; continue }
            var j = i + 1
            while j < ctx.count, !covered[j], ctx.isCapitalizedWord(j), !ctx.token(j).has(.newlineBefore) { j += 1 }
            if j - i <= 4 {
                out.append(Candidate(tokenRange: i..<j, type: .ORG, reference: .phrase, source: proposalSource,
                                     priority: CandidatePriority.fallback))
            }
            i = j
        }
        return out
    }

    /// Class scores of each proposal (features conjoined with the "untyped" value).
    func proposalScores(_ proposals: [Candidate], features: CandidateFeatures.Pool, ctx: TokenContext) -> [SIMD4<Float>] {
        guard !proposals.isEmpty else { return [] }
        let extractor = CandidateFeatures(bits: bits, ctx: ctx)
        return withScoring { make in
            proposals.map { p in
                var sink = make()
                extractor.extract(p, pool: features, untyped: true, sink: &sink)
                return sink.sum
            }
        }
    }

    /// Proposals the model types as names with a margin above `proposalMargin`.
    func acceptedProposals(_ ruleCandidates: [Candidate], features: CandidateFeatures.Pool, ctx: TokenContext) -> [Candidate] {
        let spans = CandidateModel.proposalSpans(ruleCandidates, ctx: ctx)
        let scores = proposalScores(spans, features: features, ctx: ctx)
        var out: [Candidate] = []
        for (p, s) in zip(spans, scores) {
            var best = 1
            for k in 2...3 where s[k] > s[best] { best = k }
            let margin = s[best] - s[0]
            guard margin > proposalMargin else { continue }
            var c = p
            c.type = CandidateModel.classTypes[best]!
            c.reference = c.type == .PER ? .personName : .phrase
            c.modelScore = margin
            out.append(c)
        }
        return out
    }

    /// Decides for every candidate of `candidates[range]`; features look at all of `candidates`.
    func decide(_ candidates: [Candidate], _ range: Range<Int>, pool: CandidateFeatures.Pool? = nil, ctx: TokenContext) -> [Decision] {
        guard !range.isEmpty else { return [] }
        let pool = pool ?? CandidateFeatures.Pool(candidates, ctx: ctx)
        let extractor = CandidateFeatures(bits: bits, ctx: ctx)
        var out: [Decision] = []
        out.reserveCapacity(range.count)
        withScoring { make in
            for i in range {
                let own = CandidateModel.classIndex(candidates[i].type)
                guard own > 0 else { out.append(.accept(score: 0)); continue }
                var sink = make()
                extractor.extract(candidates[i], pool: pool, sink: &sink)
                out.append(decision(sink.sum, own: own))
            }
        }
        return out
    }

    // MARK: - Files

    /// The model's bytes (deterministic: rows in bucket order).
    public func serialized() -> Data {
        var w = BinaryWriter()
        w.write(CandidateModel.magic)
        w.write(CandidateModel.formatVersion)
        w.write(CandidateFeatures.version)
        w.write(UInt32(bits))
        w.write(UInt32(CandidateModel.classCount))
        var rows: [UInt32] = []
        var values: [UInt32] = []
        let k = CandidateModel.classCount
        for r in 0..<(1 << bits) {
            let row = self.rows[Int(rowOf[r])]
            guard (0..<k).contains(where: { row[$0] != 0 }) else { continue }
            rows.append(UInt32(r))
            for j in 0..<k { values.append(row[j].bitPattern) }
        }
        w.write(rows)
        w.write(values)
        return w.data
    }

    public init(serialized data: Data) throws {
        var r = BinaryReader(data)
        guard try r.read(UInt64.self) == CandidateModel.magic else { throw MetkaError.data("candidate model: not a Metka NER model") }
        guard try r.read(UInt32.self) == CandidateModel.formatVersion else { throw MetkaError.data("candidate model: unsupported format version") }
        guard try r.read(UInt32.self) == CandidateFeatures.version else {
            throw MetkaError.data("candidate model: trained on another feature set; retrain with `metka ner train`")
        }
        let bits = Int(try r.read(UInt32.self))
        let k = Int(try r.read(UInt32.self))
        guard (8...24).contains(bits), k == CandidateModel.classCount else { throw MetkaError.data("candidate model: bad header") }
        let rows = try r.readArray(UInt32.self)
        let values = try r.readArray(UInt32.self)
        guard values.count == rows.count * k, rows.allSatisfy({ Int($0) < 1 << bits }) else {
            throw MetkaError.data("candidate model: bad table")
        }
        // Rows straight into the sparse table (no dense 4 MiB intermediate). `serialized` writes
        // them in increasing order; otherwise a row listed twice keeps its last values, as
        // writing a dense table did.
        var order = Array(rows.indices)
        if zip(rows, rows.dropFirst()).contains(where: { $0 >= $1 }) {
            var last: [UInt32: Int] = [:]
            for (n, row) in rows.enumerated() { last[row] = n }
            order = last.keys.sorted().map { last[$0]! }
        }
        let rowValues = values.withUnsafeBufferPointer { v in
            order.map { n in SIMD4(Float(bitPattern: v[n * k]), Float(bitPattern: v[n * k + 1]),
                                   Float(bitPattern: v[n * k + 2]), Float(bitPattern: v[n * k + 3])) }
        }
        self.init(bits: bits, rowIndices: order.map { rows[$0] }, rowValues: rowValues)
    }

    /// FNV-1a 64 of the model bytes, as the manifest records it.
    public static func checksum(_ data: Data) -> String {
        var f = Fingerprint()
        data.withUnsafeBytes { f.add($0.bindMemory(to: UInt8.self)) }  // contiguous: no per-byte Data iteration
        return f.hex
    }

    /// Loads `candidates.bin` from `directory`, verifying the manifest's checksum; nil when the
    /// directory has no model (the tagger then runs on rules alone).
    public static func load(directory: URL) throws -> CandidateModel? {
        let file = directory.appendingPathComponent(fileName)
        let manifestURL = directory.appendingPathComponent("manifest.json")
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        guard let data = FileManager.default.contents(atPath: file.path),
              let manifestData = FileManager.default.contents(atPath: manifestURL.path),
              let manifest = try? JSONSerialization.jsonObject(with: manifestData) as? [String: Any],
              let expected = manifest["fnv1a64"] as? String
        else { throw MetkaError.data("\(directory.path): model without a readable manifest.json (fnv1a64)") }
        let actual = checksum(data)
        guard actual == expected else {
            throw MetkaError.data("\(file.path): checksum \(actual) does not match manifest \(expected)")
        }
        var model = try CandidateModel(serialized: data)
        if let m = manifest["retype_margin"] as? Double { model.retypeMargin = Float(m) }
        if let m = manifest["proposal_margin"] as? Double { model.proposalMargin = Float(m) }
        return model
    }
}

extension CandidateModel {
    /// `candidates[..<from]` unchanged, then `candidates[from...]` without the rejected ones,
    /// retyped where the model says so, each with its `modelScore`.
    func apply(to candidates: [Candidate], from: Int, pool: CandidateFeatures.Pool? = nil, words: CandidateFeatures.WordUsage? = nil,
               ctx: TokenContext) -> [Candidate] {
        guard from < candidates.count else { return candidates }
        let decisions = decide(candidates, from..<candidates.count, pool: pool ?? CandidateFeatures.Pool(candidates, ctx: ctx, words: words), ctx: ctx)
        var out = Array(candidates[..<from])
        out.reserveCapacity(candidates.count)
        for (k, d) in decisions.enumerated() {
            var c = candidates[from + k]
            switch d {
            case .reject: continue
            case .accept(let s): c.modelScore = s
            case .retype(let type, let s):
                c.type = type
                c.subtype = nil
                c.reference = type == .PER ? .personName : .phrase
                c.modelScore = s
            }
            out.append(c)
        }
        return out
    }

    /// The rules' candidates re-scored, plus accepted proposals (one feature pool for both).
    func rescore(_ candidates: [Candidate], words: CandidateFeatures.WordUsage, ctx: TokenContext) -> [Candidate] {
        guard !candidates.isEmpty || proposalMargin.isFinite else { return candidates }
        let pool = CandidateFeatures.Pool(candidates, ctx: ctx, words: words)
        let proposals = proposalMargin.isFinite ? acceptedProposals(candidates, features: pool, ctx: ctx) : []
        return apply(to: candidates, from: 0, pool: pool, ctx: ctx) + proposals
    }

    /// `model +1.23` for `--explain` (fixed two decimals without Foundation formatting).
    static func explanation(_ score: Float) -> String {
        let hundredths = Int((score * 100).rounded())
        let a = abs(hundredths)
        let frac = a % 100
        return "model " + (hundredths < 0 ? "-" : "+") + String(a / 100) + "." + (frac < 10 ? "0" : "") + String(frac)
    }
}
