/// The `attrs` column: ordered `key=value` pairs separated by `;`.
///
/// Keys are a closed set so that a typo (`contry=US`) is caught by the checker with a
/// suggestion instead of silently producing an entity without a country.
public struct GazetteerAttributes: Hashable, Sendable {
    public static let knownKeys: Set<String> = [
        "kb", "iso", "iso3", "country", "short", "decl", "ambiguous", "adj", "parent", "lang",
        "role", "order", "kind", "geonames", "capital",
    ]
    public static let declValues: Set<String> = ["abbr", "none"]
    public static let ambiguityValues: Set<String> = ["PER", "ORG", "LOC", "common"]

    /// Pairs in written order (duplicates are reported by the parser, the first one kept).
    public private(set) var pairs: [(key: String, value: String)]

    public init(_ pairs: [(key: String, value: String)] = []) { self.pairs = pairs }

    public subscript(key: String) -> String? { pairs.first { $0.key == key }?.value }

    public var kb: String? { self["kb"] }
    public var country: String? { self["country"] }
    public var iso: String? { self["iso"] }
    public var short: String? { self["short"] }
    /// `ambiguous=` value: the name is also a PER/ORG/LOC or a common word.
    public var ambiguity: String? { self["ambiguous"] }
    /// Relational adjectives (`российский`), nominative masculine.
    public var adjectives: [String] { self["adj"].map { $0.split(separator: "|").map(String.init) } ?? [] }

    /// How the compiler may inflect this entry's names.
    public enum Declension: String, Sendable {
        /// Default: inflect with the morphology (all-caps abbreviations and Latin words stay as written).
        case morphology
        /// All-caps abbreviation that takes case endings (МИДа, МИДе).
        case abbreviation = "abbr"
        /// Never inflect any form of this entry (titles such as «РИА Новости»).
        case none
    }

    public var declension: Declension {
        switch self["decl"] {
        case "abbr": .abbreviation
        case "none": .none
        default: .morphology
        }
    }

    public static func == (a: GazetteerAttributes, b: GazetteerAttributes) -> Bool {
        a.pairs.elementsEqual(b.pairs) { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for p in pairs { hasher.combine(p.key); hasher.combine(p.value) }
    }

    /// Parses the field, reporting malformed pairs, unknown keys (with did-you-mean), duplicate
    /// keys and bad values of the keys whose values are closed sets or fixed shapes.
    static func parse(_ field: Substring, at location: SourceLocation,
                      into diagnostics: inout [GazetteerDiagnostic]) -> GazetteerAttributes {
        var pairs: [(key: String, value: String)] = []
        for item in field.split(separator: ";", omittingEmptySubsequences: true) {
            let piece = item.trimmingSpacesSubstring()
            if piece.isEmpty { continue }
            guard let eq = piece.firstIndex(of: "=") else {
                diagnostics.append(.init(.error, at: location, "attribute '\(piece)' is not key=value"))
                continue
            }
            let key = String(piece[..<eq]), value = String(piece[piece.index(after: eq)...])
            guard knownKeys.contains(key) else {
                let hint = EditDistance.suggestion(for: key, among: knownKeys)
                diagnostics.append(.init(.error, at: location,
                    "unknown attribute key '\(key)'" + (hint.map { "; did you mean '\($0)'?" } ?? "")))
                continue
            }
            if value.isEmpty {
                diagnostics.append(.init(.error, at: location, "attribute '\(key)' has an empty value"))
                continue
            }
            if pairs.contains(where: { $0.key == key }) {
                diagnostics.append(.init(.error, at: location, "attribute '\(key)' is given twice"))
                continue
            }
            if let problem = validate(key: key, value: value) {
                diagnostics.append(.init(.error, at: location, problem))
                continue
            }
            pairs.append((key, value))
        }
        return GazetteerAttributes(pairs)
    }

    private static func validate(key: String, value: String) -> String? {
        func isUpperASCII(_ s: Substring, count: Int) -> Bool {
            s.count == count && s.unicodeScalars.allSatisfy { $0.value >= 65 && $0.value <= 90 }
        }
        switch key {
        case "kb":
            let parts = value.split(separator: ":", maxSplits: 1)
            if parts.count != 2 || parts[1].isEmpty { return "kb '\(value)' must be source:id (wikidata:Q30)" }
            if parts[0] == "wikidata" {
                let id = parts[1]
                if id.first != "Q" || id.dropFirst().isEmpty || !id.dropFirst().allSatisfy(\.isASCIIDigit) {
                    return "Wikidata id '\(id)' must look like Q30"
                }
            }
        case "country":
            if !isUpperASCII(Substring(value), count: 2) { return "country '\(value)' must be an ISO 3166-1 alpha-2 code (US)" }
        case "iso":
            let parts = value.split(separator: "-", maxSplits: 1)
            if !isUpperASCII(parts[0], count: 2) || (parts.count == 2 && parts[1].isEmpty) {
                return "iso '\(value)' must be an ISO 3166 code (US, RU-MOS)"
            }
        case "iso3":
            if !isUpperASCII(Substring(value), count: 3) { return "iso3 '\(value)' must be three capital letters" }
        case "decl":
            if !declValues.contains(value) { return "decl '\(value)' must be abbr or none" }
        case "ambiguous":
            if !ambiguityValues.contains(value) {
                let hint = EditDistance.suggestion(for: value, among: ambiguityValues)
                return "ambiguous '\(value)' must be PER, ORG, LOC or common" + (hint.map { "; did you mean '\($0)'?" } ?? "")
            }
        case "order":
            if value != "eastern" { return "order '\(value)' must be eastern" }
        case "capital":
            if value != "yes" { return "capital '\(value)' must be yes" }
        case "geonames":
            if !value.allSatisfy(\.isASCIIDigit) { return "geonames '\(value)' must be a number" }
        default:
            break
        }
        return nil
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
