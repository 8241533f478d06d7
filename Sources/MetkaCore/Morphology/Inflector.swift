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
        // Similarity of a candidate's spelling to the analysed form, without building strings:
        // the stem is shared, so compare the paradigm prefix and the ending.
        let ownPrefix = lexicon.prefixID(paradigm: p, form: Int(parse.formIndex))
        let ownSuffix = lexicon.suffixes.string(lexicon.suffixID(paradigm: p, form: Int(parse.formIndex)))
        func closeness(_ i: Int) -> Int {
            guard lexicon.prefixID(paradigm: p, form: i) == ownPrefix else { return 0 }
            let suffix = lexicon.suffixes.string(lexicon.suffixID(paradigm: p, form: i))
            var n = 1
            for (a, b) in zip(suffix, ownSuffix) { if a == b { n += 1 } else { break } }
            return n
        }
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
                if score >= bestScore { prefix = closeness(i) }
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
///
/// Runs for every generated gazetteer form at start-up, so it works on scalar arrays with
/// table-free case tests for Cyrillic and Latin letters rather than on `String` views.
enum CasePattern {
    @inline(__always) static func isUpper(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if (v >= 0x410 && v <= 0x42F) || v == 0x401 || (v >= 0x41 && v <= 0x5A) { return true }
        if v < 0x80 || (v >= 0x430 && v <= 0x44F) || v == 0x451 { return false }
        return s.properties.isUppercase
    }

    @inline(__always) static func isLetter(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if (v >= 0x410 && v <= 0x44F) || v == 0x401 || v == 0x451 || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) { return true }
        if v < 0x80 { return false }
        return s.properties.isAlphabetic
    }

    @inline(__always) static func upper(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let v = s.value
        if (v >= 0x430 && v <= 0x44F) || (v >= 0x61 && v <= 0x7A) { return Unicode.Scalar(v - 0x20)! }
        if v == 0x451 { return "Ё" }
        if v < 0x80 || (v >= 0x410 && v <= 0x42F) { return s }
        let m = s.properties.uppercaseMapping.unicodeScalars
        return m.count == 1 ? m.first! : s
    }

    @inline(__always) static func lower(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let v = s.value
        if (v >= 0x410 && v <= 0x42F) || (v >= 0x41 && v <= 0x5A) { return Unicode.Scalar(v + 0x20)! }
        if v == 0x401 { return "ё" }
        if v < 0x80 || (v >= 0x430 && v <= 0x44F) { return s }
        let m = s.properties.lowercaseMapping.unicodeScalars
        return m.count == 1 ? m.first! : s
    }

    static func isSeparator(_ s: Unicode.Scalar) -> Bool { s == "-" || s == "." || s == "'" || s == "’" }

    /// `source` «МИДа» + form «мидом» → «МИДом»; «Нижнем» + «нижний» → «Нижний»;
    /// «ПУТИНА» + «путин» → «ПУТИН»; parts across hyphens, dots and apostrophes are cased
    /// one by one (Дж.Ханта → Дж.Хант, Римского-Корсакова → Римский-Корсаков).
    static func apply(from source: Substring, to form: String, isAbbreviation: Bool) -> String {
        var src: [Unicode.Scalar] = []
        src.reserveCapacity(24)
        var letters = 0, uppers = 0
        for s in source.unicodeScalars where s.value != 0x301 {
            src.append(s)
            if isLetter(s) { letters += 1; if isUpper(s) { uppers += 1 } }
        }
        if letters == 0 || uppers == 0 { return form }
        var f: [Unicode.Scalar] = []
        f.reserveCapacity(24)
        f.append(contentsOf: form.unicodeScalars)
        // Unchanged word: keep the source exactly (О'Лири, iPhone, ВКонтакте).
        if src.count == f.count && zip(src, f).allSatisfy({ lower($0.0) == lower($0.1) }) { return string(src) }
        var leadingCaps = 0
        while leadingCaps < src.count && isUpper(src[leadingCaps]) { leadingCaps += 1 }
        if isAbbreviation && leadingCaps >= 2 {
            // Uppercase the abbreviation's letters, keep the case ending lowercase (МИДом).
            for i in 0..<min(leadingCaps, f.count) { f[i] = upper(f[i]) }
            return string(f)
        }
        if uppers == letters && letters >= 2 { return string(f.map(upper)) }
        // Part by part: copy each part's capitals position by position.
        var sourcePartStarts = [0]
        for (i, c) in src.enumerated() where isSeparator(c) { sourcePartStarts.append(i + 1) }
        var part = 0, j = 0
        for i in f.indices {
            let start = sourcePartStarts[min(part, sourcePartStarts.count - 1)]
            let partEnd = part + 1 < sourcePartStarts.count ? sourcePartStarts[part + 1] - 1 : src.count
            if start + j < partEnd && isUpper(src[start + j]) && (j == 0 || start + j < partEnd - 1) { f[i] = upper(f[i]) }
            if isSeparator(f[i]) { part += 1; j = 0 } else { j += 1 }
        }
        return string(f)
    }

    @inline(__always) static func string(_ scalars: [Unicode.Scalar]) -> String { LexiconText.string(scalars) }
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
