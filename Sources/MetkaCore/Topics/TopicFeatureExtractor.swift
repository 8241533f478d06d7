/// Turns a tagged document into topic feature hashes (with repeats: counts are taken later).
///
/// Features, all from body text (blocks flagged boilerplate are skipped — menus, teasers and
/// other headlines would otherwise vote):
/// - `w:<term>` — word terms (stems now, lemmas once morphology lands; see `TopicTermSource`),
///   stopwords left out;
/// - `b:<term> <term>` — bigrams of consecutive non-stopword terms in one block, broken by
///   punctuation, numbers and block ends (stopwords are skipped, so «атака на сервер» → `атак сервер`);
/// - `e:<class>` — evidence phrases and word prefixes from `Gazetteers/topics/evidence.tsv`
///   (APT group, security vendor, foreign ministry, `кибер*`…), so a rarely seen name or
///   compound still counts;
/// - `m:<TYPE>/<subtype>` and `m:src/<list>` — from `TaggedDocument.mentions` when the entity
///   stages have run (optional: absent mentions simply add nothing).
public struct TopicFeatureExtractor: Sendable {
    public let termSource: any TopicTermSource
    public let lexicon: TopicLexicon

    public init(termSource: any TopicTermSource = StemTermSource(), lexicon: TopicLexicon) {
        self.termSource = termSource
        self.lexicon = lexicon
    }

    static let unigramSpace: UInt64 = 1
    static let bigramSpace: UInt64 = 2
    static let evidenceSpace: UInt64 = 3
    static let mentionSpace: UInt64 = 4

    /// Feature hashes of `tagged`, appended to `out`. With `names`, also records a readable name
    /// per hash (training and `--explain`; slower).
    public func extract(_ tagged: TaggedDocument, into out: inout [UInt64], names: FeatureNames? = nil) {
        let seg = tagged.segmentation
        let count = seg.tokens.count
        // Per-token term hash for phrase matching (0 = not a body word).
        var terms = [UInt64](repeating: 0, count: count)
        let stems = termSource is StemTermSource
        // Locals, so the loop does not retain/release through `self` and `seg` on every token.
        let prefixHeads = lexicon.prefixHeads, prefixClasses = lexicon.prefixClasses
        let stopIndex = lexicon.stopIndex
        let blocks = seg.blocks
        seg.keyBytes.withUnsafeBufferPointer { kb in
            seg.tokens.withUnsafeBufferPointer { tokens in
                seg.blockOfToken.withUnsafeBufferPointer { blockOfToken in
                var prev: UInt64 = 0
                var prevTerm = ""
                var hasPrev = false
                var prevBlock: Int32 = -1
                var boilerplate = false
                for i in 0..<count {
                    let block = blockOfToken[i]
                    if block != prevBlock {
                        hasPrev = false
                        prevBlock = block
                        boilerplate = blocks[Int(block)].flags.isBoilerplate
                    }
                    if boilerplate { continue }
                    guard tokens[i].kind == .word else {
                        hasPrev = false
                        continue
                    }
                    let key = UnsafeBufferPointer(rebasing: kb[tokens[i].keyRange])
                    if key.count >= 2 && !prefixHeads.isEmpty {
                        let head = UInt16(key[0]) << 8 | UInt16(key[1])
                        for p in 0..<prefixHeads.count where prefixHeads[p] == head && Self.hasPrefix(key, lexicon.prefixes[p].key) {
                            out.append(prefixClasses[p])
                            names?.record(prefixClasses[p], "e:" + lexicon.prefixes[p].cls)
                            break
                        }
                    }
                    let term: UInt64
                    let isStop: Bool
                    if stems {
                        // One FNV pass: the stem's hash is the state after the stem's bytes.
                        let stemEnd = TopicStemmer.stemLength(key)
                        var h = FeatureHash.offset
                        var j = 0
                        while j < stemEnd { h = (h ^ UInt64(key[j])) &* FeatureHash.prime; j += 1 }
                        term = h
                        while j < key.count { h = (h ^ UInt64(key[j])) &* FeatureHash.prime; j += 1 }
                        isStop = stopIndex.contains(h)
                    } else {
                        isStop = stopIndex.contains(FeatureHash.of(key))
                        guard let t = termSource.withTerm(tagged, i, { FeatureHash.of($0) }) else { continue }
                        term = t
                    }
                    terms[i] = term
                    if isStop { continue }
                    let uni = FeatureHash.combine(Self.unigramSpace, term)
                    out.append(uni)
                    var termName = ""
                    if let names {
                        termName = termSource.withTerm(tagged, i, { String(decoding: $0, as: UTF8.self) }) ?? ""
                        names.record(uni, "w:" + termName)
                    }
                    if hasPrev {
                        let bi = FeatureHash.combine(FeatureHash.combine(Self.bigramSpace, prev), term)
                        out.append(bi)
                        names?.record(bi, "b:" + prevTerm + " " + termName)
                    }
                    prev = term
                    prevTerm = termName
                    hasPrev = true
                }
                }
            }
        }
        if !lexicon.phraseGroups.isEmpty {
            var i = 0
            while i < count {
                let t = terms[i]
                let g = t == 0 ? -1 : lexicon.phraseIndex.value(t)
                guard g >= 0 else { i += 1; continue }
                var matched = 0
                for c in lexicon.phraseGroups[Int(g)] {
                    // Phrase terms must follow on consecutive body word tokens.
                    var k = 0, j = i
                    while k < c.terms.count, j < count, terms[j] == c.terms[k] { k += 1; j += 1 }
                    if k == c.terms.count {
                        out.append(c.cls)
                        if let names, let cls = lexicon.evidence[t]?.first(where: { $0.terms == c.terms })?.cls { names.record(c.cls, "e:" + cls) }
                        matched = c.terms.count
                        break
                    }
                }
                i += max(matched, 1)
            }
        }
        // Mention features, hashed straight from the strings' UTF-8 (no concatenation per mention):
        // `m:<TYPE>/<subtype>` and, for gazetteer matches, `m:src/<list file>`.
        for m in tagged.mentions where !m.boilerplate {
            var h = FeatureHash.offset
            Self.fnv(&h, m.type.rawValue.utf8)
            Self.fnv(&h, "/".utf8)
            Self.fnv(&h, (m.subtype ?? "-").utf8)
            let typeFeature = FeatureHash.combine(Self.mentionSpace, h)
            out.append(typeFeature)
            names?.record(typeFeature, "m:" + m.type.rawValue + "/" + (m.subtype ?? "-"))
            let prefix = "gazetteer:"
            guard m.source.utf8.starts(with: prefix.utf8) else { continue }
            // gazetteer:organizations/apt.tsv:9 → the list's file name.
            let list = m.source.utf8.dropFirst(prefix.utf8.count).prefix { $0 != UInt8(ascii: ":") }
            var hs = FeatureHash.offset
            Self.fnv(&hs, "src/".utf8)
            Self.fnv(&hs, list)
            let listFeature = FeatureHash.combine(Self.mentionSpace, hs)
            out.append(listFeature)
            names?.record(listFeature, "m:src/" + String(decoding: list, as: UTF8.self))
        }
    }

    @inline(__always)
    static func fnv<C: Sequence>(_ h: inout UInt64, _ bytes: C) where C.Element == UInt8 {
        for b in bytes { h = (h ^ UInt64(b)) &* FeatureHash.prime }
    }

    @inline(__always)
    static func hasPrefix(_ key: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
        guard key.count >= prefix.count else { return false }
        for j in 0..<prefix.count where key[j] != prefix[j] { return false }
        return true
    }
}

/// Collects readable names for feature hashes during training (first name seen wins), optionally
/// only for a wanted set so that a corpus's millions of singleton bigrams are not kept as strings.
public final class FeatureNames {
    public var wanted: Set<UInt64>?
    public private(set) var names: [UInt64: String] = [:]

    public init(wanted: Set<UInt64>? = nil) { self.wanted = wanted }

    public func record(_ h: UInt64, _ name: @autoclosure () -> String) {
        if let wanted, !wanted.contains(h) { return }
        if names[h] == nil { names[h] = name() }
    }
}
