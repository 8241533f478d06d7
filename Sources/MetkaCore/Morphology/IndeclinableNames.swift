/// Endings of surnames that do not decline (Черных, Седых, Шевченко, Живаго, Дурново, Гёте,
/// Саркози, Шойгу): an unknown capitalised word with one of them gets one fixed form for all cases.
enum IndeclinableNames {
    static let endings: [[Unicode.Scalar]] = ["их", "ых", "ко", "аго", "яго", "ово", "е", "э", "и", "у", "ю", "о"].map { Array($0.unicodeScalars) }

    static let strongEndings: [[Unicode.Scalar]] = ["их", "ых", "ко", "аго", "яго", "ово"].map { Array($0.unicodeScalars) }

    /// Endings that are (almost) never a case ending of a declinable name.
    static func looksStronglyIndeclinable(_ lowered: [Unicode.Scalar]) -> Bool {
        strongEndings.contains { e in lowered.count > e.count + 1 && Array(lowered.suffix(e.count)) == e }
    }

    static func looksIndeclinable(_ lowered: [Unicode.Scalar]) -> Bool {
        endings.contains { e in lowered.count > e.count + 1 && Array(lowered.suffix(e.count)) == e }
    }
}
