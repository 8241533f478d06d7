import Foundation

/// Word lists the segmenter and boilerplate detector use, loaded from `Gazetteers/segmentation/`.
///
/// Vocabulary is data: abbreviations, page rubrics and boilerplate markers are TSV files a user
/// can extend without touching code. Entries are compared as token keys: each entry is run
/// through the same tokenizer as documents once, at load time, so matching during segmentation
/// compares key bytes token by token and never builds a `String`.
public struct SegmentationLexicon: Sendable {
    /// How an abbreviation followed by "." behaves at a possible sentence end.
    public enum AbbreviationClass: String, Sendable {
        /// Precedes what it qualifies («г. Москва», «ул. Тверская», «им. Пушкина»): never ends a sentence.
        case prefix
        /// Follows a number or ends a phrase («5 млн.», «и т. д.»): ends a sentence when a capital follows.
        case suffix
        /// «г.»: a prefix before a name, a suffix after a year («в 2017 г. Путин…»).
        case yearOrPrefix = "year-or-prefix"
    }

    public var abbreviations: [String: AbbreviationClass] { didSet { compile() } }
    /// Keys of whole lines that are site rubrics («политика», «технологии и медиа»).
    public var rubrics: Set<String> { didSet { compile() } }
    /// Boilerplate markers: (flag, match mode, key text).
    public var markers: [BoilerplateMarker] { didSet { compile() } }

    public struct BoilerplateMarker: Sendable {
        /// `exact`: the line (after leading decoration such as emoji, bullets, markdown `**`/`[`)
        /// is the marker, optionally followed by decoration; `prefix`: the line starts with it;
        /// `contains`: the marker's tokens occur anywhere in the line; `words`: the line is made
        /// only of the marker's words.
        public enum Mode: String, Sendable { case exact, prefix, contains, words }
        public var flag: BlockFlags
        public var mode: Mode
        public var key: String
        public var words: Set<String>

        public init(flag: BlockFlags, mode: Mode, key: String, words: Set<String>) {
            self.flag = flag
            self.mode = mode
            self.key = key
            self.words = words
        }
    }

    /// A marker as a sequence of token keys (what the detector compares).
    struct CompiledMarker: Sendable {
        var flag: BlockFlags
        var mode: BoilerplateMarker.Mode
        var tokens: [[UInt8]]
    }

    /// Markers by mode; `exact`/`prefix` ones indexed by their first token key.
    private(set) var anchoredMarkers: [ByteKey: [CompiledMarker]] = [:]
    private(set) var containsMarkers: [CompiledMarker] = []
    /// `words` markers: the flag and the set of allowed token keys.
    private(set) var wordMarkers: [(flag: BlockFlags, words: Set<ByteKey>)] = []
    /// Rubric lines as their token keys joined by single spaces.
    private(set) var rubricKeys: Set<ByteKey> = []
    private(set) var abbreviationKeys: [ByteKey: AbbreviationClass] = [:]

    public init(abbreviations: [String: AbbreviationClass] = [:], rubrics: Set<String> = [], markers: [BoilerplateMarker] = []) {
        self.abbreviations = abbreviations
        self.rubrics = rubrics
        self.markers = markers
        compile()
    }

    /// Token keys of `text`, tokenized exactly as documents are.
    static func tokenKeys(_ text: String) -> [[UInt8]] {
        let doc = Document(id: "", text: text)
        let (tokens, keys) = Tokenizer().tokenize(doc)
        return tokens.map { Array(keys[$0.keyRange]) }
    }

    private mutating func compile() {
        anchoredMarkers = [:]
        containsMarkers = []
        wordMarkers = []
        for m in markers {
            let tokens = Self.tokenKeys(m.key)
            guard let first = tokens.first else { continue }
            let compiled = CompiledMarker(flag: m.flag, mode: m.mode, tokens: tokens)
            switch m.mode {
            case .exact, .prefix: anchoredMarkers[ByteKey(first[...]), default: []].append(compiled)
            case .contains: containsMarkers.append(compiled)
            case .words: wordMarkers.append((m.flag, Set(tokens.map { ByteKey($0[...]) })))
            }
        }
        rubricKeys = Set(rubrics.map { ByteKey(Array(Self.tokenKeys($0).joined(separator: [0x20]))[...]) })
        abbreviationKeys = [:]
        for (a, cls) in abbreviations { abbreviationKeys[ByteKey(Array(TokenKey.of(a).utf8)[...])] = cls }
    }

    /// Loads the three lists from `directory` (normally `Gazetteers/segmentation`).
    public static func load(directory: URL) throws -> SegmentationLexicon {
        var abbreviations: [String: AbbreviationClass] = [:]
        var rubrics: Set<String> = []
        var markers: [BoilerplateMarker] = []
        for (line, cols) in try TSVFile.rows(directory.appendingPathComponent("abbreviations.tsv"), columns: 2) {
            guard let cls = AbbreviationClass(rawValue: cols[1]) else {
                throw MetkaError.data("\(directory.path)/abbreviations.tsv:\(line): unknown class '\(cols[1])' (prefix, suffix, year-or-prefix)")
            }
            abbreviations[TokenKey.of(cols[0])] = cls
        }
        for (_, cols) in try TSVFile.rows(directory.appendingPathComponent("rubrics.tsv"), columns: 1) {
            rubrics.insert(TokenKey.of(cols[0]))
        }
        let flagNames: [String: BlockFlags] = [
            "photo-credit": .photoCredit, "promo": .promo, "footer": .footer, "navigation": .navigation,
            "ad": .ad, "byline": .byline, "calendar": .calendar,
        ]
        for (line, cols) in try TSVFile.rows(directory.appendingPathComponent("boilerplate.tsv"), columns: 3) {
            guard let flag = flagNames[cols[0]], let mode = BoilerplateMarker.Mode(rawValue: cols[1]) else {
                throw MetkaError.data("\(directory.path)/boilerplate.tsv:\(line): unknown flag or mode '\(cols[0])\t\(cols[1])'")
            }
            let key = TokenKey.of(cols[2])
            let words = Set(key.split(separator: " ").map(String.init))
            markers.append(BoilerplateMarker(flag: flag, mode: mode, key: key, words: words))
        }
        return SegmentationLexicon(abbreviations: abbreviations, rubrics: rubrics, markers: markers)
    }
}

/// A hashable key over a short byte string, built without allocation on lookup: up to 24 bytes
/// are packed into three words; longer strings keep a hash of the rest (lookups of long keys
/// compare the packed prefix, length and tail hash, which is exact for the short entries the
/// segmentation lists hold — abbreviations, rubric lines, first words of markers).
struct ByteKey: Hashable, Sendable {
    var a: UInt64 = 0
    var b: UInt64 = 0
    var c: UInt64 = 0
    var count: Int = 0
    var tail: Int = 0

    init<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        count = bytes.count
        var k = 0
        var hasher = Hasher()
        for byte in bytes {
            let v = UInt64(byte)
            switch k {
            case 0..<8: a |= v << UInt64(k * 8)
            case 8..<16: b |= v << UInt64((k - 8) * 8)
            case 16..<24: c |= v << UInt64((k - 16) * 8)
            default: hasher.combine(byte)
            }
            k += 1
        }
        tail = k > 24 ? hasher.finalize() : 0
    }

    /// The key of `buffer[range]`.
    @inline(__always)
    init(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        self.init(UnsafeBufferPointer(rebasing: buffer[range]))
    }
}
