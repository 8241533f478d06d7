/// One reading of a word: its lemma, grammemes and where the reading came from.
public struct MorphParse: Hashable, Sendable, CustomStringConvertible {
    /// Where a parse came from; guesses rank below dictionary readings.
    public enum Source: String, Hashable, Sendable {
        /// The OpenCorpora dictionary.
        case dictionary
        /// Unknown word, paradigm guessed from its ending (pymorphy's known-suffix prediction).
        case suffixGuess
        /// Unknown word with a surname ending (-ов/-ин/-ский/… paradigms).
        case surnameGuess
        /// Unknown word with a patronymic ending (-ович/-евна/…).
        case patronymicGuess
        /// Unknown indeclinable name (-их/-ых/-ко/-аго, foreign endings): one fixed form.
        case fixedGuess
        /// All-caps abbreviation not in the dictionary.
        case abbreviation
        /// Latin-script or other non-Cyrillic word: passed through unchanged.
        case foreign
        /// Unknown hyphenated word analysed by its last part.
        case hyphenGuess
    }

    /// Normal form (masculine nominative singular for adjectives and for OpenCorpora surnames,
    /// infinitive for verbs), lowercase as in the dictionary, ё kept.
    public var lemma: String
    public var grammemes: Grammemes
    /// Ranking score: P(tag|word) where the corpus knows the word, else an even share;
    /// guesses are scaled below dictionary readings.
    public var score: Double
    public var source: Source
    /// The analysed form as the dictionary spells it (lowercase, ё restored).
    public var form: String

    // Inflection data: paradigm id (-1 for fixed/foreign), form index and original-spelling stem.
    var paradigm: Int32
    var formIndex: Int16
    var stem: String
    var tagID: Int32

    public var isDictionary: Bool { source == .dictionary }
    /// True for readings marked as first name, surname, patronymic, toponym or organization.
    public var isProperName: Bool { !grammemes.isDisjoint(with: .properMarks) }

    public var description: String { "\(lemma) \(grammemes) \(source.rawValue) \(score)" }
}
