/// Turns selected candidates into mentions and document-level entities.
///
/// In-document resolution (one entity record per real entity):
/// - gazetteer hits are keyed by their entry; persons from rules by their normalized last name
///   (Путину, Путин, Владимир Путин → one entity), a first name alone joins the single person
///   with that first name;
/// - rule-found organizations and locations are keyed by type + nominative form, and an
///   abbreviation joins the organization whose initials it spells (СВР ↔ Служба внешней разведки);
/// - the entity's `name` is the fullest canonical form seen (gazetteer name, else the longest
///   normalized name), `count` counts body mentions (boilerplate-only entities are marked).
struct EntityResolver {
    let morphology: RussianMorphology
    let gazetteer: CompiledGazetteer
    let worker: WorkerState

    struct Group {
        var key: String
        var type: EntityType
        var subtype: String?
        var name: String
        var nameRank: Int
        var entry: Int32?
        var gender: String?
        var mentions: [Int] = []
    }

    func resolve(_ selected: [(Candidate, [String])], ctx: TokenContext) -> ([Mention], [EntityRecord]) {
        var mentions: [Mention] = []
        var groups: [Group] = []
        // Keys hashed by their bytes (`SimpleStringMap`), with `[String: Int]` semantics.
        var groupIndex = SimpleStringMap<Int>()
        var personByLast = SimpleStringMap<Int>()

        func join(_ key: String, _ make: () -> Group) -> Int {
            if let g = groupIndex[key] { return g }
            groups.append(make())
            groupIndex.set(key, groups.count - 1)
            return groups.count - 1
        }

        var pendingFirstNames: [(mention: Int, first: String)] = []
        // Gazetteer hits first, so a rule-found «Путин» or «МИДа» joins the listed entity
        // whatever the order of mentions; output order is restored at the end.
        var aliasGroups = SimpleStringMap<Int>()
        let ordered = selected.filter { if case .gazetteer = $0.0.reference { return true } else { return false } }
            + selected.filter { if case .gazetteer = $0.0.reference { return false } else { return true } }
        for (c, beaten) in ordered {
            let r = c.tokenRange
            let first = ctx.token(r.lowerBound), last = ctx.token(r.upperBound - 1)
            let text = ctx.document.string(bytes: Int(first.byteStart)..<Int(last.byteEnd))
            var m = Mention(start: first.start, end: last.end, tokenRange: r, type: c.type, subtype: c.subtype, text: text, source: c.source)
            m.boilerplate = ctx.isBoilerplate(r.lowerBound)
            m.explanation = beaten
            m.priority = c.priority
            let words = SimpleText.splitWords(text)  // split at " ", "\n", "\t", NBSP
            let index = mentions.count
            switch c.reference {
            case .gazetteer(let e):
                let entry = gazetteer.entries[Int(e)]
                m.normal = c.type == .PER ? person(words, text).normal : normalPhrase(words, text)
                let g = join("g:" + entry.key) {
                    Group(key: entry.key, type: entry.type, subtype: entry.subtype, name: entry.name, nameRank: 1000,
                          entry: e, gender: entry.person?.gender)
                }
                groups[g].mentions.append(index)
                if let p = entry.person, !p.last.isEmpty {
                    let lastKey = TokenKey.of(p.last)
                    personByLast.set(lastKey, g)
                    personByLast.set(surnameStem(lastKey), g)
                }
                let typePrefix = c.type.rawValue + ":"
                for key in [entry.name, entry.attributes["short"], m.normal].compactMap({ $0 }) {
                    aliasGroups.set(typePrefix + TokenKey.of(key), g)
                }
            case .personName:
                let person = person(words, text)
                m.normal = person.normal
                if let lastName = person.last {
                    let lastKey = TokenKey.of(lastName)
                    let g: Int
                    if let existing = personByLast[lastKey] {
                        g = existing
                    } else {
                        let stem = surnameStem(lastKey)
                        if let existing = personByLast[stem] {
                            g = existing
                        } else {
                            g = join("p:" + stem) {
                                Group(key: "p:" + lastKey, type: .PER, name: person.canonical, nameRank: 0, gender: person.gender?.rawValue)
                            }
                            personByLast.set(stem, g)
                        }
                    }
                    let rank = (person.first != nil ? 2 : 0) + (person.patronymic != nil ? 1 : 0)
                    if groups[g].entry == nil && rank > groups[g].nameRank {
                        groups[g].name = person.canonical
                        groups[g].nameRank = rank
                    }
                    if groups[g].gender == nil { groups[g].gender = person.gender?.rawValue }
                    groups[g].mentions.append(index)
                } else if let firstName = person.first {
                    pendingFirstNames.append((index, firstName))
                } else {
                    let g = join("pt:" + TokenKey.of(person.normal)) {
                        Group(key: "pt:" + person.normal, type: .PER, name: person.normal, nameRank: 0, gender: person.gender?.rawValue)
                    }
                    groups[g].mentions.append(index)
                }
            case .phrase:
                let normal = normalPhrase(words, text)
                m.normal = normal
                let normalKey = TokenKey.of(normal)
                let g = aliasGroups[c.type.rawValue + ":" + normalKey] ?? join("t:" + c.type.rawValue + ":" + normalKey) {
                    Group(key: normal, type: c.type, subtype: c.subtype, name: normal, nameRank: 0)
                }
                groups[g].mentions.append(index)
            }
            mentions.append(m)
        }
        // A first name alone joins the only person with that first name, else stands alone.
        for (index, firstName) in pendingFirstNames {
            let candidates = groups.indices.filter { groups[$0].type == .PER && groups[$0].name.hasPrefix(firstName + " ") }
            if candidates.count == 1 {
                groups[candidates[0]].mentions.append(index)
            } else {
                let g = join("pf:" + TokenKey.of(firstName)) { Group(key: firstName, type: .PER, name: firstName, nameRank: 0) }
                groups[g].mentions.append(index)
            }
        }
        mergeAbbreviations(&groups)
        return records(groups, &mentions)
    }

    /// Feminine and masculine surnames share a stem key (Иванова/Иванов, Рябкова/Рябков).
    func surnameStem(_ key: String) -> String {
        for suffix in ["ова", "ева", "ина", "ына", "ская", "цкая"] where SimpleText.hasSuffix(key, suffix) && key.count > suffix.count + 2 {
            return String(key.dropLast(suffix == "ская" || suffix == "цкая" ? 2 : 1)) + (suffix.hasSuffix("ая") ? "ий" : "")
        }
        return key
    }

    func normalPhrase(_ words: [Substring], _ text: String) -> String {
        guard words.contains(where: { $0.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) } }) else { return text }
        return worker.normalPhrase(text) {
            let n = worker.analyzer.normalizePhrase(words)
            return n.isEmpty ? text : n
        }
    }

    /// Cyrillic names go through the name normalizer; Latin-script names are kept as written
    /// («SeongJoon Cho»): Russian case endings do not apply to them.
    func person(_ words: [Substring], _ text: String) -> PersonName {
        worker.person(text) {
            if words.allSatisfy({ !$0.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) } }) {
                let first = words.dropLast().joined(separator: " ")
                return PersonName(first: first.isEmpty ? nil : first, patronymic: nil, last: words.last.map(String.init),
                                  gender: nil, tokens: words.map(String.init))
            }
            return worker.analyzer.normalizePerson(words)
        }
    }

    /// СВР ↔ Служба внешней разведки: an all-caps rule entity joins the organization whose
    /// capitalised-word initials it spells.
    func mergeAbbreviations(_ groups: inout [Group]) {
        for a in groups.indices where groups[a].type == .ORG && groups[a].entry == nil && !groups[a].mentions.isEmpty {
            let abbr = groups[a].name
            guard abbr.count >= 2, abbr.count <= 6, abbr.unicodeScalars.allSatisfy({ $0.properties.isUppercase }) else { continue }
            for b in groups.indices where b != a && groups[b].type == .ORG && !groups[b].mentions.isEmpty {
                let initials = groups[b].name.split(separator: " ").filter { $0.count > 2 }.compactMap { $0.first }.map { String($0).uppercased() }.joined()
                if initials == abbr {
                    groups[b].mentions += groups[a].mentions
                    groups[a].mentions = []
                    break
                }
            }
        }
    }

    func records(_ groups: [Group], _ mentions: inout [Mention]) -> ([Mention], [EntityRecord]) {
        // Each group's first mention start, computed once rather than inside every comparison.
        let firstStart = groups.map { g in g.mentions.map { mentions[$0].start }.min() ?? 0 }
        let live = groups.indices.filter { !groups[$0].mentions.isEmpty }.sorted { firstStart[$0] < firstStart[$1] }
        var records: [EntityRecord] = []
        for (n, g) in live.enumerated() {
            let group = groups[g]
            let id = "E\(n + 1)"
            var r = EntityRecord(id: id, type: group.type, name: group.name)
            r.subtype = group.subtype
            r.gender = group.gender
            if let e = group.entry {
                let entry = gazetteer.entries[Int(e)]
                r.kb = entry.attributes["kb"]
                r.iso = entry.attributes["iso"]
                r.country = entry.attributes["country"]
                r.short = entry.attributes["short"]
            }
            let body = group.mentions.filter { !mentions[$0].boilerplate }
            r.count = body.isEmpty ? group.mentions.count : body.count
            r.boilerplate = body.isEmpty
            for m in group.mentions {
                mentions[m].entity = id
                if mentions[m].subtype == nil { mentions[m].subtype = group.subtype }
            }
            records.append(r)
        }
        return (mentions.sorted { ($0.start, $0.end) < ($1.start, $1.end) }, records)
    }
}
