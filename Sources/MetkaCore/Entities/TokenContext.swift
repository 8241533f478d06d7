/// Per-document view of tokens that rules query: text, morphology (computed lazily, cached per
/// token), capitalisation and sentence position.
///
/// One instance per document and thread; morphology is analysed only for tokens a rule asks
/// about (capitalised words and their neighbours), never for the whole text.
final class TokenContext {
    let document: Document
    let segmentation: Segmentation
    let analyzer: MorphAnalyzer
    let lexicon: EntityLexicon
    private var textCache: [String?]
    private var keyCache: [String?]
    private var parseCache: [[MorphParse]?]
    private var dictionaryCache: [[MorphParse]?] = []
    /// True for the first word of a sentence or of a line, and for a word right after an
    /// opening quote, a colon or a dash that starts a clause — places where capitals prove nothing.
    private(set) var atSentenceStart: [Bool]

    init(document: Document, segmentation: Segmentation, analyzer: MorphAnalyzer, lexicon: EntityLexicon) {
        self.document = document
        self.segmentation = segmentation
        self.analyzer = analyzer
        self.lexicon = lexicon
        let n = segmentation.tokens.count
        textCache = Array(repeating: nil, count: n)
        keyCache = Array(repeating: nil, count: n)
        parseCache = Array(repeating: nil, count: n)
        atSentenceStart = Array(repeating: false, count: n)
        for s in segmentation.sentences {
            var i = s.tokenRange.lowerBound
            while i < s.tokenRange.upperBound {
                let t = segmentation.tokens[i]
                atSentenceStart[i] = true
                if t.kind == .word || t.kind == .number { break }
                i += 1
            }
        }
        for (i, t) in segmentation.tokens.enumerated() where t.has(.newlineBefore) { atSentenceStart[i] = true }
        for i in 1..<max(1, n) where segmentation.tokens[i].kind == .word {
            let prev = segmentation.tokens[i - 1]
            if isASCII(i - 1, UInt8(ascii: ":")) || (prev.kind == .quote && isOpeningQuote(i - 1)) { atSentenceStart[i] = true }
        }
    }

    var count: Int { segmentation.tokens.count }
    func token(_ i: Int) -> Token { segmentation.tokens[i] }

    func text(_ i: Int) -> String {
        if let t = textCache[i] { return t }
        let t = document.string(bytes: segmentation.tokens[i].byteRange)
        textCache[i] = t
        return t
    }

    func key(_ i: Int) -> String {
        if let k = keyCache[i] { return k }
        let k = segmentation.key(i)
        keyCache[i] = k
        return k
    }

    /// The token is this single ASCII punctuation character (no allocation).
    func isASCII(_ i: Int, _ c: UInt8) -> Bool {
        let t = segmentation.tokens[i]
        return t.keyEnd - t.keyStart == 1 && segmentation.keyBytes[Int(t.keyStart)] == c
    }

    func parses(_ i: Int) -> [MorphParse] {
        if let p = parseCache[i] { return p }
        let p = segmentation.tokens[i].kind == .word ? analyzer.analyze(text(i)) : []
        parseCache[i] = p
        return p
    }

    func isOpeningQuote(_ i: Int) -> Bool {
        guard segmentation.tokens[i].kind == .quote else { return false }
        let k = key(i)
        if k == "«" || k == "„" { return true }
        if k == "“" { return segmentation.tokens[i].has(.spaceBefore) || i == 0 }
        if k == "\"" || k == "'" { return i == 0 || segmentation.tokens[i].has(.spaceBefore) }
        return false
    }

    func isClosingQuote(_ i: Int) -> Bool {
        guard segmentation.tokens[i].kind == .quote else { return false }
        let k = key(i)
        if k == "»" || k == "”" { return true }
        if k == "“" { return !segmentation.tokens[i].has(.spaceBefore) }
        if k == "\"" || k == "'" { return !segmentation.tokens[i].has(.spaceBefore) || i + 1 == count || segmentation.tokens[i + 1].has(.spaceBefore) }
        return false
    }

    /// A capitalised word (first letter uppercase), Cyrillic or Latin, no digits.
    func isCapitalizedWord(_ i: Int) -> Bool {
        let t = segmentation.tokens[i]
        return t.kind == .word && t.has(.capitalized) && !t.has(.digit)
    }

    func isBoilerplate(_ i: Int) -> Bool { segmentation.blockFlags(ofToken: i).isBoilerplate }
    func blockFlags(_ i: Int) -> BlockFlags { segmentation.blockFlags(ofToken: i) }

    /// Dictionary readings only; cached per token like `parses` (rules ask for the same
    /// capitalised words several times, and each filter copied every reading).
    func dictionaryParses(_ i: Int) -> [MorphParse] {
        if dictionaryCache.isEmpty { dictionaryCache = Array(repeating: nil, count: count) }
        if let p = dictionaryCache[i] { return p }
        let all = parses(i)
        // Most words' readings are all from the dictionary or none are: share the array then.
        let p = all.allSatisfy(\.isDictionary) ? all : all.filter(\.isDictionary)
        dictionaryCache[i] = p
        return p
    }

    func hasDictionaryReading(_ i: Int, _ g: Grammemes) -> Bool {
        parses(i).contains { $0.isDictionary && $0.grammemes.contains(g) }
    }

    func hasReading(_ i: Int, _ g: Grammemes) -> Bool { parses(i).contains { $0.grammemes.contains(g) } }

    /// The best reading is an ordinary (non-proper) dictionary word: «Кроме», «Фото», «Политика».
    func isCommonWord(_ i: Int) -> Bool {
        guard let best = parses(i).first, best.isDictionary else { return false }
        return !best.isProperName
    }

    /// Prepositions, conjunctions, particles, pronouns, adverbs: «По», «Оно», «Как», «Ли».
    func hasFunctionWordReading(_ i: Int) -> Bool {
        let function: Grammemes = [.prep, .conj, .prcl, .npro, .advb, .pred, .intj]
        return parses(i).contains { $0.isDictionary && !$0.grammemes.isDisjoint(with: function) }
    }

    /// Known to the dictionary at all.
    func isKnownWord(_ i: Int) -> Bool { parses(i).contains(where: \.isDictionary) }

    /// Lemma keys (lowercase, ё→е) of every reading.
    func lemmaKeys(_ i: Int) -> [String] { parses(i).map { TokenKey.of($0.lemma) } }

    func isPunct(_ i: Int, _ s: String) -> Bool {
        let t = segmentation.tokens[i]
        return t.kind != .word && t.kind != .number && key(i) == s
    }
}
