/// Person-name tokens → nominative per token, with roles and gender agreement.
///
/// Every token gets its name readings: dictionary first names (Name), patronymics (Patr) and
/// surnames (Surn), guessed surname/patronymic paradigms for capitalised words (also when the
/// dictionary knows the word only as a common word: «Котова», «Черных»), indeclinable readings,
/// and for words with no name reading at all their noun readings (Байдена → Байден). Then one
/// gender and one case are chosen for the whole span — the pair most tokens agree on (ties: the
/// nominative, then the reading scores) — and each token is put in the nominative singular of
/// that gender inside its own paradigm, so «Ивановой» → «Иванова» (not the dictionary lemma
/// «Иванов») and «Юрьевича» → «Юрьевич».
enum NameNormalizer {
    enum Role: Int { case first, patronymic, last, initial, other }

    struct Candidate {
        var parse: MorphParse
        var role: Role
    }

    static func isInitial(_ t: Substring) -> Bool {
        // One pass without building a filtered String (this runs for every name token).
        var letters = 0
        var first: Unicode.Scalar? = nil
        for s in t.unicodeScalars where s.properties.isAlphabetic {
            letters += 1
            if letters > 1 { return false }
            first = s
        }
        guard letters == 1, let first else { return false }
        return (t.count == 1 || t.hasSuffix(".")) && first.properties.isUppercase
    }

    static func candidates(_ token: Substring, morphology m: RussianMorphology) -> [Candidate] {
        let parses = m.analyze(token)
        var out: [Candidate] = []
        for p in parses {
            let g = p.grammemes
            if g.contains(.patr) { out.append(Candidate(parse: p, role: .patronymic)) }
            else if g.contains(.name) { out.append(Candidate(parse: p, role: .first)) }
            else if g.contains(.surn) { out.append(Candidate(parse: p, role: .last)) }
            else if p.source == .foreign { out.append(Candidate(parse: p, role: .other)) }
        }
        let capitalized = token.unicodeScalars.first?.properties.isUppercase ?? false
        if capitalized && !out.contains(where: { $0.role == .last }) {
            // Names the dictionary knows only as common words (Котова, Соколовой, Черных).
            for p in guessedNames(token, morphology: m) {
                out.append(Candidate(parse: p, role: p.grammemes.contains(.patr) ? .patronymic : .last))
            }
        }
        if capitalized && !parses.contains(where: \.isDictionary) && !out.contains(where: { $0.role == .last }) {
            // Unknown word: masculine noun analogies (Скрипаля → Скрипаль, Гренелла → Гренелл).
            let extra = m.withKey(token) { key, n, _ in
                n > 3 ? WordAnalysis.predictNounsByGender(key: key, length: n, lowered: WordAnalysis.lowered(token), lexicon: m.lexicon) : []
            } ?? []
            for p in extra where !parses.contains(where: { $0.lemma == p.lemma && $0.tagID == p.tagID }) {
                out.append(Candidate(parse: p, role: .other))
            }
        }
        // Common-noun readings too (Хана → хан, Байдена → Байден), ranked below name readings.
        for p in parses where p.grammemes.contains(.noun) && p.grammemes.isDisjoint(with: [.name, .surn, .patr]) {
            var q = p
            q.score *= out.isEmpty ? 0.5 : 0.2
            out.append(Candidate(parse: q, role: .other))
        }
        if out.isEmpty, let p = parses.first {
            out.append(Candidate(parse: WordAnalysis.fixed(p.form, [.fixd], p.source, score: 0.1), role: .other))
        }
        return out
    }

    static func guessedNames(_ token: Substring, morphology m: RussianMorphology) -> [MorphParse] {
        m.withKey(token) { key, n, _ in
            let low = WordAnalysis.lowered(token)
            var out: [MorphParse] = []
            for t in m.templates.patronymics + m.templates.surnames {
                out += m.templates.guesses(t, key: key, length: n, lowered: low, lexicon: m.lexicon, score: 0.3)
            }
            if out.isEmpty && (low.suffix(2) == ["и", "х"] || low.suffix(2) == ["ы", "х"]) {
                let s = LexiconText.string(low)
                out.append(WordAnalysis.fixed(s, [.noun, .anim, .msf, .surn, .fixd, .sing], .fixedGuess, score: 0.3))
            }
            return out
        } ?? []
    }

    static func genderOK(_ c: Candidate, _ gender: PersonName.Gender) -> Bool {
        let g = c.parse.grammemes
        if g.contains(.fixd) || g.contains(.msf) { return true }
        // Men's names and surnames of the -а/-я declension (Дерипаска, Шойгу's neighbours Кузьма,
        // Никита) are feminine nouns to a guesser: let them stand for a man.
        if gender == .male && c.role == .other && g.contains(.femn) && (c.parse.lemma.hasSuffix("а") || c.parse.lemma.hasSuffix("я")) {
            return true
        }
        // A woman's foreign surname ending in a consonant does not decline (Мэй, Клинтон):
        // readings guessed from its ending are not used for a woman.
        if gender == .female && c.role == .other && c.parse.source == .suffixGuess { return false }
        if g.intersection([.masc, .femn]).isEmpty { return true }
        return g.contains(gender == .male ? .masc : .femn)
    }

    static func caseOK(_ g: Grammemes, _ c: Grammemes) -> Bool {
        if g.contains(.fixd) || g.grammaticalCase.isEmpty { return true }
        if g.contains(c) { return true }
        return (c == .gent && g.contains(.gen2)) || (c == .loct && g.contains(.loc2))
    }

    static func normalize(_ tokens: [Substring], morphology m: RussianMorphology, cache: NameCandidateCache? = nil) -> PersonName {
        let words = tokens.filter { $0.unicodeScalars.contains { $0.properties.isAlphabetic } }
        // Hyphenated names the dictionary does not know (Рис-Могга, Саифа-ул-Мулука) are normalized
        // part by part; lowercase particles (ул, де, фон) stay as they are.
        var units: [(word: Int, text: Substring, particle: Bool)] = []
        for (wi, w) in words.enumerated() {
            if !isInitial(w), w.contains("-"), !m.isKnown(w) {
                let parts = w.split(separator: "-")
                let isCapitalized: (Substring) -> Bool = { $0.unicodeScalars.first.map(CasePattern.isUpper) ?? false }
                let anyCapitalized = parts.contains(where: isCapitalized)
                for part in parts { units.append((wi, part, anyCapitalized && !isCapitalized(part))) }
            } else {
                units.append((wi, w, false))
            }
        }
        let options: [[Candidate]] = units.map { unit in
            if isInitial(unit.text) || unit.particle { return [] }
            guard let cache else { return candidates(unit.text, morphology: m) }
            return cache.candidates(unit.text) { candidates(unit.text, morphology: m) }
        }

        // Choose (gender, case) for the span.
        var best: (gender: PersonName.Gender, case: Grammemes, matches: Int, score: Double)? = nil
        for gender in [PersonName.Gender.male, .female] {
            for (ci, c) in Grammemes.mainCases.enumerated() {
                var matches = 0
                var score = 0.0
                var informative = false
                for opts in options {
                    // The first best-scoring fitting reading (as `max(by:)` picks), without filtered copies.
                    var top: Candidate? = nil
                    for o in opts {
                        let g = o.parse.grammemes
                        guard g.contains(.sing) || g.intersection(.numbers).isEmpty,
                              genderOK(o, gender) && caseOK(g, c) else { continue }
                        if top == nil || top!.parse.score < o.parse.score { top = o }
                    }
                    if let top {
                        matches += 1
                        score += top.parse.score
                        if !top.parse.grammemes.contains(.fixd) && !top.parse.grammemes.contains(.msf) { informative = true }
                    }
                }
                score -= 0.01 * Double(ci)   // prefer the nominative, then the usual case order
                if gender == .male { score += 0.03 }   // news mentions men more often (Лермонтова → Лермонтов)
                if !informative { score -= 0.05 }
                if best == nil || matches > best!.matches || (matches == best!.matches && score > best!.score) {
                    best = (gender, c, matches, score)
                }
            }
        }
        guard let choice = best else { return PersonName(tokens: tokens.map(String.init)) }

        // Nominative per token and roles.
        var result = PersonName(tokens: [])
        var roles: [(Role, String)] = []
        var anyGendered = false
        var unitRoles: [Role] = []
        var unitTexts: [String] = []
        for (unit, opts) in zip(units, options) {
            let w = unit.text
            if opts.isEmpty {
                unitTexts.append(String(w))
                unitRoles.append(unit.particle ? .other : .initial)
                continue
            }
            let fit = opts.filter { genderOK($0, choice.gender) && caseOK($0.parse.grammemes, choice.case)
                && ($0.parse.grammemes.contains(.sing) || $0.parse.grammemes.intersection(.numbers).isEmpty) }
            let pick = fit.sorted { a, b in
                a.role.rawValue != b.role.rawValue && a.parse.score == b.parse.score ? a.role.rawValue < b.role.rawValue : a.parse.score > b.parse.score
            }.first
            guard let pick else {
                // No reading fits (a woman's indeclinable foreign surname): keep the token.
                unitTexts.append(String(w))
                unitRoles.append(opts.contains { $0.role == .last } ? .last : .other)
                continue
            }
            var target: Grammemes = [.nomn, .sing]
            if !pick.parse.grammemes.contains(.fixd) {
                target.insert(choice.gender == .male ? .masc : .femn)
                if !pick.parse.grammemes.intersection([.masc, .femn]).isEmpty { anyGendered = true }
            }
            var form = m.inflect(pick.parse, to: target) ?? m.inflect(pick.parse, to: [.nomn, .sing]) ?? pick.parse.form
            // Surnames of -ова/-ина type: a feminine reading must stay feminine.
            if pick.parse.paradigm < 0 { form = pick.parse.form }
            unitTexts.append(CasePattern.apply(from: w, to: form, isAbbreviation: false))
            unitRoles.append(pick.role)
        }
        // Join the parts of each word back; a word's role is that of its last named part.
        for wi in words.indices {
            let idx = units.indices.filter { units[$0].word == wi }
            let text = idx.map { unitTexts[$0] }.joined(separator: "-")
            let named = idx.filter { !units[$0].particle }
            let role = named.last.map { unitRoles[$0] } ?? .other
            result.tokens.append(text)
            roles.append((role, text))
        }
        result.gender = anyGendered ? choice.gender : nil

        // Assign roles; unknowns and initials fill the empty slots (by token index, not text).
        var slots: [Role: Int] = [:]
        for (i, (role, _)) in roles.enumerated() where role == .first || role == .patronymic || role == .last {
            if slots[role] == nil { slots[role] = i }
        }
        let used = Set(slots.values)
        for (i, (role, _)) in roles.enumerated() where !used.contains(i) {
            let order: [Role] = role == .initial ? [.first, .patronymic] : [.last, .first]
            if let free = order.first(where: { slots[$0] == nil }) { slots[free] = i }
        }
        result.first = slots[.first].map { roles[$0].1 }
        result.patronymic = slots[.patronymic].map { roles[$0].1 }
        result.last = slots[.last].map { roles[$0].1 }
        return result
    }
}

/// Per-worker memo of a name token's readings (the expensive part of person normalization):
/// first names and common surnames recur across many different name spans.
final class NameCandidateCache {
    private var table: [Substring: [NameNormalizer.Candidate]] = [:]
    private let limit: Int

    init(limit: Int = 100_000) { self.limit = limit }

    func candidates(_ token: Substring, _ compute: () -> [NameNormalizer.Candidate]) -> [NameNormalizer.Candidate] {
        if let c = table[token] { return c }
        if table.count >= limit { table.removeAll(keepingCapacity: true) }
        let c = compute()
        table[token] = c
        return c
    }
}

extension MorphAnalyzer {
    /// `RussianMorphology.normalizePerson` with this worker's memo of name-token readings.
    public func normalizePerson(_ words: [Substring]) -> PersonName {
        NameNormalizer.normalize(words, morphology: morphology, cache: nameCandidates)
    }
}

extension RussianMorphology {
    /// Normalizes a person-name span (tokens without punctuation, initials like «В.» allowed).
    public func normalizePerson(_ words: [Substring]) -> PersonName {
        NameNormalizer.normalize(words, morphology: self)
    }

    public func normalizePerson(_ text: String) -> PersonName {
        normalizePerson(text.split(separator: " "))
    }
}
