import Foundation

/// Russian morphology: the lexicon plus analysis, guessing, inflection and normalization.
///
/// A value type over an immutable, memory-mapped `Lexicon`, so it is `Sendable` and can be
/// shared by worker threads. `analyze` computes every time; hot loops should use a per-worker
/// `MorphAnalyzer` (`makeAnalyzer()`), which caches by token key.
public struct RussianMorphology: Sendable {
    public let lexicon: Lexicon
    let templates: NameTemplates

    /// Loads `lexicon.bin` from `directory` (e.g. `Models/morphology`).
    public static func load(directory: URL) throws -> RussianMorphology {
        let lexicon = try Lexicon(url: directory.appendingPathComponent("lexicon.bin"))
        return RussianMorphology(lexicon: lexicon)
    }

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        templates = NameTemplates(lexicon: lexicon)
    }

    /// A per-thread cached analyzer.
    public func makeAnalyzer(cacheLimit: Int = 1 << 16) -> MorphAnalyzer {
        MorphAnalyzer(morphology: self, cacheLimit: cacheLimit)
    }

    /// All readings of `word`, best first (see `MorphAnalyzer` for the ranking).
    public func analyze(_ word: Substring) -> [MorphParse] {
        WordAnalysis.analyze(word, morphology: self)
    }

    public func analyze(_ word: String) -> [MorphParse] { analyze(word[...]) }

    /// Whether the dictionary knows `word` (any case, ё or е).
    public func isKnown(_ word: Substring) -> Bool {
        withKey(word) { key, length, _ in
            var hits: [Lexicon.Hit] = []
            lexicon.lookup(key, length, into: &hits)
            return !hits.isEmpty
        } ?? false
    }

    public func isKnown(_ word: String) -> Bool { isKnown(word[...]) }

    /// Whether `word` has a dictionary reading that is not a proper name — so a capitalised
    /// «Кроме», «Фото», «Политика» at a sentence start is an ordinary word, while «Путин» (only
    /// a surname and the rare common noun «путина») is not counted as common when `dominant` is
    /// set and the proper reading ranks first.
    public func isCommonWord(_ word: Substring, dominant: Bool = false) -> Bool {
        let parses = analyze(word).filter(\.isDictionary)
        if dominant { return parses.first.map { !$0.isProperName } ?? false }
        return parses.contains { !$0.isProperName }
    }

    public func isCommonWord(_ word: String, dominant: Bool = false) -> Bool { isCommonWord(word[...], dominant: dominant) }

    /// Calls `body` with the folded cp1251 key of `word`; nil when the word cannot be a key.
    func withKey<R>(_ word: Substring, _ body: (UnsafePointer<UInt8>, Int, Bool) -> R) -> R? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: LexiconText.maxKeyLength) { buffer in
            var hadYo = false
            guard let n = LexiconText.key(word, into: buffer.baseAddress!, hadYo: &hadYo) else { return nil }
            return body(UnsafePointer(buffer.baseAddress!), n, hadYo)
        }
    }
}
