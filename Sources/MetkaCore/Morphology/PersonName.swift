/// A person's name normalized to the nominative, with roles and grammatical gender.
public struct PersonName: Hashable, Sendable, CustomStringConvertible {
    public enum Gender: String, Hashable, Sendable { case male = "m", female = "f" }

    public var first: String?
    public var patronymic: String?
    public var last: String?
    public var gender: Gender?
    /// Each input token in the nominative, in input order («Ивановой Натальи» → «Иванова Наталья»).
    public var tokens: [String]

    /// "First [Patronymic] Last" with the parts that are present.
    public var canonical: String { [first, patronymic, last].compactMap { $0 }.joined(separator: " ") }

    /// The input tokens in the nominative, in input order.
    public var normal: String { tokens.joined(separator: " ") }

    public var description: String { "\(canonical) [\(gender?.rawValue ?? "?")]" }
}
