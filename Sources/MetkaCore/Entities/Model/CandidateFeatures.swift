/// Features of one entity candidate for `CandidateModel`: what proposed it (rule id, gazetteer
/// list and entry, subtype, priority), its shape (length, capitals, script, sentence start,
/// block kind), the morphology of its first and last tokens, the words around it, and how it
/// overlaps candidates of other types. Every feature is conjoined with the proposed type
/// (a «в» before a LOC candidate means something else than before a PER one).
///
/// Features are hashed straight into bucket indices (`FeatureHasher`); nothing here builds
/// strings, so the model adds little to tagging time. Bump `version` whenever a template
/// changes: a model trained on other features is refused at load time.
struct CandidateFeatures {
    static let version: UInt32 = 5

    /// Per-document view of the candidate pool the features look at.
    struct Pool {
        /// Per token: bit (1 << class) for every candidate type covering it.
        var typeMask: [UInt8]
        /// Per token: the longest candidate covering it (capped at 255 tokens).
        var longest: [UInt8]
        /// Span (lower << 32 | upper) → bit mask of the types proposed for exactly that span.
        var exact: [Int: UInt8] = [:]

        /// How each word is used across the document (shared by the pools of one document).
        let words: WordUsage
        /// Key hash → 8 << class for every candidate class that starts with that word.
        var starts: [UInt64: UInt8] = [:]

        init(_ candidates: [Candidate], ctx: TokenContext, words: WordUsage? = nil) {
            let words = words ?? WordUsage(ctx)
            self.words = words
            typeMask = [UInt8](repeating: 0, count: ctx.count)
            longest = [UInt8](repeating: 0, count: ctx.count)
            exact.reserveCapacity(candidates.count)
            for c in candidates {
                let bit = UInt8(1) << UInt8(CandidateModel.classIndex(c.type))
                let len = UInt8(min(255, c.tokenRange.count))
                for t in c.tokenRange {
                    typeMask[t] |= bit
                    if longest[t] < len { longest[t] = len }
                }
                exact[Pool.spanKey(c.tokenRange), default: 0] |= bit
                let h = words.hashes[c.tokenRange.lowerBound]
                if h != 0 { starts[h, default: 0] |= UInt8(8) << UInt8(CandidateModel.classIndex(c.type)) }
            }
        }

        /// Usage bits of token `i`'s word (see `WordUsage`) plus candidate starts.
        func usage(_ i: Int) -> UInt8 {
            let h = words.hashes[i]
            guard h != 0 else { return 0 }
            return (words.flags[h] ?? 0) | (starts[h] ?? 0)
        }

        static func spanKey(_ r: Range<Int>) -> Int { r.lowerBound << 32 | r.upperBound }
    }

    let bits: Int
    let ctx: TokenContext

    /// Token key hash → how the word appears in the document: 1 capitalised off a sentence
    /// start, 2 lowercase, 4 at a sentence start. Repeated evidence across the text («Кроме»
    /// only ever sentence-initial, «Метро» capitalised mid-sentence) is what one window cannot see.
    final class WordUsage {
        /// Per token: FNV-1a of its key (0 for non-words).
        let hashes: [UInt64]
        let flags: [UInt64: UInt8]

        init(_ ctx: TokenContext) {
            var hashes = [UInt64](repeating: 0, count: ctx.count)
            var flags: [UInt64: UInt8] = [:]
            flags.reserveCapacity(ctx.count / 2)
            for i in 0..<ctx.count where ctx.token(i).kind == .word {
                var h = FeatureHasher(0, 0)
                ctx.segmentation.withKey(i) { h.add($0) }
                let v = h.value | 1
                hashes[i] = v
                let t = ctx.token(i)
                flags[v, default: 0] |= ctx.atSentenceStart[i] ? 4 : t.has(.capitalized) ? 1 : 2
            }
            self.hashes = hashes
            self.flags = flags
        }
    }

    /// Appends the bucket indices of `c`'s features to `out` (training keeps them).
    ///
    /// `untyped`: the candidate is a model proposal (`CandidateModel.proposals`) whose type the
    /// model chooses; its features are conjoined with a type value of their own.
    func extract(_ c: Candidate, pool: Pool, untyped: Bool = false, into out: inout [UInt32]) {
        extract(c, pool: pool, untyped: untyped, sink: &out)
    }

    /// Passes the bucket index of every feature of `c` to `sink`, in a fixed order. Tagging scores
    /// buckets as they come (`ScoreSink`): no feature buffer is filled and read back.
    func extract<Sink: FeatureSink>(_ c: Candidate, pool: Pool, untyped: Bool = false, sink out: inout Sink) {
        let type = untyped ? UInt8(CandidateModel.classCount) : UInt8(CandidateModel.classIndex(c.type))
        let r = c.tokenRange
        let first = r.lowerBound, last = r.upperBound - 1
        @inline(__always) func emit(_ h: FeatureHasher) { out.put(h.bucket(bits: bits)) }
        @inline(__always) func f(_ template: UInt8, _ x: UInt64) {
            var h = FeatureHasher(template, type); h.add(x); emit(h)
        }
        @inline(__always) func key(_ template: UInt8, _ i: Int, _ extra: UInt64 = 0) {
            var h = FeatureHasher(template, type)
            if i < 0 || i >= ctx.count { h.add(UInt64.max) } else { ctx.segmentation.withKey(i) { h.add($0) } }
            h.add(extra)
            emit(h)
        }

        let sourceFamily = FeatureHasher.sourceFamily(c.source)
        let sentenceStart: UInt64 = ctx.atSentenceStart[first] ? 1 : 0
        let length = UInt64(min(r.count, 5))
        f(1, 0)  // bias
        f(2, sourceFamily)
        f(3, sourceFamily ^ sentenceStart << 63)
        f(4, sourceFamily ^ length << 58)
        if case .gazetteer = c.reference {
            // The gazetteer entry itself, by its stable key (rule-made candidates that point at
            // an entry, e.g. place adjectives, by their rule id).
            var h = FeatureHasher(5, type)
            if c.entryKey != 0 { h.add(c.entryKey) } else { h.add(c.source) }
            emit(h)
        }
        var sub = FeatureHasher(6, type); sub.add(c.subtype ?? ""); emit(sub)
        f(7, UInt64(c.priority))
        f(8, length)
        f(9, UInt64(shape(first)) | sentenceStart << 32)
        f(10, UInt64(shape(last)))
        let block = ctx.blockFlags(first)
        f(11, UInt64(block.intersection([.title, .byline]).rawValue) | (block.isBoilerplate ? 1 << 20 : 0))
        morphology(12, first, f)
        if last != first { morphology(16, last, f) }
        key(20, first)
        key(21, last)
        key(22, first, sentenceStart)
        key(23, first - 1)
        key(24, first - 2)
        key(25, last + 1)
        key(26, last + 2)
        f(27, neighbourShape(first - 1))
        f(28, neighbourShape(last + 1))
        f(29, neighbourShape(first - 1) << 8 | neighbourShape(last + 1))
        if first > 0, ctx.token(first - 1).kind == .word, let p = ctx.parses(first - 1).first {
            var h = FeatureHasher(30, type); h.add(p.lemma); emit(h)
            f(31, (p.grammemes.rawValue & (Grammemes.partsOfSpeech.rawValue | Grammemes.cases.rawValue)))
        }
        // Overlaps: other types on the same tokens, inside a longer candidate, agreement.
        var mask: UInt8 = 0, longest: UInt8 = 0
        for t in r { mask |= pool.typeMask[t]; longest = max(longest, pool.longest[t]) }
        let exact = pool.exact[Pool.spanKey(r)] ?? 0
        f(32, UInt64(mask & ~(1 << type)))
        f(33, UInt64(exact & ~(1 << type)))
        f(34, Int(longest) > r.count ? 1 : 0)
        f(35, (Int(longest) > r.count ? 1 : 0) | sourceFamily << 1)
        // Quoted names: «…» around the span.
        let quoted = first > 0 && last + 1 < ctx.count && ctx.isOpeningQuote(first - 1) && ctx.isClosingQuote(last + 1)
        f(36, quoted ? 1 : 0)
        // Inside the span: which kinds of tokens (a lowercase particle «бин», «фон», a hyphen,
        // a quote) and the inner words themselves.
        if r.count > 2 {
            var inner: UInt64 = 0
            for t in (first + 1)..<last {
                inner |= 1 << UInt64(min(neighbourShape(t), 8))
                key(39, t)
            }
            f(40, inner)
        }
        // How the first and last words are used elsewhere in the document.
        f(37, UInt64(pool.usage(first)) | sentenceStart << 8)
        if last != first { f(38, UInt64(pool.usage(last))) }
    }

    /// Shape bits of a token: kind and the capitalisation/script flags that matter for names.
    func shape(_ i: Int) -> UInt16 {
        let t = ctx.token(i)
        let flags: TokenShape = [.capitalized, .allCaps, .cyrillic, .latin, .digit, .hyphenated, .innerCaps, .singleLetter]
        return t.shape.intersection(flags).rawValue | UInt16(t.kind.rawValue) << 12
    }

    /// Coarse class of a neighbouring token: absent, lowercase word, capitalised word, number,
    /// quote (opening/closing), other punctuation by its first key byte.
    func neighbourShape(_ i: Int) -> UInt64 {
        guard i >= 0, i < ctx.count else { return 1 }
        let t = ctx.token(i)
        switch t.kind {
        case .word: return t.has(.allCaps) ? 2 : t.has(.capitalized) ? 3 : 4
        case .number: return 5
        default:
            if ctx.isOpeningQuote(i) { return 6 }
            if ctx.isClosingQuote(i) { return 7 }
            let k = t.keyStart < t.keyEnd ? UInt64(ctx.segmentation.keyBytes[Int(t.keyStart)]) : 0
            return 8 | k << 4
        }
    }

    /// Morphology of one token: best reading's part of speech and case, its source (dictionary
    /// or which guess), the proper-name marks of any reading, function-word and common-word flags.
    func morphology(_ base: UInt8, _ i: Int, _ f: (UInt8, UInt64) -> Void) {
        guard ctx.token(i).kind == .word else { f(base, 1); return }
        let parses = ctx.parses(i)
        guard !parses.isEmpty else { f(base, 2); return }
        // Fields read in place through the buffer: copying each `MorphParse` (its lemma retained
        // and released) cost more than the features themselves.
        let properMarks = Grammemes.properMarks.rawValue
        parses.withUnsafeBufferPointer { ps in
            let bestGrammemes = ps[0].grammemes.rawValue, bestSource = ps[0].source
            let posCase = bestGrammemes & (Grammemes.partsOfSpeech.rawValue | Grammemes.cases.rawValue)
            f(base, posCase)
            // One pass over the readings (the same tests as `TokenContext.isCommonWord` and
            // `hasFunctionWordReading`, without fetching the parses again).
            let function: UInt64 = Grammemes([.prep, .conj, .prcl, .npro, .advb, .pred, .intj]).rawValue
            var marks: UInt64 = 0, dictionary: UInt64 = 0, functionWord: UInt64 = 0
            for k in 0..<ps.count {
                let g = ps[k].grammemes.rawValue
                marks |= g & properMarks
                if ps[k].source == .dictionary {
                    dictionary = 1
                    if g & function != 0 { functionWord = 32 }
                }
            }
            // `isDictionary && !isProperName` of the best reading.
            let common: UInt64 = bestSource == .dictionary && bestGrammemes & properMarks == 0 ? 16 : 0
            f(base + 1, marks | dictionary)
            f(base + 2, UInt64(bestSource.featureCode) | common | functionWord)
            f(base + 3, bestGrammemes & (properMarks | Grammemes.numbers.rawValue | Grammemes.genders.rawValue))
        }
    }

}

/// Receives the bucket indices of one candidate's features (`CandidateFeatures.extract`).
protocol FeatureSink {
    mutating func put(_ bucket: UInt32)
}

extension Array: FeatureSink where Element == UInt32 {
    @inline(__always) mutating func put(_ bucket: UInt32) { append(bucket) }
}

/// Sums the model's class weights of each bucket as it is emitted — the same additions in the
/// same order as `CandidateModel.scores` over a feature buffer, so the scores are bit-identical.
struct ScoreSink: FeatureSink {
    let rowOf: UnsafePointer<UInt32>
    let rows: UnsafePointer<SIMD4<Float>>
    var sum = SIMD4<Float>(repeating: 0)

    init(rowOf: UnsafePointer<UInt32>, rows: UnsafePointer<SIMD4<Float>>) {
        self.rowOf = rowOf
        self.rows = rows
    }

    @inline(__always) mutating func put(_ bucket: UInt32) {
        sum += rows[Int(rowOf[Int(bucket)])]
    }
}

extension FeatureHasher {
    /// Hash of a candidate source without its line number: `rule:<id>` or `gazetteer:<file>`.
    static func sourceFamily(_ source: String) -> UInt64 {
        var h = FeatureHasher(0, 0)
        var s = source
        s.withUTF8 { bytes in
            var end = bytes.count
            if bytes.starts(with: "gazetteer:".utf8), let colon = bytes.lastIndex(of: UInt8(ascii: ":")), colon > 9 {
                end = colon
            }
            h.add(UnsafeBufferPointer(rebasing: bytes[0..<end]))
        }
        return h.value
    }
}

extension MorphParse.Source {
    var featureCode: UInt8 {
        switch self {
        case .dictionary: 1
        case .suffixGuess: 2
        case .surnameGuess: 3
        case .patronymicGuess: 4
        case .fixedGuess: 5
        case .abbreviation: 6
        case .foreign: 7
        case .hyphenGuess: 8
        }
    }
}
