/// Coarse entity type a gazetteer list feeds (the output schema's `type`).
public enum GazetteerEntityType: String, Sendable, CaseIterable {
    case per = "PER", org = "ORG", loc = "LOC"
}

/// Column layout of a list.
public enum GazetteerSchema: String, Sendable, CaseIterable {
    /// `id, name, aliases, attrs`
    case entity
    /// `id, last, first, patronymic, gender, aliases, attrs`
    case person

    public var columns: [String] {
        switch self {
        case .entity: ["id", "name", "aliases", "attrs"]
        case .person: ["id", "last", "first", "patronymic", "gender", "aliases", "attrs"]
        }
    }
}

/// One row of `index.tsv`: which list holds what, and where it came from.
public struct GazetteerListSpec: Hashable, Sendable {
    /// Path relative to the gazetteer root (as written in the index).
    public var file: String
    public var type: GazetteerEntityType
    /// LOC: country, city, region, other. ORG: free (government, intl, media, …). PER: free.
    public var subtype: String
    public var schema: GazetteerSchema
    public var source: String
    public var license: String
    /// Where this spec was declared.
    public var declaredAt: SourceLocation

    public init(file: String, type: GazetteerEntityType, subtype: String, schema: GazetteerSchema,
                source: String, license: String, declaredAt: SourceLocation) {
        self.file = file
        self.type = type
        self.subtype = subtype
        self.schema = schema
        self.source = source
        self.license = license
        self.declaredAt = declaredAt
    }
}

/// The parsed `index.tsv` (`# file<TAB>type<TAB>subtype<TAB>schema<TAB>source<TAB>license`).
public struct GazetteerIndex: Sendable {
    public static let fileName = "index.tsv"
    public static let locationSubtypes: Set<String> = ["country", "city", "region", "other"]

    public var lists: [GazetteerListSpec]

    public init(lists: [GazetteerListSpec]) { self.lists = lists }

    /// Parses index text; bad rows are skipped and reported.
    public static func parse(_ text: String, file: String = fileName)
        -> (index: GazetteerIndex, diagnostics: [GazetteerDiagnostic])
    {
        let doc = GazetteerTSV.read(text, file: file)
        var diagnostics = doc.diagnostics
        var lists: [GazetteerListSpec] = []
        var seen: [String: SourceLocation] = [:]
        for row in doc.rows {
            let at = SourceLocation(file: file, line: row.line)
            guard row.fields.count == 6 else {
                diagnostics.append(.init(.error, at: at,
                    "expected 6 columns (file, type, subtype, schema, source, license), found \(row.fields.count)"))
                continue
            }
            let f = row.fields.map { String($0).trimmingSpaces() }
            guard let type = GazetteerEntityType(rawValue: f[1]) else {
                diagnostics.append(.init(.error, at: at, "unknown type '\(f[1])' (expected PER, ORG or LOC)"))
                continue
            }
            guard let schema = GazetteerSchema(rawValue: f[3]) else {
                let hint = EditDistance.suggestion(for: f[3], among: GazetteerSchema.allCases.map(\.rawValue))
                diagnostics.append(.init(.error, at: at,
                    "unknown schema '\(f[3])'" + (hint.map { "; did you mean '\($0)'?" } ?? " (expected entity or person)")))
                continue
            }
            if f[0].isEmpty || f[0].hasPrefix("/") || f[0].split(separator: "/").contains("..") {
                diagnostics.append(.init(.error, at: at, "list path '\(f[0])' must be relative and stay inside the gazetteer folder"))
                continue
            }
            if type == .loc, !locationSubtypes.contains(f[2]) {
                let hint = EditDistance.suggestion(for: f[2], among: locationSubtypes)
                diagnostics.append(.init(.error, at: at,
                    "unknown LOC subtype '\(f[2])'" + (hint.map { "; did you mean '\($0)'?" } ?? " (expected country, city, region or other)")))
                continue
            }
            if f[2].isEmpty { diagnostics.append(.init(.error, at: at, "empty subtype")) }
            if f[4].isEmpty { diagnostics.append(.init(.error, at: at, "empty source: every list must say where it came from")) }
            if f[5].isEmpty { diagnostics.append(.init(.error, at: at, "empty license")) }
            if type == .per, schema != .person {
                diagnostics.append(.init(.warning, at: at, "PER list with the entity schema: person variants will not be generated"))
            }
            if let first = seen[f[0]] {
                diagnostics.append(.init(.error, at: at, "list '\(f[0])' is already declared at \(first)"))
                continue
            }
            seen[f[0]] = at
            lists.append(GazetteerListSpec(file: f[0], type: type, subtype: f[2], schema: schema,
                                           source: f[4], license: f[5], declaredAt: at))
        }
        return (GazetteerIndex(lists: lists), diagnostics)
    }
}

extension String {
    /// Trims spaces (not tabs, which are separators) — a stray space is a common hand-edit slip.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
