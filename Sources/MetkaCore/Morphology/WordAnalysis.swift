/// Word → ranked readings: dictionary lookup first, guessers for unknown words.
///
/// Ranking of dictionary readings reproduces pymorphy3's: readings in DAWG order (paradigm id,
/// form index; a spelling without ё before one with ё), then re-sorted by P(tag | word) from the
/// OpenCorpora disambiguated corpus where the corpus has the word (stable, so ties keep DAWG
/// order), else an even share. Guesses for unknown words come in this order: abbreviation
/// forms for all-caps words, name paradigms (surname/patronymic templates) for capitalised words,
/// indeclinable-surname readings, hyphen analysis, then pymorphy-style ending prediction.
enum WordAnalysis {
    static func analyze(_ word: Substring, morphology m: RussianMorphology) -> [MorphParse] {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: LexiconText.maxKeyLength) { buffer in
            var hadYo = false
            var shape = WordShape()
            guard let n = LexiconText.key(word, into: buffer.baseAddress!, hadYo: &hadYo, shape: &shape), n > 0 else {
                return foreign(word)
            }
            return analyze(word, key: UnsafePointer(buffer.baseAddress!), length: n, hadYo: hadYo, shape: shape, morphology: m)
        }
    }

    static func analyze(_ word: Substring, key: UnsafePointer<UInt8>, length n: Int, hadYo: Bool, shape: WordShape,
                        morphology m: RussianMorphology) -> [MorphParse] {
        if shape.cyrillicCount == 0 {
            return shape.latinCount > 0 ? foreign(word) : []
        }
        let known = dictionary(word, key: key, length: n, hadYo: hadYo, lexicon: m.lexicon)
        if !known.isEmpty { return known }
        return guess(word, key: key, length: n, shape: shape, morphology: m)
    }

    static func lowered(_ word: Substring) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(word.utf8.count)
        for s in word.unicodeScalars where s.value != 0x301 { out.append(CasePattern.lower(s)) }
        return out
    }

    static func dictionary(_ word: Substring, key: UnsafePointer<UInt8>, length n: Int, hadYo: Bool, lexicon: Lexicon) -> [MorphParse] {
        var hits: [Lexicon.Hit] = []
        lexicon.lookup(key, n, into: &hits)
        if hits.isEmpty { return [] }
        var parses: [MorphParse] = []
        parses.reserveCapacity(hits.count)
        for h in hits {
            let p = Int(h.paradigm), i = Int(h.form)
            let stem = lexicon.originalStem(entry: Int(h.entry),
                                            folded: UnsafeBufferPointer(start: key + Int(h.stemStart), count: Int(h.stemLength)))
            let tag = lexicon.tagID(paradigm: p, form: i)
            parses.append(MorphParse(lemma: lexicon.form(paradigm: p, form: 0, stem: stem), grammemes: lexicon.tagGrammemes[tag],
                                     score: 0, source: .dictionary, form: lexicon.form(paradigm: p, form: i, stem: stem),
                                     paradigm: Int32(p), formIndex: Int16(i), stem: stem, tagID: Int32(tag)))
        }
        if hadYo {
            let low = lowered(word)
            let spelled = LexiconText.string(low)
            let exact = parses.filter { $0.form == spelled }
            if !exact.isEmpty {
                parses = exact
            } else {
                // The dictionary spells the word with е where the text has ё (Шрёдер vs шредер):
                // keep the text's ё in the stem so the lemma keeps it.
                for i in parses.indices where lexicon.prefixID(paradigm: Int(parses[i].paradigm), form: Int(parses[i].formIndex)) == 0 {
                    let n = parses[i].stem.unicodeScalars.count
                    guard n <= low.count else { continue }
                    let stem = LexiconText.string(low[0..<n])
                    let p = Int(parses[i].paradigm)
                    parses[i].stem = stem
                    parses[i].lemma = lexicon.form(paradigm: p, form: 0, stem: stem)
                    parses[i].form = lexicon.form(paradigm: p, form: Int(parses[i].formIndex), stem: stem)
                }
            }
        } else if parses.contains(where: { $0.form.unicodeScalars.contains("ё") }) {
            // pymorphy tries the spelling as written (е) before the ё-variants.
            parses = parses.filter { !$0.form.unicodeScalars.contains("ё") } + parses.filter { $0.form.unicodeScalars.contains("ё") }
        }
        var probs = lexicon.tagProbabilities(key, n)
        if hadYo {
            // P(t|w) rows are keyed by the exact spelling: look up the ё-spelling as written.
            let low = lowered(word)
            var exact = [UInt8](UnsafeBufferPointer(start: key, count: n))
            if low.count == n {
                for (i, ch) in low.enumerated() where ch == "ё" { exact[i] = 0xB8 }
                probs = exact.withUnsafeBufferPointer { lexicon.tagProbabilities($0.baseAddress!, n) }
            }
        }
        if probs.isEmpty {
            let share = 1.0 / Double(parses.count)
            for i in parses.indices { parses[i].score = share }
        } else {
            for i in parses.indices {
                let t = Int(parses[i].tagID)
                parses[i].score = Double(probs.first(where: { $0.tag == t })?.prob ?? 0) / 1_000_000
            }
            parses = stableSorted(parses)
        }
        return parses
    }

    static func stableSorted(_ parses: [MorphParse]) -> [MorphParse] {
        parses.enumerated().sorted { a, b in
            a.element.score != b.element.score ? a.element.score > b.element.score : a.offset < b.offset
        }.map(\.element)
    }

    static func foreign(_ word: Substring) -> [MorphParse] {
        guard word.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else { return [] }
        let w = String(word)
        return [MorphParse(lemma: w, grammemes: [.fixd], score: 1, source: .foreign, form: w,
                           paradigm: -1, formIndex: 0, stem: w, tagID: -1)]
    }

    static func fixed(_ lowered: String, _ g: Grammemes, _ source: MorphParse.Source, score: Double) -> MorphParse {
        MorphParse(lemma: lowered, grammemes: g, score: score, source: source, form: lowered,
                   paradigm: -1, formIndex: 0, stem: lowered, tagID: -1)
    }

    static func guess(_ word: Substring, key: UnsafePointer<UInt8>, length n: Int, shape: WordShape, morphology m: RussianMorphology) -> [MorphParse] {
        let lexicon = m.lexicon
        let low = lowered(word)
        let lowString = LexiconText.string(low)
        var out: [MorphParse] = []

        // Abbreviations: МИД-like (declinable) or ФСБ-like (fixed).
        if shape.isAllCaps || shape.isCapsWithEnding {
            let capitals = Int(shape.upperCount)
            if let t = m.templates.abbreviation, AbbreviationRules.declines(Array(low[0..<capitals])) {
                out += m.templates.guesses(t, key: key, length: n, lowered: low, lexicon: lexicon, score: 0.9)
                    .filter { Int($0.stem.unicodeScalars.count) == capitals }
            }
            if shape.isAllCaps && out.isEmpty {
                out.append(fixed(lowString, [.noun, .inan, .abbr, .fixd, .sing, .nomn], .abbreviation, score: 0.9))
            }
            if !out.isEmpty { return out }
        }

        // Hyphenated: analyse the last part, keep the rest as a fixed first part.
        if let dash = low.lastIndex(of: "-"), dash > 0, dash < low.count - 1 {
            let head = LexiconText.string(low[0...dash])
            let tail = Substring(LexiconText.string(low[(dash + 1)...]))
            let tailParses = m.analyze(tail)
            if !tailParses.isEmpty {
                return tailParses.map { p in
                    var q = p
                    q.lemma = head + p.lemma; q.form = head + p.form
                    if p.paradigm >= 0 { q.stem = head + p.stem }
                    q.score = p.score * 0.75
                    q.source = p.source == .dictionary ? .hyphenGuess : p.source
                    return q
                }
            }
        }

        // Names: surname and patronymic paradigms; first for capitalised words.
        var names: [MorphParse] = []
        for t in m.templates.patronymics {
            names += m.templates.guesses(t, key: key, length: n, lowered: low, lexicon: lexicon, score: 0.8)
        }
        for t in m.templates.surnames {
            names += m.templates.guesses(t, key: key, length: n, lowered: low, lexicon: lexicon, score: 0.7)
        }
        var indeclinable: [MorphParse] = []
        if shape.isCapitalized && names.isEmpty && IndeclinableNames.looksIndeclinable(low) {
            // After the ending-based readings, except for the unambiguous endings (-их/-ых/-ко/-аго…):
            // «Локхарту» is more often a dative than an indeclinable name.
            let strong = IndeclinableNames.looksStronglyIndeclinable(low)
            for c in Grammemes.mainCases {
                indeclinable.append(fixed(lowString, [.noun, .anim, .msf, .sgtm, .surn, .fixd, .sing, c], .fixedGuess,
                                          score: strong ? 0.6 : 0.2))
            }
            if strong { names += indeclinable; indeclinable = [] }
        }
        var predicted = n <= 2 ? [] : predict(key: key, length: n, lowered: low, lexicon: lexicon)
        if shape.isCapitalized {
            // A capitalised unknown word is far more often a name (a noun) than a verb or adverb.
            predicted = predicted.filter { $0.grammemes.contains(.noun) } + predicted.filter { !$0.grammemes.contains(.noun) }
            if names.isEmpty && n > 3 {
                predicted += predictNounsByGender(key: key, length: n, lowered: low, lexicon: lexicon)
                    .filter { e in !predicted.contains { $0.lemma == e.lemma && $0.tagID == e.tagID } }
            }
            out += names + predicted + indeclinable
        } else {
            out += predicted + names.map { var p = $0; p.score *= 0.1; return p }
        }
        if out.isEmpty {
            out.append(fixed(lowString, [.fixd], .suffixGuess, score: 0.01))
        }
        return out
    }

    /// Masculine noun readings by analogy for a capitalised unknown word: the longest ending whose
    /// known words include a masculine noun. pymorphy's prediction stops at the longest ending with
    /// any reading, which for a foreign surname is often a verb form or a woman's name (Скрипаля →
    /// a gerund, Гренелла → «Гренелла»); a man's declined surname needs its own chance. Not done
    /// for the feminine: a woman's foreign surname does not decline, and Russian-type ones
    /// (-ова, -ина, -ская) have their own templates.
    static func predictNounsByGender(key: UnsafePointer<UInt8>, length n: Int, lowered: [Unicode.Scalar], lexicon: Lexicon) -> [MorphParse] {
        var out: [MorphParse] = []
        for gender in [Grammemes.masc] {
            var suffixLength = min(5, n - 2)
            while suffixLength >= 1 {
                defer { suffixLength -= 1 }
                guard let predictions = lexicon.predictions(key + (n - suffixLength), suffixLength) else { continue }
                var found: [MorphParse] = []
                for (p, i, count) in predictions where lexicon.prefixID(paradigm: p, form: i) == 0 {
                    let g = lexicon.grammemes(paradigm: p, form: i)
                    guard g.contains(.noun), g.contains(gender), !g.contains(.fixd), !g.contains(.plur) else { continue }
                    let suffix = lexicon.suffixes.string(lexicon.suffixID(paradigm: p, form: i))
                    let stemLength = n - suffix.count
                    guard stemLength >= 2, zip(suffix, 0...).allSatisfy({ LexiconText.fold($0.0) == key[stemLength + $0.1] }) else { continue }
                    let stem = LexiconText.string(lowered[0..<stemLength])
                    let tag = lexicon.tagID(paradigm: p, form: i)
                    let lemma = lexicon.form(paradigm: p, form: 0, stem: stem)
                    if found.contains(where: { $0.lemma == lemma && $0.tagID == Int32(tag) }) { continue }
                    found.append(MorphParse(lemma: lemma, grammemes: g, score: 0.3 * Double(count) / Double(max(1, predictions[0].count)),
                                            source: .suffixGuess, form: lexicon.form(paradigm: p, form: i, stem: stem),
                                            paradigm: Int32(p), formIndex: Int16(i), stem: stem, tagID: Int32(tag)))
                }
                if !found.isEmpty { out += found; break }
            }
        }
        return out
    }

    /// pymorphy's known-suffix prediction: the longest ending (≤ 5 letters) seen in the dictionary
    /// proposes its most frequent paradigm forms; scores are the ending's counts, scaled to 0…0.5.
    static func predict(key: UnsafePointer<UInt8>, length n: Int, lowered: [Unicode.Scalar], lexicon: Lexicon) -> [MorphParse] {
        var suffixLength = min(5, n - 1)
        while suffixLength >= 1 {
            defer { suffixLength -= 1 }
            guard let predictions = lexicon.predictions(key + (n - suffixLength), suffixLength) else { continue }
            var out: [MorphParse] = []
            let total = Double(predictions.reduce(0) { $0 + $1.count })
            var seen = Set<String>()
            for (p, i, count) in predictions where lexicon.prefixID(paradigm: p, form: i) == 0 {
                let suffix = lexicon.suffixes.string(lexicon.suffixID(paradigm: p, form: i))
                let stemLength = n - suffix.count
                guard stemLength >= 1, zip(suffix, 0...).allSatisfy({ LexiconText.fold($0.0) == key[stemLength + $0.1] }) else { continue }
                let stem = LexiconText.string(lowered[0..<stemLength])
                let tag = lexicon.tagID(paradigm: p, form: i)
                let lemma = lexicon.form(paradigm: p, form: 0, stem: stem)
                guard seen.insert("\(lemma)|\(tag)").inserted else { continue }
                out.append(MorphParse(lemma: lemma, grammemes: lexicon.tagGrammemes[tag], score: 0.5 * Double(count) / total,
                                      source: .suffixGuess, form: lexicon.form(paradigm: p, form: i, stem: stem),
                                      paradigm: Int32(p), formIndex: Int16(i), stem: stem, tagID: Int32(tag)))
            }
            if !out.isEmpty { return out }
        }
        return []
    }
}
