/// Lexeme + target grammemes → word form.
///
/// Works inside the paradigm of a parse (dictionary or guessed), the way pymorphy's `inflect`
/// does: candidate forms must carry every target grammeme; among them the one closest to the
/// parse's own grammemes with the target's categories swapped in wins (so a feminine surname
/// stays feminine, a participle stays a participle). Rare variants (Infr, Erro, Dist) lose to a
/// plain form; remaining ties go to the spelling closest to the analysed form («Юрьевича» →
/// «Юрьевич», not the dictionary's first variant «Юриевич»).
enum Inflector {
    static func inflect(_ parse: MorphParse, to target: Grammemes, lexicon: Lexicon) -> String? {
        guard parse.paradigm >= 0 else {
            // Fixed words have one form for every case and number.
            return parse.form
        }
        let p = Int(parse.paradigm)
        let desired = parse.grammemes.replacingCategories(with: target)
        let pos = parse.grammemes.partOfSpeech
        var required = target
        if target.partOfSpeech.isEmpty { required.formUnion(pos) }
        func best(_ required: Grammemes) -> Int? {
            var bestIndex: Int? = nil
            var bestScore = -Double.infinity
            var bestPrefix = -1
            for i in 0..<lexicon.formCount(paradigm: p) {
                let g = lexicon.grammemes(paradigm: p, form: i)
                guard g.isSuperset(of: required) else { continue }
                var score = Double(desired.intersection(g).rawValue.nonzeroBitCount)
                    - 0.1 * Double(desired.symmetricDifference(g).rawValue.nonzeroBitCount)
                if !g.isDisjoint(with: .rare) { score -= 2 }
                var prefix = 0
                if score >= bestScore {
                    prefix = commonPrefix(lexicon.form(paradigm: p, form: i, stem: parse.stem), parse.form)
                }
                if score > bestScore || (score == bestScore && prefix > bestPrefix) {
                    bestScore = score; bestIndex = i; bestPrefix = prefix
                }
            }
            return bestIndex
        }
        var index = best(required)
        if index == nil {
            // pymorphy's fix_rare_cases: gen2/loc2/voct fall back to the main case.
            var relaxed = required
            if relaxed.contains(.gen2) { relaxed.remove(.gen2); relaxed.insert(.gent) }
            if relaxed.contains(.loc2) { relaxed.remove(.loc2); relaxed.insert(.loct) }
            if relaxed.contains(.voct) { relaxed.remove(.voct); relaxed.insert(.nomn) }
            relaxed.subtract(.animacy)
            index = best(relaxed)
        }
        guard let i = index else { return nil }
        return lexicon.form(paradigm: p, form: i, stem: parse.stem)
    }

    static func commonPrefix(_ a: String, _ b: String) -> Int {
        var n = 0
        for (x, y) in zip(a.unicodeScalars, b.unicodeScalars) { if x == y { n += 1 } else { break } }
        return n
    }
}

/// Restores the letter case of a source token on a generated form.
enum CasePattern {
    /// `source` «МИДа» + form «мидом» → «МИДом»; «Нижнем» + «нижний» → «Нижний»;
    /// «ПУТИНА» + «путин» → «ПУТИН»; hyphenated parts are cased part by part.
    static func apply(from source: Substring, to form: String, isAbbreviation: Bool) -> String {
        let src = Array(source.unicodeScalars.filter { $0.value != 0x301 })
        let letters = src.filter { $0.properties.isAlphabetic }
        guard !letters.isEmpty else { return form }
        let uppers = letters.filter { $0.properties.isUppercase }.count
        if uppers == 0 { return form }
        // Unchanged word: keep the source exactly (О'Лири, iPhone, ВКонтакте).
        if String(String.UnicodeScalarView(src)).lowercased() == form.lowercased() { return String(String.UnicodeScalarView(src)) }
        let leadingCaps = src.prefix { $0.properties.isUppercase }.count
        if isAbbreviation && leadingCaps >= 2 {
            // Uppercase the abbreviation's letters, keep the case ending lowercase (МИДом).
            let f = Array(form.unicodeScalars)
            let k = min(leadingCaps, f.count)
            return String(String.UnicodeScalarView(f[0..<k])).uppercased() + String(String.UnicodeScalarView(f[k...]))
        }
        if uppers == letters.count && letters.count >= 2 { return form.uppercased() }
        // Part by part across hyphens, dots and apostrophes (Дж.Ханта, Римского-Корсакова):
        // copy each part's case letter by letter where it was capitalised.
        let isSeparator: (Unicode.Scalar) -> Bool = { "-.'’".unicodeScalars.contains($0) }
        let sourceParts = split(src, isSeparator)
        let formParts = split(Array(form.unicodeScalars), isSeparator)
        var out = String.UnicodeScalarView()
        for (i, part) in formParts.enumerated() {
            let sp = i < sourceParts.count ? sourceParts[i] : (sourceParts.last ?? [])
            for (j, ch) in part.enumerated() {
                if j < sp.count, sp[j].properties.isUppercase, j == 0 || j < sp.count - 1 {
                    out.append(contentsOf: String(ch).uppercased().unicodeScalars)
                } else {
                    out.append(ch)
                }
            }
        }
        return String(out)
    }

    /// Splits into parts, each separator kept at the end of its part.
    static func split(_ s: [Unicode.Scalar], _ isSeparator: (Unicode.Scalar) -> Bool) -> [[Unicode.Scalar]] {
        var parts: [[Unicode.Scalar]] = [[]]
        for c in s {
            parts[parts.count - 1].append(c)
            if isSeparator(c) { parts.append([]) }
        }
        return parts
    }
}

extension RussianMorphology {
    /// The form of `parse`'s lexeme with `target` grammemes (lowercase dictionary spelling),
    /// or nil when the lexeme has no such form.
    public func inflect(_ parse: MorphParse, to target: Grammemes) -> String? {
        Inflector.inflect(parse, to: target, lexicon: lexicon)
    }

    /// Inflects `word` (its best reading that has a form with `target`), keeping its letter case
    /// («МИД» + datv → «МИДу»; «Путин» + gent → «Путина»).
    public func inflect(_ word: Substring, to target: Grammemes) -> String? {
        for parse in analyze(word) {
            if let form = inflect(parse, to: target) {
                return CasePattern.apply(from: word, to: form, isAbbreviation: parse.grammemes.contains(.abbr) || parse.source == .abbreviation)
            }
        }
        return nil
    }

    public func inflect(_ word: String, to target: Grammemes) -> String? { inflect(word[...], to: target) }
}
