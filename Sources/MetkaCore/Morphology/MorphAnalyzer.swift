/// A per-worker analyzer: `RussianMorphology.analyze` plus a cache keyed by the folded token key and
/// its letter-case shape (the only parts of a token the analysis depends on).
///
/// Not thread-safe by design: each worker thread makes its own (`RussianMorphology.makeAnalyzer()`);
/// the lexicon under it is shared. Words longer than 40 key bytes or spelled with ё skip the
/// cache (rare; ё readings depend on the exact spelling).
public final class MorphAnalyzer {
    public let morphology: RussianMorphology
    private var cache: [CacheKey: [MorphParse]] = [:]
    private let cacheLimit: Int
    private let buffer: UnsafeMutablePointer<UInt8>
    public private(set) var hits = 0
    public private(set) var misses = 0

    struct CacheKey: Hashable {
        var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0, w4: UInt64 = 0
        var length: UInt8 = 0
        var shape = WordShape()
    }

    init(morphology: RussianMorphology, cacheLimit: Int) {
        self.morphology = morphology
        self.cacheLimit = cacheLimit
        buffer = .allocate(capacity: LexiconText.maxKeyLength + 8)
        buffer.initialize(repeating: 0, count: LexiconText.maxKeyLength + 8)
    }

    deinit { buffer.deallocate() }

    public func analyze(_ word: Substring) -> [MorphParse] {
        var hadYo = false
        var shape = WordShape()
        guard let n = LexiconText.key(word, into: buffer, hadYo: &hadYo, shape: &shape), n > 0 else {
            return WordAnalysis.foreign(word)
        }
        if hadYo || n > 40 {
            return WordAnalysis.analyze(word, key: buffer, length: n, hadYo: hadYo, shape: shape, morphology: morphology)
        }
        var k = CacheKey()
        k.length = UInt8(n)
        k.shape = shape
        // Zero the tail so stale bytes of a longer previous word do not enter the key.
        for i in n..<40 { buffer[i] = 0 }
        let raw = UnsafeRawPointer(buffer)
        k.w0 = raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        k.w1 = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        k.w2 = raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
        k.w3 = raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
        k.w4 = raw.loadUnaligned(fromByteOffset: 32, as: UInt64.self)
        if let cached = cache[k] { hits += 1; return cached }
        misses += 1
        let result = WordAnalysis.analyze(word, key: buffer, length: n, hadYo: hadYo, shape: shape, morphology: morphology)
        if cache.count >= cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[k] = result
        return result
    }

    public func analyze(_ word: String) -> [MorphParse] { analyze(word[...]) }
}
