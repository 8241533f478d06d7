import Foundation

/// Word lists the topic features use (`Gazetteers/topics/`): stopwords and evidence phrases.
public struct TopicLexicon: Sendable {
    /// Hashes of stopword keys (unstemmed).
    public var stopwords: Set<UInt64>
    /// Evidence phrases by the hash of their first term: (term hashes, class).
    public var evidence: [UInt64: [(terms: [UInt64], cls: String)]]
    /// Evidence prefixes (`кибер*`): any word whose key starts with one counts for its class —
    /// Russian compounds (киберугроза, кибершпионаж) are open-ended, a list of them never complete.
    public var prefixes: [(key: [UInt8], cls: String)] = []
    /// Checksums of the source files, recorded in the model manifest.
    public var checksums: [String: String]

    /// Fast lookup structures built from the above (`compile()`), used on the hot path.
    var stopIndex = HashIndex64([])
    /// First-term hash → index into `phraseGroups`.
    var phraseIndex = HashIndex64([])
    var phraseGroups: [[(terms: [UInt64], cls: UInt64)]] = []
    /// First two key bytes of each prefix, for a cheap pre-check.
    var prefixHeads: [UInt16] = []
    var prefixClasses: [UInt64] = []

    /// Builds the lookup structures; call after changing the public fields.
    public mutating func compile() {
        stopIndex = HashIndex64(stopwords.sorted().map { ($0, 1) })
        let firsts = evidence.keys.sorted()
        phraseIndex = HashIndex64(firsts.enumerated().map { ($0.element, Int32($0.offset)) })
        phraseGroups = firsts.map { f in evidence[f]!.map { ($0.terms, FeatureHash.combine(TopicFeatureExtractor.evidenceSpace, FeatureHash.of($0.cls))) } }
        prefixHeads = prefixes.map { UInt16($0.key[0]) << 8 | UInt16($0.key[1]) }
        prefixClasses = prefixes.map { FeatureHash.combine(TopicFeatureExtractor.evidenceSpace, FeatureHash.of($0.cls)) }
    }

    public init(stopwords: Set<UInt64> = [], evidence: [UInt64: [(terms: [UInt64], cls: String)]] = [:], checksums: [String: String] = [:]) {
        self.stopwords = stopwords
        self.evidence = evidence
        self.checksums = checksums
        compile()
    }

    public static let stopwordsFile = "stopwords.tsv"
    public static let evidenceFile = "evidence.tsv"

    /// Loads `directory/stopwords.tsv` and `directory/evidence.tsv`; phrases are segmented and
    /// normalized with the same segmenter and term source as documents, so they match exactly.
    public static func load(directory: URL, segmenter: Segmenter, termSource: any TopicTermSource) throws -> TopicLexicon {
        var lexicon = TopicLexicon()
        let stopURL = directory.appendingPathComponent(stopwordsFile)
        for (_, f) in try TSVFile.rows(stopURL, columns: 1) {
            lexicon.stopwords.insert(FeatureHash.of(TokenKey.of(f[0])))
        }
        let evURL = directory.appendingPathComponent(evidenceFile)
        for (line, f) in try TSVFile.rows(evURL, columns: 2) {
            if f[0].hasSuffix("*") {
                let key = Array(TokenKey.of(String(f[0].dropLast())).utf8)
                guard key.count >= 4, !f[0].dropLast().contains(" ") else {
                    throw MetkaError.data("\(evURL.path):\(line): a prefix entry is one word of at least two letters followed by *")
                }
                lexicon.prefixes.append((key, f[1]))
                continue
            }
            let doc = Document(id: "evidence", text: f[0])
            let tagged = TaggedDocument(document: doc, segmentation: segmenter.segment(doc))
            var terms: [UInt64] = []
            for i in tagged.segmentation.tokens.indices where tagged.segmentation.tokens[i].kind == .word {
                if let h = termSource.withTerm(tagged, i, { FeatureHash.of($0) }) { terms.append(h) }
            }
            guard let first = terms.first else {
                throw MetkaError.data("\(evURL.path):\(line): phrase has no words")
            }
            lexicon.evidence[first, default: []].append((terms, f[1]))
        }
        for k in lexicon.evidence.keys {
            lexicon.evidence[k]!.sort { $0.terms.count != $1.terms.count ? $0.terms.count > $1.terms.count : $0.cls < $1.cls }
        }
        lexicon.compile()
        for url in [stopURL, evURL] {
            lexicon.checksums[url.lastPathComponent] = FeatureHash.checksum(Array(try Data(contentsOf: url)))
        }
        return lexicon
    }
}
