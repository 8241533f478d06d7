/// The ways a person's name appears in Russian news, generated from the structured fields so that
/// nobody types «В. В. Путин» or «Путин В.В.» into a list.
public struct PersonVariant: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Путин
        case last
        /// Владимир Путин
        case firstLast = "first-last"
        /// В. Путин
        case initialLast = "initial-last"
        /// В. В. Путин
        case initialsLast = "initials-last"
        /// Путин В. В. (or Путин В. without a patronymic)
        case lastInitials = "last-initials"
        /// Владимир Владимирович Путин
        case firstPatronymicLast = "first-patronymic-last"
        /// Путин Владимир Владимирович (lists, court reports)
        case lastFirstPatronymic = "last-first-patronymic"
        /// Владимир Владимирович (address form)
        case firstPatronymic = "first-patronymic"
    }

    public var kind: Kind
    public var text: String
    /// Abbreviated forms (initials) and surname-only forms are ambiguous on their own: the
    /// resolver should accept them with a title, a first mention earlier in the document, or the
    /// full name nearby.
    public var needsContext: Bool {
        switch kind {
        case .last, .initialLast, .initialsLast, .lastInitials, .firstPatronymic: true
        case .firstLast, .firstPatronymicLast, .lastFirstPatronymic: false
        }
    }
}

extension PersonRecord {
    /// Variants in a fixed order (Last; First Last; F. Last; F. P. Last; Last F. P.;
    /// First Patronymic Last; Last First Patronymic; First Patronymic). Initials are written
    /// with a space after each dot; the token-key matcher treats «В.В.Путин» and «В. В. Путин»
    /// alike because dots are separate tokens. Eastern-order names get Last First and Last only.
    public func variants() -> [PersonVariant] {
        var out: [PersonVariant] = []
        func add(_ kind: PersonVariant.Kind, _ text: String) {
            if !text.isEmpty, !out.contains(where: { $0.text == text }) { out.append(.init(kind: kind, text: text)) }
        }
        add(.last, last)
        guard !first.isEmpty else { return out }
        if isEasternOrder {
            add(.firstLast, "\(last) \(first)")
            return out
        }
        let f = initial(of: first)
        add(.firstLast, "\(first) \(last)")
        add(.initialLast, "\(f) \(last)")
        if patronymic.isEmpty {
            add(.lastInitials, "\(last) \(f)")
        } else {
            let p = initial(of: patronymic)
            add(.initialsLast, "\(f) \(p) \(last)")
            add(.lastInitials, "\(last) \(f) \(p)")
            add(.firstPatronymicLast, "\(first) \(patronymic) \(last)")
            add(.lastFirstPatronymic, "\(last) \(first) \(patronymic)")
            add(.firstPatronymic, "\(first) \(patronymic)")
        }
        return out
    }

    /// «Владимир» → «В.», «Франк-Вальтер» → «Ф.-В.», «Джей Ди» → «Д. Д.».
    private func initial(of name: String) -> String {
        name.split(separator: " ").map { word in
            word.split(separator: "-").map { part in part.first.map { "\($0)." } ?? "" }.joined(separator: "-")
        }.joined(separator: " ")
    }
}
