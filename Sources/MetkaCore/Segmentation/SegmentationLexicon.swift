import Foundation

/// Word lists the segmenter and boilerplate detector use, loaded from `Gazetteers/segmentation/`.
///
/// Vocabulary is data: abbreviations, page rubrics and boilerplate markers are TSV files a user
/// can extend without touching code. Entries are compared as token keys.
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

    public var abbreviations: [String: AbbreviationClass]
    /// Keys of whole lines that are site rubrics («политика», «технологии и медиа»).
    public var rubrics: Set<String>
    /// Boilerplate markers: (flag, match mode, key text).
    public var markers: [BoilerplateMarker]

    public struct BoilerplateMarker: Sendable {
        public enum Mode: String, Sendable { case exact, prefix, contains, words }
        public var flag: BlockFlags
        public var mode: Mode
        public var key: String
        public var words: Set<String>
    }

    public init(abbreviations: [String: AbbreviationClass] = [:], rubrics: Set<String> = [], markers: [BoilerplateMarker] = []) {
        self.abbreviations = abbreviations
        self.rubrics = rubrics
        self.markers = markers
    }

    /// Loads the three lists from `directory` (normally `Gazetteers/segmentation`).
    public static func load(directory: URL) throws -> SegmentationLexicon {
        var lexicon = SegmentationLexicon()
        for (line, cols) in try TSVFile.rows(directory.appendingPathComponent("abbreviations.tsv"), columns: 2) {
            guard let cls = AbbreviationClass(rawValue: cols[1]) else {
                throw MetkaError.data("\(directory.path)/abbreviations.tsv:\(line): unknown class '\(cols[1])' (prefix, suffix, year-or-prefix)")
            }
            lexicon.abbreviations[TokenKey.of(cols[0])] = cls
        }
        for (_, cols) in try TSVFile.rows(directory.appendingPathComponent("rubrics.tsv"), columns: 1) {
            lexicon.rubrics.insert(TokenKey.of(cols[0]))
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
            lexicon.markers.append(BoilerplateMarker(flag: flag, mode: mode, key: key, words: words))
        }
        return lexicon
    }
}
