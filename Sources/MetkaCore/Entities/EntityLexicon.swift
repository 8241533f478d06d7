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
    /// Occupation, origin and language nouns after which NEREL reads a place adjective as
    /// NATIONALITY («российский боксёр», «американского происхождения»): `nationality-nouns.tsv`.
    public var nationalityNouns = KeySet()
    /// Prefixes and suffixes of one-word compound organization names («мин», «рос»; «надзор», «банк»).
    public var orgWordPrefixes: [String] = [] { didSet { orgWordParts = OrgWordParts(prefixes: orgWordPrefixes, suffixes: orgWordSuffixes) } }
    public var orgWordSuffixes: [String] = [] { didSet { orgWordParts = OrgWordParts(prefixes: orgWordPrefixes, suffixes: orgWordSuffixes) } }
    /// The two lists above, prepared for `isCompoundOrganizationKey`.
    private(set) var orgWordParts = OrgWordParts(prefixes: [], suffixes: [])
    /// Lemma keys of verbs of reporting before a quoted outlet name («сообщает «Интерфакс»»).
    /// Lemma keys (not forms: verbs are matched through their readings' lemmas).
    public var reportVerbs: Set<String> = []
    /// Lemma keys of nouns for kinds of products, works and events («система», «игра», «конкурс»):
    /// a Latin name right after one names the thing, not an organization.
    public var productHeads = KeySet()
    /// Lemma keys of words never tagged as names by the fallback rules (months, weekdays, page words).
    public var stopNames = KeySet()
    /// Lemma keys of place and building nouns named with an adjective («сад», «проспект», «замок»).
    public var facilityHeads = KeySet()
    /// Syllables of the Palladius transcription of Chinese («ван», «цзюнь», «сяо»), for `person.chinese-name`.
    public var chineseSyllables: Set<String> = []
    /// Length in characters of the longest Chinese syllable.
    public var longestChineseSyllable = 0

    public init() {}

    /// A one-word compound organization name by its parts (`org-word-parts.tsv`): a listed
    /// prefix followed by at least four more characters («Минобороны»), or at least four
    /// characters before a listed suffix, bare or with a case ending («Росприроднадзора»,
    /// «Газпромбанком»). `key` is a token key (lowercase).
    public func isCompoundOrganizationKey(_ key: String) -> Bool { orgWordParts.matches(key) }

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
        lex.reportVerbs = Set(lists.reportVerbs.map(TokenKey.of))
        lex.productHeads = expand(lists.productHeads)
        lex.nationalityNouns = expand(lists.nationality)
        lex.orgWordPrefixes = lists.orgPrefixes
        lex.orgWordSuffixes = lists.orgSuffixes
        lex.facilityHeads = expand(lists.facilities)
        lex.chineseSyllables = Set(lists.chineseSyllables.map(TokenKey.of))
        lex.longestChineseSyllable = lex.chineseSyllables.map(\.count).max() ?? 0
        return lex
    }

    /// Every file `load` reads (optional ones too: creating one must invalidate the compiled
    /// cache that holds the expanded sets, see `CompiledGazetteer.load(…entityRules:…)`).
    static let fileNames = ["person-roles.tsv", "org-heads.tsv", "loc-heads.tsv", "stop-names.tsv", "org-word-parts.tsv", "descriptors.tsv",
                            "report-verbs.tsv", "non-org-heads.tsv", "nationality-nouns.tsv", "facility-heads.tsv", "chinese-syllables.tsv"]

    /// The expanded sets for the compiled cache: inflecting every lemma at each start cost more
    /// than the rest of loading the lexicon.
    func encode(into w: inout BinaryWriter) {
        for set in [personRoles, quotedHeads, namedHeads, regionHeads, settlementHeads, naturalHeads, directionHeads,
                    areaHeads, descriptors, standaloneDescriptors, stopNames, productHeads, nationalityNouns, facilityHeads] { set.encode(into: &w) }
        for list in [orgWordPrefixes, orgWordSuffixes, reportVerbs.sorted(), chineseSyllables.sorted()] {
            w.write(UInt64(list.count))
            for s in list { w.write(s) }
        }
    }

    static func decode(from r: inout BinaryReader) throws -> EntityLexicon {
        var lex = EntityLexicon()
        lex.personRoles = try KeySet.decode(from: &r)
        lex.quotedHeads = try KeySet.decode(from: &r)
        lex.namedHeads = try KeySet.decode(from: &r)
        lex.regionHeads = try KeySet.decode(from: &r)
        lex.settlementHeads = try KeySet.decode(from: &r)
        lex.naturalHeads = try KeySet.decode(from: &r)
        lex.directionHeads = try KeySet.decode(from: &r)
        lex.areaHeads = try KeySet.decode(from: &r)
        lex.descriptors = try KeySet.decode(from: &r)
        lex.standaloneDescriptors = try KeySet.decode(from: &r)
        lex.stopNames = try KeySet.decode(from: &r)
        lex.productHeads = try KeySet.decode(from: &r)
        lex.nationalityNouns = try KeySet.decode(from: &r)
        lex.facilityHeads = try KeySet.decode(from: &r)
        func strings() throws -> [String] {
            let n = Int(try r.read(UInt64.self))
            guard n >= 0, n < 1 << 24 else { throw MetkaError.data("bad word list in cache") }
            return try (0..<n).map { _ in try r.readString() }
        }
        lex.orgWordPrefixes = try strings()
        lex.orgWordSuffixes = try strings()
        lex.reportVerbs = Set(try strings())
        lex.chineseSyllables = Set(try strings())
        lex.longestChineseSyllable = lex.chineseSyllables.map(\.count).max() ?? 0
        return lex
    }

    struct Lists {
        var roles: [String] = [], quoted: [String] = [], named: [String] = []
        var regions: [String] = [], settlements: [String] = [], stops: [String] = []
        var natural: [String] = [], descriptors: [String] = [], standalone: [String] = []
        var orgPrefixes: [String] = [], orgSuffixes: [String] = [], directions: [String] = [], areas: [String] = []
        var reportVerbs: [String] = [], productHeads: [String] = []
        var nationality: [String] = []
        var chineseSyllables: [String] = [], facilities: [String] = []
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
        for (file, keyPath) in [("report-verbs.tsv", \Lists.reportVerbs), ("non-org-heads.tsv", \Lists.productHeads),
                                ("chinese-syllables.tsv", \Lists.chineseSyllables)] {
            let url = directory.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            for (_, cols) in try TSVFile.rows(url, columns: 1) { lex[keyPath: keyPath].append(cols[0]) }
        }
        let facilities = directory.appendingPathComponent("facility-heads.tsv")
        if FileManager.default.fileExists(atPath: facilities.path) {
            for (_, cols) in try TSVFile.rows(facilities, columns: 1) { lex.facilities.append(cols[0]) }
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
        let nationality = directory.appendingPathComponent("nationality-nouns.tsv")
        if FileManager.default.fileExists(atPath: nationality.path) {
            for (_, cols) in try TSVFile.rows(nationality, columns: 1) { lex.nationality.append(cols[0]) }
        }
        return lex
    }
}

/// `org-word-parts.tsv` prepared for matching token keys. The rule asks this of every unknown
/// capitalised word; comparing `String`s (character counts, `hasSuffix` with a new `String` per
/// suffix and case ending) cost more than all other organization rules together. Keys and parts
/// made only of ASCII and the basic Cyrillic letters — one code point per character, nothing
/// that composes — are compared as UTF-8 bytes; anything else takes the `String` comparison,
/// so the answer is the same either way.
struct OrgWordParts: Sendable {
    /// Case endings tried after each suffix; a suffix ending in «а» also swaps it for one of `aEndings`.
    static let endings = ["а", "у", "ом", "е", "ы", "ой", "ой"]
    static let aEndings = ["ы", "е", "у", "ой"]

    let prefixes: [String]
    let suffixes: [String]
    /// Prefix bytes with the prefix's character count.
    let prefixBytes: [([UInt8], Int)]
    /// Every suffix form (bare, + ending, «а» swapped) with its suffix's character count.
    let suffixForms: [([UInt8], Int)]
    /// Every part is simple (see `simpleLength`): the byte comparison is exact.
    let bytesExact: Bool

    init(prefixes: [String], suffixes: [String]) {
        self.prefixes = prefixes
        self.suffixes = suffixes
        prefixBytes = prefixes.map { (Array($0.utf8), $0.count) }
        var forms: [([UInt8], Int)] = []
        for s in suffixes {
            let n = s.count
            forms.append((Array(s.utf8), n))
            for e in OrgWordParts.endings { forms.append((Array((s + e).utf8), n)) }
            if s.hasSuffix("а") { for e in OrgWordParts.aEndings { forms.append((Array((String(s.dropLast()) + e).utf8), n)) } }
        }
        suffixForms = forms
        bytesExact = (prefixBytes + suffixForms).allSatisfy { form in form.0.withUnsafeBufferPointer { OrgWordParts.simpleLength($0) != nil } }
    }

    /// Characters in `bytes` when every one is printable ASCII or a basic Cyrillic letter
    /// (U+0400–U+04FF without the combining U+0483–U+0489); nil otherwise.
    static func simpleLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0, n = 0
        while i < bytes.count {
            let b = bytes[i]
            if b >= 0x20 && b < 0x7F {
                i += 1
            } else if b >= 0xD0 && b <= 0xD3 && i + 1 < bytes.count && bytes[i + 1] & 0xC0 == 0x80 {
                if b == 0xD2 && bytes[i + 1] >= 0x83 && bytes[i + 1] <= 0x89 { return nil }
                i += 2
            } else {
                return nil
            }
            n += 1
        }
        return n
    }

    func matches(_ key: String) -> Bool {
        guard bytesExact else { return matchesStrings(key) }
        var key = key
        return key.withUTF8 { k in
            guard let n = OrgWordParts.simpleLength(k) else { return matchesStrings(String(decoding: k, as: UTF8.self)) }
            for (p, count) in prefixBytes where n - count >= 4 && k.count >= p.count {
                if p.withUnsafeBufferPointer({ p in (0..<p.count).allSatisfy { k[$0] == p[$0] } }) { return true }
            }
            for (form, count) in suffixForms where n - count >= 4 && k.count >= form.count {
                let offset = k.count - form.count
                if form.withUnsafeBufferPointer({ f in (0..<f.count).allSatisfy { k[offset + $0] == f[$0] } }) { return true }
            }
            return false
        }
    }

    /// The same test on `String`s (keys or parts outside the simple alphabet).
    func matchesStrings(_ key: String) -> Bool {
        let n = key.count
        if prefixes.contains(where: { key.hasPrefix($0) && n - $0.count >= 4 }) { return true }
        return suffixes.contains { s in
            n - s.count >= 4 && (key.hasSuffix(s) || OrgWordParts.endings.contains { key.hasSuffix(s + $0) } ||
                                 (s.hasSuffix("а") && OrgWordParts.aEndings.contains { key.hasSuffix(String(s.dropLast()) + $0) }))
        }
    }
}
