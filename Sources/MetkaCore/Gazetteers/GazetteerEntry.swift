import Foundation

/// One gazetteer line: a real-world entity with its canonical name, aliases and attributes.
public struct GazetteerEntry: Sendable {
    /// List file relative to `Gazetteers/` (e.g. `locations/cities.tsv`) or a user file path.
    public var list: String
    public var line: Int
    public var id: String
    public var type: EntityType
    public var subtype: String?
    /// Canonical nominative name (for persons: "First [Patronymic] Last").
    public var name: String
    /// Every name the entry is matched by, the canonical name first.
    public var aliases: [GazetteerAlias]
    /// `key=value` attributes: kb, iso, country, short, decl, ambiguous, …
    public var attributes: [String: String]
    /// Structured name parts of a person entry.
    public var person: PersonParts?

    /// `gazetteer:<list>:<line>`, the provenance every mention from this entry carries.
    public var source: String { "gazetteer:\(list):\(line)" }
    /// Globally unique key: `<list>#<id>`.
    public var key: String { "\(list)#\(id)" }
    public var isAmbiguous: Bool { attributes["ambiguous"] != nil }

    public struct PersonParts: Sendable, Hashable {
        public var last: String
        public var first: String
        public var patronymic: String
        public var gender: String
    }
}

/// One alias as written in a list: text plus the markers of the alias syntax.
public struct GazetteerAlias: Sendable, Hashable {
    /// The alias with markers removed but `[frozen]` brackets kept (the inflector reads them).
    public var text: String
    /// `=alias`: matched exactly as written, never inflected.
    public var exact: Bool
    /// `?alias`: ambiguous on its own, needs context.
    public var ambiguous: Bool

    /// Parses one `|`-separated alias.
    public init(parsing raw: Substring) {
        var s = raw.drop { $0 == " " || $0 == "\t" }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        var exact = false, ambiguous = false
        while let c = s.first, c == "=" || c == "?" {
            if c == "=" { exact = true } else { ambiguous = true }
            s = s.dropFirst()
        }
        self.text = String(s)
        self.exact = exact
        self.ambiguous = ambiguous
    }

    public init(text: String, exact: Bool = false, ambiguous: Bool = false) {
        self.text = text
        self.exact = exact
        self.ambiguous = ambiguous
    }

    /// The alias without `[`/`]`.
    public var plain: String { text.replacingOccurrences(of: "[", with: "").replacingOccurrences(of: "]", with: "") }
}
