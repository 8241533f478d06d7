/// Bridge from the checked records to the runtime `GazetteerEntry` that `CompiledGazetteer`
/// consumes, so the pipeline can load through the checking parser (all problems reported as
/// `file:line: message`, bad rows skipped) instead of stopping at the first bad line.
extension GazetteerRecordSet {
    /// Runtime entries in list order, then row order — the same entries, names, aliases and
    /// attributes `GazetteerLoader.load` produces for a list set without errors.
    public func runtimeEntries() -> [GazetteerEntry] {
        var out: [GazetteerEntry] = []
        var byFile: [String: (entries: [GazetteerRecord], persons: [PersonRecord])] = [:]
        for e in entries { byFile[e.location.file, default: ([], [])].entries.append(e) }
        for p in persons { byFile[p.location.file, default: ([], [])].persons.append(p) }
        for spec in lists {
            guard let group = byFile[spec.file] else { continue }
            let type = EntityType(rawValue: spec.type.rawValue) ?? .ORG
            for e in group.entries {
                let aliases = [e.name.runtimeAlias] + e.aliases.map(\.runtimeAlias)
                out.append(GazetteerEntry(list: e.location.file, line: e.location.line, id: e.id, type: type,
                                          subtype: e.attributes["subtype"] ?? e.subtype, name: e.name.text,
                                          aliases: aliases, attributes: e.attributes.dictionary, person: nil))
            }
            for p in group.persons {
                let parts = GazetteerEntry.PersonParts(last: p.last, first: p.first, patronymic: p.patronymic,
                                                       gender: p.gender?.rawValue ?? "")
                // Surname-only and initial forms need context: they become ambiguous aliases
                // (weaker candidates that lose to any longer or stronger reading).
                let variants = p.variants().map {
                    GazetteerAlias(text: p.isEasternOrder ? Self.easternInflectable($0.text) : $0.text, ambiguous: $0.needsContext)
                }
                let aliases = p.aliases.map { a -> GazetteerAlias in
                    var r = a.runtimeAlias
                    if p.isEasternOrder, !a.isExact, a.frozenWords.isEmpty { r.text = Self.easternInflectable(r.text) }
                    return r
                }
                out.append(GazetteerEntry(list: p.location.file, line: p.location.line, id: p.id, type: type,
                                          subtype: p.attributes["subtype"] ?? p.subtype, name: p.displayName,
                                          aliases: variants + aliases,
                                          attributes: p.attributes.dictionary, person: parts))
            }
        }
        return out
    }

    /// East Asian names in Russian decline only their last word («Ким Чен Ына», «Си Цзиньпину»):
    /// the words before it are frozen, so the inflector does not read the family name as the head
    /// («Кима Чен Ын»). One-word names are returned unchanged.
    static func easternInflectable(_ text: String) -> String {
        let words = text.split(separator: " ")
        guard words.count > 1 else { return text }
        return (words.dropLast().map { "[\($0)]" } + [words.last!]).joined(separator: " ")
    }
}

extension AliasForm {
    /// The runtime alias keeps `[frozen]` brackets in its text (the inflector reads them).
    var runtimeAlias: GazetteerAlias {
        var words = text.split(separator: " ").map(String.init)
        for i in frozenWords where i < words.count { words[i] = "[\(words[i])]" }
        return GazetteerAlias(text: words.joined(separator: " "), exact: isExact, ambiguous: isAmbiguous)
    }
}

extension GazetteerAttributes {
    public var dictionary: [String: String] {
        var d: [String: String] = [:]
        for p in pairs where d[p.key] == nil { d[p.key] = p.value }
        return d
    }
}
