/// A set of OpenCorpora grammemes, one bit each.
///
/// The bit order is fixed by `Scripts/morphology/build_lexicon.py` (`GRAMMEMES`), which writes
/// each tag of the dictionary as this 64-bit mask into `lexicon.bin`; keep both lists in step.
/// Only the grammemes Metka reasons about are kept (part of speech, case, number, gender,
/// animacy, the proper-noun marks, and cheap verbal categories); the full OpenCorpora tag string
/// of a dictionary parse is still available from `MorphParse.tag`.
public struct Grammemes: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// OpenCorpora names in bit order.
    public static let names: [String] = [
        "NOUN", "ADJF", "ADJS", "COMP", "VERB", "INFN", "PRTF", "PRTS", "GRND", "NUMR", "ADVB", "NPRO",
        "PRED", "PREP", "CONJ", "PRCL", "INTJ",
        "nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "loc2",
        "sing", "plur",
        "masc", "femn", "neut", "ms-f",
        "anim", "inan",
        "Sgtm", "Pltm",
        "Fixd", "Abbr", "Name", "Surn", "Patr", "Geox", "Orgn", "Init",
        "1per", "2per", "3per",
        "pres", "past", "futr",
        "perf", "impf",
        "indc", "impr",
        "actv", "pssv",
        "Supr", "Qual", "Apro", "Anum", "Poss",
        "Infr", "Erro", "Dist",
    ]

    private static func bit(_ name: String) -> Grammemes { Grammemes(rawValue: 1 << UInt64(names.firstIndex(of: name)!)) }

    // Parts of speech
    public static let noun = bit("NOUN"), adjf = bit("ADJF"), adjs = bit("ADJS"), comp = bit("COMP")
    public static let verb = bit("VERB"), infn = bit("INFN"), prtf = bit("PRTF"), prts = bit("PRTS")
    public static let grnd = bit("GRND"), numr = bit("NUMR"), advb = bit("ADVB"), npro = bit("NPRO")
    public static let pred = bit("PRED"), prep = bit("PREP"), conj = bit("CONJ"), prcl = bit("PRCL"), intj = bit("INTJ")
    // Cases
    public static let nomn = bit("nomn"), gent = bit("gent"), datv = bit("datv"), accs = bit("accs")
    public static let ablt = bit("ablt"), loct = bit("loct"), voct = bit("voct"), gen2 = bit("gen2"), loc2 = bit("loc2")
    // Number, gender, animacy
    public static let sing = bit("sing"), plur = bit("plur")
    public static let masc = bit("masc"), femn = bit("femn"), neut = bit("neut"), msf = bit("ms-f")
    public static let anim = bit("anim"), inan = bit("inan")
    public static let sgtm = bit("Sgtm"), pltm = bit("Pltm")
    // Marks
    public static let fixd = bit("Fixd"), abbr = bit("Abbr"), name = bit("Name"), surn = bit("Surn")
    public static let patr = bit("Patr"), geox = bit("Geox"), orgn = bit("Orgn"), initial = bit("Init")
    // Verbal categories (cheap to keep)
    public static let per1 = bit("1per"), per2 = bit("2per"), per3 = bit("3per")
    public static let pres = bit("pres"), past = bit("past"), futr = bit("futr")
    public static let perf = bit("perf"), impf = bit("impf"), indc = bit("indc"), impr = bit("impr")
    public static let actv = bit("actv"), pssv = bit("pssv")
    public static let supr = bit("Supr"), qual = bit("Qual"), apro = bit("Apro"), anum = bit("Anum"), poss = bit("Poss")
    // Rare/variant forms: inflection avoids them when a plain form exists.
    public static let infr = bit("Infr"), erro = bit("Erro"), dist = bit("Dist")

    public static let partsOfSpeech: Grammemes = [.noun, .adjf, .adjs, .comp, .verb, .infn, .prtf, .prts, .grnd,
                                                  .numr, .advb, .npro, .pred, .prep, .conj, .prcl, .intj]
    public static let cases: Grammemes = [.nomn, .gent, .datv, .accs, .ablt, .loct, .voct, .gen2, .loc2]
    public static let numbers: Grammemes = [.sing, .plur]
    public static let genders: Grammemes = [.masc, .femn, .neut, .msf]
    public static let animacy: Grammemes = [.anim, .inan]
    public static let persons: Grammemes = [.per1, .per2, .per3]
    public static let tenses: Grammemes = [.pres, .past, .futr]
    public static let moods: Grammemes = [.indc, .impr]
    public static let voices: Grammemes = [.actv, .pssv]
    public static let rare: Grammemes = [.infr, .erro, .dist]
    /// Marks of proper names (the tagger's "is this a name?" question).
    public static let properMarks: Grammemes = [.name, .surn, .patr, .geox, .orgn]
    /// The six main cases in their usual order, for generating all case forms.
    public static let mainCases: [Grammemes] = [.nomn, .gent, .datv, .accs, .ablt, .loct]
    /// Grammatical categories: setting one member of a category replaces the others when inflecting.
    static let categories: [Grammemes] = [partsOfSpeech, cases, numbers, genders, animacy, persons, tenses, moods, voices]

    /// Parses OpenCorpora names ("NOUN,anim,masc sing,nomn" or a list); unknown names are ignored.
    public init(tag: String) {
        var bits: UInt64 = 0
        for part in tag.split(whereSeparator: { $0 == "," || $0 == " " }) {
            if let i = Grammemes.names.firstIndex(of: String(part)) { bits |= 1 << UInt64(i) }
        }
        self.init(rawValue: bits)
    }

    /// The part of speech alone.
    public var partOfSpeech: Grammemes { intersection(.partsOfSpeech) }
    /// The case alone (gen2/loc2 included as written).
    public var grammaticalCase: Grammemes { intersection(.cases) }

    /// Replaces each category that `other` sets (case, number, gender, …) with `other`'s value.
    public func replacingCategories(with other: Grammemes) -> Grammemes {
        var result = self
        for category in Grammemes.categories where !other.isDisjoint(with: category) {
            result.subtract(category)
        }
        return result.union(other)
    }

    public var description: String {
        var parts: [String] = []
        for (i, name) in Grammemes.names.enumerated() where rawValue & (1 << UInt64(i)) != 0 { parts.append(name) }
        return parts.joined(separator: ",")
    }
}
