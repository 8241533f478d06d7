import Foundation

/// Word lists the entity rules use, from `Gazetteers/rules/` (vocabulary is data).
public struct EntityLexicon: Sendable {
    /// Lemma keys of role and title words («президент», «посол», «замглавы»).
    public var personRoles: Set<String> = []
    /// Lemma keys of organization head nouns that precede a quoted name («компания "Х"»).
    public var quotedHeads: Set<String> = []
    /// Lemma keys of organization head nouns that head a name phrase («Служба внешней разведки»).
    public var namedHeads: Set<String> = []
    /// Lemma keys of location head nouns: region heads («область») and settlement heads («город»).
    public var regionHeads: Set<String> = []
    public var settlementHeads: Set<String> = []
    /// Lemma keys of words never tagged as names by the fallback rules (months, weekdays, page words).
    public var stopNames: Set<String> = []

    public init() {}

    public static func load(directory: URL) throws -> EntityLexicon {
        var lex = EntityLexicon()
        for (_, cols) in try TSVFile.rows(directory.appendingPathComponent("person-roles.tsv"), columns: 1) {
            lex.personRoles.insert(TokenKey.of(cols[0]))
        }
        for (line, cols) in try TSVFile.rows(directory.appendingPathComponent("org-heads.tsv"), columns: 2) {
            let key = TokenKey.of(cols[0])
            switch cols[1] {
            case "quoted": lex.quotedHeads.insert(key)
            case "named": lex.namedHeads.insert(key)
            case "both": lex.quotedHeads.insert(key); lex.namedHeads.insert(key)
            default: throw MetkaError.data("\(directory.path)/org-heads.tsv:\(line): use must be quoted, named or both")
            }
        }
        for (line, cols) in try TSVFile.rows(directory.appendingPathComponent("loc-heads.tsv"), columns: 2) {
            let key = TokenKey.of(cols[0])
            switch cols[1] {
            case "region": lex.regionHeads.insert(key)
            case "settlement": lex.settlementHeads.insert(key)
            default: throw MetkaError.data("\(directory.path)/loc-heads.tsv:\(line): kind must be region or settlement")
            }
        }
        for (_, cols) in try TSVFile.rows(directory.appendingPathComponent("stop-names.tsv"), columns: 1) {
            lex.stopNames.insert(TokenKey.of(cols[0]))
        }
        return lex
    }
}
