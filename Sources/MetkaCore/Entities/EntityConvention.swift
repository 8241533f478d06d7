/// Which annotation convention the flat PER/ORG/LOC layer follows.
///
/// The reference corpora disagree on what a name is (docs/entities.md, «Conventions»). Metka's
/// own output (`metka`) tags names, with the fullest organization name. The two profiles
/// reproduce a corpus's convention where it differs, so a score measures recognition rather
/// than the convention gap; they never add vocabulary of their own:
///
/// - `factru` (factRuEval-2016): an organization name with a location tail is two names —
///   «Министерства сельского хозяйства Германии» → ORG «Министерства сельского хозяйства» +
///   LOC «Германии»; a one-word descriptor before the tail is not a name at all
///   («Правительство Японии» → LOC «Японии»); an organization in the genitive tail of another is
///   a name of its own («Палаты представителей» + «Конгресса»); РИА «Новости» → «Новости»;
///   the capitalised «Интернет» is an organization; Latin-script names stay organizations even
///   where the NEREL-trained candidate model rejects them (`ConventionRules`);
/// - `nerel` (NEREL v1.1): relational adjectives of places are LOC («российских», «британской»);
///   lowercase institution nouns are ORG («полиция», «правительство»), with their genitive tail
///   («правительство Мали», «полиция Нью-Йорка», «министерство культуры Польши»).
public enum EntityConvention: String, Sendable, CaseIterable {
    case metka, factru, nerel

    /// The convention of a gold file: factRuEval's exports are named `*factrueval*` / `*naeval*`;
    /// NEREL's carry its fine types (PERSON, COUNTRY, …) next to `coarse`. Else Metka's own.
    public static func of(goldPath: String, fineTypes: some Sequence<String>) -> EntityConvention {
        let path = goldPath.lowercased()
        if path.contains("factru") || path.contains("naeval") { return .factru }
        if path.contains("nerel") { return .nerel }
        let nerelTypes: Set<String> = ["PERSON", "ORGANIZATION", "COUNTRY", "CITY", "STATE_OR_PROVINCE"]
        if fineTypes.contains(where: nerelTypes.contains) { return .nerel }
        return .metka
    }
}
