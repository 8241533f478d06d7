import Foundation

/// Reads `Gazetteers/index.tsv` and the lists it names (plus user lists) into entries.
///
/// Formats (see `Gazetteers/README.md`): index rows `file, type, subtype, schema, source,
/// license`; `entity` lists `id, name, aliases, attrs`; `person` lists `id, last, first,
/// patronymic, gender, aliases, attrs`. Aliases are `|`-separated with `=` (exact) and `?`
/// (ambiguous) prefixes and `[frozen]` words; attrs are `;`-separated `key=value`.
public enum GazetteerLoader {
    public struct ListSpec: Sendable {
        public var file: String
        public var type: EntityType
        public var subtype: String?
        public var schema: String
    }

    /// The lists declared in an index file.
    public static func index(_ url: URL) throws -> [ListSpec] {
        try TSVFile.rows(url, columns: 4).map { line, cols in
            guard let type = EntityType(rawValue: cols[1]), type != .DATE else {
                throw MetkaError.data("\(url.path):\(line): unknown type '\(cols[1])' (PER, ORG, LOC)")
            }
            guard cols[3] == "entity" || cols[3] == "person" else {
                throw MetkaError.data("\(url.path):\(line): unknown schema '\(cols[3])' (entity, person)")
            }
            return ListSpec(file: cols[0], type: type, subtype: cols[2].isEmpty ? nil : cols[2], schema: cols[3])
        }
    }

    /// All entries of the bundled index in `directory` followed by those of `userLists`
    /// (a user list is a TSV whose first comment line may declare `# metka: type=ORG subtype=company schema=entity`).
    public static func load(directory: URL, userLists: [URL] = []) throws -> [GazetteerEntry] {
        var entries: [GazetteerEntry] = []
        for spec in try index(directory.appendingPathComponent("index.tsv")) {
            entries += try list(directory.appendingPathComponent(spec.file), name: spec.file, spec: spec)
        }
        for url in userLists {
            let spec = try userSpec(url)
            entries += try list(url, name: url.path, spec: spec)
        }
        return entries
    }

    static func userSpec(_ url: URL) throws -> ListSpec {
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw MetkaError.data("\(url.path): cannot read gazetteer")
        }
        var attrs: [String: String] = [:]
        if let header = text.split(separator: "\n").first(where: { $0.hasPrefix("# metka:") }) {
            for pair in header.dropFirst("# metka:".count).split(separator: " ") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                if kv.count == 2 { attrs[String(kv[0])] = String(kv[1]) }
            }
        }
        guard let type = EntityType(rawValue: attrs["type"] ?? ""), type != .DATE else {
            throw MetkaError.data("\(url.path):1: a user gazetteer needs a header line '# metka: type=ORG|LOC|PER [subtype=…] [schema=entity|person]'")
        }
        return ListSpec(file: url.path, type: type, subtype: attrs["subtype"], schema: attrs["schema"] ?? (type == .PER ? "person" : "entity"))
    }

    static func list(_ url: URL, name: String, spec: ListSpec) throws -> [GazetteerEntry] {
        let person = spec.schema == "person"
        return try TSVFile.rows(url, columns: person ? 5 : 2).map { line, cols in
            func col(_ i: Int) -> String { i < cols.count ? cols[i] : "" }
            let attrs = attributes(col(person ? 6 : 3))
            var aliases: [GazetteerAlias] = []
            var parts: GazetteerEntry.PersonParts?
            var canonical: String
            if person {
                let p = GazetteerEntry.PersonParts(last: col(1), first: col(2), patronymic: col(3), gender: col(4))
                parts = p
                canonical = attrs["order"] == "eastern" ? [p.last, p.first].filter { !$0.isEmpty }.joined(separator: " ")
                    : [p.first, p.last].filter { !$0.isEmpty }.joined(separator: " ")
                if let display = attrs["name"] { canonical = display }
                aliases = personVariants(p, eastern: attrs["order"] == "eastern").map { GazetteerAlias(text: $0) }
                aliases += col(5).split(separator: "|").map(GazetteerAlias.init(parsing:)).filter { !$0.text.isEmpty }
            } else {
                canonical = col(1)
                aliases = [GazetteerAlias(text: canonical)]
                aliases += col(2).split(separator: "|").map(GazetteerAlias.init(parsing:)).filter { !$0.text.isEmpty }
            }
            guard !canonical.isEmpty else { throw MetkaError.data("\(url.path):\(line): empty name") }
            var subtype = spec.subtype
            if let s = attrs["subtype"] { subtype = s }
            return GazetteerEntry(list: name, line: line, id: col(0), type: spec.type, subtype: subtype,
                                  name: GazetteerAlias(text: canonical).plain, aliases: aliases, attributes: attrs, person: parts)
        }
    }

    static func attributes(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in text.split(separator: ";") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            out[String(kv[0]).trimmingCharacters(in: .whitespaces)] = kv.count == 2 ? String(kv[1]) : ""
        }
        return out
    }

    /// Name variants of a person: Last; First Last; F. Last; F. P. Last; Last F. P.; First Patronymic Last.
    public static func personVariants(_ p: GazetteerEntry.PersonParts, eastern: Bool) -> [String] {
        guard !p.last.isEmpty else { return p.first.isEmpty ? [] : [p.first] }
        if eastern { return [[p.last, p.first].filter { !$0.isEmpty }.joined(separator: " "), p.last] }
        var out = [p.last]
        if !p.first.isEmpty {
            let f = String(p.first.prefix(1)) + "."
            out.append("\(p.first) \(p.last)")
            out.append("\(f) \(p.last)")
            if !p.patronymic.isEmpty {
                let pi = String(p.patronymic.prefix(1)) + "."
                out.append("\(f) \(pi) \(p.last)")
                out.append("\(p.last) \(f) \(pi)")
                out.append("\(p.first) \(p.patronymic) \(p.last)")
            } else {
                out.append("\(p.last) \(f)")
            }
        }
        return out
    }
}
