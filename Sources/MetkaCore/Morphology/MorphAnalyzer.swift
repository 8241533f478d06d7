/// A per-worker analyzer: `RussianMorphology.analyze` plus a cache keyed by the folded token key and
/// its letter-case shape (the only parts of a token the analysis depends on).
///
/// Not thread-safe by design: each worker thread makes its own (`RussianMorphology.makeAnalyzer()`);
/// the lexicon under it is shared. Words longer than 40 key bytes or spelled with ё skip the
/// cache (rare; ё readings depend on the exact spelling).
public final class MorphAnalyzer {
    public let morphology: RussianMorphology
    private let cache = ParseCache(capacityPowerOfTwo: 17)
    private let cacheLimit: Int
    /// Memo for person-name normalization (see `NameCandidateCache`).
    let nameCandidates = NameCandidateCache()
    private let buffer: UnsafeMutablePointer<UInt8>
    /// Hit and miss counters in raw memory: class stored properties would pay a dynamic
    /// exclusivity check on every token.
    private let counters: UnsafeMutablePointer<Int>
    public var hits: Int { counters[0] }
    public var misses: Int { counters[1] }

    struct CacheKey: Hashable {
        var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0, w4: UInt64 = 0
        var length: UInt8 = 0
        var shape = WordShape()
        /// Cheap mix of the key words, fed to the hasher once instead of field by field.
        var mix: UInt64 = 0

        static func == (a: CacheKey, b: CacheKey) -> Bool {
            a.mix == b.mix && a.w0 == b.w0 && a.w1 == b.w1 && a.w2 == b.w2 && a.w3 == b.w3 && a.w4 == b.w4
                && a.length == b.length && a.shape == b.shape
        }

        func hash(into hasher: inout Hasher) { hasher.combine(mix) }
    }

    init(morphology: RussianMorphology, cacheLimit: Int) {
        self.morphology = morphology
        // Keep the open-addressing table at most half full.
        self.cacheLimit = min(cacheLimit, 1 << 16)
        counters = .allocate(capacity: 2)
        counters.initialize(repeating: 0, count: 2)
        buffer = .allocate(capacity: LexiconText.maxKeyLength + 8)
        buffer.initialize(repeating: 0, count: LexiconText.maxKeyLength + 8)
    }

    deinit { buffer.deallocate(); counters.deallocate() }

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
        var h = (k.w0 &* 0x9E3779B97F4A7C15) ^ (k.w1 &* 0xC2B2AE3D27D4EB4F) ^ (k.w2 &* 0x165667B19E3779F9)
        h ^= (k.w3 &* 0x27D4EB2F165667C5) ^ (k.w4 &* 0x94D049BB133111EB)
        h ^= UInt64(shape.upperCount) << 56 ^ UInt64(shape.lowerCount) << 48 ^ UInt64(shape.firstLowerAfterUpper) << 40
            ^ (shape.firstUpper ? 1 << 39 : 0) ^ UInt64(n)
        h ^= h >> 33; h = h &* 0xFF51AFD7ED558CCD; h ^= h >> 33   // murmur3 finalizer: every bit reaches the low bits
        k.mix = h
        if let cached = cache.get(k) { counters[0] &+= 1; return cached }
        counters[1] &+= 1
        var result = WordAnalysis.analyze(word, key: buffer, length: n, hadYo: hadYo, shape: shape, morphology: morphology)
        MorphAnalyzer.shareStrings(&result)
        // Cached arrays live long: drop the spare capacity that growing them by appends left.
        if result.capacity > result.count {
            let parses = result
            result = [MorphParse](unsafeUninitializedCapacity: parses.count) { buffer, initialized in
                for (k, p) in parses.enumerated() { (buffer.baseAddress! + k).initialize(to: p) }
                initialized = parses.count
            }
        }
        if cache.count >= cacheLimit { cache.removeAll() }
        cache.put(k, result)   // misses only: a key is never put twice
        return result
    }

    public func analyze(_ word: String) -> [MorphParse] { analyze(word[...]) }

    /// Makes equal lemmas and forms of one word's readings share one string buffer before the
    /// readings are cached: the readings of a word mostly repeat its form and often its lemma,
    /// and each Cyrillic string past 15 bytes is a heap object of its own — a cache of 60,000
    /// words per worker held several copies of each.
    static func shareStrings(_ parses: inout [MorphParse]) {
        // Byte equality, not `==`: canonically equivalent strings may differ in bytes, and the
        // bytes must stay exactly as analysed.
        func same(_ a: String, _ b: String) -> Bool { a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8) }
        for k in 0..<parses.count {
            for j in 0..<k where same(parses[k].form, parses[j].form) { parses[k].form = parses[j].form; break }
            if same(parses[k].lemma, parses[k].form) {
                parses[k].lemma = parses[k].form
            } else {
                for j in 0..<k where same(parses[k].lemma, parses[j].lemma) { parses[k].lemma = parses[j].lemma; break }
            }
        }
    }
}

/// The analyzer's cache: a compact open-addressing index (8 bytes per slot: 32-bit fingerprint +
/// entry number) over entries stored densely in insertion order.
///
/// Why this shape: a hit costs one probe of a 1 MiB index plus a read of the entry, and the
/// frequent words of running text are inserted first, so their entries sit together at the
/// start of the dense arrays and stay in cache. A table of full 64-byte keys (8 MiB) made every
/// lookup a cache and TLB miss. Cleared wholesale when full; running text re-warms it quickly.
final class ParseCache {
    private let index: UnsafeMutablePointer<UInt64>   // 0 = empty; else fingerprint << 32 | (entry + 1)
    /// Key and parses side by side: 56 + 8 bytes, one cache line per entry.
    struct Entry { var key: MorphAnalyzer.CacheKey; var value: [MorphParse] }
    private let entries: UnsafeMutablePointer<Entry>
    private let slots: Int
    private let mask: Int
    let limit: Int
    private(set) var count = 0

    init(capacityPowerOfTwo p: Int) {
        slots = 1 << p
        mask = slots - 1
        limit = slots / 2
        index = .allocate(capacity: slots)
        index.initialize(repeating: 0, count: slots)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: MemoryLayout<Entry>.stride * limit, alignment: 64)
        entries = raw.bindMemory(to: Entry.self, capacity: limit)
    }

    deinit {
        index.deallocate()
        entries.deinitialize(count: count)
        UnsafeMutableRawPointer(entries).deallocate()
    }

    @inline(__always) func get(_ k: MorphAnalyzer.CacheKey) -> [MorphParse]? {
        let fingerprint = k.mix >> 32
        var i = Int(truncatingIfNeeded: k.mix) & mask
        while true {
            let slot = index[i]
            if slot == 0 { return nil }
            if slot >> 32 == fingerprint {
                let e = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1
                if entries[e].key == k { return entries[e].value }
            }
            i = (i + 1) & mask
        }
    }

    func put(_ k: MorphAnalyzer.CacheKey, _ v: [MorphParse]) {
        if count >= limit { removeAll() }
        var i = Int(truncatingIfNeeded: k.mix) & mask
        while index[i] != 0 { i = (i + 1) & mask }
        (entries + count).initialize(to: Entry(key: k, value: v))
        count += 1
        index[i] = (k.mix >> 32) << 32 | UInt64(count)
    }

    func removeAll() {
        index.update(repeating: 0, count: slots)
        entries.deinitialize(count: count)
        count = 0
    }
}
