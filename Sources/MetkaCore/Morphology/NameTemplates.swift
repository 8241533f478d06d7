/// Paradigms borrowed from known words to inflect unknown names (the guesser's templates).
///
/// An unknown «Шмыговой» is read by trying every form of the paradigm of «Иванов»: the ending
/// «ой» (feminine genitive/dative/…) leaves the stem «шмыгов», which ends in a surname tail
/// («ов»), so it is a surname. Templates are looked up in the lexicon at load by example word,
/// so they follow the dictionary rather than hard-coded ending lists.
struct NameTemplates: Sendable {
    struct Template: Sendable {
        let paradigm: Int
        /// Folded cp1251 stem tails the guessed stem must end with (empty = any stem).
        let tails: [[UInt8]]
        /// Only forms carrying this mark are used (skips e.g. possessive-adjective homonyms).
        let mark: Grammemes
        let source: MorphParse.Source
        let minStem: Int
    }

    let surnames: [Template]
    let patronymics: [Template]
    /// Paradigm of a declinable masculine abbreviation (МИД → МИДа, МИДу, МИДом, МИДе).
    let abbreviation: Template?

    init(lexicon: Lexicon) {
        func template(_ example: String, _ mark: Grammemes, _ tails: [String], _ source: MorphParse.Source, minStem: Int = 2) -> Template? {
            let keyBytes = Array(example.utf8).isEmpty ? [] : NameTemplates.keyBytes(example)
            var hits: [Lexicon.Hit] = []
            keyBytes.withUnsafeBufferPointer { lexicon.lookup($0.baseAddress!, $0.count, into: &hits) }
            guard let hit = hits.first(where: { $0.form == 0 && lexicon.grammemes(paradigm: Int($0.paradigm), form: 0).contains(mark) })
            else { return nil }
            return Template(paradigm: Int(hit.paradigm), tails: tails.map(NameTemplates.keyBytes), mark: mark,
                            source: source, minStem: minStem)
        }
        surnames = [
            template("иванов", .surn, ["ов", "ев", "ин", "ын"], .surnameGuess),
            template("достоевский", .surn, ["ск", "цк"], .surnameGuess),
        ].compactMap { $0 }
        patronymics = [
            template("петрович", .patr, ["ов", "ев"], .patronymicGuess),
        ].compactMap { $0 }
        abbreviation = template("мид", .abbr, [], .abbreviation, minStem: 2)
    }

    static func keyBytes(_ s: String) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: LexiconText.maxKeyLength)
        var yo = false
        let n = buffer.withUnsafeMutableBufferPointer { LexiconText.key(s, into: $0.baseAddress!, hadYo: &yo) } ?? 0
        return Array(buffer[0..<n])
    }

    /// Readings of an unknown word under `template`: every form whose ending the word has and
    /// whose remaining stem ends with one of the template's tails.
    func guesses(_ t: Template, key: UnsafePointer<UInt8>, length: Int, lowered: [Unicode.Scalar],
                 lexicon: Lexicon, score: Double) -> [MorphParse] {
        var out: [MorphParse] = []
        for i in 0..<lexicon.formCount(paradigm: t.paradigm) {
            let g = lexicon.grammemes(paradigm: t.paradigm, form: i)
            guard g.contains(t.mark), g.isDisjoint(with: .rare), lexicon.prefixID(paradigm: t.paradigm, form: i) == 0 else { continue }
            let suffix = lexicon.suffixes.string(lexicon.suffixID(paradigm: t.paradigm, form: i))
            let stemLength = length - suffix.count
            guard stemLength >= t.minStem else { continue }
            var ok = true
            for (j, b) in suffix.enumerated() where key[stemLength + j] != LexiconText.fold(b) { ok = false; break }
            guard ok else { continue }
            if !t.tails.isEmpty {
                ok = t.tails.contains { tail in
                    tail.count < stemLength && tail.enumerated().allSatisfy { key[stemLength - tail.count + $0.offset] == $0.element }
                }
                guard ok else { continue }
            }
            let stem = LexiconText.string(lowered[0..<stemLength])
            out.append(MorphParse(lemma: lexicon.form(paradigm: t.paradigm, form: 0, stem: stem), grammemes: g, score: score,
                                  source: t.source, form: lexicon.form(paradigm: t.paradigm, form: i, stem: stem),
                                  paradigm: Int32(t.paradigm), formIndex: Int16(i), stem: stem,
                                  tagID: Int32(lexicon.tagID(paradigm: t.paradigm, form: i))))
        }
        return out
    }
}
