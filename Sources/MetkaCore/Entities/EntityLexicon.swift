import Foundation

/// Word lists the entity rules use, from `Gazetteers/rules/` (vocabulary is data).
public struct EntityLexicon: Sendable {
    /// Lemma keys of role and title words («президент», «посол», «замглавы»).
    public var personRoles = KeySet()
    /// Lemma keys of organization head nouns that precede a quoted name («компания "Х"»).
    public var quotedHeads = KeySet()
    /// Lemma keys of organization head nouns that head a name phrase («Служба внешней разведки»).
    public var namedHeads = KeySet()
    /// Lemma keys of location head nouns: region heads («область») and settlement heads («город»).
    public var regionHeads = KeySet()
    public var settlementHeads = KeySet()
    /// Lemma keys of heads introducing a natural feature's name («река», «озеро», «остров»).
    public var naturalHeads = KeySet()
    /// Lemma keys of direction nouns («север», «юго-восток»): NEREL's «севере Мали» is one LOC.
    public var directionHeads = KeySet()
    /// Lemma keys of lowercase region nouns that introduce a name («штата Мэриленд», «префектуре Канагава»).
    public var areaHeads = KeySet()
    /// Lemma keys of institution nouns that describe rather than name («правительство», «полиция»);
    /// used by the convention profiles (`EntityConvention`).
    public var descriptors = KeySet()
    /// Descriptors NEREL tags by themselves too («полиция сообщила»): `alone=yes` in `descriptors.tsv`.
    public var standaloneDescriptors = KeySet()
    /// Prefixes and suffixes of one-word compound organization names («мин», «рос»; «надзор», «банк»).
    public var orgWordPrefixes: [String] = []
    public var orgWordSuffixes: [String] = []
    /// Lemma keys of words never tagged as names by the fallback rules (months, weekdays, page words).
    public var stopNames = KeySet()

    public init() {}

    /// Loads the lists and expands every lemma to all its inflected forms with `forms`, so rules
    /// test a token by one set lookup of its key instead of analysing it.
    public static func load(directory: URL, forms: (String) -> [String]) throws -> EntityLexicon {
        let lists = try readLists(directory: directory)
        func expand(_ lemmas: [String]) -> KeySet {
            var out = KeySet()
            for lemma in lemmas {
                out.insert(TokenKey.of(lemma))
                for f in forms(lemma) { out.insert(TokenKey.of(f)) }
            }
            return out
        }
        var lex = EntityLexicon()
        lex.personRoles = expand(lists.roles)
        lex.quotedHeads = expand(lists.quoted)
        lex.namedHeads = expand(lists.named)
        lex.regionHeads = expand(lists.regions)
        lex.settlementHeads = expand(lists.settlements)
        lex.stopNames = expand(lists.stops)
        lex.naturalHeads = expand(lists.natural)
        lex.directionHeads = expand(lists.directions)
        lex.areaHeads = expand(lists.areas)
        lex.descriptors = expand(lists.descriptors)
        lex.standaloneDescriptors = expand(lists.standalone)
        lex.orgWordPrefixes = lists.orgPrefixes
        lex.orgWordSuffixes = lists.orgSuffixes
        return lex
    }

    struct Lists {
        var roles: [String] = [], quoted: [String] = [], named: [String] = []
        var regions: [String] = [], settlements: [String] = [], stops: [String] = []
        var natural: [String] = [], descriptors: [String] = [], standalone: [String] = []
        var orgPrefixes: [String] = [], orgSuffixes: [String] = [], directions: [String] = [], areas: [String] = []
    }

    static func readLists(directory: URL) throws -> Lists {
        var lex = Lists()
        for (_, cols) in try TSVFile.rows(directory.appendingPathComponent("person-roles.tsv"), columns: 1) {
            lex.roles.append(cols[0])
        }
        for (line, cols) in try TSVFile.rows(directory.appendingPathComponent("org-heads.tsv"), columns: 2) {
            let key = cols[0]
            switch cols[1] {
            case "quoted": lex.quoted.append(key)
            case "named": lex.named.append(key)
            case "both": lex.quoted.append(key); lex.named.append(key)
            default: throw MetkaError.data("\(directory.path)/org-heads.tsv:\(line): use must be quoted, named or both")
            }
        }
        for (line, cols) in try TSVFile.rows(directory.appendingPathComponent("loc-heads.tsv"), columns: 2) {
            let key = cols[0]
            switch cols[1] {
            case "region": lex.regions.append(key)
            case "settlement": lex.settlements.append(key)
            case "natural": lex.natural.append(key)
            case "direction": lex.directions.append(key)
            case "area": lex.areas.append(key)
            default: throw MetkaError.data("\(directory.path)/loc-heads.tsv:\(line): kind must be region, settlement, natural, direction or area")
            }
        }
        for (_, cols) in try TSVFile.rows(directory.appendingPathComponent("stop-names.tsv"), columns: 1) {
            lex.stops.append(cols[0])
        }
        let parts = directory.appendingPathComponent("org-word-parts.tsv")
        if FileManager.default.fileExists(atPath: parts.path) {
            for (line, cols) in try TSVFile.rows(parts, columns: 2) {
                switch cols[1] {
                case "prefix": lex.orgPrefixes.append(TokenKey.of(cols[0]))
                case "suffix": lex.orgSuffixes.append(TokenKey.of(cols[0]))
                default: throw MetkaError.data("\(parts.path):\(line): position must be prefix or suffix")
                }
            }
        }
        let descriptors = directory.appendingPathComponent("descriptors.tsv")
        if FileManager.default.fileExists(atPath: descriptors.path) {
            for (line, cols) in try TSVFile.rows(descriptors, columns: 2) {
                lex.descriptors.append(cols[0])
                switch cols[1] {
                case "yes": lex.standalone.append(cols[0])
                case "no": break
                default: throw MetkaError.data("\(descriptors.path):\(line): alone must be yes or no")
                }
            }
        }
        return lex
    }
}
