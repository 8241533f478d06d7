import Foundation

/// Noun phrases with a head and agreement: all case forms of a nominative name
/// (`phraseForms`) and the nominative of an inflected one (`normalizePhrase`).
///
/// A phrase is read as: agreeing modifiers (adjectives, participles, ordinal numerals), then the
/// head noun, then a tail that never changes (genitive and prepositional groups: «Министерство
/// иностранных дел России», «Ростов-на-Дону» style tails). Words in `[square brackets]` are frozen
/// explicitly. Latin-script words and indeclinable words (США, ЦРУ) keep their form; all-caps
/// abbreviations the dictionary declines (МИД) take lowercase endings (МИДа, МИДом).
enum PhraseInflector {
    struct Word {
        var text: Substring
        var frozen: Bool
        /// Punctuation around the word («"Газпрома"» → `"`, `Газпрома`, `"`), put back on output.
        var lead = ""
        var trail = ""

        init(text: Substring, frozen: Bool) {
            let isWordChar: (Character) -> Bool = { $0.isLetter || $0.isNumber }
            let start = text.firstIndex(where: isWordChar) ?? text.endIndex
            let end = text.lastIndex(where: isWordChar).map { text.index(after: $0) } ?? text.endIndex
            if start < end {
                lead = String(text[text.startIndex..<start])
                trail = String(text[end...])
                self.text = text[start..<end]
            } else {
                self.text = text
            }
            self.frozen = frozen
        }

        var isPunctuation: Bool { !text.contains { $0.isLetter || $0.isNumber } }
    }

    /// Folds punctuation-only tokens into their neighbours (`" Газпрома "` → one word).
    static func attachPunctuation(_ ws: [Word]) -> [Word] {
        var out: [Word] = []
        var pending = ""
        for var w in ws {
            if w.isPunctuation {
                if var last = out.popLast() { last.trail += " " + w.lead + w.text + w.trail; out.append(last) }
                else { pending += w.lead + w.text + w.trail + " " }
                continue
            }
            w.lead = pending + w.lead
            pending = ""
            out.append(w)
        }
        if !pending.isEmpty, var last = out.popLast() { last.trail += " " + pending.trimmingCharacters(in: .whitespaces); out.append(last) }
        return out
    }

    /// Splits on whitespace; `[...]` groups become frozen words (brackets removed).
    static func words(_ phrase: String) -> [Word] {
        var out: [Word] = []
        var inBracket = false
        for raw in phrase.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            var t = raw
            var frozen = inBracket
            if t.hasPrefix("[") { t = t.dropFirst(); frozen = true; inBracket = true }
            if t.hasSuffix("]") { t = t.dropLast(); inBracket = false }
            if !t.isEmpty { out.append(Word(text: t, frozen: frozen)) }
        }
        return attachPunctuation(out)
    }

    static let modifierPOS: Grammemes = [.adjf, .prtf]

    static func isModifier(_ p: MorphParse) -> Bool {
        !p.grammemes.isDisjoint(with: modifierPOS) || (p.grammemes.contains(.numr) && p.grammemes.contains(.anum))
    }

    static func isHead(_ p: MorphParse) -> Bool {
        (p.grammemes.contains(.noun) && p.source != .fixedGuess) || p.source == .foreign || p.source == .abbreviation
    }

    /// Whether two readings agree in case and number (and gender in the singular).
    static func agree(_ modifier: Grammemes, _ head: Grammemes, case c: Grammemes) -> Bool {
        guard modifier.contains(c) || (c == .gen2 && modifier.contains(.gent)) || (c == .loc2 && modifier.contains(.loct)) else { return false }
        let number = head.intersection(.numbers)
        if !number.isEmpty && !modifier.contains(number) { return false }
        if number == .sing {
            let g = head.intersection([.masc, .femn, .neut])
            if !g.isEmpty && !modifier.intersection([.masc, .femn, .neut]).isEmpty && !modifier.contains(g) { return false }
        }
        return true
    }

    /// A reading of the phrase: index of the head, its parse, the modifiers' parses.
    struct Reading {
        var head: Int
        var headParse: MorphParse
        /// Parse per word before the head; nil for a frozen word.
        var modifiers: [MorphParse?]
        var score: Double
    }

    /// Finds the head and a case/number on which the modifiers before it agree with it.
    /// `requireCase` restricts the head's case (nomn when generating forms of a name).
    static func read(_ words: [Word], morphology m: RussianMorphology, analyze: (Substring) -> [MorphParse],
                     requireCase: Grammemes? = nil) -> Reading? {
        let analyses = words.map { $0.frozen ? [] : analyze($0.text) }
        // The longest modifier run wins («Русский музей»: «Русский» could be a noun head too).
        var found: Reading? = nil
        for h in words.indices {
            if words[h].frozen { continue }
            var best: Reading? = nil
            for (rank, hp) in analyses[h].enumerated() where isHead(hp) {
                let c = hp.grammemes.grammaticalCase
                if let r = requireCase, !c.isEmpty, !c.contains(r) { continue }
                var modifiers: [MorphParse?] = []
                var ok = true
                var score = hp.score - 0.001 * Double(rank)
                for i in 0..<h {
                    if words[i].frozen { modifiers.append(nil); continue }
                    let caseToCheck = c.isEmpty ? (requireCase ?? .nomn) : c
                    guard let mp = analyses[i].first(where: { isModifier($0) && agree($0.grammemes, hp.grammemes, case: caseToCheck) }) else {
                        ok = false; break
                    }
                    modifiers.append(mp)
                    score += mp.score
                }
                guard ok else { continue }
                // Prefer the singular when a form is ambiguous (Службы = gen sg / nom pl).
                if hp.grammemes.contains(.sing) { score += 0.5 }
                if hp.grammemes.contains(.nomn) { score += 0.25 }
                if hp.source == .dictionary { score += 1 }
                // ORG/LOC phrases: a toponym or organization reading beats a person-name one
                // (Львова → Львов, not the surname Львова).
                if !hp.grammemes.isDisjoint(with: [.geox, .orgn]) { score += 0.3 }
                if !hp.grammemes.isDisjoint(with: [.name, .surn, .patr]) { score -= 0.3 }
                if best == nil || score > best!.score { best = Reading(head: h, headParse: hp, modifiers: modifiers, score: score) }
            }
            if let b = best { found = b }
            // A word before the head must be able to modify it; stop at the first that cannot.
            if !words[h].frozen && !analyses[h].contains(where: isModifier) { break }
        }
        if found == nil, let last = words.indices.last, !words[last].frozen {
            // No noun: a substantivised adjective or a lone modifier (Центральной → Центральная,
            // русских → русские) heads itself; a fixed guess is the last resort.
            let modifiers = analyses[last].filter(isModifier)
            // A lone adjective in an oblique case is read as masculine when it can be (европейского).
            let lone = modifiers.first { $0.grammemes.contains(.masc) || $0.grammemes.contains(.plur) } ?? modifiers.first
            if let p = lone ?? analyses[last].first(where: { $0.source == .fixedGuess }),
               last == 0 || (0..<last).allSatisfy({ i in analyses[i].contains { isModifier($0) && agree($0.grammemes, p.grammemes, case: p.grammemes.grammaticalCase) } }) {
                let mods: [MorphParse?] = (0..<last).map { i in analyses[i].first { isModifier($0) && agree($0.grammemes, p.grammemes, case: p.grammemes.grammaticalCase) } }
                found = Reading(head: last, headParse: p, modifiers: mods, score: 0)
            }
        }
        return found
    }

    static func isAbbreviation(_ p: MorphParse) -> Bool { p.grammemes.contains(.abbr) || p.source == .abbreviation }

    /// Renders the phrase with the head and modifiers in case `c` and number `number`.
    static func render(_ words: [Word], _ r: Reading, case c: Grammemes, number: Grammemes, morphology m: RussianMorphology) -> String? {
        var out: [String] = []
        let head = r.headParse.grammemes
        for (i, w) in words.enumerated() {
            if i < r.head, r.modifiers[i] == nil {
                out.append(w.lead + w.text + w.trail)
            } else if i < r.head {
                let mp = r.modifiers[i]!
                var target: Grammemes = [c]
                target.formUnion(number)
                if number == .sing { target.formUnion(head.intersection([.masc, .femn, .neut])) }
                if c == .accs { target.formUnion(head.intersection(.animacy)) }
                if head.contains(.msf) && number == .sing { target.subtract(.genders); target.insert(.masc) }
                guard let f = m.inflect(mp, to: target) ?? m.inflect(mp, to: target.subtracting(.animacy)) else { return nil }
                out.append(w.lead + CasePattern.apply(from: w.text, to: f, isAbbreviation: false) + w.trail)
            } else if i == r.head {
                guard let f = m.inflect(r.headParse, to: [c, number]) ?? m.inflect(r.headParse, to: [c]) else { return nil }
                out.append(w.lead + CasePattern.apply(from: w.text, to: f, isAbbreviation: isAbbreviation(r.headParse)) + w.trail)
            } else {
                out.append(String(w.lead + w.text + w.trail))
            }
        }
        return out.joined(separator: " ")
    }

    static func forms(_ phrase: String, morphology m: RussianMorphology, includePlural: Bool,
                      analyze: (Substring) -> [MorphParse]) -> [String] {
        let ws = words(phrase)
        guard !ws.isEmpty else { return [] }
        guard let r = read(ws, morphology: m, analyze: analyze, requireCase: .nomn) else {
            return [ws.map { $0.lead + $0.text + $0.trail }.joined(separator: " ")]
        }
        let g = r.headParse.grammemes
        var numbers: [Grammemes] = [g.contains(.plur) ? .plur : .sing]
        let common = g.isDisjoint(with: .properMarks) && !g.contains(.abbr) && !g.contains(.sgtm) && !g.contains(.pltm)
            && !g.contains(.fixd) && r.headParse.source == .dictionary
        if includePlural && common && g.contains(.sing) { numbers.append(.plur) }
        var out: [String] = []   // ≤ 12 forms: a linear scan dedups cheaper than hashing
        for n in numbers {
            for c in Grammemes.mainCases {
                if let s = render(ws, r, case: c, number: n, morphology: m), !out.contains(s) { out.append(s) }
            }
        }
        return out
    }

    static func normalize(_ tokens: [Substring], morphology m: RussianMorphology, analyze: (Substring) -> [MorphParse]) -> String {
        let ws = attachPunctuation(tokens.map { Word(text: $0, frozen: false) })
        guard !ws.isEmpty else { return "" }
        guard let r = read(ws, morphology: m, analyze: analyze) else { return ws.map { $0.lead + $0.text + $0.trail }.joined(separator: " ") }
        let number: Grammemes = r.headParse.grammemes.contains(.plur) ? .plur : .sing
        return render(ws, r, case: .nomn, number: number, morphology: m) ?? tokens.joined(separator: " ")
    }
}

extension RussianMorphology {
    /// All case forms of a nominative noun phrase (and plural forms for a common-noun head),
    /// deduplicated, in the order nomn, gent, datv, accs, ablt, loct (singular first).
    public func phraseForms(_ phrase: String, includePlural: Bool = true) -> [String] {
        PhraseInflector.forms(phrase, morphology: self, includePlural: includePlural, analyze: { analyze($0) })
    }

    /// The nominative of an inflected ORG/LOC noun phrase (Нижнем Новгороде → Нижний Новгород).
    public func normalizePhrase(_ words: [Substring]) -> String {
        PhraseInflector.normalize(words, morphology: self, analyze: { analyze($0) })
    }
}

extension MorphAnalyzer {
    /// `RussianMorphology.phraseForms` through this analyzer's cache (much faster when many
    /// phrases share words, e.g. compiling a gazetteer).
    public func phraseForms(_ phrase: String, includePlural: Bool = true) -> [String] {
        PhraseInflector.forms(phrase, morphology: morphology, includePlural: includePlural, analyze: { analyze($0) })
    }

    /// `RussianMorphology.normalizePhrase` through this analyzer's cache.
    public func normalizePhrase(_ words: [Substring]) -> String {
        PhraseInflector.normalize(words, morphology: morphology, analyze: { analyze($0) })
    }
}
