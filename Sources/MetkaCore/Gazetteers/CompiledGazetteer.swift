import Foundation

/// All gazetteer lists compiled into one matcher over token keys.
///
/// Compilation: every alias of every entry is expanded to its inflected forms by the
/// morphology (`phraseForms`: case and number forms of the head with agreeing adjectives,
/// genitive tails and `[frozen]` words unchanged; `=exact` aliases stay as written), each form is
/// tokenized exactly like article text, and the resulting token-key sequence is inserted into a
/// `PhraseTrie`. Matching walks the trie from every token: one vocabulary lookup per token and a
/// hash probe per extra token of a candidate phrase.
public struct CompiledGazetteer: Sendable {
    /// What one trie payload stands for.
    public struct Phrase: Sendable {
        public var entry: Int32
        /// The alias is marked `?` or the entry `ambiguous=`: a weaker candidate.
        public var ambiguous: Bool
        /// The alias starts with an uppercase letter: the text must too.
        public var requiresCapital: Bool
        /// A short all-caps alias (США, МИД): the text must be all caps as well.
        public var requiresAllCaps: Bool
    }

    public let entries: [GazetteerEntry]
    public let vocabulary: KeyVocabulary
    public let trie: PhraseTrie
    public let phrases: [Phrase]
    /// Per entry: FNV-1a of `GazetteerEntry.key` (see `Candidate.entryKey`).
    public let entryKeys: [UInt64]

    public init(entries: [GazetteerEntry], vocabulary: KeyVocabulary, trie: PhraseTrie, phrases: [Phrase]) {
        self.entries = entries
        // The hash of `e.key` ("list#id") fed piecewise: building 9,000 key strings was a
        // tenth of start-up.
        self.entryKeys = entries.map { e in
            var h = FeatureHasher(0, 0)
            for b in e.list.utf8 { h.add(b) }
            h.add(UInt8(ascii: "#"))
            h.add(e.id)
            return h.value | 1
        }
        self.vocabulary = vocabulary
        self.trie = trie
        self.phrases = phrases
    }

    /// Compiles `entries`, generating inflected forms with `forms` (normally `RussianMorphology.phraseForms`).
    public static func compile(_ entries: [GazetteerEntry], forms: (GazetteerEntry, GazetteerAlias) -> [String]) -> CompiledGazetteer {
        var vocabulary = KeyVocabulary(capacity: 1 << 16)
        var trie = PhraseTrieBuilder()
        var phrases: [Phrase] = []
        var phraseIndex: [String: Int32] = [:]  // dedupe identical (entry, flags) payloads
        let tokenizer = Tokenizer()
        for (e, entry) in entries.enumerated() {
            for alias in entry.aliases {
                let plain = alias.plain
                guard let firstLetter = plain.unicodeScalars.first(where: { $0.properties.isAlphabetic }) else { continue }
                let letters = plain.unicodeScalars.filter { $0.properties.isAlphabetic }
                let allCaps = letters.count >= 2 && letters.count <= 4 && letters.allSatisfy { $0.properties.isUppercase }
                let phrase = Phrase(entry: Int32(e), ambiguous: alias.ambiguous || entry.isAmbiguous,
                                    requiresCapital: firstLetter.properties.isUppercase, requiresAllCaps: allCaps)
                let signature = "\(e)|\(phrase.ambiguous)|\(phrase.requiresCapital)|\(phrase.requiresAllCaps)"
                let payload: Int32
                if let p = phraseIndex[signature] {
                    payload = p
                } else {
                    payload = Int32(phrases.count)
                    phrases.append(phrase)
                    phraseIndex[signature] = payload
                }
                var variants = alias.exact ? [plain] : forms(entry, alias)
                if !variants.contains(plain) { variants.append(plain) }
                for form in variants {
                    let doc = Document(id: "", text: form)
                    let (tokens, keyBytes) = tokenizer.tokenize(doc)
                    guard !tokens.isEmpty else { continue }
                    let keys = tokens.map { t in
                        vocabulary.intern(String(decoding: keyBytes[t.keyRange], as: UTF8.self))
                    }
                    trie.insert(keys, payload: payload)
                }
            }
        }
        return CompiledGazetteer(entries: entries, vocabulary: vocabulary, trie: trie.build(), phrases: phrases)
    }

    /// Token-key ids of a segmentation (-1 where the key never occurs in any list).
    public func keyIDs(_ seg: Segmentation) -> [Int32] {
        var ids = [Int32](repeating: -1, count: seg.tokens.count)
        seg.keyBytes.withUnsafeBufferPointer { keys in
            for (i, t) in seg.tokens.enumerated() {
                ids[i] = vocabulary.lookup(UnsafeBufferPointer(rebasing: keys[t.keyRange]))
            }
        }
        return ids
    }

    /// Two or more uppercase letters followed by at most two lowercase ones («МИДа», «МИДом»).
    static func isAbbreviationWithEnding(_ document: Document, _ t: Token) -> Bool {
        guard t.end - t.start <= 8 else { return false }
        var upper = 0, lower = 0
        for s in document.string(bytes: t.byteRange).unicodeScalars {
            if s.properties.isUppercase {
                if lower > 0 { return false }
                upper += 1
            } else if s.properties.isLowercase {
                lower += 1
            }
        }
        return upper >= 2 && lower <= 2
    }

    /// All gazetteer candidates in a document (overlapping; the overlap policy settles them).
    public func candidates(_ document: Document, _ seg: Segmentation, keyIDs: [Int32]) -> [Candidate] {
        var out: [Candidate] = []
        keyIDs.withUnsafeBufferPointer { ids in
            for start in 0..<ids.count where ids[start] >= 0 {
                let first = seg.tokens[start]
                trie.matches(in: ids, from: start) { end, payloads in
                    // A phrase never ends inside a hyphenated or glued word: the next token must be separate.
                    for p in payloads {
                        let phrase = phrases[Int(p)]
                        // Capitals are checked on words; URL-shaped names («ВЭБ.РФ», «Lenta.ru») carry no shape bits.
                        if phrase.requiresCapital && first.kind == .word && !first.has(.capitalized) { continue }
                        // «МИД» matches «МИДа», «МИДом»: the abbreviation's letters stay uppercase,
                        // a lowercase case ending may follow; «Мид» or «мид» does not match.
                        if phrase.requiresAllCaps && !first.has(.allCaps) && !CompiledGazetteer.isAbbreviationWithEnding(document, first) { continue }
                        let entry = entries[Int(phrase.entry)]
                        var c = Candidate(tokenRange: start..<end, type: entry.type, subtype: entry.subtype,
                                          reference: .gazetteer(phrase.entry), source: entry.source,
                                          priority: phrase.ambiguous ? CandidatePriority.gazetteerAmbiguous : CandidatePriority.gazetteer)
                        c.entryKey = entryKeys[Int(phrase.entry)]
                        out.append(c)
                    }
                }
            }
        }
        return out
    }
}
